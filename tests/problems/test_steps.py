"""Worked-solution steps read true however they are shown.

Each step's formula, substitution and result are whole equations with the same left side
(``o = ⌊…⌋ + 1``, ``o = ⌊(32 + 2·1 − …)/2⌋ + 1``, ``o = 16``), so lines or arrows between them
read correctly. Here the substitution's right side is evaluated (a small arithmetic reader
for the LaTeX subset the steps use, no eval) and must equal the result, and every math span
renders in the terminal without ``_(...)``/``^(...)`` leftovers.
"""

from __future__ import annotations

import ast
import math
import operator
import re
from fractions import Fraction

import pytest

from quizcnn.mathtext import math_spans, to_unicode
from quizcnn.problems import generate
from quizcnn.problems.registry import TEMPLATE_IDS

SEEDS = range(40)
PIECES = re.compile(r",\s*\\quad\s*|,\s*\\;\s*")
SUBSCRIPT = re.compile(r"_\{[^}]*\}|_\w")
_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
        ast.Div: operator.truediv, ast.Pow: operator.pow}


def _walk(node):
    if isinstance(node, ast.Expression):
        return _walk(node.body)
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return Fraction(node.value)
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_walk(node.left), _walk(node.right))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_walk(node.operand)
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id in ("floor", "ceil") and len(node.args) == 1):
        return Fraction(getattr(math, node.func.id)(_walk(node.args[0])))
    raise ValueError(f"not arithmetic: {ast.dump(node)}")


def value(tex: str) -> Fraction:
    """The value of a LaTeX arithmetic expression (numbers, + − · × ^, \\frac, floor, ceil)."""
    t = tex.replace(r"\left\lfloor", "floor(").replace(r"\right\rfloor", ")")
    t = t.replace(r"\left\lceil", "ceil(").replace(r"\right\rceil", ")")
    t = re.sub(r"(?<=\d),(?=\d{3})", "", t)
    while r"\frac" in t:
        t = re.sub(r"\\frac\{([^{}]*)\}\{([^{}]*)\}", r"((\1)/(\2))", t)
    t = t.replace(r"\cdot", "*").replace(r"\times", "*").replace("^", "**").replace("−", "-")
    t = re.sub(r"(\d)\s*\(", r"\1*(", t)
    return _walk(ast.parse(t.replace("{", "(").replace("}", ")"), mode="eval"))


def equations(piece: str) -> list[tuple[str, str]]:
    """(left, right) of each equation in one ``$...$`` piece (``, \\quad`` separates them)."""
    assert piece.startswith("$") and piece.endswith("$") and piece.count("$") == 2, piece
    out = []
    for eq in PIECES.split(piece[1:-1]):
        left, sep, right = eq.partition(" = ")
        assert sep, f"no '=' in {piece!r}"
        out.append((left.strip(), right.strip()))
    return out


def test_value_reader():
    assert value(r"\left\lfloor \frac{32 + 2 \cdot 1 - 1 \cdot (3-1) - 1}{2} \right\rfloor + 1") == 16
    assert value(r"\left\lceil \frac{7}{2} \right\rceil + 1 - 1") == 4
    assert value(r"1,024 \cdot \frac{512}{4} \cdot 3^2") == 1179648
    assert value("(-2) - 1 \\cdot 2") == -4
    with pytest.raises(ValueError):
        value("__import__('os')")


def steps_of(template: str):
    for level in (1, 2, 3):
        for seed in SEEDS:
            p = generate(template, seed, level)
            for lang in ("en", "zh"):
                for step in p.steps[lang]:
                    yield (level, seed, lang), step


@pytest.mark.parametrize("template", TEMPLATE_IDS)
def test_steps_are_self_consistent(template):
    checked = 0
    for where, step in steps_of(template):
        if not step.substitution:
            continue
        subs, results = equations(step.substitution), equations(step.result)
        assert len(subs) == len(results), (where, step)
        formulas = equations(step.formula) if step.formula else None
        if formulas is not None:
            assert len(formulas) == len(subs), (where, step)
        for i, ((s_left, s_right), (r_left, r_right)) in enumerate(zip(subs, results, strict=True)):
            assert s_left == r_left, (where, step)
            if formulas is not None:  # general formula: the same symbol, maybe another index
                f_left = formulas[i][0]
                assert SUBSCRIPT.sub("", f_left) == SUBSCRIPT.sub("", s_left), (where, step)
            assert value(s_right) == value(r_right), (where, step)
            checked += 1
    assert checked


def test_every_result_names_what_it_is():
    for template in TEMPLATE_IDS:
        for where, step in steps_of(template):
            if step.result.startswith("$"):
                assert " = " in step.result, (template, where, step)


def _rendered_math(p, lang):
    texts = [p.prompt[lang], *p.hints[lang], *(m.message[lang] for m in p.misconceptions)]
    for s in p.steps[lang]:
        texts += [s.title, s.formula, s.substitution, s.result]
    for text in texts:
        for _start, _end, latex, _display in math_spans(text):
            yield latex, to_unicode(latex)


@pytest.mark.parametrize("template", TEMPLATE_IDS)
def test_math_renders_cleanly_in_the_terminal(template):
    bad = set()
    for level in (1, 2, 3):
        for seed in range(8):
            p = generate(template, seed, level)
            for lang in ("en", "zh"):
                for latex, shown in _rendered_math(p, lang):
                    if re.search(r"[_^\\{}]", shown):
                        bad.add((latex, shown))
    assert not bad, sorted(bad)[:8]


def test_dropped_last_window_is_shown_as_minus_one():
    """ceil_mode=True drops a last window starting in the right padding: the step says so and
    its substitution still equals the core's size."""
    for seed in range(80):
        p = generate("pool-output-size", seed, 2)
        dropped = [s for s in p.steps["en"] if "dropped" in s.title]
        if dropped:
            step = dropped[0]
            assert step.substitution.endswith("+ 1 - 1$") and step.formula.endswith("+ 1 - 1$")
            assert value(equations(step.substitution)[0][1]) == p.answer[1]
            return
    pytest.fail("no dropped-window problem in 80 seeds")
