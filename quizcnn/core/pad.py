"""Padding layers with PyTorch's semantics: ZeroPad1d/2d/3d, ConstantPad1d/2d/3d(padding, value),
ReflectionPad1d/2d/3d, ReplicationPad1d/2d/3d and CircularPad1d/2d/3d.

``padding`` is an int (the same on every side) or a tuple in PyTorch's order, last axis first:
(left, right) for 1d, (left, right, top, bottom) for 2d, (left, right, top, bottom, front, back)
for 3d. As in PyTorch, a shorter tuple of pairs pads only the last axes (ZeroPad2d((1, 2)) pads
the width; only Zero/Constant padding takes a shorter tuple). Negative padding crops (Zero and
Constant crop first, so the crops may not exceed the input). Per axis of input length n:
out = n + before + after.
Input rules PyTorch enforces: reflection padding must be smaller than the input on that axis,
circular padding at most the input size (it wraps around once), and the output must keep at
least one pixel. The input is (C, spatial...) with nd spatial axes (no batch).

Padding layers have no parameters and count 0 MACs. For receptive fields they only move the
coordinates: size and jump stay, start moves by -before (a 1-pixel window at stride 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from quizcnn.core.base import REQUIRED, Checker, Layer, Shape, bind, need_rank, spatial_desc

PAD_KINDS = ("Zero", "Constant", "Reflection", "Replication", "Circular")
_AXIS_NAMES = {1: ("L",), 2: ("H", "W"), 3: ("D", "H", "W")}


@dataclass(frozen=True)
class Pad(Layer):
    """One padding layer. ``padding`` is stored as PyTorch keeps it: 2*nd ints, last axis first
    (left, right, top, bottom, front, back), or fewer when only the last axes are padded."""

    mode: str  # one of PAD_KINDS
    nd: int
    padding: tuple[int, ...]
    value: float = 0.0

    @property
    def kind(self) -> str:
        return f"{self.mode}Pad{self.nd}d"

    @classmethod
    def build(cls, mode: str, nd: int, name: str, args: Any, kwargs: Any) -> Pad:
        sig: tuple[tuple[str, Any], ...] = (("padding", REQUIRED),)
        if mode == "Constant":
            sig += (("value", REQUIRED),)
        c = Checker(bind(name, sig, args, kwargs))
        raw = c.bound["padding"]
        if isinstance(raw, (tuple, list)):
            if len(raw) % 2:
                raise c.fail(
                    f"padding must hold pairs (before, after) per axis, got {len(raw)} values",
                    "pad-pairs",
                )
            shortest = 2 if mode in ("Zero", "Constant") else 2 * nd
            if not shortest <= len(raw) <= 2 * nd:
                fewer = " (or fewer pairs)" if shortest < 2 * nd else ""
                raise c.fail(
                    f"padding must have {2 * nd} entries{fewer}, got {len(raw)}", "tuple-length"
                )
            pads = tuple(c._int_any("padding", v) for v in raw)
        else:
            pads = (c._int_any("padding", raw),) * (2 * nd)
        value = c.real("value") if mode == "Constant" else 0.0
        return cls(mode, nd, pads, value)

    def text(self) -> str:
        if self.mode == "Constant":
            return f"{self.kind}(padding={self.padding!r}, value={self.value!r})"
        return f"{self.kind}({self.padding!r})"

    def pads(self, axis: int) -> tuple[int, int]:
        """(before, after) padding of spatial axis ``axis`` (0 = first spatial axis)."""
        pairs = len(self.padding) // 2
        back = self.nd - 1 - axis  # PyTorch lists the last axis first
        if back >= pairs:
            return 0, 0
        return self.padding[2 * back], self.padding[2 * back + 1]

    def output_shape(self, shape: Shape) -> Shape:
        need_rank(self, shape, (self.nd + 1,), spatial_desc(self.nd))
        names = _AXIS_NAMES[self.nd]
        out = [shape[0]]
        for axis, n in enumerate(shape[1:]):
            before, after = self.pads(axis)
            if self.mode == "Reflection" and max(before, after) >= n:
                raise self.fail(
                    f"reflection padding must be smaller than the input: {max(before, after)} "
                    f">= {n} on axis {names[axis]}",
                    "reflect-padding-too-large",
                )
            if self.mode == "Circular" and max(before, after) > n:
                raise self.fail(
                    f"circular padding wraps around more than once: {max(before, after)} > {n} "
                    f"on axis {names[axis]}",
                    "circular-padding-too-large",
                )
            if self.mode in ("Zero", "Constant") and n + min(before, 0) + min(after, 0) < 0:
                # PyTorch crops (narrows) first, then pads
                raise self.fail(
                    f"negative padding crops more than the input on axis {names[axis]}: {n} + "
                    f"({min(before, 0)}) + ({min(after, 0)}) < 0",
                    "crop-too-large",
                )
            size = n + before + after
            if size < 1:
                raise self.fail(
                    f"negative padding crops all of axis {names[axis]}: {n} + ({before}) + "
                    f"({after}) = {size}",
                    "output-too-small",
                )
            out.append(size)
        return tuple(out)
