"""Grading: what Problem.check says for right, wrong, partly right and unreadable answers."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizcnn.core import analyze
from quizcnn.problems import Problem, ProblemError, Verdict, generate
from quizcnn.problems.registry import TEMPLATE_IDS

# One problem per template x difficulty, made once.
SAMPLES = [generate(t, 11, d) for t in TEMPLATE_IDS for d in (1, 2, 3)]


def _shape_problem():
    return generate("conv-output-size", 3, 1)


def test_partly_right_shape_names_the_wrong_dimension():
    p = _shape_problem()
    c, h, w = p.answer
    v = p.check(f"{c}x{h + 7}x{w}")
    assert not v.correct and v.misconception is None and v.error is None
    assert "height (H)" in v.detail["en"] and "高度 H" in v.detail["zh"]
    v = p.check(f"{c + 8}x{h}x{w}")
    assert "channels (C)" in v.detail["en"]


def test_channels_last_order_is_named():
    p = _shape_problem()
    c, h, w = p.answer
    v = p.check(f"({h}, {w}, {c})")
    assert not v.correct and v.misconception.id == "shape-order"


def test_wrong_length_and_batch_dimension():
    p = _shape_problem()
    c, h, w = p.answer
    v = p.check(f"{h}x{w}")
    assert v.error is not None and "3 numbers" in v.detail["en"]  # asked again, not graded
    v = p.check(f"torch.Size([1, {c}, {h}, {w}])")
    assert v.correct and "batch" in v.detail["en"]


def test_three_significant_figures_for_flops():
    for seed in range(40):
        p = generate("conv-macs-flops", seed, 1)
        if p.answer >= 10**6:
            break
    exact = p.answer
    approx = f"{float(exact):.3g}"
    assert p.check(approx).correct
    assert p.check(f"{exact:,}").correct
    assert not p.check(f"{float(exact) * 1.02:.3g}").correct


def test_exact_counts_are_not_rounded():
    p = generate("conv-params", 2, 1)
    near = f"{float(p.answer):.3g}"
    if Fraction(near) != p.answer:
        v = p.check(near)
        assert not v.correct
        assert "exact" in v.detail["en"] or v.misconception is not None


def test_ratio_as_fraction_decimal_percent():
    p = generate("grouped-savings", 4, 1)
    r = p.answer
    assert p.check(f"{r.numerator}/{r.denominator}").correct
    assert p.check(f"{float(r):.3g}").correct
    assert p.check(f"{float(r) * 100:.3g}%").correct
    assert p.check(f"{r.denominator}/{r.numerator}").misconception.id == "inverted-ratio"


def test_inverse_accepts_any_right_values_and_explains_wrong_ones():
    p = generate("transposed-inverse", 0, 1)
    s, pad, op = p.answer
    assert p.check(f"stride={s}, padding={pad}, output_padding={op}").correct
    v = p.check("stride=1, padding=0, output_padding=0")
    assert not v.correct and "output is" in v.detail["en"]
    v = p.check("stride=2, padding=0, output_padding=5")
    assert not v.correct and v.error is None and "valid layer" in v.detail["en"]
    # another solution, found by the core, is also accepted
    target = p.extra["target"]
    found = None
    for cand in [(2, q, o) for q in range(6) for o in range(2)]:
        if cand == p.answer:
            continue
        layer = f"ConvTranspose2d({p.input_shape[0]}, {target[0]}, {p.extra['unknown_args'][2]}, " \
                f"stride={cand[0]}, padding={cand[1]}, output_padding={cand[2]})"
        try:
            if analyze(p.input_shape, [layer]).output == target:
                found = cand
                break
        except ValueError:
            continue
    if found:
        assert p.check(", ".join(map(str, found))).correct


def test_unreadable_answer_is_an_error_not_a_wrong_answer():
    for p in SAMPLES:
        v = p.check("banana")
        assert isinstance(v, Verdict) and not v.correct
        assert v.error and v.misconception is None and v.parsed is None
        assert v.detail["zh"]


def test_no_correct_answer_is_flagged():
    for p in SAMPLES:
        for m in p.misconceptions:
            assert not p.check(str(m.value)).correct or m.value == p.answer


@settings(max_examples=300)
@given(st.sampled_from(SAMPLES), st.text(max_size=40))
def test_any_string_gives_a_verdict(problem, text):
    v = problem.check(text)
    assert isinstance(v, Verdict)
    assert not (v.error or "").startswith("internal error"), v.error


@settings(max_examples=200)
@given(st.sampled_from(SAMPLES),
       st.lists(st.integers(min_value=-10**6, max_value=10**7), min_size=1, max_size=4))
def test_any_numbers_give_a_verdict(problem, numbers):
    for text in (", ".join(map(str, numbers)), "x".join(map(str, numbers)), str(numbers[0])):
        v = problem.check(text)
        assert isinstance(v, Verdict)
        assert not (v.error or "").startswith("internal error"), v.error


def test_generate_rejects_bad_arguments():
    with pytest.raises(ProblemError, match="unknown problem template"):
        generate("nope", 1, 1)
    with pytest.raises(ProblemError, match="difficulty"):
        generate("conv-params", 1, 4)
    with pytest.raises(ProblemError, match="seed"):
        generate("conv-params", "x", 1)


def test_from_dict_rejects_garbage():
    with pytest.raises(ProblemError):
        Problem.from_dict({"template": "conv-params"})


def test_prompts_state_precision_and_use_both_languages():
    for p in SAMPLES:
        assert p.prompt["en"].rstrip().endswith("*") and p.prompt["zh"].rstrip().endswith("*")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in p.prompt["zh"])
        assert p.steps["zh"] and all(s.result for s in p.steps["en"])


def test_templates_function_survives_template_imports():
    import quizcnn.problems as problems
    from quizcnn.problems.templates import network  # noqa: F401

    assert callable(problems.templates)
    assert [t.id for t in problems.templates()] == list(TEMPLATE_IDS)


def test_square_size_written_as_a_shape():
    p = generate("receptive-field-size", 2, 1)
    r = p.answer
    assert p.check(f"{r}x{r}").correct and p.check(f"{r} × {r}").correct
    assert p.check(f"{r}x{r + 2}").error


def test_rf_solution_uses_the_hand_method():
    p = generate("receptive-field-size", 2, 2)
    assert p.steps["en"][0].title.startswith("Back through layer")
    assert p.steps["en"][-1].result == f"$r_{{in}} = {p.answer}$"
    assert "k_{eff}" not in str(p.steps) and "k'" in p.steps["en"][0].formula


@pytest.mark.parametrize("text", ["12,544", "12544", "(12, 544)", "12, 544", "64x56"])
def test_a_count_where_a_shape_is_asked_is_asked_again(text):
    """Issue 13: '12,544' on a C×H×W question was graded Again ("you gave 2"); an answer of
    the wrong form is explained and asked again (``error`` set), never graded."""
    p = _shape_problem()
    v = p.check(text)
    assert v.error is not None and not v.correct
    assert "C×H×W" in v.detail["en"] and "C×H×W" in v.detail["zh"]
    with pytest.raises(Exception, match="C×H×W"):
        p.read(text)  # the live preview's reader says the same


def test_a_shape_where_a_count_is_asked_is_asked_again():
    p = generate("conv-params", 3, 1)
    for text in ("64x3x3", "64x56", "12, 544", "(12, 544)"):
        v = p.check(text)
        assert v.error is not None, text


def test_read_and_check_agree():
    """The preview (``read``) accepts exactly what ``check`` grades."""
    texts = ["12,544", "(12,544)", "12 544", "64x56x56", "64, 56, 56", "64,56,56", "1.2G",
             "1/4", "stride=2", "2, 1, 1", "7x7", "foo", "", "3", "64；56；56"]
    for p in SAMPLES:
        for text in texts:
            try:
                p.read(text)
                readable = True
            except Exception:
                readable = False
            assert readable == (p.check(text).error is None), (p.template, text)


def test_count_answers_are_plain_numbers():
    p = generate("stacked-3x3", 3, 1)
    assert p.answer_text == str(p.answer[0])
    assert "count=" not in p.prompt["en"] and "Give one whole number." in p.prompt["en"]
    assert p.show(p.read("5")) == "5"
    t = generate("transposed-inverse", 3, 1)
    assert t.show(t.read("2, 1, 1")) == "stride=2, padding=1, output_padding=1"


def test_shape_hint_says_the_thousands_rule():
    p = _shape_problem()
    assert "`64,112,112` without spaces reads as one number" in p.prompt["en"]
    assert "千位分隔" in p.prompt["zh"]


def test_network_trace_levels_say_what_they_draw():
    """The level-2 description claimed "(through the first pool)" for stacks with no pool."""
    from quizcnn.problems.registry import get_template

    t = get_template("network-trace")
    for seed in range(30):
        p = generate("network-trace", seed, 2)
        if "pool" in t.knobs[2]["layers"]:
            assert any("Pool" in layer for layer in p.layers), seed
