"""Property tests: no text or bytes make the loader (or its helpers) raise."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from quizcnn.bank.assemble import assemble
from quizcnn.bank.claims import verify
from quizcnn.bank.cloze import find_gaps, reveal
from quizcnn.bank.numbers import parse_number
from quizcnn.bank.parse import parse_text
from quizcnn.bank.read import read_file
from quizcnn.bank.validate import validate_block
from quizcnn.mathtext import render_markdown_math, to_unicode

FRAGMENTS = [
    "---", "## Q", "## ", "### Answer", "### Choices", "### 答案", "### Hints", "# Deck", "id: a",
    "id: b", "type: choice", "type: numeric", "type: cloze", "type: basic", "type: generated",
    "translation_of: a", "lang: zh", "lang: en", "topic: t", "tags: x, y", "difficulty: 2",
    "answer: 3/4", "tolerance: 1%", "template: conv-params", "check: Conv2d(3, 8, 3) @ 3x8x8: params = 224",
    "check: @ : =", "- [x] yes", "- [ ] no", "- plain", "  - nested [x]", "```", "~~~", "$$", "$x^{2}$",
    "{{gap}}", "{{a|b}}", "{{", "}}", "| a | b |", "|---|---|", "> quote", "<div>", "\\frac{", "",
    "1. one", "\t", "    indented", "***", "===", "id:", ": value",
]
lines = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30))
documents = st.lists(lines, max_size=40).map("\n".join)


def _parse_and_validate(text: str) -> None:
    f = Path("deck.md")
    blocks, diags = parse_text(text, f)
    for b in blocks:
        validate_block(b, diags)
    assemble([(b, "user") for b in blocks], diags)
    for d in diags:
        assert d.severity in ("error", "warning", "info") and d.line >= 0 and d.message
        assert str(d).startswith("deck.md:")


@settings(max_examples=300)
@given(documents)
def test_markdownish_text_never_crashes(text):
    _parse_and_validate(text)


@settings(max_examples=150)
@given(st.text())
def test_any_text_never_crashes(text):
    _parse_and_validate(text)


@settings(max_examples=60)
@given(st.binary(max_size=400))
def test_any_bytes_never_crash(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("b") / "x.md"
    path.write_bytes(data)
    blocks, diags, skipped = read_file(path, use_cache=False)
    assert skipped == any(d.severity == "error" for d in diags if "UTF-8" in d.message or "binary" in d.message)


@settings(max_examples=300)
@given(st.text(max_size=80))
def test_helpers_never_crash(text):
    to_unicode(text)
    render_markdown_math(text)
    find_gaps(text)
    reveal(text)
    parse_number(text)
    ok, detail = verify(text)
    assert ok in (None, True, False) and isinstance(detail, str)
