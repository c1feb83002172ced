"""Normalisation layers: BatchNorm, InstanceNorm, GroupNorm, LayerNorm, LocalResponseNorm.

Conventions:
- BatchNorm: weight and bias (2*C) are parameters when affine=True; running mean/var and
  num_batches_tracked are buffers, not parameters. GroupNorm: 2*C when affine.
  InstanceNorm: 2*C only when affine=True (PyTorch's default is False). LayerNorm:
  2*prod(normalized_shape) when elementwise_affine (one set without bias). Receptive fields
  treat every norm as pointwise (their statistics are not counted), as for BatchNorm.
- Norms count 0 MACs (as torch.utils.flop_counter).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from quizcnn.core.base import (
    REQUIRED,
    Checker,
    Layer,
    Shape,
    bind,
    need_channels,
    need_rank,
    prod,
)


def affine_params(count: int, affine: bool, bias: bool) -> int:
    """A norm's learnable parameters: a weight per normalised element, plus a bias unless
    bias=False; none without the affine part."""
    return count * (2 if bias else 1) if affine else 0


@dataclass(frozen=True)
class _ChannelNorm(Layer):
    """BatchNorm and InstanceNorm: the same constructor (torch 2.13: num_features, eps,
    momentum, affine, track_running_stats, device, dtype, *, bias) with other defaults.
    Parameters: weight + bias = 2*C when affine (C with bias=False, 0 without affine);
    running mean/var and num_batches_tracked are buffers, not parameters."""

    nd: int
    num_features: int
    eps: float = 1e-05
    momentum: float | None = 0.1
    affine: bool = True
    track_running_stats: bool = True
    bias: bool = True
    NAME = ""

    @property
    def kind(self) -> str:
        return f"{self.NAME}{self.nd}d"

    @classmethod
    def build(cls, nd: int, name: str, args: Any, kwargs: Any) -> _ChannelNorm:
        defaults = {f.name: f.default for f in fields(cls)}
        sig = (
            ("num_features", REQUIRED),
            ("eps", 1e-05),
            ("momentum", 0.1),
            ("affine", defaults["affine"]),
            ("track_running_stats", defaults["track_running_stats"]),
            ("device", None),
            ("dtype", None),
            ("*bias", True),
        )
        c = Checker(bind(name, sig, args, kwargs))
        c.factory_kwargs()
        affine = c.flag("affine")
        return cls(
            nd,
            c.pos_int("num_features"),
            c.real("eps"),
            c.real("momentum", allow_none=True),
            affine,
            c.flag("track_running_stats"),
            affine and c.flag("bias"),  # as torch prints it: no bias without affine
        )

    def text(self) -> str:
        return (
            f"{self.kind}({self.num_features}, eps={self.eps!r}, momentum={self.momentum!r}, "
            f"affine={self.affine}, bias={self.bias}, "
            f"track_running_stats={self.track_running_stats})"
        )

    def params(self) -> int:
        return affine_params(self.num_features, self.affine, self.bias)


@dataclass(frozen=True)
class BatchNorm(_ChannelNorm):
    """BatchNorm1d/2d/3d(num_features, eps=1e-05, momentum=0.1, affine=True,
    track_running_stats=True, *, bias=True)."""

    NAME = "BatchNorm"

    def output_shape(self, shape: Shape) -> Shape:
        ranks = (1, 2) if self.nd == 1 else (self.nd + 1,)
        need_rank(self, shape, ranks, "(C,) or (C, L)" if self.nd == 1 else "(C, spatial...)")
        need_channels(self, shape, 'num_features', self.num_features)
        return shape


@dataclass(frozen=True)
class InstanceNorm(_ChannelNorm):
    """InstanceNorm1d/2d/3d(num_features, eps=1e-05, momentum=0.1, affine=False,
    track_running_stats=False, *, bias=True). PyTorch checks the channel count only when
    affine or track_running_stats (otherwise num_features is unused and it only warns), and
    it needs more than one spatial element per channel."""

    affine: bool = False
    track_running_stats: bool = False
    NAME = "InstanceNorm"

    def output_shape(self, shape: Shape) -> Shape:
        need_rank(self, shape, (self.nd + 1,), "(C, spatial...)")
        if self.affine or self.track_running_stats:
            need_channels(self, shape, "num_features", self.num_features)
        if prod(shape[1:]) < 2:
            raise self.fail(
                f"each channel of input {list(shape)} holds one value; {self.kind} needs more "
                "than one spatial element", "instancenorm-one-value",
            )
        return shape


@dataclass(frozen=True)
class GroupNorm(Layer):
    """GroupNorm(num_groups, num_channels, eps=1e-05, affine=True, *, bias=True); 2*C
    parameters if affine (C with bias=False)."""

    num_groups: int
    num_channels: int
    eps: float = 1e-05
    affine: bool = True
    bias: bool = True

    @classmethod
    def build(cls, name: str, args: Any, kwargs: Any) -> GroupNorm:
        sig = (
            ("num_groups", REQUIRED),
            ("num_channels", REQUIRED),
            ("eps", 1e-05),
            ("affine", True),
            ("device", None),
            ("dtype", None),
            ("*bias", True),
        )
        c = Checker(bind(name, sig, args, kwargs))
        c.factory_kwargs()
        groups, channels = c.pos_int("num_groups"), c.pos_int("num_channels")
        if channels % groups:
            raise c.fail(
                f"num_channels={channels} is not divisible by num_groups={groups}",
                "groups-divide-channels",
            )
        affine = c.flag("affine")
        return cls(groups, channels, c.real("eps"), affine, affine and c.flag("bias"))

    def text(self) -> str:
        return (
            f"GroupNorm({self.num_groups}, {self.num_channels}, eps={self.eps!r}, "
            f"affine={self.affine}, bias={self.bias})"
        )

    def params(self) -> int:
        return affine_params(self.num_channels, self.affine, self.bias)

    def output_shape(self, shape: Shape) -> Shape:
        need_channels(self, shape, 'num_channels', self.num_channels)
        if (self.num_channels // self.num_groups) * prod(shape[1:]) < 2:
            # PyTorch's group_norm refuses to normalise a single value per group
            raise self.fail(
                f"each of the {self.num_groups} groups holds only one value for input "
                f"{list(shape)}; GroupNorm needs more than one",
                "groupnorm-one-value",
            )
        return shape


@dataclass(frozen=True)
class LayerNorm(Layer):
    """LayerNorm(normalized_shape, eps=1e-05, elementwise_affine=True, bias=True) (torch
    2.13): normalises over the last len(normalized_shape) axes, which must equal it.
    Parameters: 2*prod(normalized_shape) when elementwise_affine (one set with bias=False)."""

    normalized_shape: tuple[int, ...]
    eps: float = 1e-05
    elementwise_affine: bool = True
    bias: bool = True

    @classmethod
    def build(cls, name: str, args: Any, kwargs: Any) -> LayerNorm:
        sig = (
            ("normalized_shape", REQUIRED),
            ("eps", 1e-05),
            ("elementwise_affine", True),
            ("bias", True),
            ("device", None),
            ("dtype", None),
        )
        c = Checker(bind(name, sig, args, kwargs))
        c.factory_kwargs()
        raw = c.bound["normalized_shape"]
        if isinstance(raw, (tuple, list)):
            if not raw:
                raise c.fail("normalized_shape must name at least one axis", "tuple-length")
            dims = tuple(c._int("normalized_shape", v, 1) for v in raw)
        else:
            dims = (c.pos_int("normalized_shape"),)
        affine = c.flag("elementwise_affine")
        return cls(dims, c.real("eps"), affine, affine and c.flag("bias"))

    def text(self) -> str:
        return (
            f"LayerNorm({self.normalized_shape!r}, eps={self.eps!r}, "
            f"elementwise_affine={self.elementwise_affine}, bias={self.bias})"
        )

    def params(self) -> int:
        return affine_params(prod(self.normalized_shape), self.elementwise_affine, self.bias)

    def output_shape(self, shape: Shape) -> Shape:
        n = len(self.normalized_shape)
        if len(shape) < n or tuple(shape[-n:]) != self.normalized_shape:
            raise self.fail(
                f"normalized_shape={list(self.normalized_shape)} must be the last {n} "
                f"ax{'is' if n == 1 else 'es'} of the input, got input {list(shape)}",
                "layernorm-shape",
            )
        return shape


@dataclass(frozen=True)
class LocalResponseNorm(Layer):
    """LocalResponseNorm(size, alpha=0.0001, beta=0.75, k=1.0): across channels, no parameters,
    spatially pointwise (receptive field unchanged)."""

    size: int
    alpha: float = 0.0001
    beta: float = 0.75
    k: float = 1.0

    @classmethod
    def build(cls, name: str, args: Any, kwargs: Any) -> LocalResponseNorm:
        sig = (("size", REQUIRED), ("alpha", 0.0001), ("beta", 0.75), ("k", 1.0))
        c = Checker(bind(name, sig, args, kwargs))
        return cls(c.pos_int("size"), c.real("alpha"), c.real("beta"), c.real("k"))

    def text(self) -> str:
        return f"LocalResponseNorm({self.size}, alpha={self.alpha!r}, beta={self.beta!r}, k={self.k!r})"

    def output_shape(self, shape: Shape) -> Shape:
        if len(shape) < 2:
            raise self.fail(f"expects (C, spatial...) input, got {list(shape)}", "input-rank")
        return shape
