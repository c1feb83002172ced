"""Shapes, parameters, MACs, FLOPs and receptive fields of a stack of layers.

Convention: batch 1, shapes without the batch dimension; FLOPs = 2 x MACs, bias not counted,
as torch.utils.flop_counter.FlopCounterMode counts (ConvTranspose over input positions; pools,
norms, activations and dropout count 0). Receptive fields: see ``quizcnn.core.rf``; norms are
treated as per-pixel (their statistics are not followed), as the usual convention does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from quizcnn.core.base import Layer, Shape
from quizcnn.core.chain import at_layer, to_layers, to_shape, walk
from quizcnn.core.rf import RF, trace

CONVENTION = "FLOPs = 2 x MACs, bias not counted (torch.utils.flop_counter)"


@dataclass(frozen=True)
class LayerReport:
    """One layer's numbers, relative to the network input."""

    index: int
    layer: Layer
    input: Shape
    output: Shape
    params: int
    macs: int
    flops: int
    rf: RF | None
    rf_note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: layer (canonical text), input, output, params, macs, flops, rf, rf_note."""
        return {
            "layer": self.layer.text(),
            "input": list(self.input),
            "output": list(self.output),
            "params": self.params,
            "macs": self.macs,
            "flops": self.flops,
            "rf": None if self.rf is None else self.rf.to_dict(),
            "rf_note": self.rf_note,
        }


@dataclass(frozen=True)
class Report:
    """Per-layer reports and totals for one stack."""

    input: Shape
    layers: list[LayerReport] = field(default_factory=list)

    @property
    def output(self) -> Shape:
        return self.layers[-1].output if self.layers else self.input

    @property
    def params(self) -> int:
        return sum(r.params for r in self.layers)

    @property
    def macs(self) -> int:
        return sum(r.macs for r in self.layers)

    @property
    def flops(self) -> int:
        return sum(r.flops for r in self.layers)

    @property
    def rf(self) -> RF | None:
        """Field of the last layer (an empty stack: a single pixel)."""
        if self.layers:
            return self.layers[-1].rf
        spatial = len(self.input) - 1
        return RF((1,) * spatial, (1,) * spatial, (0,) * spatial) if spatial else None

    @property
    def rf_note(self) -> str | None:
        return self.layers[-1].rf_note if self.layers else None

    def to_dict(self) -> dict[str, Any]:
        rf = self.rf
        return {
            "input": list(self.input),
            "layers": [r.to_dict() for r in self.layers],
            "output": list(self.output),
            "params": self.params,
            "macs": self.macs,
            "flops": self.flops,
            "rf": None if rf is None else rf.to_dict(),
            "convention": CONVENTION,
        }


def analyze(input_shape: Any, layers: Any) -> Report:
    """Analyse ``layers`` (Layer objects and/or layer texts, or one multi-line text) on an
    input of ``input_shape`` ((C, L), (C, H, W) or (C, D, H, W), or a string "3x224x224").

    Raises LayerError (naming the layer index and text) for any impossible configuration,
    including a broken chain (in_channels not matching the previous output, ...)."""
    shape = to_shape(input_shape)
    stack = to_layers(layers)
    shapes = walk(shape, stack)
    fields = trace(shapes, stack)
    reports = []
    for i, layer in enumerate(stack):
        macs, params = at_layer(
            i, layer, "count this layer",
            lambda: (layer.macs(shapes[i], shapes[i + 1]), layer.params()),  # noqa: B023
        )
        rf, note = fields[i]
        reports.append(
            LayerReport(i, layer, shapes[i], shapes[i + 1], params, macs, 2 * macs, rf, note)
        )
    return Report(shape, reports)
