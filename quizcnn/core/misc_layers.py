"""Linear, Flatten, normalisation, activation, dropout and Identity layers.

Conventions:
- Shapes have no batch dimension (batch 1). Linear acts on the last dimension.
- Flatten's start_dim/end_dim count PyTorch's batched dimensions (dim 0 is the batch), so the
  default Flatten(start_dim=1) flattens all of (C, H, W). Flattening the batch (start_dim=0)
  is refused: its output would mix the batch into the features.
- BatchNorm: weight and bias (2*C) are parameters when affine=True; running mean/var and
  num_batches_tracked are buffers, not parameters. GroupNorm: 2*C when affine.
  InstanceNorm: 2*C only when affine=True (PyTorch's default is False). LayerNorm:
  2*prod(normalized_shape) when elementwise_affine (one set without bias). Receptive fields
  treat every norm as pointwise (their statistics are not counted), as for BatchNorm.
- Norms, activations, dropout and Identity count 0 MACs (as torch.utils.flop_counter).
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


@dataclass(frozen=True)
class Linear(Layer):
    """Linear(in_features, out_features, bias=True) applied to the last dimension."""

    in_features: int
    out_features: int
    bias: bool = True

    @classmethod
    def build(cls, name: str, args: Any, kwargs: Any) -> Linear:
        sig = (
            ("in_features", REQUIRED),
            ("out_features", REQUIRED),
            ("bias", True),
            ("device", None),
            ("dtype", None),
        )
        c = Checker(bind(name, sig, args, kwargs))
        c.factory_kwargs()
        return cls(c.pos_int("in_features"), c.pos_int("out_features"), c.flag("bias"))

    def text(self) -> str:
        return (
            f"Linear(in_features={self.in_features}, out_features={self.out_features}, "
            f"bias={self.bias})"
        )

    def params(self) -> int:
        return self.in_features * self.out_features + (self.out_features if self.bias else 0)

    def output_shape(self, shape: Shape) -> Shape:
        if shape[-1] != self.in_features:
            hint = " (add a Flatten first?)" if len(shape) > 1 else ""
            raise self.fail(
                f"in_features={self.in_features} but the input's last dimension is "
                f"{shape[-1]} (input {list(shape)}){hint}",
                "in-features-mismatch",
            )
        return (*shape[:-1], self.out_features)

    def macs(self, shape: Shape, out: Shape) -> int:
        return prod(shape[:-1]) * self.in_features * self.out_features


@dataclass(frozen=True)
class Flatten(Layer):
    """Flatten(start_dim=1, end_dim=-1); dims count the batch as dim 0 (as in PyTorch)."""

    start_dim: int = 1
    end_dim: int = -1

    @classmethod
    def build(cls, name: str, args: Any, kwargs: Any) -> Flatten:
        c = Checker(bind(name, (("start_dim", 1), ("end_dim", -1)), args, kwargs))
        return cls(c.any_int("start_dim"), c.any_int("end_dim"))

    def text(self) -> str:
        return f"Flatten(start_dim={self.start_dim}, end_dim={self.end_dim})"

    def output_shape(self, shape: Shape) -> Shape:
        batched = (1, *shape)
        rank = len(batched)
        start = self.start_dim + rank if self.start_dim < 0 else self.start_dim
        end = self.end_dim + rank if self.end_dim < 0 else self.end_dim
        for value, raw in ((start, self.start_dim), (end, self.end_dim)):
            if not 0 <= value < rank:
                raise self.fail(
                    f"dimension {raw} is out of range for a batched input of {rank} dims",
                    "dim-out-of-range",
                )
        if start > end:
            raise self.fail("start_dim cannot come after end_dim", "flatten-dims-order")
        if start == 0:
            raise self.fail(
                "flattening the batch dimension (start_dim=0) is not supported", "flatten-batch"
            )
        merged = prod(batched[start : end + 1])
        return (*batched[1:start], merged, *batched[end + 1 :])


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


@dataclass(frozen=True)
class PReLU(Layer):
    """PReLU(num_parameters=1, init=0.25): num_parameters learnable slopes (1 or C)."""

    num_parameters: int = 1
    init: float = 0.25

    @classmethod
    def build(cls, name: str, args: Any, kwargs: Any) -> PReLU:
        sig = (("num_parameters", 1), ("init", 0.25), ("device", None), ("dtype", None))
        c = Checker(bind(name, sig, args, kwargs))
        c.factory_kwargs()
        return cls(c.pos_int("num_parameters"), c.real("init"))

    def text(self) -> str:
        init = "" if self.init == 0.25 else f", init={self.init!r}"
        return f"PReLU(num_parameters={self.num_parameters}{init})"

    def params(self) -> int:
        return self.num_parameters

    def output_shape(self, shape: Shape) -> Shape:
        if self.num_parameters != 1 and shape[0] != self.num_parameters:
            raise self.fail(
                f"num_parameters={self.num_parameters} but the input has {shape[0]} channels",
                "in-channels-mismatch",
            )
        return shape


# name -> signature (argument, default). Values are checked by kind in Pointwise.build.
_BOOL = ("inplace",)
POINTWISE: dict[str, tuple[tuple[str, Any], ...]] = {
    "ReLU": (("inplace", False),),
    "ReLU6": (("inplace", False),),
    "LeakyReLU": (("negative_slope", 0.01), ("inplace", False)),
    "ELU": (("alpha", 1.0), ("inplace", False)),
    "CELU": (("alpha", 1.0), ("inplace", False)),
    "SELU": (("inplace", False),),
    "GELU": (("approximate", "none"),),
    "SiLU": (("inplace", False),),
    "Mish": (("inplace", False),),
    "Sigmoid": (),
    "Tanh": (),
    "Hardswish": (("inplace", False),),
    "Hardsigmoid": (("inplace", False),),
    "Hardtanh": (
        ("min_val", -1.0),
        ("max_val", 1.0),
        ("inplace", False),
        ("min_value", None),
        ("max_value", None),
    ),
    "Softplus": (("beta", 1.0), ("threshold", 20.0)),
    "Softsign": (),
    "Tanhshrink": (),
    "Softmax": (("dim", None),),
    "LogSoftmax": (("dim", None),),
    "Softmax2d": (),
    "Threshold": (("threshold", REQUIRED), ("value", REQUIRED), ("inplace", False)),
    "Dropout": (("p", 0.5), ("inplace", False)),
    "Dropout1d": (("p", 0.5), ("inplace", False)),
    "Dropout2d": (("p", 0.5), ("inplace", False)),
    "Dropout3d": (("p", 0.5), ("inplace", False)),
    "AlphaDropout": (("p", 0.5), ("inplace", False)),
    "FeatureAlphaDropout": (("p", 0.5), ("inplace", False)),
}


@dataclass(frozen=True)
class Pointwise(Layer):
    """Shape-preserving layers without parameters: activations, dropout and Identity.
    ``options`` holds the constructor arguments as (name, value) pairs in PyTorch's order.
    Identity accepts and ignores any arguments, as PyTorch's does."""

    name: str
    options: tuple[tuple[str, Any], ...] = ()

    @property
    def kind(self) -> str:
        return self.name

    @classmethod
    def build(cls, name: str, args: Any, kwargs: Any) -> Pointwise:
        if name == "Identity":
            if not isinstance(args, (list, tuple)) or not isinstance(kwargs, dict):
                raise Checker({"__where__": name}).fail(
                    "arguments must be a list and a dict", "arguments"
                )
            return cls("Identity", ())
        sig = POINTWISE[name]
        c = Checker(bind(name, sig, args, kwargs))
        if name == "Hardtanh":  # deprecated spellings override, as in PyTorch
            for old, new in (("min_value", "min_val"), ("max_value", "max_val")):
                if c.bound[old] is not None:
                    c.bound[new] = c.bound[old]
                c.bound[old] = None
        options: list[tuple[str, Any]] = []
        for key, _default in sig:
            if key in ("min_value", "max_value"):
                continue
            if key == "inplace":
                value: Any = c.flag(key)
            elif key == "approximate":
                value = c.choice(key, ("none", "tanh"))
            elif key == "dim":
                value = c.opt_int(key)
            else:
                value = c.real(key)
            if key == "p" and not 0.0 <= value <= 1.0:
                raise c.fail(f"p must be between 0 and 1, got {value}", "probability-range")
            options.append((key, value))
        opts = dict(options)
        if name == "Hardtanh" and not opts.get("max_val", 1.0) > opts.get("min_val", -1.0):
            raise c.fail("max_val must be greater than min_val", "hardtanh-range")
        return cls(name, tuple(options))

    def text(self) -> str:
        """As print(model) writes it: every argument, except ``inplace`` only when True
        (Dropout layers always show it)."""
        dropout = "Dropout" in self.name
        shown = [(k, v) for k, v in self.options if k != "inplace" or v or dropout]
        inner = ", ".join(f"{k}={v!r}" for k, v in shown)
        return f"{self.name}({inner})"

    def output_shape(self, shape: Shape) -> Shape:
        opts = dict(self.options)
        dim = opts.get("dim")
        if dim is not None and not -(len(shape) + 1) <= dim <= len(shape):
            raise self.fail(
                f"dim={dim} is out of range for input {list(shape)}", "dim-out-of-range"
            )
        if self.name == "Softmax2d" and len(shape) != 3:
            raise self.fail(f"expects (C, H, W) input, got {list(shape)}", "input-rank")
        return shape
