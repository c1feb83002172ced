"""LaTeX subset -> Unicode for the terminal."""

from __future__ import annotations

import pytest

from quizcnn.mathtext import math_spans, render_markdown_math, to_unicode


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"\lfloor (n + 2p - d(k-1) - 1)/s \rfloor + 1", "⌊(n + 2p − d(k−1) − 1)/s⌋ + 1"),
        (r"\left\lceil \frac{n}{s} \right\rceil", "⌈n/s⌉"),
        (r"\frac{H + 2p - k}{s} + 1", "(H + 2p − k)/s + 1"),
        (r"\frac{1}{C_{out}} + \frac{1}{k^2}", "1/Cₒᵤₜ + 1/k²"),
        (r"x_i + x_{ij} + x^{k-1}", "xᵢ + xᵢⱼ + xᵏ⁻¹"),
        (r"C_{\text{in}} \times k \times k", "Cᵢₙ × k × k"),
        (r"a \cdot b \le c \ge d \ne e \approx f \to \infty", "a · b ≤ c ≥ d ≠ e ≈ f → ∞"),
        (r"\alpha\beta\Delta\omega", "αβΔω"),
        (r"\prod_{i=1}^{L} s_i", "∏ᵢ₌₁ᴸ sᵢ"),
        (r"\sum_{l} (k_l - 1)", "∑ₗ (kₗ − 1)"),
        (r"\sqrt{d_k}", "√dₖ"),
        (r"\sqrt{a + b}", "√(a + b)"),
        (r"\min(a, b) \max \log n", "min(a, b) max log n"),
        (r"\text{out\_size} = 3", "out_size = 3"),
        (r"\mathrm{FLOPs} = 2\,\mathrm{MACs}", "FLOPs = 2 MACs"),
        (r"a \quad b", "a  b"),
        (r"x_{q}", "x_q"),
        (r"x_{bq}", "x_(bq)"),
        (r"\mathbb{R}^{C \times H}", "ℝ^(C × H)"),
        (r"\hat{y}", "ŷ"),
        (r"\frac{z - \mu}{\sqrt{\sigma^2 + \epsilon}}", "(z − μ)/√(σ² + ε)"),
    ],
)
def test_to_unicode(latex, text):
    assert to_unicode(latex) == text


@pytest.mark.parametrize("latex", [r"\foo{x}", r"\begin{matrix}", r"\unknowncmd"])
def test_unknown_commands_are_shown_literally(latex):
    out = to_unicode(latex)
    assert "\\" in out and latex.split("{")[0] in out


@pytest.mark.parametrize("latex", ["", "{", "}", r"\frac", r"\frac{a}", "x^", "x_", r"\left", "{" * 500,
                                   r"\sqrt[", "\\", r"\text{"])
def test_broken_input_does_not_raise(latex):
    assert isinstance(to_unicode(latex), str)


def test_render_markdown_math():
    md = r"Cost \$5 and 6\$; size $\lfloor n/s \rfloor$ and `$not math$` and $$\sum_i x_i$$."
    assert render_markdown_math(md) == r"Cost \$5 and 6\$; size ⌊n/s⌋ and `$not math$` and ∑ᵢ xᵢ."
    assert render_markdown_math("$5 and $6") == "$5 and $6"  # no math: spaces inside the dollars
    assert render_markdown_math("no math") == "no math"


def test_math_spans_positions():
    md = "a $x$ b $$y$$"
    assert math_spans(md) == [(2, 5, "x", False), (8, 13, "y", True)]


def test_one_tokenizer_so_terminal_and_pdf_read_commands_alike():
    """A command name is ASCII letters in both renderers: \\alpha followed by a Chinese
    character is alpha then that character, on screen and in the Typst source alike."""
    from quizcnn.printing.texmath import to_typst
    from quizcnn.texlex import tokenize

    assert [t.kind for t in tokenize(r"\alpha中")] == ["cmd", "char"]
    assert to_unicode(r"\alpha中") == "α中"
    assert to_typst(r"\alpha中") == "alpha 中"
    toks = tokenize(r"x^{1{,}024} \; y", spaces=True)
    assert [(t.kind, t.text) for t in toks] == [
        ("char", "x"), ("script", "^"), ("open", "{"), ("num", "1,024"), ("close", "}"),
        ("space", " "), ("cmd", ";"), ("space", " "), ("char", "y")]
    assert all(r"x^{1{,}024} \; y"[t.start:t.end].strip() or t.kind == "space" for t in toks)
