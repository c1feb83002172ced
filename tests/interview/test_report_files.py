"""The printable report: self-contained HTML with bank text escaped, Markdown escaped, a PDF."""

from __future__ import annotations

import re

import pytest

from quizcnn.printing.interview import render

from .conftest import play

# alpha-map's title and prompt carry raw HTML; it must come out as text
ROUND = ["shared", "1 3", "12", "", "1"]


def test_html_report_is_self_contained_and_escapes_bank_text(store, bank):
    report, _, _ = play(store, bank, ROUND)
    page = render(report, "html").decode("utf-8")
    assert page.startswith("<!doctype html>") and "</html>" in page
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)  # nothing fetched
    assert "Score 17% over 3 questions" in page  # (0.5 + 0 + 0) / 3
    assert "<td>Names weight sharing</td>" not in page  # covered points are not misses
    assert "<li>Parameter count does not depend on the input size</li>" in page
    assert "<li>the answer is 1,792 parameters</li>" in page
    assert '<tr class="">' in page and "2:30" in page
    assert "Your first interview" in page


def test_markdown_report_escapes_bank_text(store, bank):
    report, _, _ = play(store, bank, ROUND)
    text = render(report, "md").decode("utf-8")
    assert "<script>" not in text and r"\<script\>alert(1)\</script\>" in text
    assert "| 3 | concept | alpha | What is a feature map? \\<script\\>" in text
    assert "## What to say next time" in text


def test_chinese_report_labels(store, bank):
    report, _, _ = play(store, bank, ["共享", "all", "1792", "", "3"], lang="zh")
    page = render(report, "html").decode("utf-8")
    assert '<html lang="zh-Hans">' in page and "模拟面试报告" in page and "没有遗漏。" in page
    assert "什么是特征图？" in page


def test_pdf_report(store, bank):
    pypdf = pytest.importorskip("pypdf")
    import io

    report, _, _ = play(store, bank, ROUND)
    data = render(report, "pdf")
    assert data.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert "Mock interview report" in text and "<script>alert(1)</script>" in text
