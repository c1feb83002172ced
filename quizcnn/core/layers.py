"""Layer objects with PyTorch's semantics and argument names, and ``make_layer``.

Each layer is a frozen dataclass with ``kind`` (PyTorch class name), ``text()`` (canonical
constructor text, parseable by ``parse_layer``), ``params()`` (learnable parameters),
``output_shape(shape)`` and ``macs(shape, out)``. Shapes carry no batch dimension.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from quizcnn.core.base import Layer, call_text
from quizcnn.core.conv import Conv, ConvTranspose
from quizcnn.core.errors import LayerError, ParseError
from quizcnn.core.linear import Flatten, Linear
from quizcnn.core.norm import BatchNorm, GroupNorm, InstanceNorm, LayerNorm, LocalResponseNorm
from quizcnn.core.pad import PAD_KINDS, Pad
from quizcnn.core.pointwise import POINTWISE, Pointwise, PReLU
from quizcnn.core.pool import AdaptivePool, AvgPool, MaxPool
from quizcnn.core.resample import PixelShuffle, Upsample

__all__ = [
    "LAYER_NAMES",
    "AdaptivePool",
    "AvgPool",
    "BatchNorm",
    "Conv",
    "ConvTranspose",
    "Flatten",
    "GroupNorm",
    "InstanceNorm",
    "Layer",
    "LayerNorm",
    "Linear",
    "LocalResponseNorm",
    "MaxPool",
    "PReLU",
    "Pad",
    "PixelShuffle",
    "Pointwise",
    "Upsample",
    "make_layer",
]

Builder = Callable[[str, Any, Any], Layer]


def _nd(builder: Callable[..., Layer], nd: int) -> Builder:
    return lambda name, args, kwargs: builder(nd, name, args, kwargs)


def _adaptive(op: str, nd: int) -> Builder:
    return lambda name, args, kwargs: AdaptivePool.build(op, nd, name, args, kwargs)


def _pad_builder(mode: str, nd: int) -> Builder:
    return lambda name, args, kwargs: Pad.build(mode, nd, name, args, kwargs)


_BUILDERS: dict[str, Builder] = {}
for _d in (1, 2, 3):
    _BUILDERS[f"Conv{_d}d"] = _nd(Conv.build, _d)
    _BUILDERS[f"ConvTranspose{_d}d"] = _nd(ConvTranspose.build, _d)
    _BUILDERS[f"MaxPool{_d}d"] = _nd(MaxPool.build, _d)
    _BUILDERS[f"AvgPool{_d}d"] = _nd(AvgPool.build, _d)
    _BUILDERS[f"AdaptiveAvgPool{_d}d"] = _adaptive("Avg", _d)
    _BUILDERS[f"AdaptiveMaxPool{_d}d"] = _adaptive("Max", _d)
    _BUILDERS[f"BatchNorm{_d}d"] = _nd(BatchNorm.build, _d)
    _BUILDERS[f"InstanceNorm{_d}d"] = _nd(InstanceNorm.build, _d)
    for _pad in PAD_KINDS:
        _BUILDERS[f"{_pad}Pad{_d}d"] = _pad_builder(_pad, _d)
for _name in ("Upsample", "UpsamplingNearest2d", "UpsamplingBilinear2d"):
    _BUILDERS[_name] = Upsample.build
_BUILDERS["PixelShuffle"] = PixelShuffle.build
_BUILDERS["PixelUnshuffle"] = PixelShuffle.build
_BUILDERS["Linear"] = Linear.build
_BUILDERS["Flatten"] = Flatten.build
_BUILDERS["GroupNorm"] = GroupNorm.build
_BUILDERS["LayerNorm"] = LayerNorm.build
_BUILDERS["LocalResponseNorm"] = LocalResponseNorm.build
_BUILDERS["PReLU"] = PReLU.build
_BUILDERS["Identity"] = Pointwise.build
for _name in POINTWISE:
    _BUILDERS[_name] = Pointwise.build

LAYER_NAMES: frozenset[str] = frozenset(_BUILDERS)


def make_layer(name: str, args: list[Any] | tuple[Any, ...], kwargs: dict[str, Any]) -> Layer:
    """Build a layer from a PyTorch constructor call: ``make_layer("Conv2d", [3, 64, 7],
    {"stride": 2, "padding": 3, "bias": False})``.

    Positional arguments follow PyTorch's order, keywords use PyTorch's names and omitted
    arguments take PyTorch's defaults. Everything that does not depend on the input is checked
    here (types, sizes, groups, output_padding, 'same' with stride > 1, pool padding, ...).
    Raises ParseError for an unknown layer name, LayerError for any other bad argument.
    """
    if not isinstance(name, str) or name not in _BUILDERS:
        shown = name if isinstance(name, str) else repr(name)
        raise ParseError(
            f"unknown layer {shown[:60]!r}",
            layer=call_text(str(shown)[:60], [], {}),
            rule="unknown-layer",
        )
    try:
        return _BUILDERS[name](name, args, kwargs)
    except LayerError:
        raise
    except Exception as exc:
        raise LayerError(
            f"cannot build {name}: {type(exc).__name__}: {exc}",
            layer=call_text(name, args, kwargs),
            rule="invalid-arguments",
        ) from exc
