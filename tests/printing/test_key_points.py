"""Answer keys list a card's key points after the answer, escaped like all bank text."""

from __future__ import annotations

import random
import re
import shutil

import pytest

from quizcnn.printing import html, md, typ
from quizcnn.printing.model import Item, PracticeSet, Text2
from quizcnn.printing.select import question_item

EVIL = ['<script>alert("kp")</script>', '[click](javascript:alert(1)) #read("/etc/passwd") ]',
        r"Gives $C_{out}(C_{in}k^2+1)$ with **bias**"]


def _item(points_en=("Names weight sharing", *EVIL), points_zh=("说出权重共享", "给出公式", "提到偏置"),
          zh=True) -> Item:
    prompt = {"en": "Why share weights?"} | ({"zh": "为什么共享权重?"} if zh else {})
    answer = {"en": "Fewer parameters."} | ({"zh": "参数更少。"} if zh else {})
    points = {"en": tuple(points_en)} | ({"zh": tuple(points_zh)} if zh and points_zh else {})
    return Item(ref="share", kind="basic", prompt=Text2(prompt), answer=Text2(answer),
                explanation=Text2({"en": "EXPLANATION-EN", "zh": "解析正文"}), key_points=points)


def _set(item: Item, lang: str = "en") -> PracticeSet:
    return PracticeSet("T", "2026-11-28", 1, "A", lang, (item,))


def test_question_item_takes_each_language_its_own_list(tmp_path):
    from quizcnn.bank import load

    (tmp_path / "zh").mkdir()
    (tmp_path / "d.md").write_text(
        "## Q\nid: q\ntype: basic\ntopic: t\n\nWhy?\n\n### Answer\nA.\n\n### Key points\n"
        "- one point\n  that wraps\n- two\n- three\n", encoding="utf-8")
    (tmp_path / "zh" / "d.md").write_text(
        "## 问\ntranslation_of: q\nlang: zh\ntype: basic\n\n为什么?\n\n### 答案\n答。\n",
        encoding="utf-8")
    bank = load([tmp_path], user_bank=False)
    item = question_item(bank.by_id["q"], random.Random(1))
    assert item.key_points == {"en": ("one point that wraps", "two", "three")}
    assert item.points("en") == ("one point that wraps", "two", "three")
    assert item.points("zh") == ()  # the translation has none: none borrowed


def test_points_fall_back_only_with_the_text():
    item = _item(zh=False)
    assert item.points("zh") == item.points("en")  # no Chinese text at all: English shown
    assert _item(points_zh=()).points("zh") == ()


def test_markdown_key_points_after_the_answer_and_escaped():
    text = md.render(_set(_item()))
    key = text[text.index("## Answer key"):]
    assert key.index("Answer: Fewer parameters.") < key.index("**Key points**") \
        < key.index("- Names weight sharing") < key.index("EXPLANATION-EN")
    assert "- Gives $C_{out}(C_{in}k^2+1)$ with **bias**" in key
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark", {"html": True}).parse(key)
    kinds = {t.type for tok in tokens for t in [tok, *(tok.children or ())]}
    assert not kinds & {"html_inline", "html_block", "link_open", "image"}, kinds
    assert "<script>" not in MarkdownIt("commonmark", {"html": True}).render(key)


def test_html_key_points_escaped_in_both_languages():
    page = html.render(_set(_item(), "both"))
    assert page.count('<div class="key-points">') == 2
    assert "<strong>Key points</strong>" in page and "<strong>要点</strong>" in page
    assert "<li>说出权重共享</li>" in page
    assert "<script>alert" not in page and "&lt;script&gt;alert(&quot;kp&quot;)" in page
    assert 'href="javascript' not in page
    assert "\\frac" not in page and "C_{out}" not in page  # math rendered
    en = page[page.index('class="answer-line"'):]
    assert en.index("Names weight sharing") < en.index("EXPLANATION-EN")


def test_no_key_points_no_heading():
    item = _item(points_en=(), points_zh=())
    assert "key-points" not in html.render(_set(item)).split("</style>")[1]
    assert "Key points" not in md.render(_set(item))
    assert "Key points" not in typ.source(_set(item), cjk_font=None)


def test_typst_key_points_only_as_strings():
    src = typ.source(_set(_item()), cjk_font=None)
    assert '#strong[#"Key points"]' in src and "#list(tight: true, " in src
    for m in re.finditer(re.escape('#read("/etc/passwd")'), src):
        before = src[: m.start()]
        assert before.count('"') % 2 == 1 or before.endswith('\\"')
    assert typ.needs_cjk(_set(_item(points_en=("感受野",), zh=False)))


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext not installed")
def test_pdf_prints_the_key_points(tmp_path):
    import subprocess

    ps = _set(_item())
    data = typ.compile_pdf(typ.source(ps, cjk_font=None), date=ps.date, paths=[])
    path = tmp_path / "k.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    text = text.replace("“", '"').replace("”", '"')
    assert "Key points" in text and "Names weight sharing" in text
    assert '<script>alert("kp")</script>' in text and '#read("/etc/passwd")' in text
    assert text.index("Names weight sharing") < text.index("EXPLANATION-EN")
