"""Shared pieces of the templates: layer specs, realistic draws, running the core, formatting.

A *spec* is a PyTorch constructor call kept as data, ``("Conv2d", (3, 64, 7), {"stride": 2})``:
templates draw specs, ``build`` turns them into core layers with ``make_layer`` and
``run`` analyses them with ``quizcnn.core.analyze``. Variants of a spec list (no bias, no
dilation, ...) are how wrong answers are modelled: the core computes those too.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, TypeAlias, TypeVar

from quizcnn.problems.forms import CallArg
from quizcnn.problems.model import ProblemError

if TYPE_CHECKING:
    from quizcnn.core.analyze import Report
    from quizcnn.core.base import Layer
    from quizcnn.core.rf import RF

# an argument of a PyTorch constructor call: a size, a flag, 'same' / a layer text, per-axis sizes
SpecArg: TypeAlias = CallArg
SpecArgs: TypeAlias = tuple[SpecArg, ...]
SpecKwargs: TypeAlias = dict[str, SpecArg]
Spec: TypeAlias = tuple[str, SpecArgs, SpecKwargs]
T = TypeVar("T")
TEXT = "@text"  # a spec holding a layer's text as is: (TEXT, (text,), {})

# Realistic values: channel counts (multiples of 8), image sizes, mid-network feature sizes.
CHANNELS = (16, 24, 32, 48, 64, 96, 128, 160, 192, 256, 320, 384, 512, 640, 768, 1024)
IMAGE_SIZES = (32, 64, 96, 112, 128, 160, 192, 224, 227, 256, 299, 320, 384)
FEATURE_SIZES = (7, 13, 14, 15, 17, 19, 27, 28, 31, 35, 55, 56, 57, 63, 64, 112)


def L(name: str, *args: SpecArg, **kwargs: SpecArg) -> Spec:
    return (name, tuple(args), dict(kwargs))


def int_arg(spec: Spec, i: int) -> int:
    """Positional argument ``i`` of ``spec`` (a channel count or a size the template drew)."""
    value = spec[1][i]
    if not isinstance(value, int):
        raise TypeError(f"argument {i} of {spec_text(spec)} is not a whole number")
    return value


def per_axis(value: SpecArg, n: int = 2) -> tuple[int, ...]:
    """A size given once for all ``n`` axes (``3``) or per axis (``(1, 3)``), per axis."""
    if isinstance(value, tuple):
        return value
    if not isinstance(value, int):
        raise TypeError(f"not a size: {value!r}")
    return (value,) * n


def spec_text(spec: Spec) -> str:
    """PyTorch text of a spec, as a person would write it (``quizcnn calc`` reads it)."""
    name, args, kwargs = spec
    if name == TEXT:
        return str(args[0])
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"


def build(specs: Sequence[Spec]) -> list[Layer]:
    from quizcnn.core import make_layer, parse_layer

    return [parse_layer(str(args[0])) if name == TEXT else make_layer(name, list(args), dict(kwargs))
            for name, args, kwargs in specs]


def _plain(values: tuple[int, ...]) -> int | tuple[int, ...]:
    return values[0] if len(set(values)) == 1 else tuple(values)


def layer_spec(layer: Layer) -> Spec:
    """A spec for a core layer: conv and pool hyperparameters as keywords (so variants can
    change them), any other layer kept as its canonical text."""
    from quizcnn.core.conv import Conv, ConvTranspose
    from quizcnn.core.pool import AvgPool, MaxPool

    kind = layer.kind
    if isinstance(layer, Conv | ConvTranspose):
        kw: SpecKwargs = {}
        if any(v != 1 for v in layer.stride):
            kw["stride"] = _plain(layer.stride)
        if isinstance(layer, Conv) and layer.padding_str:
            kw["padding"] = layer.padding_str
        elif any(layer.padding):
            kw["padding"] = _plain(layer.padding)
        if isinstance(layer, ConvTranspose) and any(layer.output_padding):
            kw["output_padding"] = _plain(layer.output_padding)
        if any(v != 1 for v in layer.dilation):
            kw["dilation"] = _plain(layer.dilation)
        if layer.groups != 1:
            kw["groups"] = layer.groups
        if not layer.bias:
            kw["bias"] = False
        return L(kind, layer.in_channels, layer.out_channels, _plain(layer.kernel_size), **kw)
    if isinstance(layer, MaxPool | AvgPool):
        kw = {"stride": _plain(layer.stride)}
        if any(layer.padding):
            kw["padding"] = _plain(layer.padding)
        if isinstance(layer, MaxPool) and any(v != 1 for v in layer.dilation):
            kw["dilation"] = _plain(layer.dilation)
        if layer.ceil_mode:
            kw["ceil_mode"] = True
        if isinstance(layer, AvgPool) and (layer.count_include_pad is False
                                           or layer.divisor_override is not None):
            return (TEXT, (layer.text(),), {})
        return L(kind, _plain(layer.kernel_size), **kw)
    return (TEXT, (layer.text(),), {})


def run(input_shape: Sequence[int], specs: Sequence[Spec]) -> Report:
    """The core's Report for ``specs`` on ``input_shape`` (LayerError if impossible)."""
    from quizcnn.core import analyze

    return analyze(tuple(input_shape), build(specs))


