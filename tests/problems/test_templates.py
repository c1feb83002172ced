"""Stress test every template x difficulty over many seeds (like R/exams' stresstest).

For each problem: the answer equals the core re-run on the problem's own layer texts, values
are in sane ranges, the typed answer is graded right, every declared misconception is named
when its wrong answer is typed, and the dict form round-trips through JSON.
"""

from __future__ import annotations

import json

import pytest
from problem_helpers import recompute, typed

from quizcnn.core import analyze
from quizcnn.problems import Problem, generate, templates
from quizcnn.problems.registry import TEMPLATE_IDS, generate_many

SEEDS = 200
LEVELS = (1, 2, 3)
PAIRS = [(t, lv) for t in TEMPLATE_IDS for lv in LEVELS]
# Few essentially different questions here (the first layers of a few real networks; "how many
# 3x3 layers" has one answer per target size): only the batch test asks for no repeats.
SMALL_SPACE = {("network-trace", 1), ("network-trace", 2), ("network-trace", 3),
               ("stacked-3x3", 1),
               # one bottleneck (width, expansion, groups) and a reduction ratio: a few hundred
               ("squeeze-excitation", 3)}


def _sane(p):
    if p.input_shape is not None:
        assert all(1 <= v <= 4096 for v in p.input_shape), p.input_shape
    a = p.answer
    if p.quantity == "output_shape":
        assert all(1 <= v <= 8192 for v in a), a
    elif p.quantity in ("params", "macs", "flops"):
        assert 0 < a < 10**13, a
    elif p.quantity in ("rf_size",):
        assert all(1 <= v <= 4096 for v in (a if isinstance(a, tuple) else (a,))), a
    elif p.quantity == "rf_start":
        assert -4096 < a < 4096
    elif p.quantity == "ratio":
        assert 0 < a < 10**9


def _check_problem(p: Problem):
    assert p.prompt["en"].strip() and p.prompt["zh"].strip()
    assert p.steps["en"] and len(p.steps["en"]) == len(p.steps["zh"])
    assert p.hints["en"] and len(p.hints["en"]) == len(p.hints["zh"])
    want = recompute(p)
    if want is not None:
        assert p.answer == want, (p.layers, p.answer, want)
    else:  # several answers can be right: the reference solution must reach the target
        out = analyze(p.input_shape, list(p.extra["solution_layers"])).output
        assert out == p.extra["target"], (p.extra, out)
        assert p.check(typed(p.answer)).correct
    _sane(p)
    verdict = p.check(p.answer_text.split(" (")[0].split(" ≈")[0])
    assert verdict.correct and verdict.error is None and verdict.misconception is None, (
        p.layers, p.answer_text, verdict)
    right = p.check(typed(p.answer))
    assert right.correct and right.misconception is None
    ids = [m.id for m in p.misconceptions]
    assert len(ids) == len(set(ids))
    for m in p.misconceptions:
        v = p.check(typed(m.value))
        assert not v.correct and v.error is None, (p.template, m, v)
        assert v.misconception is not None and v.misconception.id == m.id, (p.layers, m, v)
        assert v.detail and v.detail["en"] and v.detail["zh"]
    d = p.to_dict()
    back = Problem.from_dict(json.loads(json.dumps(d, ensure_ascii=False)))
    assert back == p and back.to_dict() == d


@pytest.mark.parametrize(("template", "level"), PAIRS)
def test_stress(template, level):
    seen = set()
    for seed in range(SEEDS):
        p = generate(template, seed, level)
        assert (p.template, p.seed, p.difficulty) == (template, seed, level)
        _check_problem(p)
        seen.add((tuple(p.layers), p.input_shape, json.dumps(p.extra, sort_keys=True, default=str)))
    if (template, level) not in SMALL_SPACE:
        assert len(seen) >= SEEDS * 0.85, f"only {len(seen)} different problems in {SEEDS} seeds"


@pytest.mark.parametrize(("template", "level"), PAIRS)
def test_batch_has_no_duplicates(template, level):
    batch = generate_many(template, level, count=12, seed=5)
    keys = [(tuple(p.layers), p.input_shape, p.quantity, str(p.extra)) for p in batch]
    assert len(batch) == 12 and len(set(keys)) == 12


@pytest.mark.parametrize("template", TEMPLATE_IDS)
def test_same_seed_same_problem(template):
    for level in LEVELS:
        assert generate(template, 1234, level).to_dict() == generate(template, 1234, level).to_dict()
        assert generate(template, 1234, level).to_dict() != generate(template, 1235, level).to_dict()


def test_registry_lists_every_template_with_knobs():
    ids = [t.id for t in templates()]
    assert ids == list(TEMPLATE_IDS)
    for t in templates():
        assert set(t.knobs) == {1, 2, 3}
        assert t.title["en"] and t.title["zh"] and t.version >= 1 and t.quantity


def test_same_problem_in_another_process():
    """Own random.Random per problem: a fresh interpreter with another hash seed agrees."""
    import os
    import subprocess
    import sys

    code = (
        "import json; from quizcnn.problems import generate; "
        "from quizcnn.problems.registry import TEMPLATE_IDS; "
        "print(json.dumps([generate(t, 42, d).to_dict() for t in TEMPLATE_IDS for d in (1, 2, 3)]))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=env).stdout
    here = [generate(t, 42, d).to_dict() for t in TEMPLATE_IDS for d in LEVELS]
    assert json.loads(out) == json.loads(json.dumps(here))
