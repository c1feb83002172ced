"""Shared pieces of the layer classes: the base class and argument checking.

Layers are built from the literal values of a PyTorch constructor call (ints, floats, bools,
strings, None, tuples/lists). Checking is strict where PyTorch's numbers depend on it: a size
must be a Python int (not a bool, not a float), a flag must be a bool.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from typing import Any, Literal, overload

from quizcnn.core.errors import LayerError

# Sizes beyond this are refused: no real layer is this big, and it keeps every computation
# (including the exact per-position receptive-field boxes) fast.
MAX_SIZE = 10**7

REQUIRED = object()
Shape = tuple[int, ...]


@dataclass(frozen=True)
class Layer:
    """Base class: every layer has ``kind``, ``text()``, ``params()`` and ``output_shape()``."""

    @property
    def kind(self) -> str:
        """The PyTorch class name, e.g. ``"Conv2d"``."""
        return type(self).__name__

    def text(self) -> str:  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    def params(self) -> int:
        """Learnable parameters (weights + bias). Buffers are not counted."""
        return 0

    def output_shape(self, shape: Shape) -> Shape:
        """Output shape (no batch dimension) for an input ``shape``; LayerError if impossible."""
        return shape

    def macs(self, shape: Shape, out: Shape) -> int:
        """Multiply-accumulates at batch 1, as torch.utils.flop_counter counts them (bias not
        counted). Pools, norms, activations and dropout count 0."""
        return 0

    def fail(self, message: str, rule: str) -> LayerError:
        """A LayerError naming this layer."""
        return LayerError(message, layer=self.text(), rule=rule)

    def __str__(self) -> str:
        return self.text()


def call_text(name: str, args: Any, kwargs: Any) -> str:
    """A short text of the attempted call, for error messages (reprs of literal values)."""
    parts: list[str] = []
    try:
        parts = [_short_repr(a) for a in list(args)]
        parts += [f"{k}={_short_repr(v)}" for k, v in dict(kwargs).items()]
    except Exception:
        parts = ["..."]
    text = f"{name}({', '.join(parts)})"
    return text if len(text) <= 120 else text[:117] + "..."


def _short_repr(value: Any) -> str:
    try:
        text = repr(value)
    except Exception:
        text = "?"
    return text if len(text) <= 40 else text[:37] + "..."


def bind(
    name: str, signature: tuple[tuple[str, Any], ...], args: Any, kwargs: Any
) -> dict[str, Any]:
    """Bind positional and keyword arguments the way Python binds PyTorch's ``__init__``."""
    where = call_text(name, args, kwargs)
    if not isinstance(args, (list, tuple)):
        raise LayerError("positional arguments must be a list", layer=where, rule="arguments")
    if not isinstance(kwargs, dict):
        raise LayerError("keyword arguments must be a dict", layer=where, rule="arguments")
    # a name starting with "*" is keyword-only (PyTorch's ``*, bias=True``)
    names = [n.lstrip("*") for n, _ in signature]
    positional = [n for n, _ in signature if not n.startswith("*")]
    if len(args) > len(positional):
        raise LayerError(
            f"{name} takes at most {len(positional)} positional arguments, got {len(args)}",
            layer=where,
            rule="too-many-arguments",
        )
    bound: dict[str, Any] = dict(zip(positional, args, strict=False))
    for key, value in kwargs.items():
        if not isinstance(key, str) or key not in names:
            close = difflib.get_close_matches(str(key), names, n=1, cutoff=0.7)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise LayerError(
                f"{name} has no argument {_short_repr(key)}{hint}",
                layer=where,
                rule="unknown-argument",
            )
        if key in bound:
            raise LayerError(
                f"{name} got two values for argument {key!r}",
                layer=where,
                rule="duplicate-argument",
            )
        bound[key] = value
    for key, default in signature:
        key = key.lstrip("*")
        if key not in bound:
            if default is REQUIRED:
                raise LayerError(
                    f"{name} is missing the required argument {key!r}",
                    layer=where,
                    rule="missing-argument",
                )
            bound[key] = default
    bound["__where__"] = where
    return bound


