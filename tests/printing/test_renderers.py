"""The three printers on hand-made sets: structure, escaping, determinism, injection."""

from __future__ import annotations

import re
import shutil

import pytest

from quizcnn.printing import html, md, typ
from quizcnn.printing.model import Item, PracticeSet, Step, Text2

EVIL_TYPST = '#read("/etc/passwd") #import "x.typ": * #set page(paper: "a6") #eval("1+1") ]'
EVIL_HTML = '<script>alert("x")</script> <img src=x onerror="alert(1)"> <a href="javascript:x">y</a>'
EVIL_MD = "[click](javascript:alert(1)) ![img](http://example.com/t.png) <b>bold?</b>"
EVIL_MATH = r"$\input{/etc/passwd} #read(\"/etc/passwd\") \foo$"


def sample_set(lang: str = "en", version: str = "A", prompts: tuple[str, ...] = ()) -> PracticeSet:
    items = [
        Item(
            ref="conv-params",
            kind="numeric",
            prompt=Text2({
                "en": "How many weights does `Conv2d(3, 64, 7)` have? Output size "
                      r"$\lfloor (n + 2p - d(k-1) - 1)/s \rfloor + 1$.",
                "zh": "`Conv2d(3, 64, 7)` 有多少个权重?",
            }),
            answer=Text2({"en": "9408", "zh": "9408"}),
            steps={"en": (Step("Weights", r"$C_{out} C_{in} k^2$", r"$64 \times 3 \times 49$",
                               "9408"),)},
            explanation=Text2({"en": "Bias adds **64** more."}),
        ),
        Item(
            ref="choice",
            kind="choice",
            prompt=Text2({"en": "Which layers have no parameters?"}),
            answer=Text2({"en": "A, C"}),
            choices={"en": ("MaxPool2d", "Conv2d", "ReLU")},
        ),
    ]
    for i, text in enumerate(prompts):
        items.append(Item(ref=f"evil-{i}", kind="basic", prompt=Text2({"en": text}),
                          answer=Text2({"en": text})))
    return PracticeSet("Practice", "2026-11-28", 7, version, lang, tuple(items))


def test_html_is_self_contained_and_has_key():
    page = html.render(sample_set())
    assert page.count('class="problem"') == 2
    assert page.count('class="answer"') == 2
    assert "break-before: page" in page
    assert "Version A" in page and "seed 7" in page and "2026-11-28" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)
    assert "@import" not in page and "<link" not in page and "<script" not in page
    assert "⌊" in page and "\\lfloor" not in page


def test_html_escapes_bank_text():
    page = html.render(sample_set(prompts=(EVIL_HTML, EVIL_MD)))
    assert "<script>" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert" in page
    assert 'href="javascript' not in page
    assert "(javascript:alert(1))" in page  # the URL is shown as text


def _md_tokens(text: str):
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark", {"html": True}).enable("table").parse(text)
    for tok in tokens:
        yield tok
        yield from tok.children or ()


def test_markdown_escapes_raw_html_and_keeps_structure():
    text = md.render(sample_set(prompts=(EVIL_HTML, EVIL_MD)))
    kinds = {tok.type for tok in _md_tokens(text)}
    # Read back as Markdown: no raw HTML, no link, no image survives; code does.
    assert not kinds & {"html_inline", "html_block", "link_open", "image"}, kinds
    assert "code_inline" in kinds
    assert "`Conv2d(3, 64, 7)`" in text
    assert "$\\lfloor" in text  # math passes through as written
    assert "## Answer key" in text


def test_key_only_and_no_key():
    ps = sample_set()
    assert "Answer key" not in html.render(ps, include_key=False)
    key = html.render(ps, key_only=True)
    assert 'class="problem"' not in key and key.count('class="answer"') == 2


@pytest.mark.parametrize("render", [html.render, md.render])
def test_same_input_same_bytes(render):
    assert render(sample_set()) == render(sample_set())


def test_typst_source_holds_bank_text_only_as_strings():
    src = typ.source(sample_set(prompts=(EVIL_TYPST, EVIL_MATH)), cjk_font=None)
    # Each dangerous call appears only inside a string literal.
    for needle in ("#read(", "#import", "#set page(paper: \"a6\")", "#eval("):
        for m in re.finditer(re.escape(needle), src):
            before = src[: m.start()]
            assert before.endswith('#"') or before.count('"') % 2 == 1 or before.endswith("\\\""), needle


