"""Receptive fields, three ways.

1. ``rf_front_to_back``: the recurrences of Araujo, Norris and Sim, "Computing Receptive Fields
   of Convolutional Neural Networks" (Distill, 2019). Per spatial axis, through a layer with
   dilated kernel k_eff = d(k-1)+1, stride s and left/top padding p:
       size_out = size_in + (k_eff - 1) * jump_in
       jump_out = jump_in * s
       start_out = start_in - p * jump_in
   ``start`` is the input coordinate of the first pixel in the field of output position 0
   (negative: inside the padding). ``padding='same'`` puts floor(total/2) on the left/top.
   The field of output position i spans [start + i*jump, start + i*jump + size - 1].
2. ``rf_back_to_front``: the classic hand method r_in = (r_out - 1) * s + k_eff, from the
   last layer back to the input, with texts for worked solutions.
3. ``rf_box``: the exact inclusive input interval influencing one output position, found by
   following that position's taps back through every layer. It also works through transposed
   convolutions, whose field depends on the output position (a fractional step), so the
   recurrences give no single number there: they return None with a note instead.

Layers that act on each position alone (norms, activations, dropout, Identity) leave the field
unchanged; padding layers only move it (start - before); PixelUnshuffle(r) is an r x r window at
stride r. After a transposed conv, an upsample, a PixelShuffle, an adaptive pool with unequal
windows, a Linear or a Flatten, the field is not one number per axis: ``rf`` is None and
``rf_note`` says why. ``rf_box`` follows nearest upsampling and PixelShuffle exactly (the input
pixel each output copies); through interpolating upsampling modes it raises LayerError.
Max-pools are treated by their window geometry (every pixel of the window can be the argmax).

Why one module of ~520 lines: the three methods share one per-layer geometry (``layer_step``)
and are tested against each other and the oracle; split, each would import the other's
internals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from quizcnn.core.base import Layer, Shape
from quizcnn.core.chain import to_layers, to_shape, walk
from quizcnn.core.conv import Conv, ConvTranspose
from quizcnn.core.errors import LayerError
from quizcnn.core.linear import Flatten, Linear
from quizcnn.core.pad import Pad
from quizcnn.core.pointwise import Pointwise
from quizcnn.core.pool import AdaptivePool, AvgPool, MaxPool, adaptive_window
from quizcnn.core.resample import INTERPOLATING, PixelShuffle, Upsample

MAX_BOX_SET = 1 << 22
MAX_BOX_WORK = 20_000_000


@dataclass(frozen=True)
class RF:
    """Receptive field per spatial axis: size, jump (effective stride) and start."""

    size: tuple[int, ...]
    jump: tuple[int, ...]
    start: tuple[int, ...]

    def _index(self, i: Any) -> tuple[int, ...]:
        idx = (i,) * len(self.size) if isinstance(i, int) else i
        if (
            not isinstance(idx, (tuple, list))
            or len(idx) != len(self.size)
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in idx)
        ):
            raise LayerError(
                f"output index must be an int or {len(self.size)} ints, got {str(i)[:40]}",
                rule="position-out-of-range",
            )
        return tuple(idx)

    def center(self, i: int | tuple[int, ...] = 0) -> tuple[float, ...]:
        """Center (input coordinates) of the field of output index i (an int for every axis,
        or one index per axis)."""
        idx = self._index(i)
        return tuple(
            s + x * j + (r - 1) / 2
            for s, x, j, r in zip(self.start, idx, self.jump, self.size, strict=True)
        )

    def span(self, i: int | tuple[int, ...] = 0) -> tuple[tuple[int, int], ...]:
        """Inclusive [first, last] input coordinates of the field of output index i."""
        idx = self._index(i)
        return tuple(
            (s + x * j, s + x * j + r - 1)
            for s, x, j, r in zip(self.start, idx, self.jump, self.size, strict=True)
        )

    def to_dict(self) -> dict[str, list[int]]:
        return {"size": list(self.size), "jump": list(self.jump), "start": list(self.start)}


# --- per-layer geometry -------------------------------------------------------------------

# A step is one of:
#   ("point", None)                      the field does not change
#   ("window", [(k, s, p_left, d), ...]) one entry per spatial axis
#   ("adaptive", [(n, o), ...])          o=None: axis kept
#   ("transposed", [(k, s, p, d), ...])
#   ("resample", [fn, ...])              fn(output index) -> input indices (upsampling,
#                                        pixel shuffle): the step is a fraction of a pixel
#   ("dense", note)                      the field is not one number per axis


def layer_step(layer: Layer, shape: Shape) -> tuple[str, Any]:
    """How ``layer`` (seeing input ``shape``) moves the receptive field."""
    if isinstance(layer, Conv):
        return "window", [
            (layer.kernel_size[a], layer.stride[a], layer.pads(a)[0], layer.dilation[a])
            for a in range(layer.nd)
        ]
    if isinstance(layer, MaxPool):
        return "window", [
            (layer.kernel_size[a], layer.stride[a], layer.padding[a], layer.dilation[a])
            for a in range(layer.nd)
        ]
    if isinstance(layer, AvgPool):
        return "window", [
            (layer.kernel_size[a], layer.stride[a], layer.padding[a], 1) for a in range(layer.nd)
        ]
    if isinstance(layer, AdaptivePool):
        return "adaptive", list(zip(shape[1:], layer.output_size, strict=True))
    if isinstance(layer, ConvTranspose):
        return "transposed", [
            (layer.kernel_size[a], layer.stride[a], layer.padding[a], layer.dilation[a])
            for a in range(layer.nd)
        ]
    if isinstance(layer, Pad):  # a shift: 1-pixel window, stride 1, start moves by -before
        return "window", [(1, 1, layer.pads(a)[0], 1) for a in range(layer.nd)]
    if isinstance(layer, PixelShuffle):
        r = layer.factor
        if layer.unshuffle:  # output (h, w) gathers input rows h*r .. h*r + r - 1
            return "window", [(r, r, 0, 1)] * 2
        return "resample", [lambda o, r=r: (o // r,)] * 2
    if isinstance(layer, Upsample):
        return _upsample_step(layer, shape)
    if isinstance(layer, Linear):
        if len(shape) == 1:
            return "dense", f"{layer.kind} has no spatial axes: every output sees every input"
        return "dense", f"{layer.kind} mixes the whole last axis, so the field is not per-pixel"
    if isinstance(layer, Flatten):
        return "dense", "Flatten merges the spatial axes: no per-axis receptive field after it"
    if isinstance(layer, Pointwise) and layer.name in ("Softmax", "LogSoftmax"):
        dim = dict(layer.options).get("dim")
        batched = len(shape) + 1
        if dim is None:
            dim = 0 if batched in (0, 1, 3) else 1
        dim = dim + batched if dim < 0 else dim
        if dim >= 2:
            return "dense", f"{layer.kind} over a spatial axis mixes that whole axis"
    return "point", None


def _upsample_step(layer: Upsample, shape: Shape) -> tuple[str, Any]:
    out = layer.output_shape(shape)
    nd = len(shape) - 1
    if layer.mode == "area":  # an adaptive average pool to the output size
        return "adaptive", list(zip(shape[1:], out[1:], strict=True))
    scales = layer.scales(nd) or (None,) * nd
    fns: list[Callable[[int], tuple[int, ...]]] = []
    for axis, (n, o_size, sf) in enumerate(zip(shape[1:], out[1:], scales, strict=True)):
        if layer.mode in ("nearest", "nearest-exact"):

            def nearest(o: int, n: int = n, o_size: int = o_size, sf: float | None = sf,
                        axis: int = axis) -> tuple[int, ...]:
                src = layer.source(o, n, o_size, sf, nd)
                if src is None:
                    raise LayerError(
                        f"output {o} on spatial axis {axis} sits on a rounding boundary of "
                        f"{layer.mode!r} upsampling, where PyTorch's {nd}-d kernel rounds in "
                        "its own way; quizcnn does not guess which input pixel it copies",
                        layer=layer.text(),
                        rule="rf-box-rounding",
                    )
                return (src,)

            fns.append(nearest)
        else:

            def blended(o: int) -> tuple[int, ...]:
                raise LayerError(
                    f"the exact field through {layer.mode!r} upsampling is not computed "
                    "(each output blends neighbouring inputs with position-dependent "
                    "weights); quizcnn traces it exactly only for 'nearest' and "
                    "'nearest-exact'",
                    layer=layer.text(),
                    rule="rf-box-interpolation",
                )

            fns.append(blended)
    return "resample", fns


def uniform_adaptive(n: int, o: int | None) -> tuple[int, int] | None:
    """(kernel, stride) when adaptive-pool windows over n inputs for o outputs are all the
    same size at a constant stride, else None. With n = q*o + r this holds exactly when
    r is 0 (kernel q) or 1 (kernel q + 1), with stride q >= 1; o=1 is one window of n
    (stride taken as n); o=None keeps the axis (kernel 1, stride 1)."""
    if o is None:
        return 1, 1
    if o == 1:
        return n, n
    q, r = divmod(n, o)
    if q == 0 or r > 1:
        return None
    return q + r, q


def _window_rf(state: tuple[int, int, int], k: int, s: int, p: int, d: int) -> tuple[int, int, int]:
    size, jump, start = state
    k_eff = d * (k - 1) + 1
    return size + (k_eff - 1) * jump, jump * s, start - p * jump


def trace(shapes: list[Shape], layers: list[Layer]) -> list[tuple[RF | None, str | None]]:
    """Front-to-back field after every layer (``shapes`` from ``chain.walk``)."""
    spatial = len(shapes[0]) - 1
    if spatial < 1:
        state = None
        note: str | None = "the input has no spatial axes"
    else:
        state = [(1, 1, 0)] * spatial
        note = None
    result: list[tuple[RF | None, str | None]] = []
    for i, layer in enumerate(layers):
        if state is None and spatial >= 1:
            note = _later_note(i, layer, shapes[i]) or note
        if state is not None:
            kind, data = layer_step(layer, shapes[i])
            if kind == "window":
                state = [_window_rf(st, *g) for st, g in zip(state, data, strict=True)]
            elif kind == "adaptive":
                new: list[tuple[int, int, int]] | None = []
                for st, (n, o) in zip(state, data, strict=True):
                    ks = uniform_adaptive(n, o)
                    if ks is None:
                        new = None
                        note = (
                            f"after layer {i} ({layer.kind}) the pooling windows differ in size "
                            f"or step ({n} -> {o}), so the field depends on the position; "
                            "the field of one output position can still be computed exactly"
                        )
                        break
                    assert new is not None
                    new.append(_window_rf(st, ks[0], ks[1], 0, 1))
                state = new
            elif kind == "resample":
                state = None
                how = (
                    "the field of one output position can still be computed exactly"
                    if isinstance(layer, PixelShuffle)
                    or getattr(layer, "mode", "") in ("nearest", "nearest-exact")
                    else f"quizcnn does not trace {getattr(layer, 'mode', '')!r} upsampling "
                    "exactly"
                )
                note = (
                    f"after layer {i} ({layer.kind}) neighbouring outputs step through the "
                    f"input by a fraction of a pixel, so the field depends on the output "
                    f"position; {how}"
                )
            elif kind == "transposed":
                state = None
                note = (
                    f"after layer {i} ({layer.kind}) the field depends on the output position "
                    "(a transposed conv steps by a fraction of a pixel); the field of one "
                    "output position can still be computed exactly"
                )
            elif kind == "dense":
                state = None
                note = f"after layer {i}: {data}"
            if state is not None and len(state) != len(shapes[i + 1]) - 1:
                state = None
                note = f"layer {i} ({layer.kind}) changes the number of spatial axes"
        if state is None:
            result.append((None, note))
        else:
            result.append(
                (
                    RF(
                        tuple(st[0] for st in state),
                        tuple(st[1] for st in state),
                        tuple(st[2] for st in state),
                    ),
                    None,
                )
            )
    return result


def _later_note(i: int, layer: Layer, shape: Shape) -> str | None:
    """A new reason once the field is already position-dependent: a layer after which even
    the field of one output position is not traced (so the earlier note's promise lapses)."""
    if isinstance(layer, Upsample) and layer.mode in INTERPOLATING:
        return (
            f"after layer {i} ({layer.kind}, {layer.mode!r}) the field depends on the output "
            f"position, and quizcnn does not trace {layer.mode!r} upsampling exactly"
        )
    if isinstance(layer, (Linear, Flatten)):
        kind, data = layer_step(layer, shape)
        return f"after layer {i}: {data}" if kind == "dense" else None
    return None


def rf_front_to_back(input_shape: Any, layers: Any) -> list[RF | None]:
    """Field after each layer (Distill 2019 recurrences); None where it is not one number."""
    shape = to_shape(input_shape)
    stack = to_layers(layers)
    shapes = walk(shape, stack)
    return [rf for rf, _ in trace(shapes, stack)]


# --- the hand method ----------------------------------------------------------------------


@dataclass(frozen=True)
class HandStep:
    """One step of r_in = (r_out - 1) * s + k_eff, from the output back to the input.

    ``r_out`` is the field measured in the layer's output pixels, ``r_in`` in its input pixels;
    ``x_out``/``x_in`` follow the first pixel of output position 0 (x_in = x_out * s - p).
    """

    index: int
    layer: str
    kernel: int
    dilation: int
    k_eff: int
    stride: int
    padding: int
    r_out: int
    r_in: int
    x_out: int
    x_in: int
    formula: str
    substitution: str
    result: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def rf_back_to_front(layers: Any, axis: int = 0, input_shape: Any = None) -> list[HandStep]:
    """The hand method on one spatial axis, last layer first. Layers that leave the field
    unchanged (norms, activations, ...) get no step. The last step's ``r_in`` is the field
    size and its ``x_in`` the field start of output position 0.

    ``input_shape`` is needed only for adaptive pools. Raises LayerError where the field is
    not one number (transposed conv, unequal adaptive windows, Linear, Flatten).
    """
    stack = to_layers(layers)
    if input_shape is not None:
        shapes: list[Shape | None] = list(walk(to_shape(input_shape), stack))
    else:
        shapes = [None] * (len(stack) + 1)
    if isinstance(axis, bool) or not isinstance(axis, int) or axis < 0:
        raise LayerError(f"axis must be a spatial axis index, got {axis!r}", rule="axis")
    geometry: list[tuple[int, Layer, int, int, int, int]] = []
    for i, layer in enumerate(stack):
        shape = shapes[i]
        if isinstance(layer, AdaptivePool) and shape is None:
            raise LayerError(
                "an adaptive pool's window depends on its input size: pass input_shape",
                layer=layer.text(),
                rule="rf-needs-input-shape",
                index=i,
            )
        kind, data = layer_step(layer, shape if shape is not None else (1,) * 5)
        if kind == "point":
            continue
        if kind in ("transposed", "dense", "resample"):
            why = {
                "dense": data,
                "transposed": "a transposed conv's field depends on the position",
                "resample": f"after {layer.kind} the field depends on the position",
            }[kind]
            raise LayerError(
                f"the hand method does not apply: {why}",
                layer=layer.text(),
                rule="rf-undefined",
                index=i,
            )
        if axis >= len(data):
            raise LayerError(
                f"axis {axis} does not exist: {layer.kind} has {len(data)} spatial axes",
                layer=layer.text(),
                rule="axis",
                index=i,
            )
        if kind == "adaptive":
            n, o = data[axis]
            ks = uniform_adaptive(n, o)
            if ks is None:
                raise LayerError(
                    f"the hand method does not apply: unequal pooling windows ({n} -> {o})",
                    layer=layer.text(),
                    rule="rf-undefined",
                    index=i,
                )
            geometry.append((i, layer, ks[0], ks[1], 0, 1))
        else:
            k, s, p, d = data[axis]
            geometry.append((i, layer, k, s, p, d))
    steps: list[HandStep] = []
    r, x = 1, 0
    for i, layer, k, s, p, d in reversed(geometry):
        k_eff = d * (k - 1) + 1
        r_in = (r - 1) * s + k_eff
        x_in = x * s - p
        keff_text = f"{k_eff}" if d == 1 else f"{k_eff} (= {d}*({k}-1)+1, dilation {d})"
        steps.append(
            HandStep(
                index=i,
                layer=layer.text(),
                kernel=k,
                dilation=d,
                k_eff=k_eff,
                stride=s,
                padding=p,
                r_out=r,
                r_in=r_in,
                x_out=x,
                x_in=x_in,
                formula="r_in = (r_out - 1) * s + k_eff",
                substitution=f"r_in = ({r} - 1) * {s} + {keff_text}",
                result=f"r_in = {r_in}",
            )
        )
        r, x = r_in, x_in
    return steps


# --- exact per-position boxes -------------------------------------------------------------


def _back_axis(kind: str, geo: Any, positions: set[int], n_in: int, clip: bool) -> set[int]:
    found: set[int] = set()
    if kind in ("window", "transposed") and len(positions) * geo[0] > MAX_BOX_WORK:
        raise LayerError("the field is too large to trace exactly", rule="rf-box-too-large")
    if kind == "window":
        k, s, p, d = geo
        for m in positions:
            base = m * s - p
            found.update(base + j * d for j in range(k))
    elif kind == "adaptive":
        n, o = geo
        if o is None:
            found = set(positions)
        else:
            # Positions outside the output (padding of a later layer, unclipped mode) follow
            # the uniform kernel/stride when the windows are uniform, else reach nothing.
            uniform = uniform_adaptive(n, o)
            for i in positions:
                if 0 <= i < o:
                    lo, hi = adaptive_window(i, n, o)
                elif uniform is not None:
                    lo, hi = i * uniform[1], i * uniform[1] + uniform[0]
                else:
                    continue
                found.update(range(lo, hi))
    elif kind == "resample":
        if len(positions) > MAX_BOX_WORK:
            raise LayerError("the field is too large to trace exactly", rule="rf-box-too-large")
        for o in positions:
            found.update(geo(o))
    else:  # transposed: input x reaches outputs x*s - p + j*d
        k, s, p, d = geo
        for y in positions:
            for j in range(k):
                t = y + p - j * d
                if t % s == 0:
                    found.add(t // s)
    if clip:
        found = {x for x in found if 0 <= x < n_in}
    if len(found) > MAX_BOX_SET:
        raise LayerError("the field is too large to trace exactly", rule="rf-box-too-large")
    return found


def rf_box(
    input_shape: Any, layers: Any, position: Any, clip: bool = False
) -> tuple[tuple[int, int], ...] | None:
    """Inclusive [first, last] input coordinates per spatial axis of every input pixel that
    can influence output ``position`` (one index per spatial axis of the last output).

    Exact for every layer with a spatial geometry, transposed convs included. With
    ``clip=False`` (default) padding positions count as if the maps extended beyond their
    borders (matching RF.start/size, which may be negative or past the end); with
    ``clip=True`` only real pixels count, layer by layer (what a gradient would show).
    Unclipped, a position outside an adaptive pool's output follows the pool's uniform
    kernel/stride when its windows are uniform, and reaches nothing otherwise.
    Returns None if no input pixel influences that position (e.g. a transposed conv output
    that only receives its bias). Raises LayerError after Linear/Flatten or for a position
    outside the output.
    """
    shape = to_shape(input_shape)
    stack = to_layers(layers)
    shapes = walk(shape, stack)
    out_shape = shapes[-1]
    try:
        pos = tuple(position)
    except TypeError:
        pos = (position,)
    if len(pos) != len(out_shape) - 1 or not all(
        isinstance(v, int) and not isinstance(v, bool) and 0 <= v < n
        for v, n in zip(pos, out_shape[1:], strict=False)
    ):
        raise LayerError(
            f"position {str(position)[:40]} is not inside the spatial output {list(out_shape[1:])}",
            rule="position-out-of-range",
        )
    sets = [{v} for v in pos]
    for i in range(len(stack) - 1, -1, -1):
        layer = stack[i]
        kind, data = layer_step(layer, shapes[i])
        if kind == "point":
            continue
        if kind == "dense":
            raise LayerError(
                f"no per-axis input box: {data}",
                layer=layer.text(),
                rule="rf-box-not-spatial",
                index=i,
            )
        try:
            sets = [
                _back_axis(kind, geo, st, n, clip)
                for geo, st, n in zip(data, sets, shapes[i][1:], strict=True)
            ]
        except LayerError as err:
            raise (err.at(i, layer.text()) if err.index is None else err) from None
        if any(not st for st in sets):
            return None
    return tuple((min(st), max(st)) for st in sets)
