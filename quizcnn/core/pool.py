"""Pooling layers with PyTorch's semantics.

Max/AvgPool output per axis (AvgPool has no dilation):
  floor mode: out = floor((n + 2p - d(k-1) - 1) / s) + 1
  ceil mode:  out = ceil((n + 2p - d(k-1) - 1) / s) + 1, then if (out-1)*s >= n + p: out -= 1
  (the last window may not start inside the right padding). stride defaults to kernel_size.
  padding must be at most kernel_size // 2 (PyTorch checks the kernel, not its dilated span).
AdaptiveAvg/MaxPool: window i of o over n inputs spans [floor(i*n/o), ceil((i+1)*n/o));
  an output_size entry of None keeps that axis.
Pools have no parameters and count 0 MACs (as torch.utils.flop_counter).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from quizcnn.core.base import (
    REQUIRED,
    Checker,
    Layer,
    Shape,
    bind,
    fmt_scalar_or_tuple,
    need_rank,
    spatial_desc,
)


def pool_output(n: int, k_eff: int, s: int, p: int, ceil_mode: bool) -> int:
    """PyTorch's pooling_output_shape (ATen Pool.h) for one axis."""
    numerator = n + 2 * p - k_eff + (s - 1 if ceil_mode else 0)
    out = numerator // s + 1
    if ceil_mode and (out - 1) * s >= n + p:
        out -= 1
    return out


def adaptive_window(i: int, n: int, o: int) -> tuple[int, int]:
    """Half-open input window [start, end) of adaptive-pool output i (n inputs, o outputs)."""
    return (i * n) // o, -((-(i + 1) * n) // o)


def _stride(c: Checker, nd: int) -> tuple[int, ...]:
    if c.bound["stride"] is None:
        return c.tuple_int("kernel_size", nd, 1)
    return c.tuple_int("stride", nd, 1)


def _check_half_kernel(c: Checker, k: tuple[int, ...], p: tuple[int, ...]) -> None:
    for ki, pi in zip(k, p, strict=True):
        if pi > ki // 2:
            raise c.fail(
                f"padding={pi} is more than half the kernel size {ki} (must be <= {ki // 2})",
                "pool-padding-half-kernel",
            )


class _WindowPool(Layer):
    nd: int
    kernel_size: tuple[int, ...]
    stride: tuple[int, ...]
    padding: tuple[int, ...]
    ceil_mode: bool

    def k_eff(self, axis: int) -> int:
        return getattr(self, "dilation", (1,) * self.nd)[axis] * (self.kernel_size[axis] - 1) + 1

    def pads(self, axis: int) -> tuple[int, int]:
        return self.padding[axis], self.padding[axis]

    def output_shape(self, shape: Shape) -> Shape:
        need_rank(self, shape, (self.nd + 1,), spatial_desc(self.nd))
        out = [shape[0]]
        for axis, n in enumerate(shape[1:]):
            if self.kind == "AvgPool3d" and n < self.kernel_size[axis]:
                # PyTorch's avg_pool3d (only) checks the unpadded input against the kernel.
                raise self.fail(
                    f"AvgPool3d needs the unpadded input to be at least the kernel size, got "
                    f"{n} < {self.kernel_size[axis]} on spatial axis {axis}",
                    "avgpool3d-input-smaller-than-kernel",
                )
            size = pool_output(
                n, self.k_eff(axis), self.stride[axis], self.padding[axis], self.ceil_mode
            )
            if size < 1:
                raise self.fail(
                    f"output size {size} < 1 on spatial axis {axis} (input {n}, window "
                    f"{self.k_eff(axis)}, padding {self.padding[axis]})",
                    "output-too-small",
                )
            out.append(size)
        return tuple(out)


@dataclass(frozen=True)
class MaxPool(_WindowPool):
    """MaxPool1d/2d/3d(kernel_size, stride=None, padding=0, dilation=1, return_indices=False,
    ceil_mode=False)."""

    nd: int
    kernel_size: tuple[int, ...]
    stride: tuple[int, ...]
    padding: tuple[int, ...]
    dilation: tuple[int, ...]
    return_indices: bool = False
    ceil_mode: bool = False

    @property
    def kind(self) -> str:
        return f"MaxPool{self.nd}d"

    @classmethod
    def build(cls, nd: int, name: str, args: Any, kwargs: Any) -> MaxPool:
        sig = (
            ("kernel_size", REQUIRED),
            ("stride", None),
            ("padding", 0),
            ("dilation", 1),
            ("return_indices", False),
            ("ceil_mode", False),
        )
        c = Checker(bind(name, sig, args, kwargs))
        k = c.tuple_int("kernel_size", nd, 1)
        s = _stride(c, nd)
        p = c.tuple_int("padding", nd, 0)
        d = c.tuple_int("dilation", nd, 1)
        ri, cm = c.flag("return_indices"), c.flag("ceil_mode")
        _check_half_kernel(c, k, p)
        return cls(nd, k, s, p, d, ri, cm)

    def text(self) -> str:
        parts = [
            f"kernel_size={fmt_scalar_or_tuple(self.kernel_size)}",
            f"stride={fmt_scalar_or_tuple(self.stride)}",
            f"padding={fmt_scalar_or_tuple(self.padding)}",
            f"dilation={fmt_scalar_or_tuple(self.dilation)}",
        ]
        if self.return_indices:
            parts.append("return_indices=True")
        parts.append(f"ceil_mode={self.ceil_mode}")
        return f"{self.kind}({', '.join(parts)})"


