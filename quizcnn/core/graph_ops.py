"""The pieces of a layer graph that are not single-input layers, and how every node moves the
receptive field.

A module a little over 400 lines: each merge (add/mul/concat/slice/reshape/transpose/reduce/
resize/pad) is a small class with its shape, count and field rules side by side, and the field
algebra they share sits with them; splitting it would separate rules that must agree.

A tensor's field (``Field``) is followed per spatial axis of the network input as a covering
box: ``lo``/``hi`` are the first and last input coordinates reached by output position 0
(over every path), ``jump`` the input step between neighbouring positions. A window with
kernel span k_eff, stride s and left padding p maps lo -> lo - p*jump, hi -> hi + (k_eff-1-p)
*jump, jump -> jump*s (the recurrences of Araujo, Norris and Sim, Distill 2019, applied to
both ends of the box). Merging paths takes the box covering all of them when their jumps agree
and gives no field (with a note) when they do not. A tensor computed from a global reduction
(global pooling, a mean over the spatial axes) sees every input pixel: its state is
``"global"``, and where it joins a spatial path (a squeeze-excitation gate, an image-level
pooling branch) the spatial field is kept and ``global_context`` is set instead of folding the
whole input into the size. ``axes`` records which tensor axes (batch left out) carry the input's
spatial axes, so reshapes and transposes that keep them (channel shuffle, channels-last blocks)
keep the field.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from quizcnn.core.base import Layer, Shape, prod
from quizcnn.core.errors import LayerError
from quizcnn.core.linear import Flatten, Linear
from quizcnn.core.norm import LayerNorm
from quizcnn.core.pool import AdaptivePool
from quizcnn.core.rf import RF, layer_step, uniform_adaptive

SPATIAL, GLOBAL, NONE = "spatial", "global", "none"


@dataclass(frozen=True)
class Field:
    """The receptive field of one tensor relative to the network input (see module doc)."""

    state: str
    axes: tuple[int, ...] = ()
    lo: tuple[int, ...] = ()
    hi: tuple[int, ...] = ()
    jump: tuple[int, ...] = ()
    global_context: bool = False
    note: str | None = None

    @classmethod
    def of_input(cls, shape: Shape) -> Field:
        n = len(shape) - 1
        if n < 1:
            return cls(NONE, note="the input has no spatial axes")
        return cls(SPATIAL, tuple(range(1, n + 1)), (0,) * n, (0,) * n, (1,) * n)

    def rf(self) -> RF | None:
        if self.state != SPATIAL:
            return None
        size = tuple(h - lo + 1 for lo, h in zip(self.lo, self.hi, strict=True))
        return RF(size, self.jump, self.lo)

    def none(self, note: str) -> Field:
        return Field(NONE, global_context=self.global_context, note=note)

    def window(self, geometry: list[tuple[int, int, int, int]]) -> Field:
        """Through a window per spatial axis: (kernel, stride, left padding, dilation)."""
        lo, hi, jump = [], [], []
        for a, (k, s, p, d) in enumerate(geometry):
            k_eff = d * (k - 1) + 1
            lo.append(self.lo[a] - p * self.jump[a])
            hi.append(self.hi[a] + (k_eff - 1 - p) * self.jump[a])
            jump.append(self.jump[a] * s)
        return replace(self, lo=tuple(lo), hi=tuple(hi), jump=tuple(jump))


def merge_fields(fields: list[Field], where: str) -> Field:
    """The field of a tensor computed from several (already aligned) fields."""
    ctx = any(f.global_context or f.state == GLOBAL for f in fields)
    for f in fields:
        if f.state == NONE:
            return Field(NONE, global_context=ctx, note=f.note)
    spatial = [f for f in fields if f.state == SPATIAL]
    if not spatial:
        if any(f.state == GLOBAL for f in fields):
            return Field(GLOBAL)
        return Field(NONE, note=f"{where} does not depend on the input")
    first = spatial[0]
    for f in spatial[1:]:
        if f.axes != first.axes:
            return Field(NONE, global_context=ctx, note=f"{where} joins tensors whose spatial "
                         "axes sit in different places")
        if f.jump != first.jump:
            return Field(NONE, global_context=ctx, note=(
                f"{where} joins paths that step through the input differently (jump "
                f"{_axes_text(first.jump)} vs {_axes_text(f.jump)}): no single field covers "
                "them; each path has its own"))
    return Field(
        SPATIAL, first.axes,
        tuple(min(f.lo[a] for f in spatial) for a in range(len(first.lo))),
        tuple(max(f.hi[a] for f in spatial) for a in range(len(first.hi))),
        first.jump, ctx,
    )


def _axes_text(values: tuple[int, ...]) -> str:
    return "x".join(str(v) for v in values)


class GraphOp:
    """A node operation that is not a single core layer. Subclasses are frozen dataclasses."""

    kind = "Op"
    arity: tuple[int, int] = (1, 1)  # least and most tensor inputs

    def text(self) -> str:  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    def params(self) -> int:
        return 0

    def macs(self, shapes: list[Shape], out: Shape) -> int:
        return 0

    def output_shape(self, shapes: list[Shape]) -> Shape:  # pragma: no cover
        raise NotImplementedError

    def field(self, fields: list[Field], shapes: list[Shape], out: Shape) -> Field:
        return fields[0]

    def fail(self, message: str, rule: str) -> LayerError:
        return LayerError(message, layer=self.text(), rule=rule)


def broadcast(shapes: list[Shape], op: GraphOp) -> Shape:
    """NumPy/ONNX broadcasting (right-aligned; 1 stretches)."""
    rank = max(len(s) for s in shapes)
    out = []
    for a in range(rank):
        sizes = {s[a - rank + len(s)] for s in shapes if a - rank + len(s) >= 0}
        sizes.discard(1)
        if len(sizes) > 1:
            shown = ", ".join(str(list(s)) for s in shapes)
            raise op.fail(f"shapes {shown} do not broadcast", "broadcast")
        out.append(sizes.pop() if sizes else 1)
    return tuple(out)


@dataclass(frozen=True)
class Elementwise(GraphOp):
    """Add/Sub/Mul/Div of tensors with broadcasting; ``consts`` are the shapes of constant
    operands (a layer scale, a bias), ``learned`` how many of their values are parameters.
    0 FLOPs, as FlopCounterMode counts."""

    name: str = "Add"
    consts: tuple[Shape, ...] = ()
    learned: int = 0
    arity = (1, 64)

    @property
    def kind(self) -> str:  # type: ignore[override]
        return self.name

    def text(self) -> str:
        extra = "".join(f", const {list(c)}" for c in self.consts)
        return f"{self.name}(tensors{extra})"

    def params(self) -> int:
        return self.learned

    def output_shape(self, shapes: list[Shape]) -> Shape:
        return broadcast([*shapes, *self.consts], self)

    def field(self, fields: list[Field], shapes: list[Shape], out: Shape) -> Field:
        aligned = []
        for f, s in zip(fields, shapes, strict=True):
            shift = len(out) - len(s)
            if f.state == SPATIAL:
                axes = tuple(a + shift for a in f.axes)
                if any(s[a] == 1 and out[a + shift] != 1 for a in f.axes):
                    return f.none(f"{self.name} stretches a tensor along a spatial axis")
                f = replace(f, axes=axes)
            aligned.append(f)
        return merge_fields(aligned, self.name)


@dataclass(frozen=True)
class Concat(GraphOp):
    """Concatenation along ``axis`` (batch left out: 0 is channels)."""

    axis: int = 0
    arity = (1, 1024)
    kind = "Concat"

    def text(self) -> str:
        return f"Concat(axis={self.axis})"

    def output_shape(self, shapes: list[Shape]) -> Shape:
        rank = len(shapes[0])
        if not 0 <= self.axis < rank:
            raise self.fail(f"axis {self.axis} is outside a rank-{rank} tensor", "axis")
        for s in shapes:
            if len(s) != rank or any(
                a != b for i, (a, b) in enumerate(zip(s, shapes[0], strict=True)) if i != self.axis
            ):
                shown = ", ".join(str(list(x)) for x in shapes)
                raise self.fail(f"shapes {shown} differ off axis {self.axis}", "concat-shapes")
        total = sum(s[self.axis] for s in shapes)
        return tuple(total if i == self.axis else n for i, n in enumerate(shapes[0]))

    def field(self, fields: list[Field], shapes: list[Shape], out: Shape) -> Field:
        for f in fields:
            if f.state == SPATIAL and self.axis in f.axes:
                return f.none("concatenation along a spatial axis")
        return merge_fields(list(fields), "Concat")


@dataclass(frozen=True)
class Slice(GraphOp):
    """x[start:stop:step] on one axis (a channel split, or a crop of a spatial axis); the
    bounds are clamped as Python slices are."""

    axis: int = 0
    start: int = 0
    stop: int | None = None
    step: int = 1
    kind = "Slice"

    def text(self) -> str:
        stop = "" if self.stop is None else str(self.stop)
        step = "" if self.step == 1 else f":{self.step}"
        return f"Slice(axis={self.axis}, {self.start}:{stop}{step})"

    def _range(self, n: int) -> range:
        return range(n)[self.start:self.stop:self.step]

    def output_shape(self, shapes: list[Shape]) -> Shape:
        shape = shapes[0]
        if not 0 <= self.axis < len(shape):
            raise self.fail(f"axis {self.axis} is outside a rank-{len(shape)} tensor", "axis")
        if self.step < 1:
            raise self.fail("only forward slices (step >= 1) are supported", "slice-step")
        n = len(self._range(shape[self.axis]))
        if n < 1:
            raise self.fail(f"the slice of size {shape[self.axis]} is empty", "slice-empty")
        return tuple(n if i == self.axis else d for i, d in enumerate(shape))

    def field(self, fields: list[Field], shapes: list[Shape], out: Shape) -> Field:
        f = fields[0]
        if f.state != SPATIAL or self.axis not in f.axes:
            return f
        a = f.axes.index(self.axis)
        first = self._range(shapes[0][self.axis])[0]
        geometry = [(1, 1, 0, 1)] * len(f.axes)
        geometry[a] = (1, self.step, -first, 1)  # a crop is a 1-pixel window shifted by first
        return f.window(geometry)


@dataclass(frozen=True)
class Reshape(GraphOp):
    """Reshape to ``target`` (batch left out, every entry resolved)."""

    target: Shape = ()
    kind = "Reshape"

    def text(self) -> str:
        return f"Reshape({list(self.target)})"

    def output_shape(self, shapes: list[Shape]) -> Shape:
        if prod(self.target) != prod(shapes[0]):
            raise self.fail(
                f"cannot reshape {list(shapes[0])} ({prod(shapes[0])} values) to "
                f"{list(self.target)}", "reshape-size")
        return tuple(self.target)

    def field(self, fields: list[Field], shapes: list[Shape], out: Shape) -> Field:
        return reshape_field(fields[0], shapes[0], out, self.kind)


def reshape_field(f: Field, shape: Shape, out: Shape, kind: str) -> Field:
    """A reshape keeps the field when the axes from the first spatial one on are kept as the
    trailing axes (channel shuffle splits and joins channels in front of them)."""
    if f.state != SPATIAL:
        return f
    first = min(f.axes)
    tail = shape[first:]
    if len(out) >= len(tail) and tuple(out[len(out) - len(tail):]) == tuple(tail):
        shift = len(out) - len(shape)
        return replace(f, axes=tuple(a + shift for a in f.axes))
    return f.none(f"{kind} merges or splits the spatial axes: no per-axis field after it")


@dataclass(frozen=True)
class Transpose(GraphOp):
    """Permute the axes (batch left out): output axis i is input axis perm[i]."""

    perm: tuple[int, ...] = ()
    kind = "Transpose"

    def text(self) -> str:
        return f"Transpose({list(self.perm)})"

    def output_shape(self, shapes: list[Shape]) -> Shape:
        shape = shapes[0]
        if sorted(self.perm) != list(range(len(shape))):
            raise self.fail(f"perm {list(self.perm)} does not fit {list(shape)}", "perm")
        return tuple(shape[p] for p in self.perm)

    def field(self, fields: list[Field], shapes: list[Shape], out: Shape) -> Field:
        f = fields[0]
        if f.state != SPATIAL:
            return f
        return replace(f, axes=tuple(self.perm.index(a) for a in f.axes))


@dataclass(frozen=True)
class Reduce(GraphOp):
    """Mean (or max) over ``axes`` (batch left out); over every spatial axis it is a global
    pooling: the result sees the whole input."""

    axes: tuple[int, ...] = ()
    keepdims: bool = True
    how: str = "Mean"

    @property
    def kind(self) -> str:  # type: ignore[override]
        return f"Reduce{self.how}"

    def text(self) -> str:
        return f"{self.kind}(axes={list(self.axes)}, keepdims={self.keepdims})"

    def output_shape(self, shapes: list[Shape]) -> Shape:
        shape = shapes[0]
        if not self.axes or any(not 0 <= a < len(shape) for a in self.axes):
            raise self.fail(f"axes {list(self.axes)} do not fit {list(shape)}", "axis")
        if self.keepdims:
            return tuple(1 if i in self.axes else n for i, n in enumerate(shape))
        return tuple(n for i, n in enumerate(shape) if i not in self.axes)

    def field(self, fields: list[Field], shapes: list[Shape], out: Shape) -> Field:
        f = fields[0]
        if f.state != SPATIAL:
            return f
        reduced = set(self.axes) & set(f.axes)
        if reduced == set(f.axes):
            return Field(GLOBAL)
        if reduced:
            return f.none(f"{self.kind} over some spatial axes only")
        if self.keepdims:
            return f
        return replace(f, axes=tuple(a - sum(r < a for r in self.axes) for a in f.axes))


@dataclass(frozen=True)
class Resize(GraphOp):
    """Resize (interpolate) the spatial axes to ``size``; ``mode`` as given. After it the
    field depends on the output position (unless the size is unchanged)."""

    size: tuple[int, ...] = ()
    mode: str = "nearest"
    kind = "Resize"

    def text(self) -> str:
        return f"Resize(size={list(self.size)}, mode={self.mode!r})"

    def output_shape(self, shapes: list[Shape]) -> Shape:
        shape = shapes[0]
        if len(self.size) != len(shape) - 1 or any(v < 1 for v in self.size):
            raise self.fail(f"size {list(self.size)} does not fit {list(shape)}", "resize-size")
        return (shape[0], *self.size)

    def field(self, fields: list[Field], shapes: list[Shape], out: Shape) -> Field:
        f = fields[0]
        if f.state != SPATIAL or out == shapes[0]:
            return f
        return f.none("after a Resize neighbouring outputs step through the input by a "
                      "fraction of a pixel, so the field depends on the output position")


@dataclass(frozen=True)
class PadOp(GraphOp):
    """Constant padding: (before, after) for every axis (batch left out)."""

    pads: tuple[tuple[int, int], ...] = ()
    kind = "Pad"

    def text(self) -> str:
        return f"Pad({[list(p) for p in self.pads]})"

    def output_shape(self, shapes: list[Shape]) -> Shape:
        shape = shapes[0]
        if len(self.pads) != len(shape):
            raise self.fail(f"pads for {len(self.pads)} axes, input {list(shape)}", "pad-rank")
        out = tuple(n + b + a for n, (b, a) in zip(shape, self.pads, strict=True))
        if any(v < 1 for v in out):
            raise self.fail(f"padding leaves an empty axis: {list(out)}", "pad-empty")
        return out

    def field(self, fields: list[Field], shapes: list[Shape], out: Shape) -> Field:
        f = fields[0]
        if f.state != SPATIAL:
            return f
        return f.window([(1, 1, self.pads[a][0], 1) for a in f.axes])


def layer_field(layer: Layer, f: Field, shape: Shape, out: Shape) -> Field:
    """How a single-input core layer moves a tensor's field."""
    if f.state != SPATIAL:
        return f
    if isinstance(layer, (Linear, LayerNorm)):
        mixed = len(layer.normalized_shape) if isinstance(layer, LayerNorm) else 1
        if any(a >= len(shape) - mixed for a in f.axes):
            return f.none(f"{layer.kind} mixes a spatial axis: no per-axis field after it")
        return f
    if isinstance(layer, Flatten):
        return reshape_field(f, shape, out, "Flatten")
    n = len(shape) - 1
    if f.axes != tuple(range(1, n + 1)):
        return f.none(f"{layer.kind} expects channels first, the spatial axes are elsewhere")
    if isinstance(layer, AdaptivePool) and all(o == 1 for o in out[1:]):
        return Field(GLOBAL)
    kind, data = layer_step(layer, shape)
    if kind == "point":
        return f
    if kind == "window":
        return f.window(data)
    if kind == "adaptive":
        geometry = []
        for n_in, o in data:
            ks = uniform_adaptive(n_in, o)
            if ks is None:
                return f.none(f"{layer.kind} pools windows of different sizes ({n_in} -> {o})")
            geometry.append((ks[0], ks[1], 0, 1))
        return f.window(geometry)
    if kind == "dense":
        return f.none(str(data))
    return f.none(f"after {layer.kind} the field depends on the output position (it steps "
                  "through the input by a fraction of a pixel)")


def describe(op: Any) -> str:
    """The op's canonical text (a core layer or a GraphOp)."""
    return str(op.text())
