"""Reading the inputs of the analysis functions: an input shape and a stack of layers.

Shared by ``analyze`` and the receptive-field helpers. Everything bad becomes a LayerError.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from quizcnn.core.base import MAX_SIZE, Layer, Shape
from quizcnn.core.errors import LayerError, ParseError

_SHAPE_SPLIT = re.compile(r"\s*[x×X*,]\s*|\s+")


def to_shape(value: Any) -> Shape:
    """(C, L), (C, H, W) or (C, D, H, W) as a tuple of ints, from a tuple/list or a string
    such as "3x224x224", "3,224,224" or "(3, 224, 224)". No batch dimension."""
    if isinstance(value, str):
        text = value.strip()
        if text[:1] in "([" and text[-1:] in ")]":
            text = text[1:-1].strip()
        text = text[:-1].rstrip() if text.endswith(",") else text  # "(3,)"
        parts = _SHAPE_SPLIT.split(text) if text else []
        if not parts or len(value) > 200 or not all(re.fullmatch(r"\d{1,9}", p) for p in parts):
            raise ParseError(
                f"cannot read input shape {value[:40]!r}; write it like 3x224x224",
                rule="input-shape",
            )
        value = tuple(int(p) for p in parts)
    if not isinstance(value, (tuple, list)):
        raise LayerError(
            f"input shape must be a tuple of ints or a string like '3x224x224', "
            f"got {type(value).__name__}",
            rule="input-shape",
        )
    dims = tuple(value)
    if not 1 <= len(dims) <= 4:
        raise LayerError(
            f"input shape must have 1 to 4 dims (C, L) / (C, H, W) / (C, D, H, W) without "
            f"batch, got {len(dims)}",
            rule="input-shape",
        )
    for d in dims:
        if isinstance(d, bool) or not isinstance(d, int) or not 1 <= d <= MAX_SIZE:
            raise LayerError(
                f"input shape entries must be integers from 1 to {MAX_SIZE}, got {str(d)[:20]}",
                rule="input-shape",
            )
    return dims


def to_layers(layers: Any) -> list[Layer]:
    """Layer objects from a sequence of Layers and/or layer texts, or one multi-line text."""
    if isinstance(layers, str):
        from quizcnn.core.parse import parse_layers

        return list(_guard(lambda: parse_layers(layers), None))
    if isinstance(layers, (Layer, bytes, dict)) or not isinstance(layers, Iterable):
        raise LayerError("layers must be a list of layers or layer texts", rule="layers-type")
    try:
        items = list(layers)
    except Exception as exc:
        raise LayerError("layers could not be read as a list", rule="layers-type") from exc
    result: list[Layer] = []
    for i, item in enumerate(items):
        if isinstance(item, Layer):
            result.append(item)
        elif isinstance(item, str):
            from quizcnn.core.parse import parse_layer

            result.append(_guard(lambda item=item: parse_layer(item), i))
        else:
            raise LayerError(
                f"expected a layer or a layer text, got {type(item).__name__}",
                rule="layers-type",
                index=i,
            )
    return result


def _guard(fn: Any, index: int | None) -> Any:
    try:
        return fn()
    except LayerError as err:
        if index is not None and err.index is None:
            raise err.at(index) from None
        raise
    except Exception as exc:
        raise ParseError(
            f"cannot read layer text: {type(exc).__name__}", rule="parse", index=index
        ) from exc


def walk(shape: Shape, layers: list[Layer]) -> list[Shape]:
    """Input shape of every layer plus the final output: len(layers) + 1 shapes.
    Raises LayerError located at the failing layer's index."""
    shapes = [shape]
    for i, layer in enumerate(layers):
        shape = at_layer(i, layer, "compute the output shape", layer.output_shape, shape)
        shapes.append(shape)
    return shapes


def at_layer(i: int, layer: Any, doing: str, fn: Any, *args: Any) -> Any:
    """``fn(*args)`` for layer ``i``: a LayerError gets the layer's place, and any other
    exception (a bug) becomes a LayerError too, so nothing else leaves the core."""
    try:
        return fn(*args)
    except LayerError as err:
        raise err.at(i, layer.text()) from None
    except Exception as exc:
        raise LayerError(
            f"cannot {doing}: {type(exc).__name__}", layer=layer.text(), rule="invalid", index=i
        ) from exc
