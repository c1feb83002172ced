"""Linear and Flatten: the classifier end of a network.

Conventions:
- Shapes have no batch dimension (batch 1). Linear acts on the last dimension.
- Flatten's start_dim/end_dim count PyTorch's batched dimensions (dim 0 is the batch), so the
  default Flatten(start_dim=1) flattens all of (C, H, W). Flattening the batch (start_dim=0)
  is refused: its output would mix the batch into the features.
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
