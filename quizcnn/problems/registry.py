"""The template registry: ids -> Template objects, and ``generate``."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from quizcnn.problems.model import Problem, ProblemError

if TYPE_CHECKING:
    from quizcnn.problems.templates.base import Template

# template id -> module under quizcnn.problems.templates that defines TEMPLATE
TEMPLATE_MODULES = {
    "conv-output-size": "output_size",
    "conv-same-padding": "output_size",
    "pool-output-size": "output_size",
    "transposed-output-size": "output_size",
    "transposed-inverse": "inverse",
    "conv-missing-hyperparameter": "inverse",
    "conv-params": "params",
    "conv-macs-flops": "params",
    "receptive-field-size": "receptive_field",
    "receptive-field-position": "receptive_field",
    "stacked-3x3": "receptive_field",
    "grouped-savings": "savings",
    "conv-vs-fc": "savings",
    "network-trace": "network",
    "bn-folding": "blocks",
    "inverted-residual": "blocks",
    "squeeze-excitation": "channels",
    "densenet-channels": "channels",
    "im2col": "compute",
    "winograd": "compute",
    "activation-memory": "compute",
}
TEMPLATE_IDS = tuple(TEMPLATE_MODULES)
_cache: dict[str, Template] = {}


def _load(template_id: str) -> Template:
    if template_id not in _cache:
        module = importlib.import_module(
            f"quizcnn.problems.templates.{TEMPLATE_MODULES[template_id]}"
        )
        for t in module.TEMPLATES:
            _cache[t.id] = t
    return _cache[template_id]


def all_templates() -> list[Template]:
    return [_load(tid) for tid in TEMPLATE_IDS]


def get_template(template_id: str) -> Template:
    if template_id not in TEMPLATE_MODULES:
        known = ", ".join(TEMPLATE_IDS)
        raise ProblemError(f"unknown problem template {template_id!r} (known: {known})")
    return _load(template_id)


def generate(template_id: str, seed: int, difficulty: int) -> Problem:
    template = get_template(template_id)
    if isinstance(difficulty, bool) or difficulty not in (1, 2, 3):
        raise ProblemError(f"difficulty must be 1, 2 or 3, got {difficulty!r}")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ProblemError(f"seed must be an integer, got {seed!r}")
    return template.generate(seed, difficulty)


def problem_key(p: Problem) -> tuple[object, ...]:
    """Two problems with the same key ask the same thing."""
    return (p.template, p.difficulty, p.quantity, tuple(p.layers), p.input_shape, repr(p.extra))


def generate_many(template_id: str, difficulty: int, count: int, seed: int = 0) -> list[Problem]:
    """``count`` different problems from seeds ``seed``, ``seed + 1``, ... (repeats skipped)."""
    out: list[Problem] = []
    seen: set[tuple[object, ...]] = set()
    s = seed
    while len(out) < count and s < seed + 20 * count + 20:
        p = generate(template_id, s, difficulty)
        s += 1
        key = problem_key(p)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
