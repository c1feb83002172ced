"""A soft line break between two CJK characters is no space, in every renderer; a break
next to Latin text, digits, code or math keeps its space."""

from __future__ import annotations

import re

import pytest

from quizcnn.cjkbreaks import join_lines, joins, wide
from quizcnn.printing import html, ir, md, typ
from quizcnn.printing.model import Item, PracticeSet, Text2
from quizcnn.termtext import show_math

# wrapped as a bank author wraps: Han/Han, full-width comma/Han, Latin/Han, code/Han,
# Han/Latin, Latin/Han, with emphasis around one of the CJK breaks
MIXED = "卷积核\n覆盖输入，\n得以保留 ReLU\n激活和 `code`\n后面\nEnglish words\n**继续**\n学习。"
JOINED = "卷积核覆盖输入，得以保留 ReLU 激活和 code 后面 English words 继续学习。"


def test_which_characters_join():
    assert wide("卷") and wide("，") and wide("。") and wide("ア")
    assert not wide("a") and not wide("1") and not wide("한") and not wide("“")
    assert joins("卷积核", "覆盖") and joins("输入，", "得以")
    assert not joins("ReLU", "激活") and not joins("后面", "English") and not joins("", "中")
    assert not joins("한국어", "문장")  # Korean keeps its spaces
    # full-width punctuation carries its own spacing: no space next to it, even beside Latin
    assert joins("开销：", "VGG-16") and joins("ResNet-50", "，而") and joins("见", "（He")
    assert not joins("a,", "b") and not joins("x：", "") and not joins("end.", "下")


def test_the_markdown_tree_has_no_break_between_cjk():
    (para,) = ir.parse(MIXED)
    assert ir.plain(para) == JOINED


def test_line_mode_joins_paragraph_lines_only():
    assert show_math(MIXED) == (
        "卷积核覆盖输入，得以保留 ReLU\n激活和 `code`\n后面\nEnglish words\n**继续**\n学习。"
    )
    # code, headings and table rows keep their lines; list continuations join
    kept = "```\n中文\n中文\n```\n\n#### 标题\n正文\n\n列一 | 列二\n--- | ---\n值一 | 值二\n值三 | 值四\n"
    assert join_lines(kept) == kept
    assert join_lines("- 第一项的\n  后半句\n- 第二项") == "- 第一项的后半句\n- 第二项"
    assert join_lines("两段。\n\n第二段") == "两段。\n\n第二段"


def test_tui_inline_view_joins():
    from quizcnn.tui.widgets.inline import inline

    assert inline(MIXED).plain == JOINED


def _set(prompt: str) -> PracticeSet:
    item = Item(ref="cjk", kind="basic", prompt=Text2({"zh": prompt}),
                answer=Text2({"zh": prompt}))
    return PracticeSet("练习", "2026-11-28", 7, "A", "zh", (item,))


def test_html_set():
    page = html.render(_set(MIXED))
    assert "卷积核覆盖输入，得以保留 ReLU\n激活和 <code>code</code>\n后面\nEnglish words\n" in page
    assert not re.search("核\\s+覆|，\\s+得|继续</strong>\\s+学", page)


def test_markdown_set():
    out = md.render(_set(MIXED))
    assert "卷积核覆盖输入，得以保留 ReLU\n激活和 `code`\n后面\nEnglish words\n**继续**学习。" in out


def test_typst_source():
    src = typ.source(_set(MIXED), cjk_font=None)
    assert '#"卷积核"#"覆盖输入，"#"得以保留 ReLU"#" "#"激活和 "' in src
    assert '#strong[#"继续"]#""#"学习。"' in src


@pytest.mark.skipif(not typ.find_cjk_font(typ.font_paths()), reason="no CJK font")
def test_pdf_text_has_no_space_between_cjk(tmp_path):
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        pytest.skip("no pdftotext")
    ps = _set(MIXED)
    src = typ.source(ps, cjk_font=typ.find_cjk_font(typ.font_paths()))
    pdf = tmp_path / "set.pdf"
    pdf.write_bytes(typ.compile_pdf(src, date="2026-11-28", paths=typ.font_paths()))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "卷积核覆盖输入，得以保留 ReLU 激活和" in text
