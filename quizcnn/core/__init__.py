"""quizcnn's verified CNN math core: layers, shapes, parameters, MACs/FLOPs, receptive fields,
savings. Pure functions, standard library only.

Conventions: shapes have no batch dimension (batch 1); FLOPs = 2 x MACs with bias not counted
(as torch.utils.flop_counter.FlopCounterMode); bad input raises LayerError (a ValueError)
and nothing else.

Modules, by job: layers with PyTorch's semantics in ``conv``, ``pool``, ``pad``, ``resample``,
``linear`` (Linear, Flatten), ``norm`` and ``pointwise`` (activations, dropout, Identity), on
the shared ``base``, made by name in ``layers.make_layer``; ``parse/`` reads layer text and
shapes (never evaluating it); ``chain`` turns inputs into layers; ``analyze`` walks a stack
and ``rf`` computes receptive fields; ``graph``/``graph_ops`` handle branches and merges;
``savings`` gives exact parameter ratios; ``errors`` the one exception family.
"""

from __future__ import annotations

from typing import Any

# Bound eagerly: a lazy name would be shadowed by its submodule once anything imports
# ``quizcnn.core.analyze`` (the import system sets the package attribute to the module).
from quizcnn.core.algorithms import activations_bytes, im2col, tensor_bytes, winograd
from quizcnn.core.analyze import LayerReport, Report, analyze
from quizcnn.core.blocks import bn_fold, densenet_channels, inverted_residual, squeeze_excite
from quizcnn.core.errors import LayerError, ParseError
from quizcnn.core.layers import LAYER_NAMES, Layer, make_layer
from quizcnn.core.rf import RF, HandStep, rf_back_to_front, rf_box, rf_front_to_back
from quizcnn.core.savings import (
    grouped_ratio,
    separable_ratio,
    separable_ratio_formula,
)

_LAZY = {
    "parse_layer": "quizcnn.core.parse",
    "parse_layers": "quizcnn.core.parse",
    "parse_shape": "quizcnn.core.parse",
}

__all__ = [
    "activations_bytes", "bn_fold", "densenet_channels", "im2col", "inverted_residual",
    "squeeze_excite", "tensor_bytes", "winograd",
    "LAYER_NAMES", "RF", "HandStep", "Layer", "LayerError", "LayerReport", "ParseError", "Report",
    "analyze", "grouped_ratio", "make_layer", "rf_back_to_front", "rf_box", "rf_front_to_back",
    "separable_ratio", "separable_ratio_formula", *_LAZY,
]


def __getattr__(name: str) -> Any:
    """Load the parse and analysis helpers on first use (keeps `import quizcnn.core` light)."""
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'quizcnn.core' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value
