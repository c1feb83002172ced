"""Resampling layers with PyTorch's semantics: Upsample, UpsamplingNearest2d,
UpsamplingBilinear2d, PixelShuffle and PixelUnshuffle.

Upsample(size=None, scale_factor=None, mode='nearest', align_corners=None,
recompute_scale_factor=None) works on (C, L), (C, H, W) or (C, D, H, W) as F.interpolate does:
exactly one of size / scale_factor (a scale_factor of 0 counts as not given, as the module
stores ``float(s) if s else None``); per axis out = size, or floor(n * scale_factor) computed in
double precision. 'linear' needs (C, L), 'bilinear' and 'bicubic' (C, H, W), 'trilinear'
(C, D, H, W); align_corners only with those four; recompute_scale_factor=True not with size.
'area' is an adaptive average pool to the output size.

Which input pixel a nearest output copies (PyTorch 2.x CPU, float32 arithmetic as in ATen's
UpSample.h): scale = float32(1 / scale_factor) when a scale factor is passed on, else
float32(n / out); 'nearest': min(floor(float32(o * scale)), n - 1), where the 2-d kernel
copies directly when out == n and takes o >> 1 when out == 2n; 'nearest-exact':
min(floor(float32((o + 0.5) * scale)), n - 1). The 1-d and 3-d 'nearest-exact' kernels round
differently where float32 and exact arithmetic disagree: there the source pixel is reported
as unknown rather than guessed.

PixelShuffle(upscale_factor r): (C*r*r, H, W) -> (C, H*r, W*r); output (c, h, w) reads input
channel c*r*r + (h % r)*r + (w % r) at (h // r, w // r). PixelUnshuffle(downscale_factor r) is
its inverse and needs H and W divisible by r. No parameters, 0 MACs (torch.utils.flop_counter
counts none of these).
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from quizcnn.core.base import (
    MAX_SIZE,
    REQUIRED,
    Checker,
    Layer,
    Shape,
    bind,
    need_rank,
    spatial_desc,
)

MODES = ("nearest", "linear", "bilinear", "bicubic", "trilinear", "area", "nearest-exact")
INTERPOLATING = ("linear", "bilinear", "bicubic", "trilinear")
_MODE_RANK = {"linear": 2, "bilinear": 3, "bicubic": 3, "trilinear": 4}
_FIXED = {
    "UpsamplingNearest2d": ("nearest", None),
    "UpsamplingBilinear2d": ("bilinear", True),
}


def f32(x: float) -> float:
    """Round a Python float to the nearest float32 (as a C float would hold it)."""
    return float(struct.unpack("f", struct.pack("f", x))[0])


@dataclass(frozen=True)
class Upsample(Layer):
    """Upsample and its two fixed-mode subclasses. ``size`` / ``scale_factor`` are kept as
    PyTorch keeps them (an int or a tuple; a float or a tuple of floats)."""

    name: str
    size: int | tuple[int, ...] | None
    scale_factor: float | tuple[float, ...] | None
    mode: str = "nearest"
    align_corners: bool | None = None
    recompute_scale_factor: bool | None = None

    @property
    def kind(self) -> str:
        return self.name

    @classmethod
    def build(cls, name: str, args: Any, kwargs: Any) -> Upsample:
        sig: tuple[tuple[str, Any], ...] = (("size", None), ("scale_factor", None))
        fixed = _FIXED.get(name)
        if fixed is None:
            sig += (
                ("mode", "nearest"),
                ("align_corners", None),
                ("recompute_scale_factor", None),
            )
        elif isinstance(kwargs, dict) and kwargs.get("mode") == fixed[0]:
            # print(model) shows "UpsamplingNearest2d(scale_factor=2.0, mode='nearest')",
            # though the constructor takes no mode: accept the printed, matching value.
            kwargs = {k: v for k, v in kwargs.items() if k != "mode"}
        c = Checker(bind(name, sig, args, kwargs))
        size = _size(c)
        scale = _scale(c)
        if fixed is None:
            mode = c.choice("mode", MODES)
            align = None if c.bound["align_corners"] is None else c.flag("align_corners")
            recompute = c.bound["recompute_scale_factor"]
            recompute = None if recompute is None else c.flag("recompute_scale_factor")
        else:
            mode, align, recompute = fixed[0], fixed[1], None
        if size is not None and scale is not None:
            raise c.fail("give only one of size or scale_factor", "size-or-scale")
        if size is None and scale is None:
            raise c.fail("give size or scale_factor", "size-or-scale")
        if align is not None and mode not in INTERPOLATING:
            raise c.fail(
                f"align_corners can only be set with the interpolating modes "
                f"(linear, bilinear, bicubic, trilinear), not {mode!r}",
                "align-corners-mode",
            )
        if recompute and size is not None:
            raise c.fail(
                "recompute_scale_factor is not meaningful with an explicit size",
                "recompute-with-size",
            )
        return cls(name, size, scale, mode, align, recompute)

    def text(self) -> str:
        parts = []
        if self.scale_factor is not None:
            parts.append(f"scale_factor={self.scale_factor!r}")
        else:
            parts.append(f"size={self.size!r}")
        if self.name == "Upsample":
            parts.append(f"mode={self.mode!r}")
            if self.align_corners is not None:
                parts.append(f"align_corners={self.align_corners}")
            if self.recompute_scale_factor is not None:
                parts.append(f"recompute_scale_factor={self.recompute_scale_factor}")
        return f"{self.name}({', '.join(parts)})"

    # shapes ------------------------------------------------------------------------------
    def _check_rank(self, shape: Shape) -> int:
        rank = _MODE_RANK.get(self.mode)
        if rank is not None:
            need_rank(self, shape, (rank,), f"{spatial_desc(rank - 1)} for mode {self.mode!r}")
        else:
            need_rank(self, shape, (2, 3, 4), "(C, L), (C, H, W) or (C, D, H, W)")
        nd = len(shape) - 1
        for what, value in (("size", self.size), ("scale_factor", self.scale_factor)):
            if isinstance(value, tuple) and len(value) != nd:
                raise self.fail(
                    f"{what} has {len(value)} entries but the input has {nd} spatial "
                    f"ax{'is' if nd == 1 else 'es'} (input {list(shape)})",
                    "tuple-length",
                )
        return nd

    def scales(self, nd: int) -> tuple[float, ...] | None:
        """The scale factors handed to the kernel (None: it uses n / out)."""
        if self.scale_factor is None or self.recompute_scale_factor:
            return None
        sf = self.scale_factor
        return sf if isinstance(sf, tuple) else (sf,) * nd

    def output_shape(self, shape: Shape) -> Shape:
        nd = self._check_rank(shape)
        if self.size is not None:
            sizes = self.size if isinstance(self.size, tuple) else (self.size,) * nd
        else:
            sf = self.scale_factor
            assert sf is not None  # build() requires size or scale_factor
            factors = sf if isinstance(sf, tuple) else (sf,) * nd
            sizes = tuple(math.floor(n * s) for n, s in zip(shape[1:], factors, strict=True))
        for axis, (n, o) in enumerate(zip(shape[1:], sizes, strict=True)):
            if o < 1:
                raise self.fail(
                    f"output size {o} < 1 on spatial axis {axis} (input {n})", "output-too-small"
                )
            if o > MAX_SIZE:
                raise self.fail(
                    f"output size {o} on spatial axis {axis} is larger than {MAX_SIZE}",
                    "too-large",
                )
        return (shape[0], *sizes)

    # which input pixel a nearest output reads ---------------------------------------------
    def source(self, o: int, n: int, out: int, scale_factor: float | None, nd: int) -> int | None:
        """Input index that nearest / nearest-exact output ``o`` copies (n inputs, out
        outputs on this axis); None where PyTorch's float32 rounding decides and its kernels
        disagree. Positions outside [0, out) (a later layer's padding) follow the same rule
        without the clamp to n - 1."""
        exact = self.mode == "nearest-exact"
        if not exact and nd == 2 and out == n:
            return o
        if not exact and nd == 2 and out == 2 * n:
            return o >> 1
        scale = f32(1.0 / scale_factor) if scale_factor else f32(n / out)
        value = math.floor(f32((o + 0.5) * scale)) if exact else math.floor(f32(o * scale))
        if exact and nd != 2:
            ideal = (o + Fraction(1, 2)) * (
                1 / Fraction(scale_factor) if scale_factor else Fraction(n, out)
            )
            if math.floor(ideal) != value:
                return None
        return min(value, n - 1) if 0 <= o < out else value


def _size(c: Checker) -> int | tuple[int, ...] | None:
    raw = c.bound["size"]
    if raw is None:
        return None
    if isinstance(raw, (tuple, list)):
        if not 1 <= len(raw) <= 3:
            raise c.fail(f"size must have 1 to 3 entries, got {len(raw)}", "tuple-length")
        return tuple(c._int("size", v, 1) for v in raw)
    return c._int("size", raw, 1)


def _scale(c: Checker) -> float | tuple[float, ...] | None:
    raw = c.bound["scale_factor"]
    if isinstance(raw, (tuple, list)):
        if not 1 <= len(raw) <= 3:
            raise c.fail(f"scale_factor must have 1 to 3 entries, got {len(raw)}", "tuple-length")
        return tuple(_one_scale(c, v) for v in raw)
    if raw is None or (not isinstance(raw, bool) and raw == 0):
        return None  # PyTorch stores float(s) if s else None
    return _one_scale(c, raw)


def _one_scale(c: Checker, raw: Any) -> float:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise c.fail(f"scale_factor must be a number, got {raw!r}"[:120], "number-type")
    value = float(raw)
    if not math.isfinite(value) or value <= 0:
        raise c.fail(f"scale_factor must be positive, got {value}", "positive")
    if value > 10_000:
        raise c.fail(f"scale_factor={value} is too large", "too-large")
    return value


@dataclass(frozen=True)
class PixelShuffle(Layer):
    """PixelShuffle(upscale_factor) and PixelUnshuffle(downscale_factor) on (C, H, W)."""

    unshuffle: bool
    factor: int

    @property
    def kind(self) -> str:
        return "PixelUnshuffle" if self.unshuffle else "PixelShuffle"

    @classmethod
    def build(cls, name: str, args: Any, kwargs: Any) -> PixelShuffle:
        key = "downscale_factor" if name == "PixelUnshuffle" else "upscale_factor"
        c = Checker(bind(name, ((key, REQUIRED),), args, kwargs))
        return cls(name == "PixelUnshuffle", c.pos_int(key))

    def text(self) -> str:
        key = "downscale_factor" if self.unshuffle else "upscale_factor"
        return f"{self.kind}({key}={self.factor})"

    def output_shape(self, shape: Shape) -> Shape:
        need_rank(self, shape, (3,), "(C, H, W)")
        c, h, w = shape
        r = self.factor
        if not self.unshuffle:
            if c % (r * r):
                raise self.fail(
                    f"the input's {c} channels are not divisible by upscale_factor^2 = {r * r}",
                    "shuffle-channels",
                )
            if max(h, w) * r > MAX_SIZE:
                raise self.fail(f"output larger than {MAX_SIZE}", "too-large")
            return (c // (r * r), h * r, w * r)
        for axis, n in (("height", h), ("width", w)):
            if n % r:
                raise self.fail(
                    f"the input's {axis} {n} is not divisible by downscale_factor={r}",
                    "unshuffle-size",
                )
        if c * r * r > MAX_SIZE:
            raise self.fail(f"output channels larger than {MAX_SIZE}", "too-large")
        return (c * r * r, h // r, w // r)