pdf_needed = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext not installed")


def _pdf_text(data: bytes, tmp_path) -> str:
    import subprocess

    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


@pdf_needed
def test_pdf_prints_injection_literally(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    evil_local = f'#read("{secret.name}") #read("/{secret}")'
    ps = sample_set(prompts=(EVIL_TYPST, EVIL_MATH, evil_local, EVIL_HTML))
    src = typ.source(ps, cjk_font=None)
    data = typ.compile_pdf(src, date=ps.date, paths=[])
    text = _pdf_text(data, tmp_path)
    assert "TOP-SECRET-CONTENT" not in text
    assert "root:" not in text
    assert '#read("/etc/passwd")' in text.replace("“", '"').replace("”", '"')
    assert "<script>" in text
    assert "Answer key" in text


@pdf_needed
def test_pdf_is_byte_identical(tmp_path):
    ps = sample_set()
    a = typ.compile_pdf(typ.source(ps, cjk_font=None), date=ps.date, paths=[])
    b = typ.compile_pdf(typ.source(ps, cjk_font=None), date=ps.date, paths=[])
    assert a == b
    text = _pdf_text(a, tmp_path)
    assert "How many weights" in text and "9408" in text and "MaxPool2d" in text


def test_cjk_detection_without_fonts():
    ps = sample_set(lang="zh")
    assert typ.needs_cjk(ps)
    assert typ.find_cjk_font([], system=False) is None
    assert not typ.needs_cjk(sample_set(lang="en"))


def test_answer_with_list_keeps_structure_and_math():
    item = Item(ref="list", kind="basic", prompt=Text2({"en": "Compare pools."}),
                answer=Text2({"en": "Both reduce.\n\n- **Max** keeps the max.\n- **Avg** gives "
                              r"$\frac{1}{k^2}$ to each input."}))
    ps = PracticeSet("T", "2026-11-28", 1, "A", "en", (item,))
    page = html.render(ps)
    assert "<li><p><strong>Max</strong>" in page or "<li><strong>Max</strong>" in page
    assert "\\frac" not in page
    src = typ.source(ps, cjk_font=None)
    assert "#list(" in src and "frac(1, k^(2))" in src
    text = md.render(ps)
    assert "- **Max** keeps the max" in text


def test_markdown_is_not_over_escaped():
    """Issue 13: the Markdown set read `2026\\-12\\-03` and `\\(1\\)`; only what would be markup
    where it stands is escaped, and the text reads back as written."""
    ps = sample_set(prompts=("\\# not a heading\n1\\. not a list, and (1) stays (a) - b.",))
    text = md.render(ps)
    assert "2026-11-28" in text and "\\-" not in text
    assert "(1) stays (a) - b." in text
    from markdown_it import MarkdownIt

    shown = MarkdownIt("commonmark").render(text)
    assert "<p># not a heading\n1. not a list, and (1) stays (a) - b.</p>" in shown


EVIL_INLINE_MATH = "Look: $a<img src=x onerror=alert(1)>b$ and $x & y$."
EVIL_DISPLAY_MATH = "Then:\n\n$$\n</div><script>alert(2)</script>\n$$\n"
EVIL_LIST_MATH = "- item\n\n  $$\n  a\n  <script>alert(3)</script>\n  $$\n"


def test_markdown_math_from_a_bank_file_carries_no_raw_html():
    text = md.render(sample_set(prompts=(EVIL_INLINE_MATH, EVIL_DISPLAY_MATH, EVIL_LIST_MATH)))
    kinds = {tok.type for tok in _md_tokens(text)}
    assert not kinds & {"html_inline", "html_block"}, kinds
    for tag in ("<img", "<script", "</div>", "</script>"):
        assert tag not in text, tag
    # the math is still TeX a math renderer shows as written
    assert r"$a\lt img src=x onerror=alert(1)\gt b$" in text
    assert "$$\n\\lt /div\\gt \\lt script\\gt alert(2)\\lt /script\\gt \n$$" in text


def test_html_escapes_math_from_a_bank_file():
    page = html.render(sample_set(prompts=(EVIL_INLINE_MATH, EVIL_DISPLAY_MATH)))
    for tag in ("<img", "<script", "</div><script>"):
        assert tag not in page, tag
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;/div&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in page
