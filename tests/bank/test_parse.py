"""The parser on every question type and on the structure of a deck."""

from __future__ import annotations

from fractions import Fraction

from tests.bank.helpers import load_dir

DECK = """
---
topic: conv
tags: deck-tag
difficulty: 1
source: seed
---

# Convolution deck

Some intro text that is not a question.

## A basic one
id: q-basic
type: basic
tags: seed, extra

What is a **receptive field**?

```python
## not a heading: inside a code block
x = 1
```

### Answer
The input region that can change a unit.

| a | b |
|---|---|
| 1 | 2 |

### Hints
- think about the input
- and about layers

### Explanation
It grows with depth.

## A cloze one
id: q-cloze
type: cloze
difficulty: 3

Output size: $\\lfloor (n + 2p - {{d(k-1)}} - 1)/s \\rfloor + {{1|a constant}}$.

## A choice one
id: q-choice
type: choice

Which layers have no weights?

### Choices
- [x] MaxPool2d
- [ ] Conv2d
- [x] ReLU

## A numeric one
id: q-num
type: numeric
answer: 9,408
tolerance: 1%
unit: parameters
check: Conv2d(3, 64, 7, stride=2, padding=3, bias=False) @ 3x224x224: params = 9408

How many parameters?

## A generated one
id: q-gen
type: generated
template: conv-output-size
"""


def test_every_type_parses(deck, tmp_path):
    deck(DECK)
    bank = load_dir(tmp_path / "bank")
    assert [d for d in bank.diagnostics if d.severity != "info"] == []
    by = bank.by_id
    assert [q.id for q in bank.questions] == ["q-basic", "q-cloze", "q-choice", "q-num", "q-gen"]

    basic = by["q-basic"]
    v = basic.text("en")
    assert basic.type == "basic" and basic.topic == "conv" and basic.source == "seed"
    assert basic.tags == ("deck-tag", "seed", "extra")  # front-matter tags are kept, then own
    assert basic.difficulty == 1
    assert v.title == "A basic one"
    assert v.prompt.startswith("What is a **receptive field**?")
    assert "## not a heading" in v.prompt  # code block kept whole, not split
    assert v.answer.startswith("The input region") and "| 1 | 2 |" in v.answer
    assert v.hints == ("think about the input", "and about layers")
    assert v.explanation == "It grows with depth."
    assert basic.line == 12 and v.line == 12

    cloze = by["q-cloze"]
    assert cloze.difficulty == 3
    assert cloze.text().gaps == ("d(k-1)", "1")

    choice = by["q-choice"].text()
    assert [(c.text, c.correct) for c in choice.choices] == [
        ("MaxPool2d", True), ("Conv2d", False), ("ReLU", True)]

    num = by["q-num"]
    assert num.numeric.value == Fraction(9408)
    assert num.numeric.relative and abs(num.numeric.tolerance - 0.01) < 1e-12
    assert num.numeric.unit == "parameters"
    assert len(num.checks) == 1 and num.checks[0].line == num.line + 6

    gen = by["q-gen"]
    assert gen.template == "conv-output-size" and gen.text().prompt == ""


def test_chinese_section_names_and_translation_merge(deck, tmp_path):
    deck("""
    ## What is a receptive field?
    id: rf-def
    type: basic
    topic: rf

    What is it?

    ### Answer
    A region.
    """)
    deck("""
    ## 什么是感受野?
    translation_of: rf-def
    lang: zh
    type: basic

    它是什么?

    ### 答案
    一片区域。

    ### 解析
    随层数增长。
    """, name="zh/rf.md")
    bank = load_dir(tmp_path / "bank")
    assert bank.errors == [] and bank.warnings == []
    assert len(bank.questions) == 1
    q = bank.by_id["rf-def"]
    assert q.langs == ("en", "zh")
    assert q.text("zh").answer == "一片区域。" and q.text("zh").explanation == "随层数增长。"
    assert q.text("zh").title == "什么是感受野?"
    assert q.text("en").answer == "A region."
    assert q.text("fr").lang == "en"  # falls back
    assert [x.id for x in bank.filter(lang="zh")] == ["rf-def"]


def test_metadata_lines_and_prompt_without_blank_line(deck, tmp_path):
    deck("""
    ## Q
    id: q1
    type: basic
    topic: t
    Prompt right under the metadata.
    Second line: with a colon.

    ### answer:
    A.
    """)
    bank = load_dir(tmp_path / "bank")
    assert bank.errors == [] and bank.warnings == []
    v = bank.by_id["q1"].text()
    assert v.prompt == "Prompt right under the metadata.\nSecond line: with a colon."
    assert v.answer == "A."


def test_level_one_heading_ends_a_question(deck, tmp_path):
    deck("""
    ## Q
    id: q1
    type: basic
    topic: t

    Prompt.

    ### Answer
    A.

    # Next part

    Deck text, not part of q1.
    """)
    bank = load_dir(tmp_path / "bank")
    assert bank.by_id["q1"].text().answer == "A."


def test_filter(deck, tmp_path):
    deck(DECK)
    bank = load_dir(tmp_path / "bank")
    assert [q.id for q in bank.filter(type="choice")] == ["q-choice"]
    assert [q.id for q in bank.filter(tags=["extra"])] == ["q-basic"]
    assert len(bank.filter(topic="conv")) == 5 and bank.filter(topic="nope") == []