class Checker:
    """Validates bound arguments of one call, raising LayerError that names the call."""

    def __init__(self, bound: dict[str, Any]) -> None:
        self.bound = bound
        self.where = bound["__where__"]

    def fail(self, message: str, rule: str) -> LayerError:
        return LayerError(message, layer=self.where, rule=rule)

    def _int(self, key: str, value: Any, minimum: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"{key} must be an integer, got {_short_repr(value)}", "int-type")
        if value < minimum:
            rule = "positive" if minimum >= 1 else "non-negative"
            word = "at least 1" if minimum >= 1 else "0 or more"
            raise self.fail(f"{key} must be {word}, got {value}", rule)
        if value > MAX_SIZE:
            raise self.fail(f"{key}={value} is larger than {MAX_SIZE}", "too-large")
        return value

    def pos_int(self, key: str) -> int:
        return self._int(key, self.bound[key], 1)

    def any_int(self, key: str) -> int:
        value = self.bound[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"{key} must be an integer, got {_short_repr(value)}", "int-type")
        if abs(value) > MAX_SIZE:
            raise self.fail(f"{key}={value} is too large", "too-large")
        return value

    def _int_any(self, key: str, value: Any) -> int:
        """An int of either sign (padding may be negative: it crops)."""
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"{key} must be an integer, got {_short_repr(value)}", "int-type")
        if abs(value) > MAX_SIZE:
            raise self.fail(f"{key}={value} is too large", "too-large")
        return value

    def opt_int(self, key: str) -> int | None:
        return None if self.bound[key] is None else self.any_int(key)

    def tuple_int(self, key: str, nd: int, minimum: int) -> tuple[int, ...]:
        """An int (repeated nd times) or a tuple/list of nd ints, each >= minimum."""
        value = self.bound[key]
        if isinstance(value, (tuple, list)):
            if len(value) != nd:
                raise self.fail(
                    f"{key} must have {nd} entr{'y' if nd == 1 else 'ies'}, got {len(value)}",
                    "tuple-length",
                )
            return tuple(self._int(key, v, minimum) for v in value)
        return (self._int(key, value, minimum),) * nd

    def flag(self, key: str) -> bool:
        value = self.bound[key]
        if not isinstance(value, bool):
            raise self.fail(f"{key} must be True or False, got {_short_repr(value)}", "bool-type")
        return value

    @overload
    def real(self, key: str, *, allow_none: Literal[False] = False) -> float: ...
    @overload
    def real(self, key: str, *, allow_none: bool) -> float | None: ...
    def real(self, key: str, *, allow_none: bool = False) -> float | None:
        value = self.bound[key]
        if value is None and allow_none:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(f"{key} must be a number, got {_short_repr(value)}", "number-type")
        if isinstance(value, int) and abs(value) > 10**300:
            raise self.fail(f"{key} is too large", "too-large")
        value = float(value)
        if not math.isfinite(value):
            raise self.fail(f"{key} must be a finite number, got {value}", "number-type")
        return value

    def choice(self, key: str, options: tuple[str, ...]) -> str:
        value = self.bound[key]
        if not isinstance(value, str) or value not in options:
            raise self.fail(
                f"{key} must be one of {', '.join(repr(o) for o in options)}, "
                f"got {_short_repr(value)}",
                "bad-choice",
            )
        return value

    def factory_kwargs(self) -> None:
        """PyTorch's device= and dtype=: checked (None or a string) and ignored."""
        self.device_or_dtype("device")
        self.device_or_dtype("dtype")

    def device_or_dtype(self, key: str) -> None:
        """device/dtype are accepted (None or a string) and ignored: they change no number."""
        value = self.bound[key]
        if value is not None and not isinstance(value, str):
            raise self.fail(f"{key} must be None or a string, got {_short_repr(value)}", "type")


def fmt_tuple(values: tuple[int, ...]) -> str:
    """Python tuple syntax: (3,) for one entry, (3, 3) for two."""
    return repr(tuple(values))


def fmt_scalar_or_tuple(values: tuple[int, ...]) -> str:
    """An int when all entries are equal (as PyTorch prints pools), else a tuple."""
    return str(values[0]) if len(set(values)) == 1 else repr(tuple(values))


def spatial_desc(nd: int) -> str:
    """(C, L) / (C, H, W) / (C, D, H, W)."""
    return {1: "(C, L)", 2: "(C, H, W)", 3: "(C, D, H, W)"}.get(nd, f"(C, {nd} spatial dims)")


def need_rank(layer: Layer, shape: Shape, ranks: tuple[int, ...], what: str) -> None:
    if len(shape) not in ranks:
        want = " or ".join(str(r) for r in ranks)
        raise layer.fail(
            f"expects {what} ({want} dims without batch), got input {list(shape)}", "input-rank"
        )


def need_channels(layer: Layer, shape: Shape, name: str, expected: int) -> None:
    """The input's channel count must be the layer's ``name`` argument (``in_channels``...)."""
    if shape[0] != expected:
        raise layer.fail(
            f"{name}={expected} but the input has {shape[0]} channels", "in-channels-mismatch"
        )


def prod(values: Any) -> int:
    result = 1
    for v in values:
        result *= v
    return result