@dataclass(frozen=True)
class AvgPool(_WindowPool):
    """AvgPool1d/2d/3d(kernel_size, stride=None, padding=0, ceil_mode=False,
    count_include_pad=True, divisor_override=None) (no divisor_override on AvgPool1d)."""

    nd: int
    kernel_size: tuple[int, ...]
    stride: tuple[int, ...]
    padding: tuple[int, ...]
    ceil_mode: bool = False
    count_include_pad: bool = True
    divisor_override: int | None = None

    @property
    def kind(self) -> str:
        return f"AvgPool{self.nd}d"

    @classmethod
    def build(cls, nd: int, name: str, args: Any, kwargs: Any) -> AvgPool:
        sig: tuple[tuple[str, Any], ...] = (
            ("kernel_size", REQUIRED),
            ("stride", None),
            ("padding", 0),
            ("ceil_mode", False),
            ("count_include_pad", True),
        )
        if nd > 1:
            sig += (("divisor_override", None),)
        c = Checker(bind(name, sig, args, kwargs))
        k = c.tuple_int("kernel_size", nd, 1)
        s = _stride(c, nd)
        p = c.tuple_int("padding", nd, 0)
        cm, cip = c.flag("ceil_mode"), c.flag("count_include_pad")
        div = c.opt_int("divisor_override") if nd > 1 else None
        if div == 0:
            raise c.fail("divisor_override must not be zero", "divisor-not-zero")
        _check_half_kernel(c, k, p)
        return cls(nd, k, s, p, cm, cip, div)

    def text(self) -> str:
        parts = [
            f"kernel_size={fmt_scalar_or_tuple(self.kernel_size)}",
            f"stride={fmt_scalar_or_tuple(self.stride)}",
            f"padding={fmt_scalar_or_tuple(self.padding)}",
        ]
        if self.ceil_mode:
            parts.append("ceil_mode=True")
        if not self.count_include_pad:
            parts.append("count_include_pad=False")
        if self.divisor_override is not None:
            parts.append(f"divisor_override={self.divisor_override}")
        return f"{self.kind}({', '.join(parts)})"


@dataclass(frozen=True)
class AdaptivePool(Layer):
    """AdaptiveAvgPool1d/2d/3d(output_size) and AdaptiveMaxPool1d/2d/3d(output_size,
    return_indices=False). ``output_size`` entries may be None (keep that axis)."""

    op: str  # "Avg" or "Max"
    nd: int
    output_size: tuple[int | None, ...]
    return_indices: bool = False

    @property
    def kind(self) -> str:
        return f"Adaptive{self.op}Pool{self.nd}d"

    @classmethod
    def build(cls, op: str, nd: int, name: str, args: Any, kwargs: Any) -> AdaptivePool:
        sig: tuple[tuple[str, Any], ...] = (("output_size", REQUIRED),)
        if op == "Max":
            sig += (("return_indices", False),)
        c = Checker(bind(name, sig, args, kwargs))
        raw = c.bound["output_size"]
        if isinstance(raw, (tuple, list)):
            if len(raw) != nd:
                raise c.fail(f"output_size must have {nd} entries, got {len(raw)}", "tuple-length")
            sizes = tuple(None if v is None else c._int("output_size", v, 1) for v in raw)
        elif raw is None and nd == 1:
            raise c.fail("output_size must be an integer, got None", "int-type")
        else:
            sizes = (c._int("output_size", raw, 1),) * nd
        ri = c.flag("return_indices") if op == "Max" else False
        return cls(op, nd, sizes, ri)

    def resolved(self, shape: Shape) -> tuple[int, ...]:
        """Output size per axis for an input shape (None -> the input size)."""
        return tuple(
            n if o is None else o for n, o in zip(shape[1:], self.output_size, strict=True)
        )

    def text(self) -> str:
        if len(set(self.output_size)) == 1 and self.output_size[0] is not None:
            size = str(self.output_size[0])
        else:
            size = repr(tuple(self.output_size))
        extra = ", return_indices=True" if self.return_indices else ""
        return f"{self.kind}(output_size={size}{extra})"

    def output_shape(self, shape: Shape) -> Shape:
        need_rank(self, shape, (self.nd + 1,), spatial_desc(self.nd))
        return (shape[0], *self.resolved(shape))