def count(report: Report, what: str) -> int:
    """The report's total ``what``: "params", "macs" or "flops"."""
    if what == "params":
        return report.params
    if what == "macs":
        return report.macs
    if what == "flops":
        return report.flops
    raise ValueError(f"unknown count {what!r}")


def field_of(report: Report) -> RF:
    """The receptive field of ``report``'s last layer (every template stack has one)."""
    if report.rf is None:
        raise ProblemError("these layers have no receptive field")
    return report.rf


def attempt(fn: Callable[[], T]) -> T | None:
    """``fn()``, or None when the core says the configuration is impossible."""
    from quizcnn.core import LayerError

    try:
        return fn()
    except LayerError:
        return None


def variant(specs: Sequence[Spec],
            change: Callable[[str, SpecArgs, SpecKwargs], Spec | None]) -> list[Spec]:
    """A copy of ``specs`` with ``change(name, args, kwargs)`` applied to each (None: unchanged)."""
    out: list[Spec] = []
    for name, args, kwargs in specs:
        new = change(name, tuple(args), dict(kwargs))
        out.append(new if new is not None else (name, tuple(args), dict(kwargs)))
    return out


def set_kw(specs: Sequence[Spec], prefixes: tuple[str, ...], **values: SpecArg) -> list[Spec]:
    """Set keyword arguments on every spec whose name starts with one of ``prefixes``."""

    def change(name: str, args: SpecArgs, kwargs: SpecKwargs) -> Spec | None:
        if name.startswith(prefixes):
            kwargs.update(values)
            return (name, args, kwargs)
        return None

    return variant(specs, change)


def pick(rng: random.Random, options: Sequence[T]) -> T:
    return options[rng.randrange(len(options))]


def channels(rng: random.Random, lo: int = 16, hi: int = 1024) -> int:
    return pick(rng, [c for c in CHANNELS if lo <= c <= hi])


# -- formatting ---------------------------------------------------------------------------------
def fmt_int(n: int) -> str:
    return f"{n:,}"


def fmt_shape(shape: Sequence[int]) -> str:
    return "×".join(str(v) for v in shape)


def fmt_tex_shape(shape: Sequence[int]) -> str:
    return r" \times ".join(str(v) for v in shape)


def fmt_sig(value: int | Fraction) -> str:
    """A short 3-significant-figure form: 1.23G, 45.2M, 3.46k, 0.127."""
    v = float(value)
    for factor, suffix in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(v) >= factor:
            return f"{v / factor:.3g}{suffix}"
    return f"{v:.3g}"


def fmt_fraction(value: Fraction) -> str:
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def fmt_answer(quantity: str, value: int | Fraction | tuple[int, ...]) -> str:
    if isinstance(value, tuple):
        return fmt_shape(value) if quantity != "hyperparameter" else ", ".join(map(str, value))
    if quantity in ("macs", "flops", "bytes", "mults") and isinstance(value, int):
        return f"{fmt_int(value)} (≈ {fmt_sig(value)})"
    if quantity == "ratio":
        value = Fraction(value)
        if value.denominator == 1:
            return str(value.numerator)
        approx = float(f"{float(value):.3g}")
        shown = f"{int(approx):,}" if abs(approx) >= 1000 else f"{approx:g}"
        return f"{fmt_fraction(value)} ≈ {shown}"
    if isinstance(value, Fraction):
        return fmt_fraction(value)
    return fmt_int(value) if isinstance(value, int) else str(value)
