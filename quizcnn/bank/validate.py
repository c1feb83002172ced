"""Checks on one block that need nothing outside its file (their results are cached)."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from quizcnn.bank.model import LANGS, TYPES, Block, Diagnostic

KNOWN_KEYS = ("id", "type", "topic", "tags", "difficulty", "lang", "translation_of", "source",
              "answer", "tolerance", "unit", "template", "check", "lint", "follow_up")
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class Add(Protocol):
    """Records a diagnostic at a meta key's line or at a line number."""

    def __call__(self, key_or_line: str | int, severity: str, message: str, hint: str = "",
                 /) -> None: ...


def did_you_mean(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def slug(title: str) -> str:
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    out = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60].strip("-")
    return out or "question"


def validate_block(block: Block, diags: list[Diagnostic]) -> None:
    from quizcnn.bank.claims import ClaimSyntaxError, parse_claim
    from quizcnn.bank.numbers import parse_number, parse_tolerance

    f = Path(block.file)
    meta = block.meta

    def add(key_or_line: str | int, severity: str, message: str, hint: str = "", /) -> None:
        line = key_or_line if isinstance(key_or_line, int) else block.mline(key_or_line)
        diags.append(Diagnostic(f, line, severity, message, hint))

    for key in meta:
        if key not in KNOWN_KEYS:
            add(key, "warning", f"unknown key '{key}'",
                did_you_mean(key, KNOWN_KEYS) or "known keys: " + ", ".join(KNOWN_KEYS))
    is_translation = bool(meta.get("translation_of", "").strip())
    qid = meta.get("id", "").strip()
    if is_translation:
        block.id = ""
        if not ID_RE.match(meta["translation_of"].strip()):
            add("translation_of", "error", f"translation_of '{meta['translation_of'][:60]}' is not an id",
                "ids use letters, digits, '-', '_' and '.'")
    elif not qid:
        block.has_id = False
        block.id = slug(block.title)
        add(block.line, "warning", f"question '{block.title[:50]}' has no id",
            f"add 'id: {block.id}' under the heading; progress is keyed on it")
    elif not ID_RE.match(qid):
        block.has_id = False
        block.id = slug(qid)
        add("id", "error", f"id '{qid[:60]}' has characters ids cannot have",
            f"use letters, digits, '-', '_' and '.', e.g. '{block.id}'")
    else:
        block.id = qid

    qtype = block.type
    if not qtype:
        if not is_translation:
            add(block.line, "error", "no 'type:'", "add 'type: basic|cloze|choice|numeric|generated'")
    elif qtype not in TYPES:
        add("type", "error", f"unknown type '{qtype}'", did_you_mean(qtype, TYPES) or "types: " + ", ".join(TYPES))
    if "difficulty" in meta and meta["difficulty"].strip() not in ("1", "2", "3"):
        add("difficulty", "error", f"difficulty '{meta['difficulty'][:20]}' is not 1, 2 or 3", "1 easy, 2 medium, 3 hard")
    if block.lang not in LANGS:
        add("lang", "error", f"unknown lang '{block.lang[:20]}'", "lang is 'en' or 'zh'")
    if not is_translation and not meta.get("topic", "").strip():
        add(block.line, "warning", "no topic", "add 'topic:' here or in the file's front matter")

    if qtype == "numeric":
        if "answer" not in meta and not is_translation:
            add(block.line, "error", "a numeric question needs 'answer:'", "e.g. 'answer: 9408'")
        elif "answer" in meta and parse_number(meta["answer"]) is None:
            add("answer", "error", f"answer '{meta['answer'][:40]}' is not a number",
                "write e.g. 9408, 1.5e6 or 3/4")
        tol = parse_tolerance(meta["tolerance"]) if "tolerance" in meta else (0.0, False)
        if tol is None:
            add("tolerance", "error", f"tolerance '{meta['tolerance'][:20]}' is not a number or a percentage",
                "absolute '0.5' or relative '1%'")
        value = parse_number(meta.get("answer", ""))
        if value is not None and tol is not None:
            block.numeric = [value.numerator, value.denominator, tol[0], tol[1],
                             meta.get("unit", "").strip() or None, meta["answer"].strip()]
    if qtype == "choice":
        if not block.choices:
            line = block.section_lines.get("choices", block.line)
            add(line, "error", "a choice question with no options",
                "list them under '### Choices' as '- [x] right' / '- [ ] wrong'")
        else:
            if not any(c for _t, c in block.choices):
                add(block.section_lines.get("choices", block.line), "error",
                    "no option is marked correct", "mark the right ones '- [x]'")
            if len(block.choices) < 2:
                add(block.section_lines.get("choices", block.line), "warning",
                    "a choice question with a single option", "add wrong options '- [ ] ...'")
    if qtype == "cloze":
        if not block.gaps and "{{" not in block.prompt:
            add(block.section_lines.get("prompt", block.line), "error", "a cloze question without gaps",
                "write each gap as {{answer}} in the prompt")
        elif any(not g.strip() for g in block.gaps):
            add(block.section_lines.get("prompt", block.line), "error", "an empty gap '{{}}'",
                "put the answer between the braces")
    if qtype == "basic" and not (block.answer or "").strip():
        add(block.line, "error", "a basic question with no answer", "add an '### Answer' section")
    if qtype == "generated" and not meta.get("template", "").strip() and not is_translation:
        add(block.line, "error", "a generated question needs 'template:'", "see 'quizcnn generate --list'")
    if qtype in TYPES and qtype != "generated" and not block.prompt.strip():
        add(block.line, "error", "the question has no prompt", "write the question under the metadata lines")

    _check_key_points(block, add)
    if "lint" in meta:
        from quizcnn.bank.lint import check_field

        check_field(meta["lint"], block.mline("lint"), add)
    for text, line in block.checks:
        try:
            parse_claim(text)
        except ClaimSyntaxError as e:
            add(line, "error", f"check: {e}", e.hint)
    _check_math(block, add)


