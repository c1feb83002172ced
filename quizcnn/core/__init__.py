"""quizcnn's verified CNN math core: layers, shapes, parameters, MACs/FLOPs, receptive fields,
savings. Pure functions, standard library only.

Conventions: shapes have no batch dimension (batch 1); FLOPs = 2 x MACs with bias not counted
(as torch.utils.flop_counter.FlopCounterMode); bad input raises LayerError (a ValueError)
and nothing else.
"""

from __future__ import annotations

from typing import Any

from quizcnn.core.errors import LayerError, ParseError
from quizcnn.core.layers import LAYER_NAMES, Layer, make_layer

_LAZY = {
    "parse_layer": "quizcnn.core.parse",
    "parse_layers": "quizcnn.core.parse",
    "parse_shape": "quizcnn.core.parse",
    "analyze": "quizcnn.core.analyze",
    "Report": "quizcnn.core.analyze",
    "LayerReport": "quizcnn.core.analyze",
    "RF": "quizcnn.core.rf",
    "HandStep": "quizcnn.core.rf",
    "rf_front_to_back": "quizcnn.core.rf",
    "rf_back_to_front": "quizcnn.core.rf",
    "rf_box": "quizcnn.core.rf",
    "grouped_ratio": "quizcnn.core.savings",
    "separable_ratio": "quizcnn.core.savings",
    "separable_ratio_formula": "quizcnn.core.savings",
}

__all__ = ["LAYER_NAMES", "Layer", "LayerError", "ParseError", "make_layer", *_LAZY]


def __getattr__(name: str) -> Any:
    """Load parse/analysis helpers on first use (parse.py is owned by another module)."""
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'quizcnn.core' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value
