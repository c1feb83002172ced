"""Convolution layers: Conv1d/2d/3d and ConvTranspose1d/2d/3d, with PyTorch's semantics.

Conventions (per spatial axis, input length n):
- Conv: out = floor((n + p_left + p_right - d(k-1) - 1) / s) + 1. ``padding='valid'`` is 0;
  ``padding='same'`` needs stride 1, pads d(k-1) in total with floor(total/2) on the left/top
  and the odd pixel on the right/bottom (as PyTorch does).
- ConvTranspose: out = (n-1)s - 2p + d(k-1) + output_padding + 1, output_padding < max(s, d).
- Parameters: weight (C_out, C_in/g, *k) [(C_in, C_out/g, *k) for transposed] + C_out bias.
- MACs (torch.utils.flop_counter, bias not counted): Conv = C_out * prod(out) * C_in/g * prod(k);
  ConvTranspose = C_in * prod(in) * C_out/g * prod(k) (counted over input positions).
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
    fmt_tuple,
    need_channels,
    need_rank,
    prod,
    spatial_desc,
)

PADDING_MODES = ("zeros", "reflect", "replicate", "circular")


def conv_signature() -> tuple[tuple[str, Any], ...]:
    return (
        ("in_channels", REQUIRED),
        ("out_channels", REQUIRED),
        ("kernel_size", REQUIRED),
        ("stride", 1),
        ("padding", 0),
        ("dilation", 1),
        ("groups", 1),
        ("bias", True),
        ("padding_mode", "zeros"),
        ("device", None),
        ("dtype", None),
    )


def transpose_signature() -> tuple[tuple[str, Any], ...]:
    return (
        ("in_channels", REQUIRED),
        ("out_channels", REQUIRED),
        ("kernel_size", REQUIRED),
        ("stride", 1),
        ("padding", 0),
        ("output_padding", 0),
        ("groups", 1),
        ("bias", True),
        ("dilation", 1),
        ("padding_mode", "zeros"),
        ("device", None),
        ("dtype", None),
    )


def _check_groups(c: Checker, cin: int, cout: int, groups: int) -> None:
    if cin % groups:
        raise c.fail(
            f"in_channels={cin} is not divisible by groups={groups}", "groups-divide-channels"
        )
    if cout % groups:
        raise c.fail(
            f"out_channels={cout} is not divisible by groups={groups}", "groups-divide-channels"
        )


def _read_sizes(c: Checker, nd: int) -> tuple[int, int, tuple[int, ...], tuple[int, ...],
                                              tuple[int, ...]]:
    """in_channels, out_channels, kernel_size, stride, dilation (checked in this order)."""
    cin, cout = c.pos_int("in_channels"), c.pos_int("out_channels")
    k = c.tuple_int("kernel_size", nd, 1)
    s = c.tuple_int("stride", nd, 1)
    d = c.tuple_int("dilation", nd, 1)
    return cin, cout, k, s, d


def _read_rest(c: Checker, cin: int, cout: int, zeros_only: str | None = None
               ) -> tuple[int, bool, str]:
    """groups, bias and padding_mode (only 'zeros' for ``zeros_only``, the layer's name),
    then device=/dtype= and whether the groups divide the channels."""
    groups = c.pos_int("groups")
    bias = c.flag("bias")
    mode = c.choice("padding_mode", PADDING_MODES)
    if zeros_only and mode != "zeros":
        raise c.fail(
            f"{zeros_only} supports only padding_mode='zeros', got {mode!r}",
            "transposed-padding-mode",
        )
    c.factory_kwargs()
    _check_groups(c, cin, cout, groups)
    return groups, bias, mode


def _text(layer: Conv | ConvTranspose, padding: str | None,
          output_padding: tuple[int, ...] = (), padding_mode: str = "zeros") -> str:
    """The canonical constructor call; ``padding``: its text, None when left out."""
    parts = [
        str(layer.in_channels),
        str(layer.out_channels),
        f"kernel_size={fmt_tuple(layer.kernel_size)}",
        f"stride={fmt_tuple(layer.stride)}",
    ]
    if padding is not None:
        parts.append(f"padding={padding}")
    if any(v != 1 for v in layer.dilation):
        parts.append(f"dilation={fmt_tuple(layer.dilation)}")
    if any(output_padding):
        parts.append(f"output_padding={fmt_tuple(output_padding)}")
    if layer.groups != 1:
        parts.append(f"groups={layer.groups}")
    if not layer.bias:
        parts.append("bias=False")
    if padding_mode != "zeros":
        parts.append(f"padding_mode={padding_mode!r}")
    return f"{layer.kind}({', '.join(parts)})"


@dataclass(frozen=True)
class Conv(Layer):
    """Conv1d/Conv2d/Conv3d. ``padding`` holds the left/top padding per axis; for
    ``padding='same'`` the right/bottom side may get one more (see ``pads``);
    ``padding_str`` keeps 'same'/'valid' when given as a string."""

    nd: int
    in_channels: int
    out_channels: int
    kernel_size: tuple[int, ...]
    stride: tuple[int, ...]
    padding: tuple[int, ...]
    dilation: tuple[int, ...]
    groups: int = 1
    bias: bool = True
    padding_mode: str = "zeros"
    padding_str: str | None = None

    @property
    def kind(self) -> str:
        return f"Conv{self.nd}d"

    @classmethod
    def build(cls, nd: int, name: str, args: Any, kwargs: Any) -> Conv:
        c = Checker(bind(name, conv_signature(), args, kwargs))
        cin, cout, k, s, d = _read_sizes(c, nd)
        groups, bias, mode = _read_rest(c, cin, cout)
        raw = c.bound["padding"]
        pad_str = None
        if isinstance(raw, str):
            pad_str = c.choice("padding", ("same", "valid"))
            if pad_str == "same":
                if any(v != 1 for v in s):
                    raise c.fail(
                        f"padding='same' needs stride 1, got stride={fmt_tuple(s)}",
                        "same-needs-stride-1",
                    )
                pad = tuple(di * (ki - 1) // 2 for ki, di in zip(k, d, strict=True))
            else:
                pad = (0,) * nd
        else:
            pad = c.tuple_int("padding", nd, 0)
        return cls(nd, cin, cout, k, s, pad, d, groups, bias, mode, pad_str)

    def pads(self, axis: int) -> tuple[int, int]:
        """(left, right) padding on one spatial axis."""
        if self.padding_str == "same":
            total = self.dilation[axis] * (self.kernel_size[axis] - 1)
            return total // 2, total - total // 2
        return self.padding[axis], self.padding[axis]

    def k_eff(self, axis: int) -> int:
        """Dilated kernel span d(k-1)+1."""
        return self.dilation[axis] * (self.kernel_size[axis] - 1) + 1

    def text(self) -> str:
        if self.padding_str is not None:
            padding: str | None = repr(self.padding_str)
        else:
            padding = fmt_tuple(self.padding) if any(self.padding) else None
        return _text(self, padding, padding_mode=self.padding_mode)

    def params(self) -> int:
        weight = self.out_channels * (self.in_channels // self.groups) * prod(self.kernel_size)
        return weight + (self.out_channels if self.bias else 0)

    def output_shape(self, shape: Shape) -> Shape:
        need_rank(self, shape, (self.nd + 1,), spatial_desc(self.nd))
        need_channels(self, shape, 'in_channels', self.in_channels)
        out = [self.out_channels]
        for axis, n in enumerate(shape[1:]):
            left, right = self.pads(axis)
            if self.padding_mode == "reflect" and max(left, right) >= n:
                raise self.fail(
                    f"padding_mode='reflect' needs padding < input size on every axis, "
                    f"got padding {max(left, right)} for size {n}",
                    "reflect-padding-limit",
                )
            if self.padding_mode == "circular" and max(left, right) > n:
                raise self.fail(
                    f"padding_mode='circular' needs padding <= input size on every axis, "
                    f"got padding {max(left, right)} for size {n}",
                    "circular-padding-limit",
                )
            padded = n + left + right
            if self.k_eff(axis) > padded:
                raise self.fail(
                    f"dilated kernel {self.k_eff(axis)} is larger than the padded input "
                    f"{padded} on spatial axis {axis}",
                    "kernel-larger-than-input",
                )
            size = (padded - self.k_eff(axis)) // self.stride[axis] + 1
            out.append(size)
        return tuple(out)

    def macs(self, shape: Shape, out: Shape) -> int:
        per_out = (self.in_channels // self.groups) * prod(self.kernel_size)
        return self.out_channels * prod(out[1:]) * per_out


@dataclass(frozen=True)
class ConvTranspose(Layer):
    """ConvTranspose1d/2d/3d (padding_mode is always 'zeros': PyTorch supports no other)."""

    nd: int
    in_channels: int
    out_channels: int
    kernel_size: tuple[int, ...]
    stride: tuple[int, ...]
    padding: tuple[int, ...]
    output_padding: tuple[int, ...]
    groups: int = 1
    bias: bool = True
    dilation: tuple[int, ...] = (1,)

    @property
    def kind(self) -> str:
        return f"ConvTranspose{self.nd}d"

    @classmethod
    def build(cls, nd: int, name: str, args: Any, kwargs: Any) -> ConvTranspose:
        c = Checker(bind(name, transpose_signature(), args, kwargs))
        cin, cout, k, s, d = _read_sizes(c, nd)
        if isinstance(c.bound["padding"], str):
            raise c.fail(
                f"{name} does not support a padding string ({c.bound['padding']!r}); "
                "give padding as an int or tuple",
                "transposed-padding-string",
            )
        pad = c.tuple_int("padding", nd, 0)
        opad = c.tuple_int("output_padding", nd, 0)
        groups, bias, _mode = _read_rest(c, cin, cout, zeros_only=name)
        for op, si, di in zip(opad, s, d, strict=True):
            if op >= max(si, di):
                raise c.fail(
                    f"output_padding={op} must be smaller than max(stride, dilation)={max(si, di)}",
                    "output-padding-limit",
                )
        return cls(nd, cin, cout, k, s, pad, opad, groups, bias, d)

    def text(self) -> str:
        padding = fmt_tuple(self.padding) if any(self.padding) else None
        return _text(self, padding, self.output_padding)

    def params(self) -> int:
        weight = self.in_channels * (self.out_channels // self.groups) * prod(self.kernel_size)
        return weight + (self.out_channels if self.bias else 0)

    def output_shape(self, shape: Shape) -> Shape:
        need_rank(self, shape, (self.nd + 1,), spatial_desc(self.nd))
        need_channels(self, shape, 'in_channels', self.in_channels)
        out = [self.out_channels]
        for axis, n in enumerate(shape[1:]):
            k, s, d = self.kernel_size[axis], self.stride[axis], self.dilation[axis]
            size = (
                (n - 1) * s - 2 * self.padding[axis] + d * (k - 1) + self.output_padding[axis] + 1
            )
            if size < 1:
                raise self.fail(
                    f"output size {size} < 1 on spatial axis {axis} (input {n})",
                    "output-too-small",
                )
            out.append(size)
        return tuple(out)

    def macs(self, shape: Shape, out: Shape) -> int:
        per_in = (self.out_channels // self.groups) * prod(self.kernel_size)
        return self.in_channels * prod(shape[1:]) * per_in
