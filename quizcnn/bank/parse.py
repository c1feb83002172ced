"""Markdown deck -> raw blocks, with markdown-it-py tokens giving structure and line numbers.

The file is parsed once by markdown-it-py (front matter, task lists, dollar math, tables). Its
top-level headings split the file: ``##`` opens a question, ``###`` a section of it, ``#``
ends the current question (a deck title). The text of each part is then cut out of the
source lines, so prompts and answers stay Markdown source, exactly as written.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizcnn.bank.model import Block, Diagnostic

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

PARSER_VERSION = 2  # 2: '### Key points' sections
MAX_FILE_BYTES = 4 * 1024 * 1024

META_RE = re.compile(r"^([a-z][a-z0-9_]*)[ \t]*:(?:[ \t]+(.*)|[ \t]*)$")
SECTION_NAMES = {
    "answer": "answer", "答案": "answer",
    "choices": "choices", "选项": "choices",
    "hints": "hints", "hint": "hints", "提示": "hints",
    "explanation": "explanation", "解析": "explanation",
    "key points": "key_points", "要点": "key_points",
}
FRONT_KEYS = ("topic", "tags", "difficulty", "lang", "source")


@lru_cache(maxsize=1)
def _md() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    # Block structure only: the bank needs headings, lists, code and math blocks with their
    # line maps, not inline markup (which the app renders later). Skipping the inline pass
    # makes parsing about three times faster and immune to inline worst cases ("[[[[...").
    # Task-list items are recognised as mdit-py-plugins' tasklists does: "[ ] " / "[x] ".
    return (
        MarkdownIt("commonmark")
        .enable("table")
        .use(front_matter_plugin)
        .use(dollarmath_plugin)
        .disable("inline")
    )


TASK_RE = re.compile(r"^\[([ xX])\](?:[ \t]+|$)")


def decode(data: bytes, file: Path) -> tuple[str | None, Diagnostic | None]:
    """Bytes -> text, or a diagnostic naming the line of the first bad byte."""
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        return None, Diagnostic(file, line, "error", "this looks like a binary file (NUL byte)",
                                "bank files are UTF-8 Markdown text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        return None, Diagnostic(file, line, "error",
                                f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})",
                                "save the file as UTF-8")
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def parse_meta_lines(lines: list[str], first_line: int) -> tuple[
        dict[str, str], dict[str, int], list[list[Any]], list[tuple[str, int]], int]:
    """Leading ``key: value`` lines -> (meta, meta_lines, checks, repeated keys, count
    consumed)."""
    meta: dict[str, str] = {}
    where: dict[str, int] = {}
    checks: list[list[Any]] = []
    dups: list[tuple[str, int]] = []
    n = 0
    for raw in lines:
        m = META_RE.match(raw.strip())
        if not m:
            break
        key, value = m.group(1), (m.group(2) or "").strip()
        line = first_line + n
        if key == "check":
            checks.append([value, line])
        else:
            if key in meta:
                dups.append((key, line))
            meta[key] = value
            where[key] = line
        n += 1
    return meta, where, checks, dups, n


def _strip_blank(lines: list[str]) -> str:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return "\n".join(lines[start:end])


def _items(tokens: list[Token], start: int, end: int) -> list[tuple[str, bool | None, int]]:
    """Top-level list items in tokens[start:end]: (text, checked or None, line)."""
    out: list[tuple[str, bool | None, int]] = []
    i = start
    while i < end:
        tok = tokens[i]
        if tok.type == "list_item_open" and tok.level == 1:
            line = tok.map[0] + 1 if tok.map else 0
            texts: list[str] = []
            checked = None
            j = i + 1
            while j < end and not (tokens[j].type == "list_item_close" and tokens[j].level == 1):
                t = tokens[j]
                if t.type == "inline" and t.level == 3:
                    content = t.content
                    if not texts and tokens[j - 2] is tok:  # the item's first paragraph
                        m = TASK_RE.match(content)
                        if m:
                            checked = m.group(1) != " "
                            content = content[m.end():]
                    texts.append(content.strip())
                j += 1
            out.append(("\n\n".join(x for x in texts if x), checked, line))
            i = j
        i += 1
    return out


def _gaps(prompt: str) -> tuple[list[str], list[str]]:
    """Cloze gaps ``{{answer}}`` / ``{{answer|hint}}`` in order; problems found."""
    from quizcnn.bank.cloze import find_gaps

    gaps, problems = [], []
    for _s, _e, answer, _hint, ok in find_gaps(prompt):
        if not ok:
            problems.append("a '{{' gap is never closed with '}}'")
        else:
            gaps.append(answer)
    return gaps, problems


def _tokens(text: str, lines: list[str], file: Path, diags: list[Diagnostic]) -> list[Token]:
    """markdown-it's block tokens for the whole file, even past its nesting limit.

    markdown-it stops reading a container nested ``maxNesting`` levels deep (a list ten levels
    deep) and silently swallows the rest of the file into it. When that happens, the next line
    that starts at column 0 (where no container can continue) is parsed again, so every later
    heading is found; the too-deep part stays in the text, and a warning names its line.
    """
    md = _md()
    limit = md.options["maxNesting"]
    out: list[Token] = []
    offset = 0
    while True:
        if offset == 0:
            tokens = md.parse(text)
        else:  # a blank line first, so a '---' here is not taken for front matter
            tokens = md.parse("\n" + "\n".join(lines[offset:]))
            for tok in tokens:
                if tok.map:
                    tok.map = [tok.map[0] + offset - 1, tok.map[1] + offset - 1]
        cut = next((t.map[0] for t in tokens if t.nesting == 1 and t.level >= limit - 1 and t.map),
                   None)
        if cut is None:
            return out + tokens
        resume = next((i for i in range(cut + 1, len(lines)) if lines[i][:1] not in ("", " ", "\t")),
                      None)
        diags.append(Diagnostic(file, cut + 1, "warning",
                                "lists or quotes nested too deeply (a list 10 levels deep, or 20 '>'); the "
                                "deeper levels are kept as text but may not display as nested",
                                "flatten the list"))
        if resume is None:
            return out + tokens
        out += [t for t in tokens if not (t.map and t.map[0] >= resume)]
        offset = resume


def parse_text(text: str, file: Path) -> tuple[list[Block], list[Diagnostic]]:
    diags: list[Diagnostic] = []
    lines = text.split("\n")
    tokens = _tokens(text, lines, file, diags)
    front: dict[str, str] = {}
    front_lines: dict[str, int] = {}

    if tokens and tokens[0].type == "front_matter":
        fm_lines = tokens[0].content.split("\n")
        for k, raw in enumerate(fm_lines):
            if not raw.strip() or raw.lstrip().startswith("#"):
                continue
            m = META_RE.match(raw.strip())
            line = k + 2
            if not m:
                diags.append(Diagnostic(file, line, "warning", f"front matter line is not 'key: value': {raw.strip()[:60]!r}",
                                        "write one 'key: value' per line"))
                continue
            key, value = m.group(1), (m.group(2) or "").strip()
            if key not in FRONT_KEYS:
                from quizcnn.bank.validate import did_you_mean

                diags.append(Diagnostic(file, line, "warning", f"unknown front matter key '{key}'",
                                        did_you_mean(key, FRONT_KEYS)))
                continue
            front[key] = value.strip("[]") if key == "tags" else value
            front_lines[key] = line
    elif lines and lines[0].strip() == "---":
        diags.append(Diagnostic(file, 1, "error", "front matter opened here is never closed",
                                "end it with a line holding only '---'"))

    n_lines = len(lines) - (1 if lines and lines[-1] == "" else 0)
    heads: list[tuple[int, str, str]] = []  # (line index, tag, title)
    for i, tok in enumerate(tokens):
        if tok.level != 0 or not tok.map:
            continue
        if tok.type == "heading_open":
            title = tokens[i + 1].content.strip() if i + 1 < len(tokens) else ""
            heads.append((tok.map[0], tok.tag, title))
        elif tok.type == "fence" and tok.map[1] >= n_lines:
            last = lines[tok.map[1] - 1].strip() if tok.map[1] - 1 > tok.map[0] else ""
            if not (last.startswith(tok.markup) and set(last) <= set(tok.markup[0])):
                diags.append(Diagnostic(file, tok.map[0] + 1, "warning",
                                        "code block opened here is never closed; the rest of the file is read as code",
                                        f"close it with a line '{tok.markup}'"))

    starts = [k for k, (_, tag, _) in enumerate(heads) if tag == "h2"]
    line_index = _LineIndex(tokens)
    blocks: list[Block] = []
    for k in starts:
        hline, _, title = heads[k]
        end_line = len(lines)
        subs: list[tuple[int, str]] = []
        for h in range(k + 1, len(heads)):
            line_idx, tag, sub_title = heads[h]
            if tag in ("h1", "h2"):
                end_line = line_idx
                break
            if tag == "h3":
                subs.append((line_idx, sub_title))
        blocks.append(_block(file, lines, line_index, hline, end_line, title, subs, front, front_lines, diags))
    if not blocks and text.strip():
        diags.append(Diagnostic(file, 1, "warning", "no questions in this file",
                                "each question starts with a '## title' line"))
    return blocks, diags


def _block(file: Path, lines: list[str], line_index: _LineIndex, hline: int, end_line: int,
           title: str, subs: list[tuple[int, str]], front: dict[str, str],
           front_lines: dict[str, int], diags: list[Diagnostic]) -> Block:
    body_end = subs[0][0] if subs else end_line
    body = lines[hline + 1:body_end]
    skip = 0
    while skip < len(body) and not body[skip].strip():
        skip += 1
    meta, where, checks, dups, n = parse_meta_lines(body[skip:], hline + 2 + skip)
    for key, line in dups:
        diags.append(Diagnostic(file, line, "warning", f"'{key}' is given twice; the last one wins",
                                "remove one of them"))
    merged = dict(front)
    if "tags" in front and "tags" in meta:
        merged_tags = [t.strip() for t in (front["tags"] + "," + meta["tags"]).split(",")]
        meta = {**meta, "tags": ", ".join(dict.fromkeys(t for t in merged_tags if t))}
    merged.update(meta)
    meta_lines = {key: front_lines.get(key, hline + 1) for key in front}
    meta_lines.update(where)
    prompt_first = hline + 1 + skip + n
    prompt = _strip_blank(lines[prompt_first:body_end])
    prompt_line = prompt_first + 1
    for off, raw in enumerate(lines[prompt_first:body_end]):
        if raw.strip():
            prompt_line = prompt_first + off + 1
            break

    sections: dict[str, str] = {}
    sec_lines: dict[str, int] = {"prompt": prompt_line}
    hints: list[str] = []
    key_points: list[str] = []
    choices: list[list[Any]] = []
    for j, (sline, stitle) in enumerate(subs):
        send = subs[j + 1][0] if j + 1 < len(subs) else end_line
        name = SECTION_NAMES.get(stitle.strip().rstrip(":：").strip().lower())
        if name is None:
            from quizcnn.bank.validate import did_you_mean

            diags.append(Diagnostic(file, sline + 1, "warning", f"unknown section '{stitle[:40]}'",
                                    did_you_mean(stitle.lower(), ("answer", "choices", "hints", "explanation",
                                                                  "key points"))
                                    or "sections are Answer, Choices, Hints, Explanation, Key points"))
            continue
        if name in sections:
            diags.append(Diagnostic(file, sline + 1, "warning", f"a second '{stitle}' section; it is ignored",
                                    "merge the two sections"))
            continue
        sections[name] = _strip_blank(lines[sline + 1:send])
        sec_lines[name] = sline + 2
        if name in ("choices", "hints", "key_points"):
            items = _items(line_index.tokens, *line_index.range(sline + 1, send))
            if name == "choices":
                for text, checked, line in items:
                    if checked is None:
                        diags.append(Diagnostic(file, line, "error", "a choice that is not a task-list item",
                                                "write it as '- [x] right option' or '- [ ] wrong option'"))
                        continue
                    choices.append([text, checked])
            elif name == "key_points":
                key_points = [t for t, _c, _l in items if t]
            else:
                hints = [t for t, _c, _l in items if t] or ([sections[name]] if sections[name] else [])
    gaps, gap_problems = _gaps(prompt) if merged.get("type", "").strip().lower() == "cloze" else ([], [])
    for msg in gap_problems:
        diags.append(Diagnostic(file, prompt_line, "error", msg, "write a gap as {{answer}} or {{answer|hint}}"))
    block = Block(
        file=str(file), line=hline + 1, title=title, meta=merged, meta_lines=meta_lines,
        checks=checks, prompt=prompt, answer=sections.get("answer"),
        explanation=sections.get("explanation"), hints=hints, key_points=key_points, choices=choices, gaps=gaps,
        section_lines=sec_lines, has_choices_section="choices" in sections,
        type=merged.get("type", "").strip().lower(),
        lang=merged.get("lang", "en").strip().lower() or "en",
        tags=list(dict.fromkeys(t.strip() for t in merged.get("tags", "").strip("[]").split(",") if t.strip())),
        difficulty=int(merged["difficulty"].strip()) if merged.get("difficulty", "").strip() in ("1", "2", "3") else 2,
    )
    return block


class _LineIndex:
    """Top-level tokens by starting line, to find the tokens of a line range quickly."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.lines: list[int] = []
        self.index: list[int] = []
        for i, tok in enumerate(tokens):
            if tok.level == 0 and tok.map:
                self.lines.append(tok.map[0])
                self.index.append(i)

    def range(self, first_line: int, end_line: int) -> tuple[int, int]:
        a = bisect_left(self.lines, first_line)
        b = bisect_left(self.lines, end_line)
        if a >= len(self.index):
            return 0, 0
        return self.index[a], self.index[b] if b < len(self.index) else len(self.tokens)