KEY_POINTS_MIN, KEY_POINTS_MAX = 3, 6
KEY_POINT_TYPES = ("basic", "choice")


def _check_key_points(block: Block, add: Add) -> None:
    line = block.section_lines.get("key_points")
    if line is None:
        return
    if block.type in TYPES and block.type not in KEY_POINT_TYPES:
        add(line, "warning", f"key points on a {block.type} card are not shown",
            "key points belong to basic and choice cards; move them into the explanation")
        return
    n = len(block.key_points)
    if n == 0:
        add(line, "warning", "a key points section without a list",
            "write each key point as a list item '- ...'")
    elif not KEY_POINTS_MIN <= n <= KEY_POINTS_MAX:
        add(line, "warning", f"{n} key points; a card has {KEY_POINTS_MIN} to {KEY_POINTS_MAX}",
            "each point is one thing an interviewer listens for" if n < KEY_POINTS_MIN
            else "keep the ones an interviewer listens for most; merge the rest")


def _check_math(block: Block, add: Add) -> None:
    from quizcnn.bank.cloze import reveal
    from quizcnn.mathtext import math_spans, to_unicode

    fields = [("prompt", reveal(block.prompt)), ("answer", block.answer or ""),
              ("explanation", block.explanation or ""), ("title", block.title)]
    fields += [("hints", h) for h in block.hints] + [("choices", c) for c, _ok in block.choices]
    fields += [("key_points", k) for k in block.key_points]
    seen: set[str] = set()
    for name, text in fields:
        if "$" not in text:
            continue
        for start, _end, latex, _display in math_spans(text):
            rendered = to_unicode(latex)
            if "\\" not in rendered:
                continue
            bad = sorted(set(re.findall(r"\\[A-Za-z]+|\\.", rendered)))
            key = ",".join(bad)
            if key in seen:
                continue
            seen.add(key)
            base = block.line if name == "title" else block.section_lines.get(name, block.line)
            line = base + text.count("\n", 0, start) if name in ("prompt", "answer", "explanation") else base
            add(line, "warning", f"math command {', '.join(bad)[:60]} is not in the supported subset",
                "it shows literally in the terminal; see 'Math' in questions/README.md")
