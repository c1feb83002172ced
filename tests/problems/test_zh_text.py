"""Chinese text of the generated problems: full-width punctuation in Chinese sentences, no
hard-wrapped paragraphs (a single newline in Markdown becomes a space), and math that the
terminal renderer shows without ``_(...)``/``^(...)`` leftovers.

Code spans, fenced code and ``$...$`` math are left out of the punctuation scan: layer texts,
shapes and formulas stay ASCII.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizcnn.mathtext import math_spans
from quizcnn.problems import generate
from quizcnn.problems.answers import AnswerError, parse_answer
from quizcnn.problems.mistakes import MESSAGES
from quizcnn.problems.registry import TEMPLATE_IDS

SEEDS = range(25)
HAN = r"\u3400-\u4dbf\u4e00-\u9fff"  # Chinese characters (not punctuation)
HALF = r",:()?!;"
# next to a Chinese character, or a , : ; ? ! right after a full-width closing bracket
BAD = re.compile(rf"[{HAN}][{HALF}]|[{HALF}][{HAN}]|[）」』】][,:;?!]")
FENCE = re.compile(r"```.*?```", re.DOTALL)
CODE = re.compile(r"(`+).+?\1", re.DOTALL)
BANK = Path(__file__).resolve().parents[2] / "questions" / "generated.md"
# inputs that make check() explain: unreadable, wrong kind, partly right, out of range
PROBES = ("", "abc", "1:4", "3 4", "1.5", "12kg", "1/0", "(0, 0, 0)", "1x2", "0", "999999",
          "stride=1, padding=0, output_padding=0", "s=9", "x", "1e99", "-1", "7x7")


def prose(text: str) -> str:
    """``text`` without fenced code, code spans and math (each replaced by a space)."""
    text = FENCE.sub(" ", text)
    text = CODE.sub(" ", text)
    out, last = [], 0
    for start, end, _latex, _display in math_spans(text):
        out += [text[last:start], " "]
        last = end
    out.append(text[last:])
    return "".join(out)


# on a line of Chinese prose, also: ? or ! ending a clause ("多少 FLOPs?"), , : ; ending the
# line, or one space away from a Chinese character ("5,184: 这是")
LATIN_END = re.compile(rf"[?!](?=\s|$)|[,:;]\s*$|[,:;]\s+[{HAN}]|[{HAN}]\s+[,:;?!]")


def half_width(text: str) -> list[str]:
    """Half-width , : ( ) ? ! ; touching a Chinese character (or ending a Chinese clause after
    a Latin word, as in "多少 FLOPs?"), with some context."""
    p = prose(text)
    hits = [p[max(0, m.start() - 8):m.end() + 8] for m in BAD.finditer(p)]
    for line in p.splitlines():  # (the patterns need the whole line)
        if re.search(f"[{HAN}]", line):
            hits += [line[max(0, m.start() - 8):m.end() + 8] for m in LATIN_END.finditer(line)]
    return hits


def hard_wraps(text: str) -> list[str]:
    """A single newline between two lines of prose (outside fenced code)."""
    p = FENCE.sub("\n\n", text)
    return [m.group(0) for m in re.finditer(r"[^\n]{0,12}[^\n ]\n[^\n]{1,12}", p)]


def zh_texts(p):
    yield "prompt", p.prompt["zh"]
    yield "title", p.title.get("zh", "")
    for s in p.steps["zh"]:
        yield "step", "\n\n".join(x for x in (s.title, s.formula, s.substitution, s.result) if x)
    for h in p.hints["zh"]:
        yield "hint", h
    for m in p.misconceptions:
        yield "mistake", m.message["zh"]
    for probe in PROBES:
        v = p.check(probe)
        if v.detail:
            yield f"verdict {probe!r}", v.detail["zh"]


def test_scanner_finds_half_width_next_to_chinese():
    assert half_width("输入:形状为 $3 \\times 8$ 的张量(不写批维度)")
    assert half_width("每次一道新题,最简单的一级")
    assert half_width("前向计算这些层需要多少 FLOPs?") and half_width("常见错误 - 5,184: 这是")
    assert not half_width("输入：`Conv2d(3, 64, 3)`，形状 $3 \\times 224 \\times 224$（不含批维度）。")
    assert hard_wraps("第一行\n第二行") and not hard_wraps("第一段\n\n第二段")


@pytest.mark.parametrize("template", TEMPLATE_IDS)
def test_generated_chinese_uses_full_width_punctuation(template):
    bad = []
    for level in (1, 2, 3):
        for seed in SEEDS:
            p = generate(template, seed, level)
            for where, text in zh_texts(p):
                bad += [(level, seed, where, hit) for hit in half_width(text)]
                if where in ("prompt", "hint", "mistake"):
                    bad += [(level, seed, where, "wrap: " + w) for w in hard_wraps(text)]
    assert not bad, bad[:10]


def test_mistake_messages_and_answer_errors_use_full_width_punctuation():
    bad = [(mid, hit) for mid, (_en, zh) in MESSAGES.items() for hit in half_width(zh)]
    for kind in ("int", "approx", "ratio", "shape", "values"):
        for text in PROBES + ("1/4:3", "12,5,6", "9" * 300, "1e40", "5 apples"):
            try:
                parse_answer(text, kind, names=("stride", "padding"))
            except AnswerError as e:
                bad += [(kind, text, hit) for hit in half_width(e.zh)]
    assert not bad, bad


def test_generated_bank_file_chinese_blocks():
    text = BANK.read_text(encoding="utf-8")
    blocks = [b for b in re.split(r"(?m)^## ", text) if "lang: zh" in b]
    assert blocks
    bad = [hit for b in blocks for hit in half_width(b)]
    bad += ["wrap: " + w for b in blocks for w in hard_wraps(b.split("\n\n", 1)[-1].strip())]
    assert not bad, bad
