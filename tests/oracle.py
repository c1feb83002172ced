"""An independent numpy reference for the layers quizcnn's core describes.

Written from the definitions, not from output-size formulas: a convolution slides its (dilated)
kernel over the padded input and keeps every window that fits; a transposed convolution
scatter-adds each input pixel times the kernel into the output, then crops the padding; a pool
takes windows the same way (in ceil mode it keeps adding windows until the padded input is
covered, but never starts one in the right padding, as PyTorch does). Shapes are read off the
arrays actually computed, parameter counts are the weights actually read, and receptive fields
come from a real backward pass (the transpose of each linear layer) with all-positive weights.

A layer is given as a PyTorch constructor call, ``Spec("Conv2d", (3, 8, 3), {"stride": 2})``;
the oracle interprets PyTorch's signatures itself. Arrays carry a batch axis: (B, C, *spatial).
Nothing here imports quizcnn.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np


class OracleError(ValueError):
    """The definition (or one of PyTorch's documented constructor rules) forbids this layer."""

    def __init__(self, rule: str, detail: str = ""):
        super().__init__(f"{rule}: {detail}" if detail else rule)
        self.rule = rule


@dataclass(frozen=True)
class Spec:
    name: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)

    def text(self) -> str:
        parts = [repr(a) for a in self.args]
        parts += [f"{k}={v!r}" for k, v in self.kwargs.items()]
        return f"{self.name}({', '.join(parts)})"


# PyTorch's constructor signatures (argument order and defaults), per class-name family.
_CONV = (
    "in_channels",
    "out_channels",
    "kernel_size",
    "stride",
    "padding",
    "dilation",
    "groups",
    "bias",
    "padding_mode",
)
_CONV_DEF = {
    "stride": 1,
    "padding": 0,
    "dilation": 1,
    "groups": 1,
    "bias": True,
    "padding_mode": "zeros",
}
_CONVT = (
    "in_channels",
    "out_channels",
    "kernel_size",
    "stride",
    "padding",
    "output_padding",
    "groups",
    "bias",
    "dilation",
    "padding_mode",
)
_CONVT_DEF = {
    "stride": 1,
    "padding": 0,
    "output_padding": 0,
    "groups": 1,
    "bias": True,
    "dilation": 1,
    "padding_mode": "zeros",
}
_MAXP = ("kernel_size", "stride", "padding", "dilation", "return_indices", "ceil_mode")
_MAXP_DEF = {
    "stride": None,
    "padding": 0,
    "dilation": 1,
    "return_indices": False,
    "ceil_mode": False,
}
_AVGP = ("kernel_size", "stride", "padding", "ceil_mode", "count_include_pad", "divisor_override")
_AVGP_DEF = {
    "stride": None,
    "padding": 0,
    "ceil_mode": False,
    "count_include_pad": True,
    "divisor_override": None,
}
_BN = ("num_features", "eps", "momentum", "affine", "track_running_stats")
_BN_DEF = {"eps": 1e-5, "momentum": 0.1, "affine": True, "track_running_stats": True}
SHAPELESS = {
    "ReLU",
    "ReLU6",
    "LeakyReLU",
    "ELU",
    "GELU",
    "SiLU",
    "Sigmoid",
    "Tanh",
    "Hardswish",
    "Hardsigmoid",
    "Dropout",
    "Dropout2d",
    "Identity",
    "Softmax",
}


def _bind(spec: Spec, names: tuple, defaults: dict) -> dict:
    if len(spec.args) > len(names):
        raise OracleError("too-many-args", spec.text())
    out = dict(defaults)
    out.update(zip(names, spec.args, strict=False))
    for key, value in spec.kwargs.items():
        if key not in names:
            raise OracleError("unknown-arg", key)
        out[key] = value
    missing = [n for n in names if n not in out]
    if missing:
        raise OracleError("missing-arg", ",".join(missing))
    return out


def _tup(value, nd: int, what: str) -> tuple[int, ...]:
    vals = tuple(value) if isinstance(value, (tuple, list)) else (value,) * nd
    if len(vals) != nd or not all(isinstance(v, int) and not isinstance(v, bool) for v in vals):
        raise OracleError("bad-" + what, repr(value))
    return vals


def _positive(vals, what: str):
    if any(v <= 0 for v in vals):
        raise OracleError("nonpositive-" + what, repr(vals))


def _nd(name: str) -> int:
    return int(name[-2]) if name[-2:] in ("1d", "2d", "3d") else 0


def _conv_starts(length: int, span: int, stride: int) -> list[int]:
    """Starts (in padded coordinates) of every window that fits inside the padded input."""
    starts, start = [], 0
    while start + span <= length:
        starts.append(start)
        start += stride
    return starts


def _pool_starts(n: int, left: int, right: int, span: int, stride: int, ceil: bool) -> list[int]:
    """Pool windows over an input of n with left/right padding (padded coordinates).

    Floor mode: windows that fit. Ceil mode: keep adding windows while the previous one (a virtual
    one at -stride for the first) has not reached the last padded element, but never start a
    window in the right padding.
    """
    length = n + left + right
    if not ceil:
        return _conv_starts(length, span, stride)
    starts, start = [], 0
    while (start - stride) + span - 1 < length - 1 and start < n + left:
        starts.append(start)
        start += stride
    return starts


