"""Randomized numeric problems with worked solutions, forgiving answers and named mistakes.

Every answer comes from ``quizcnn.core`` run on the problem's own layers.

- ``templates()`` lists the problem templates; ``generate(template, seed, difficulty)`` draws one
  problem with its own ``random.Random`` (same seed, same problem, on every platform).
- ``Problem.check(text) -> Verdict`` grades what the user typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# The template modules live in the subpackage ``quizcnn.problems.templates``; importing it
# here, before ``def templates`` below, keeps the name ``templates`` bound to the function
# (a first import of the subpackage later would rebind the package attribute to the module).
import quizcnn.problems.templates as _template_modules  # noqa: F401
from quizcnn.problems.model import Misconception, Problem, ProblemError, Step, Verdict

if TYPE_CHECKING:
    from quizcnn.problems.templates.base import Template

__all__ = [
    "Misconception",
    "Problem",
    "ProblemError",
    "Step",
    "Verdict",
    "generate",
    "get_template",
    "templates",
]


def templates() -> list[Template]:
    """All templates, in a stable order."""
    from quizcnn.problems.registry import all_templates

    return all_templates()


def get_template(template_id: str) -> Template:
    from quizcnn.problems.registry import get_template as _get

    return _get(template_id)


def generate(template: str, seed: int, difficulty: int) -> Problem:
    """One problem of ``template`` at ``difficulty`` (1-3), reproducible from ``seed``."""
    from quizcnn.problems.registry import generate as _generate

    return _generate(template, seed, difficulty)
