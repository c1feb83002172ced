"""Shape-preserving layers: activations (PReLU with its slopes, and the parameter-free ones),
dropout and Identity. They count 0 MACs (as torch.utils.flop_counter).
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
)


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