class Layer:
    """One oracle layer. ``forward`` computes; ``backward`` is its transpose (linear layers)."""

    weight_reads: int = 0
    mults: int = 0  # multiply-accumulates performed for one image (batch 1)

    def forward(self, x: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def backward(self, g: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def params(self) -> int:
        return self.weight_reads


class _Identity(Layer):
    def __init__(self, nparams: int = 0, channels: int | None = None):
        self.nparams, self.channels = nparams, channels

    def forward(self, x):
        if self.channels is not None and (x.ndim < 2 or x.shape[1] != self.channels):
            raise OracleError("channels-mismatch", f"{x.shape} vs {self.channels}")
        self.in_shape = x.shape
        return x.copy()

    def backward(self, g):
        return g.copy()

    def params(self):
        return self.nparams


class _Norm(Layer):
    """A real normalisation of the batched input: mean and variance over the last ``n`` axes,
    then weight and bias shaped ``affine`` (None: no affine part) applied by broadcasting.
    ``rank``/``channels``/``trailing``: what the input must have (None: anything)."""

    def __init__(self, n: int, affine: tuple[int, ...] | None, bias: bool,
                 rng: np.random.Generator, *, rank: int | None = None,
                 channels: int | None = None, trailing: tuple[int, ...] | None = None,
                 several: bool = False):
        self.n, self.rank, self.channels, self.trailing = n, rank, channels, trailing
        self.several = several  # more than one value per normalised group is required
        self.weight = None if affine is None else rng.uniform(0.5, 1.5, affine)
        self.bias = None if affine is None or not bias else rng.uniform(-0.5, 0.5, affine)

    def forward(self, x):
        if self.rank is not None and x.ndim != self.rank:
            raise OracleError("input-rank", repr(x.shape))
        if self.channels is not None and x.shape[1] != self.channels:
            raise OracleError("channels-mismatch", f"{x.shape} vs {self.channels}")
        if self.trailing is not None and (
            x.ndim - 1 < len(self.trailing)
            or tuple(x.shape[x.ndim - len(self.trailing):]) != self.trailing
        ):
            raise OracleError("norm-shape", f"{x.shape} vs {self.trailing}")
        axes = tuple(range(x.ndim - self.n, x.ndim))
        if self.several and int(np.prod([x.shape[a] for a in axes])) < 2:
            raise OracleError("one-value", repr(x.shape))
        mean = x.mean(axis=axes, keepdims=True)
        out = (x - mean) / np.sqrt(x.var(axis=axes, keepdims=True) + 1e-5)
        if self.weight is not None:
            out = out * self.weight + (0 if self.bias is None else self.bias)
        return out

    def params(self):
        return sum(0 if w is None else w.size for w in (self.weight, self.bias))


def _instance_norm(spec: Spec, rng: np.random.Generator) -> Layer:
    nd = _nd(spec.name)
    a = _bind(spec, (*_BN, "bias"), {**_BN_DEF, "affine": False, "track_running_stats": False,
                                      "bias": True})
    c = a["num_features"]
    checked = a["affine"] or a["track_running_stats"]  # else num_features goes unused
    # weight (C, 1, ..., 1) broadcast over the spatial axes of (N, C, *spatial)
    return _Norm(nd, (c,) + (1,) * nd if a["affine"] else None, a["bias"], rng,
                 rank=nd + 2, channels=c if checked else None, several=True)


def _layer_norm(spec: Spec, rng: np.random.Generator) -> Layer:
    a = _bind(spec, ("normalized_shape", "eps", "elementwise_affine", "bias"),
              {"eps": 1e-5, "elementwise_affine": True, "bias": True})
    ns = a["normalized_shape"]
    ns = tuple(ns) if isinstance(ns, (tuple, list)) else (ns,)
    if not ns or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in ns):
        raise OracleError("bad-normalized-shape", repr(ns))
    return _Norm(len(ns), ns if a["elementwise_affine"] else None, a["bias"], rng, trailing=ns)


class Conv(Layer):
    def __init__(self, spec: Spec, rng: np.random.Generator):
        nd = _nd(spec.name)
        a = _bind(spec, _CONV, _CONV_DEF)
        self.nd, self.cin, self.cout = nd, a["in_channels"], a["out_channels"]
        for v, what in ((self.cin, "channels"), (self.cout, "channels"), (a["groups"], "groups")):
            if not isinstance(v, int) or isinstance(v, bool) or v <= 0:
                raise OracleError("nonpositive-" + what, repr(v))
        self.k = _tup(a["kernel_size"], nd, "kernel")
        self.s = _tup(a["stride"], nd, "stride")
        self.d = _tup(a["dilation"], nd, "dilation")
        for v, what in ((self.k, "kernel"), (self.s, "stride"), (self.d, "dilation")):
            _positive(v, what)
        self.g = a["groups"]
        if self.cin % self.g or self.cout % self.g:
            raise OracleError("groups-divide-channels", f"{self.cin},{self.cout} by {self.g}")
        self.mode = a["padding_mode"]
        if self.mode not in ("zeros", "reflect", "replicate", "circular"):
            raise OracleError("bad-padding-mode", self.mode)
        pad = a["padding"]
        if pad == "valid":
            self.pads = tuple((0, 0) for _ in range(nd))
        elif pad == "same":
            if any(s != 1 for s in self.s):  # PyTorch's constructor rule
                raise OracleError("same-needs-stride-1")
            # the kernel's span minus one is split, the odd pixel going to the right
            totals = [d * (k - 1) for d, k in zip(self.d, self.k, strict=True)]
            self.pads = tuple((t // 2, t - t // 2) for t in totals)
        else:
            p = _tup(pad, nd, "padding")
            if any(v < 0 for v in p):
                raise OracleError("negative-padding", repr(p))
            self.pads = tuple((v, v) for v in p)
        self.weight = rng.uniform(0.5, 1.5, (self.cout, self.cin // self.g, *self.k))
        self.bias = rng.uniform(0.5, 1.5, self.cout) if a["bias"] else None
        self.used = np.zeros(self.weight.shape, bool)

    def _pad(self, x):
        widths = [(0, 0), (0, 0), *self.pads]
        if self.mode == "zeros":
            return np.pad(x, widths)
        for n, (left, right) in zip(x.shape[2:], self.pads, strict=True):
            # a reflected pixel must exist inside the input; circular wraps at most once
            if self.mode == "reflect" and max(left, right) > n - 1:
                raise OracleError("reflect-padding-too-large")
            if self.mode == "circular" and max(left, right) > n:
                raise OracleError("circular-padding-too-large")
        mode = {"reflect": "reflect", "replicate": "edge", "circular": "wrap"}[self.mode]
        return np.pad(x, widths, mode=mode)

    def _windows(self, spatial):
        spans = [d * (k - 1) + 1 for d, k in zip(self.d, self.k, strict=True)]
        starts = []
        for n, (left, right), span, s in zip(spatial, self.pads, spans, self.s, strict=True):
            st = _conv_starts(n + left + right, span, s)
            if not st:
                raise OracleError("kernel-larger-than-padded-input", f"{n}+{left}+{right}<{span}")
            starts.append(np.array(st))
        return starts

    def forward(self, x):
        if x.ndim != self.nd + 2 or x.shape[1] != self.cin:
            raise OracleError("channels-mismatch", f"{x.shape[1:]} vs {self.cin}")
        self.in_shape = x.shape
        xp = self._pad(x)
        starts = self._windows(x.shape[2:])
        self.starts = starts
        out = np.zeros((x.shape[0], self.cout, *[len(s) for s in starts]))
        cig, cog = self.cin // self.g, self.cout // self.g
        for tap in itertools.product(*[range(k) for k in self.k]):
            idx = [st + d * t for st, d, t in zip(starts, self.d, tap, strict=True)]
            patch = xp[(slice(None), slice(None), *np.ix_(*idx))]
            for grp in range(self.g):
                w = self.weight[(slice(grp * cog, (grp + 1) * cog), slice(None), *tap)]
                self.used[(slice(grp * cog, (grp + 1) * cog), slice(None), *tap)] = True
                self.mults += w.size * int(np.prod(patch.shape[2:]))
                out[:, grp * cog : (grp + 1) * cog] += np.einsum(
                    "oc,bc...->bo...", w, patch[:, grp * cig : (grp + 1) * cig]
                )
        if self.bias is not None:
            out += self.bias.reshape(1, -1, *[1] * self.nd)
        return out

    def backward(self, g):
        if self.mode != "zeros":
            raise OracleError("rf-needs-zero-padding")
        b, spatial = self.in_shape[0], self.in_shape[2:]
        padded = [n + left + right for n, (left, right) in zip(spatial, self.pads, strict=True)]
        gx = np.zeros((b, self.cin, *padded))
        cig, cog = self.cin // self.g, self.cout // self.g
        for tap in itertools.product(*[range(k) for k in self.k]):
            idx = [st + d * t for st, d, t in zip(self.starts, self.d, tap, strict=True)]
            sel = (slice(None), slice(None), *np.ix_(*idx))
            for grp in range(self.g):
                w = self.weight[(slice(grp * cog, (grp + 1) * cog), slice(None), *tap)]
                contrib = np.einsum("oc,bo...->bc...", w, g[:, grp * cog : (grp + 1) * cog])
                view = gx[:, grp * cig : (grp + 1) * cig]
                view[sel] += contrib
        crop = tuple(slice(left, left + n) for n, (left, _) in zip(spatial, self.pads, strict=True))
        inner = gx[(slice(None), slice(None), *crop)]
        self.leaked = bool(np.count_nonzero(gx) > np.count_nonzero(inner))
        return inner

    def params(self):
        return int(self.used.sum()) + (0 if self.bias is None else self.bias.size)


class ConvTranspose(Layer):
    def __init__(self, spec: Spec, rng: np.random.Generator):
        nd = _nd(spec.name)
        a = _bind(spec, _CONVT, _CONVT_DEF)
        self.nd, self.cin, self.cout, self.g = nd, a["in_channels"], a["out_channels"], a["groups"]
        for v, what in ((self.cin, "channels"), (self.cout, "channels"), (self.g, "groups")):
            if not isinstance(v, int) or isinstance(v, bool) or v <= 0:
                raise OracleError("nonpositive-" + what, repr(v))
        if isinstance(a["padding"], str):
            raise OracleError("transpose-string-padding", a["padding"])
        if a["padding_mode"] != "zeros":
            raise OracleError("transpose-padding-mode", a["padding_mode"])
        self.k = _tup(a["kernel_size"], nd, "kernel")
        self.s = _tup(a["stride"], nd, "stride")
        self.d = _tup(a["dilation"], nd, "dilation")
        self.p = _tup(a["padding"], nd, "padding")
        self.op = _tup(a["output_padding"], nd, "output_padding")
        for v, what in ((self.k, "kernel"), (self.s, "stride"), (self.d, "dilation")):
            _positive(v, what)
        if any(v < 0 for v in self.p + self.op):
            raise OracleError("negative-padding")
        if self.cin % self.g or self.cout % self.g:
            raise OracleError("groups-divide-channels")
        # PyTorch's rule: output_padding only chooses among the sizes a strided/dilated conv
        # could have come from
        if any(o >= max(s, d) for o, s, d in zip(self.op, self.s, self.d, strict=True)):
            raise OracleError("output-padding-too-large")
        self.weight = rng.uniform(0.5, 1.5, (self.cin, self.cout // self.g, *self.k))
        self.bias = rng.uniform(0.5, 1.5, self.cout) if a["bias"] else None
        self.used = np.zeros(self.weight.shape, bool)

    def _targets(self, spatial, tap):
        return [
            np.arange(n) * s + d * t
            for n, s, d, t in zip(spatial, self.s, self.d, tap, strict=True)
        ]

    def forward(self, x):
        if x.ndim != self.nd + 2 or x.shape[1] != self.cin:
            raise OracleError("channels-mismatch")
        self.in_shape = x.shape
        spatial = x.shape[2:]
        taps = list(itertools.product(*[range(k) for k in self.k]))
        # full extent: one past the furthest position any input pixel writes to
        full = [
            max(int(t.max()) for t in axis) + 1
            for axis in zip(*[self._targets(spatial, tap) for tap in taps], strict=True)
        ]
        self.full = full
        out = np.zeros(
            (x.shape[0], self.cout, *[f + o for f, o in zip(full, self.op, strict=True)])
        )
        cig, cog = self.cin // self.g, self.cout // self.g
        for tap in taps:
            sel = (slice(None), slice(None), *np.ix_(*self._targets(spatial, tap)))
            for grp in range(self.g):
                w = self.weight[(slice(grp * cig, (grp + 1) * cig), slice(None), *tap)]
                self.used[(slice(grp * cig, (grp + 1) * cig), slice(None), *tap)] = True
                self.mults += w.size * int(np.prod(spatial))
                view = out[:, grp * cog : (grp + 1) * cog]
                view[sel] += np.einsum("co,bc...->bo...", w, x[:, grp * cig : (grp + 1) * cig])
        # crop `padding` from both ends; output_padding re-extends the far end
        crop = []
        for f, o, p in zip(full, self.op, self.p, strict=True):
            if f + o - 2 * p < 1:
                raise OracleError("output-too-small", f"{f}+{o}-2*{p}")
            crop.append(slice(p, f + o - p))
        self.crop = crop
        out = out[(slice(None), slice(None), *crop)]
        if self.bias is not None:
            out = out + self.bias.reshape(1, -1, *[1] * self.nd)
        return out

    def backward(self, g):
        b, spatial = self.in_shape[0], self.in_shape[2:]
        full = np.zeros((b, self.cout, *[f + o for f, o in zip(self.full, self.op, strict=True)]))
        full[(slice(None), slice(None), *self.crop)] = g
        gx = np.zeros(self.in_shape)
        cig, cog = self.cin // self.g, self.cout // self.g
        for tap in itertools.product(*[range(k) for k in self.k]):
            sel = (slice(None), slice(None), *np.ix_(*self._targets(spatial, tap)))
            for grp in range(self.g):
                w = self.weight[(slice(grp * cig, (grp + 1) * cig), slice(None), *tap)]
                gx[:, grp * cig : (grp + 1) * cig] += np.einsum(
                    "co,bo...->bc...", w, full[:, grp * cog : (grp + 1) * cog][sel]
                )
        return gx

    def params(self):
        return int(self.used.sum()) + (0 if self.bias is None else self.bias.size)


class Pool(Layer):
    """MaxPool / AvgPool. The backward pass is that of a sum over the same windows (a max-pool's
    gradient reaches only its argmax, so receptive fields are probed through the sum)."""

    def __init__(self, spec: Spec):
        nd = _nd(spec.name)
        self.nd, self.is_max = nd, spec.name.startswith("Max")
        if self.is_max:
            a = _bind(spec, _MAXP, _MAXP_DEF)
            self.d = _tup(a["dilation"], nd, "dilation")
        else:
            names = _AVGP if nd > 1 else _AVGP[:-1]
            a = _bind(spec, names, _AVGP_DEF)
            self.d = (1,) * nd
            self.include_pad = a["count_include_pad"]
            self.divisor = a.get("divisor_override")
        self.k = _tup(a["kernel_size"], nd, "kernel")
        self.s = self.k if a["stride"] is None else _tup(a["stride"], nd, "stride")
        self.p = _tup(a["padding"], nd, "padding")
        for v, what in ((self.k, "kernel"), (self.s, "stride"), (self.d, "dilation")):
            _positive(v, what)
        if any(v < 0 for v in self.p):
            raise OracleError("negative-padding")
        # PyTorch's constructor rule, on the kernel itself (not its dilated span)
        if any(p > k // 2 for p, k in zip(self.p, self.k, strict=True)):
            raise OracleError("pool-padding-over-half-kernel")
        self.ceil = bool(a["ceil_mode"])

    def forward(self, x):
        if x.ndim != self.nd + 2:
            raise OracleError("rank-mismatch")
        self.in_shape = x.shape
        spatial = x.shape[2:]
        if (
            not self.is_max
            and self.nd == 3
            and any(n < k for n, k in zip(spatial, self.k, strict=True))
        ):
            # PyTorch's avg_pool3d (CPU) checks the unpadded input against the kernel
            raise OracleError("avgpool3d-input-smaller-than-kernel")
        spans = [d * (k - 1) + 1 for d, k in zip(self.d, self.k, strict=True)]
        starts = []
        for n, p, span, s in zip(spatial, self.p, spans, self.s, strict=True):
            st = _pool_starts(n, p, p, span, s, self.ceil)
            if not st:
                raise OracleError("output-too-small")
            starts.append(np.array(st))
        self.starts = starts
        # room for ceil-mode windows hanging over the padded end
        ext = [
            max(int(st[-1]) + span, n + 2 * p)
            for st, span, n, p in zip(starts, spans, spatial, self.p, strict=True)
        ]
        self.ext = ext
        fill = -np.inf if self.is_max else 0.0
        xp = np.full((*x.shape[:2], *ext), fill)
        inner = tuple(slice(p, p + n) for p, n in zip(self.p, spatial, strict=True))
        xp[(slice(None), slice(None), *inner)] = x
        ones = np.zeros(ext)  # 1 inside the padded input, 0 in the ceil overhang
        ones[tuple(slice(0, n + 2 * p) for n, p in zip(spatial, self.p, strict=True))] = 1
        inside = np.zeros(ext)
        inside[inner] = 1
        outs, counts, real = (
            [],
            np.zeros([len(s) for s in starts]),
            np.zeros([len(s) for s in starts]),
        )
        for tap in itertools.product(*[range(k) for k in self.k]):
            idx = np.ix_(*[st + d * t for st, d, t in zip(starts, self.d, tap, strict=True)])
            outs.append(xp[(slice(None), slice(None), *idx)])
            counts += ones[idx]
            real += inside[idx]
        stack = np.stack(outs)
        if self.is_max:
            return stack.max(axis=0)
        if self.divisor:
            div = self.divisor
        else:
            div = counts if self.include_pad else real
        return stack.sum(axis=0) / div

    def backward(self, g):
        b, c, spatial = *self.in_shape[:2], self.in_shape[2:]
        gx = np.zeros((b, c, *self.ext))
        for tap in itertools.product(*[range(k) for k in self.k]):
            idx = np.ix_(*[st + d * t for st, d, t in zip(self.starts, self.d, tap, strict=True)])
            gx[(slice(None), slice(None), *idx)] += g
        inner = tuple(slice(p, p + n) for p, n in zip(self.p, spatial, strict=True))
        kept = gx[(slice(None), slice(None), *inner)]
        self.leaked = bool(np.count_nonzero(gx) > np.count_nonzero(kept))
        return kept

    def params(self):
        return 0


def _adaptive_windows(n: int, o: int) -> list[tuple[int, int]]:
    """Window i covers [floor(i n / o), ceil((i+1) n / o))."""
    return [((i * n) // o, -((-(i + 1) * n) // o)) for i in range(o)]


class AdaptivePool(Layer):
    def __init__(self, spec: Spec):
        self.nd, self.is_max = _nd(spec.name), "Max" in spec.name
        (size,) = spec.args or (spec.kwargs["output_size"],)
        self.size = size

    def forward(self, x):
        self.in_shape = x.shape
        spatial = x.shape[2:]
        sizes = self.size if isinstance(self.size, (tuple, list)) else (self.size,) * self.nd
        sizes = [n if o is None else o for n, o in zip(spatial, sizes, strict=True)]
        if any(o <= 0 for o in sizes):
            raise OracleError("nonpositive-output-size")
        self.wins = [_adaptive_windows(n, o) for n, o in zip(spatial, sizes, strict=True)]
        out = np.zeros((*x.shape[:2], *sizes))
        for pos in itertools.product(*[range(o) for o in sizes]):
            sel = tuple(slice(*self.wins[a][i]) for a, i in enumerate(pos))
            block = x[(slice(None), slice(None), *sel)].reshape(*x.shape[:2], -1)
            out[(slice(None), slice(None), *pos)] = block.max(-1) if self.is_max else block.mean(-1)
        return out

    def backward(self, g):
        gx = np.zeros(self.in_shape)
        for pos in itertools.product(*[range(len(w)) for w in self.wins]):
            sel = tuple(slice(*self.wins[a][i]) for a, i in enumerate(pos))
            gx[(slice(None), slice(None), *sel)] += g[(slice(None), slice(None), *pos)][
                (...,) + (None,) * self.nd
            ]
        return gx

    def params(self):
        return 0


class Linear(Layer):
    def __init__(self, spec: Spec, rng: np.random.Generator):
        a = _bind(spec, ("in_features", "out_features", "bias"), {"bias": True})
        if a["in_features"] <= 0 or a["out_features"] <= 0:
            raise OracleError("nonpositive-features")
        self.weight = rng.uniform(0.5, 1.5, (a["out_features"], a["in_features"]))
        self.bias = rng.uniform(0.5, 1.5, a["out_features"]) if a["bias"] else None
        self.used = np.zeros(self.weight.shape, bool)

    def forward(self, x):
        if x.shape[-1] != self.weight.shape[1]:
            raise OracleError("in-features-mismatch", f"{x.shape[-1]} vs {self.weight.shape[1]}")
        out = np.zeros((*x.shape[:-1], self.weight.shape[0]))
        for j in range(self.weight.shape[1]):  # one input feature at a time, weights read
            out += x[..., j : j + 1] * self.weight[:, j]
            self.used[:, j] = True
            self.mults += self.weight.shape[0] * int(np.prod(x.shape[1:-1]))
        return out if self.bias is None else out + self.bias

    def params(self):
        return int(self.used.sum()) + (0 if self.bias is None else self.bias.size)


class Flatten(Layer):
    def __init__(self, spec: Spec):
        a = _bind(spec, ("start_dim", "end_dim"), {"start_dim": 1, "end_dim": -1})
        self.start, self.end = a["start_dim"], a["end_dim"]

    def forward(self, x):
        self.in_shape = x.shape
        end = self.end % x.ndim
        return x.reshape(*x.shape[: self.start], -1, *x.shape[end + 1 :])

    def backward(self, g):
        return g.reshape(self.in_shape)

    def params(self):
        return 0


class Upsample(Layer):
    """Nearest / nearest-exact upsampling as an index map: output o copies input src(o).

    ATen's definition (UpSample.h, CPU, float32): scale = float32(1 / scale_factor) when the
    factor is passed to the kernel, else float32(n / out); nearest: floor(float32(o * scale)),
    and the 2-d kernel copies directly when out == n and takes o // 2 when out == 2n;
    nearest-exact: floor(float32((o + 0.5) * scale)); both clamped to n - 1. Sizes are
    floor(n * scale_factor) in double precision."""

    def __init__(self, spec: Spec):
        names = ("size", "scale_factor", "mode", "align_corners", "recompute_scale_factor")
        defaults = {k: None for k in names} | {"mode": "nearest"}
        if spec.name == "UpsamplingNearest2d":
            names, defaults = names[:2], {"size": None, "scale_factor": None}
        a = _bind(spec, names, defaults)
        self.size, self.mode = a["size"], a.get("mode", "nearest")
        self.scale = a["scale_factor"] or None  # nn.Upsample keeps float(s) if s else None
        self.recompute = a.get("recompute_scale_factor")
        if (self.size is None) == (self.scale is None):
            raise OracleError("size-or-scale")
        if self.mode not in ("nearest", "nearest-exact"):
            raise OracleError("oracle-mode", self.mode)

    def _maps(self, spatial):
        nd = len(spatial)
        if self.size is not None:
            outs = _tup(self.size, nd, "size")
            factors = (None,) * nd
        else:
            sf = self.scale if isinstance(self.scale, (tuple, list)) else (self.scale,) * nd
            if len(sf) != nd:
                raise OracleError("tuple-length")
            outs = tuple(
                int(np.floor(np.float64(n) * np.float64(s)))
                for n, s in zip(spatial, sf, strict=True)
            )
            factors = (None,) * nd if self.recompute else tuple(sf)
        maps = []
        for n, out, f in zip(spatial, outs, factors, strict=True):
            if out < 1:
                raise OracleError("output-too-small")
            o = np.arange(out)
            if self.mode == "nearest" and nd == 2 and out in (n, 2 * n):
                src = o * n // out
            else:
                scale = np.float32(1.0 / f) if f else np.float32(n) / np.float32(out)
                pos = o.astype(np.float32) + np.float32(0.5) if self.mode != "nearest" else o
                src = np.floor((pos.astype(np.float32) * scale).astype(np.float32))
                src = np.minimum(src.astype(np.int64), n - 1)
            maps.append(src)
        return maps

    def forward(self, x):
        self.in_shape = x.shape
        self.maps = self._maps(x.shape[2:])
        return x[(slice(None), slice(None), *np.ix_(*self.maps))]

    def backward(self, g):
        gx = np.zeros(self.in_shape)
        np.add.at(gx, (slice(None), slice(None), *np.ix_(*self.maps)), g)
        return gx

    def params(self):
        return 0


class PixelShuffle(Layer):
    """PixelShuffle by reshaping: (C*r*r, H, W) -> (C, r, r, H, W) -> (C, H, r, W, r) ->
    (C, H*r, W*r); PixelUnshuffle is the inverse reshaping."""

    def __init__(self, spec: Spec):
        key = "downscale_factor" if spec.name == "PixelUnshuffle" else "upscale_factor"
        self.r = _bind(spec, (key,), {})[key]
        self.inverse = spec.name == "PixelUnshuffle"
        if not isinstance(self.r, int) or self.r < 1:
            raise OracleError("nonpositive-factor")

    def _shuffle(self, x):
        b, c, h, w = x.shape
        r = self.r
        if c % (r * r):
            raise OracleError("shuffle-channels")
        y = x.reshape(b, c // (r * r), r, r, h, w).transpose(0, 1, 4, 2, 5, 3)
        return y.reshape(b, c // (r * r), h * r, w * r)

    def _unshuffle(self, x):
        b, c, h, w = x.shape
        r = self.r
        if h % r or w % r:
            raise OracleError("unshuffle-size")
        y = x.reshape(b, c, h // r, r, w // r, r).transpose(0, 1, 3, 5, 2, 4)
        return y.reshape(b, c * r * r, h // r, w // r)

    def forward(self, x):
        if x.ndim != 4:
            raise OracleError("rank-mismatch")
        return self._unshuffle(x) if self.inverse else self._shuffle(x)

    def backward(self, g):  # a permutation: its transpose is the inverse permutation
        return self._shuffle(g) if self.inverse else self._unshuffle(g)

    def params(self):
        return 0


class Pad(Layer):
    """Padding by numpy.pad (negative amounts crop first). ``padding`` lists the last axis
    first: (left, right, top, bottom, ...). The backward pass scatters each padded position
    back to the input pixel it copies (none for constant padding) and records a leak when a
    position outside the input was involved."""

    _NP = {
        "Zero": "constant",
        "Constant": "constant",
        "Reflection": "reflect",
        "Replication": "edge",
        "Circular": "wrap",
    }

    def __init__(self, spec: Spec):
        self.kind = spec.name.split("Pad")[0]
        self.nd = _nd(spec.name)
        names = ("padding", "value") if self.kind == "Constant" else ("padding",)
        a = _bind(spec, names, {})
        pad = a["padding"]
        pad = tuple(pad) if isinstance(pad, (tuple, list)) else (pad,) * (2 * self.nd)
        shortest = 2 if self.kind in ("Zero", "Constant") else 2 * self.nd
        if len(pad) % 2 or not shortest <= len(pad) <= 2 * self.nd:
            raise OracleError("pad-length")
        pairs = [(pad[i], pad[i + 1]) for i in range(0, len(pad), 2)][::-1]
        self.pairs = [(0, 0)] * (self.nd - len(pairs)) + pairs  # first spatial axis first
        self.value = a.get("value", 0.0)

    def _index(self, n, before, after):
        """Input index (or -1) each output position copies, by the padding's definition."""
        j = np.arange(-max(before, 0), n + max(after, 0))
        if self.kind == "Reflection":
            src = np.abs(j)
            src = np.where(src > n - 1, 2 * (n - 1) - src, src)
        elif self.kind == "Replication":
            src = np.clip(j, 0, n - 1)
        elif self.kind == "Circular":
            src = j % n
        else:
            src = np.where((j >= 0) & (j < n), j, -1)
        lo = -min(before, 0)  # negative padding crops
        return src[lo : len(src) - (-min(after, 0))], j[lo : len(j) - (-min(after, 0))]

    def forward(self, x):
        if x.ndim != self.nd + 2:
            raise OracleError("rank-mismatch")
        self.in_shape = x.shape
        for n, (before, after) in zip(x.shape[2:], self.pairs, strict=True):
            if self.kind == "Reflection" and max(before, after) >= n:
                raise OracleError("reflect-padding-too-large")
            if self.kind == "Circular" and max(before, after) > n:
                raise OracleError("circular-padding-too-large")
            if self.kind in ("Zero", "Constant") and n + min(before, 0) + min(after, 0) < 0:
                raise OracleError("crop-larger-than-input")  # PyTorch narrows first
            if n + before + after < 1:
                raise OracleError("output-too-small")
        widths = [(0, 0), (0, 0)] + [(max(b, 0), max(a, 0)) for b, a in self.pairs]
        mode = self._NP[self.kind]
        kw = {"constant_values": self.value} if mode == "constant" else {}
        y = np.pad(x, widths, mode=mode, **kw)
        crop = tuple(
            slice(-min(b, 0), y.shape[2 + i] - (-min(a, 0))) for i, (b, a) in enumerate(self.pairs)
        )
        return y[(slice(None), slice(None), *crop)]

    def backward(self, g):
        spatial = self.in_shape[2:]
        maps = [self._index(n, b, a) for n, (b, a) in zip(spatial, self.pairs, strict=True)]
        self.leaked = self._touches_outside(g, maps)
        # one spare slot per axis collects what constant padding drops
        gx = np.zeros((*self.in_shape[:2], *[n + 1 for n in spatial]))
        idx = [np.where(src < 0, n, src) for (src, _), n in zip(maps, spatial, strict=True)]
        np.add.at(gx, (slice(None), slice(None), *np.ix_(*idx)), g)
        return gx[(slice(None), slice(None), *[slice(0, n) for n in spatial])]

    def _touches_outside(self, g, maps):
        """Whether a position of g that is nonzero lies outside the input on some axis."""
        mask = g.any(axis=(0, 1))
        for axis, ((_, j), n) in enumerate(zip(maps, self.in_shape[2:], strict=True)):
            shape = [1] * mask.ndim
            shape[axis] = -1
            if (mask & ((j < 0) | (j >= n)).reshape(shape)).any():
                return True
        return False

    def params(self):
        return 0


def build(spec: Spec, seed: int = 0) -> Layer:
    """The oracle layer for one constructor call."""
    rng = np.random.default_rng(seed)
    name = spec.name
    if name.startswith("ConvTranspose"):
        return ConvTranspose(spec, rng)
    if name.startswith("Conv"):
        return Conv(spec, rng)
    if name.startswith(("MaxPool", "AvgPool")):
        return Pool(spec)
    if name.startswith("Adaptive"):
        return AdaptivePool(spec)
    if name in ("Upsample", "UpsamplingNearest2d"):
        return Upsample(spec)
    if name in ("PixelShuffle", "PixelUnshuffle"):
        return PixelShuffle(spec)
    if "Pad" in name:
        return Pad(spec)
    if name == "Linear":
        return Linear(spec, rng)
    if name == "Flatten":
        return Flatten(spec)
    if name.startswith("InstanceNorm"):
        return _instance_norm(spec, rng)
    if name == "LayerNorm":
        return _layer_norm(spec, rng)
    if name.startswith("BatchNorm"):
        a = _bind(spec, _BN, _BN_DEF)
        return _Identity(2 * a["num_features"] if a["affine"] else 0, a["num_features"])
    if name == "PReLU":
        a = _bind(spec, ("num_parameters", "init"), {"num_parameters": 1, "init": 0.25})
        return _Identity(a["num_parameters"])
    if name in SHAPELESS or name == "LocalResponseNorm":
        return _Identity(0)
    raise OracleError("unknown-layer", name)


@dataclass
class Result:
    shapes: list[tuple[int, ...]]  # per layer output, batch dropped
    params: list[int]
    macs: list[int]
    layers: list[Layer]


def run(input_shape: tuple[int, ...], specs: list[Spec], seed: int = 0) -> Result:
    """Forward a random positive input (batch 1) through the specs; shapes and params used."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.5, 1.5, (1, *input_shape))
    layers, shapes, params, macs = [], [], [], []
    for i, spec in enumerate(specs):
        layer = build(spec, seed + i + 1)
        x = layer.forward(x)
        layers.append(layer)
        shapes.append(tuple(x.shape[1:]))
        params.append(layer.params())
        macs.append(layer.mults)
    return Result(shapes, params, macs, layers)


def influence(result: Result, position: tuple[int, ...], channel: int = 0) -> np.ndarray:
    """Boolean spatial mask of input pixels that change output ``position`` (backward pass)."""
    return influence_and_leak(result, position, channel)[0]


def influence_and_leak(result: Result, position: tuple[int, ...], channel: int = 0):
    """The mask, and whether any path from ``position`` went through padding (or a ceil-mode
    overhang) at some layer. Without such a leak, the field is interior: its box is the whole
    unclipped receptive field."""
    out = result.shapes[-1]
    g = np.zeros((1, *out))
    g[(0, channel, *position)] = 1.0
    leaked = False
    for layer in reversed(result.layers):
        g = layer.backward(g)
        leaked = leaked or getattr(layer, "leaked", False)
    return (g[0] > 0).any(axis=0), leaked


def box(mask: np.ndarray) -> tuple[tuple[int, int], ...] | None:
    """Inclusive [first, last] index per axis of the True entries, or None when empty."""
    if not mask.any():
        return None
    result = []
    for axis in range(mask.ndim):
        other = tuple(a for a in range(mask.ndim) if a != axis)
        hit = np.flatnonzero(mask.any(axis=other) if other else mask)
        result.append((int(hit[0]), int(hit[-1])))
    return tuple(result)


# --- graphs: branches and merges ------------------------------------------------------------

MERGES = ("Add", "Concat", "Mul", "GAP")


@dataclass(frozen=True)
class GNode:
    """One node of a graph: a layer ``Spec`` (or ``Spec("Slice", (axis, start, stop, step))``,
    axis without batch) or a merge name from MERGES, applied to earlier nodes (indices; -1 is
    the network input). "Mul" multiplies its first input by its second,
    broadcast (a gate); "GAP" is the mean over every spatial axis (keeps them as size 1)."""

    op: Spec | str
    inputs: tuple[int, ...]


@dataclass
class GraphResult:
    shapes: list[tuple[int, ...]]
    params: list[int]
    macs: list[int]
    nodes: list[GNode]
    layers: list[Layer | None]
    values: list[np.ndarray]
    input: np.ndarray


def run_graph(input_shape: tuple[int, ...], nodes: list[GNode], seed: int = 0) -> GraphResult:
    """Forward a random positive input through the graph (batch 1)."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.5, 1.5, (1, *input_shape))
    values: list[np.ndarray] = []
    res = GraphResult([], [], [], list(nodes), [], values, x)
    for i, node in enumerate(nodes):
        ins = [x if j == -1 else values[j] for j in node.inputs]
        layer = None
        if isinstance(node.op, Spec) and node.op.name == "Slice":  # x[start:stop:step] on axis
            axis, start, stop, step = node.op.args
            index = [slice(None)] * ins[0].ndim
            index[axis + 1] = slice(start, stop, step)
            out = ins[0][tuple(index)].copy()
            if 0 in out.shape:
                raise OracleError("slice-empty")
        elif isinstance(node.op, Spec):
            layer = build(node.op, seed + i + 1)
            out = layer.forward(ins[0])
        elif node.op == "Add":
            if any(a.shape != ins[0].shape for a in ins):
                raise OracleError("add-shapes")
            out = sum(ins[1:], ins[0].copy())
        elif node.op == "Concat":
            if any(a.shape[2:] != ins[0].shape[2:] for a in ins):
                raise OracleError("concat-shapes")
            out = np.concatenate(ins, axis=1)
        elif node.op == "Mul":
            out = ins[0] * ins[1]  # numpy broadcasting
            if out.shape != ins[0].shape:
                raise OracleError("gate-shape")
        elif node.op == "GAP":
            out = ins[0].mean(axis=tuple(range(2, ins[0].ndim)), keepdims=True)
        else:
            raise OracleError("unknown-merge", str(node.op))
        values.append(out)
        res.layers.append(layer)
        res.shapes.append(tuple(out.shape[1:]))
        res.params.append(0 if layer is None else layer.params())
        res.macs.append(0 if layer is None else layer.mults)
    return res


def graph_influence(res: GraphResult, node: int, position: tuple[int, ...]):
    """Backward pass from ``position`` (all channels) of node ``node``'s output, gates held
    constant. Returns (spatial mask of input pixels reached, whether a path went through
    padding, whether a path met a gate: gradient that would flow into a Mul's gate operand)."""
    grads: dict[int, np.ndarray] = {}
    g = np.zeros((1, *res.shapes[node]))
    g[(0, slice(None), *position)] = 1.0
    grads[node] = g
    leaked = gated = False
    gx = np.zeros(res.input.shape)
    for i in range(node, -1, -1):
        if i not in grads:
            continue
        g = grads.pop(i)
        spec, ins = res.nodes[i].op, res.nodes[i].inputs
        if isinstance(spec, Spec) and spec.name == "Slice":
            src = res.input if ins[0] == -1 else res.values[ins[0]]
            axis, start, stop, step = spec.args
            index = [slice(None)] * src.ndim
            index[axis + 1] = slice(start, stop, step)
            full = np.zeros(src.shape)
            full[tuple(index)] = g
            back = [full]
        elif isinstance(spec, Spec):
            layer = res.layers[i]
            back = [layer.backward(g)]
            leaked = leaked or getattr(layer, "leaked", False)
        elif spec == "Add":
            back = [g] * len(ins)
        elif spec == "Concat":
            cuts = np.cumsum([res.shapes[j][0] if j >= 0 else res.input.shape[1]
                              for j in ins])[:-1]
            back = np.split(g, cuts, axis=1)
        elif spec == "Mul":
            gate = res.values[ins[1]] if ins[1] >= 0 else res.input
            gated = gated or bool(np.any(g != 0))
            back = [g * gate, None]  # the gate is held constant
        else:  # GAP: every position of the input gets an equal share
            src = res.input if ins[0] == -1 else res.values[ins[0]]
            share = np.prod(src.shape[2:])
            back = [np.broadcast_to(g, src.shape) / share]
        for j, b in zip(ins, back, strict=True):
            if b is None:
                continue
            if j == -1:
                gx = gx + b
            else:
                grads[j] = grads[j] + b if j in grads else np.array(b)
    return (gx[0] > 0).any(axis=0), leaked, gated
