"""'### Key points' ('### 要点'): parsed per language, checked, cached."""

from __future__ import annotations

import json

from tests.bank.helpers import load_dir, messages

BASIC = """
## What does weight sharing buy?
id: share
type: basic
topic: conv

Why share weights?

### Answer
Fewer parameters and translation equivariance.

### Key points
- Names weight sharing
- Gives the parameter count with bias: $C_{out}(C_{in}k^2+1)$
- Says it does not enlarge the receptive field
  (a continuation line of the same point)

### Explanation
The same kernel slides over every position.
"""

BASIC_ZH = """
## 权重共享带来什么?
translation_of: share
lang: zh
type: basic

为什么要共享权重?

### 答案
参数更少,且具有平移等变性。

### 要点
- 说出权重共享
- 给出带偏置的参数量公式
- 指出它不会扩大感受野
- 提到平移等变性
"""


def test_key_points_parse_per_language(deck, tmp_path):
    deck(BASIC)
    deck(BASIC_ZH, name="zh/share.md")
    bank = load_dir(tmp_path / "bank")
    assert bank.errors == [] and bank.warnings == []
    q = bank.by_id["share"]
    assert q.text("en").key_points == (
        "Names weight sharing",
        "Gives the parameter count with bias: $C_{out}(C_{in}k^2+1)$",
        "Says it does not enlarge the receptive field\n(a continuation line of the same point)",
    )
    assert q.text("zh").key_points == ("说出权重共享", "给出带偏置的参数量公式", "指出它不会扩大感受野",
                                       "提到平移等变性")
    # the section does not leak into the neighbouring sections
    assert q.text("en").answer == "Fewer parameters and translation equivariance."
    assert q.text("en").explanation == "The same kernel slides over every position."


def test_translation_without_key_points_has_its_own_empty_list(deck, tmp_path):
    deck(BASIC)
    deck(BASIC_ZH.replace("### 要点\n- 说出权重共享\n- 给出带偏置的参数量公式\n- 指出它不会扩大感受野\n- 提到平移等变性\n", ""),
         name="zh/share.md")
    bank = load_dir(tmp_path / "bank")
    assert bank.errors == [] and bank.warnings == []
    q = bank.by_id["share"]
    assert len(q.text("en").key_points) == 3
    assert q.text("zh").key_points == ()  # never borrowed from the English list


def test_choice_card_key_points_after_explanation(deck, tmp_path):
    deck("""
    ## Which layers have no weights?
    id: c
    type: choice
    topic: conv

    Pick them.

    ### Choices
    - [x] MaxPool2d
    - [ ] Conv2d

    ### Explanation
    Pooling takes a max.

    ### Key Points:
    - Pooling has no parameters
    - A convolution has a kernel
    - Knows that ReLU has none either
    """)
    bank = load_dir(tmp_path / "bank")
    assert bank.errors == [] and bank.warnings == []
    v = bank.by_id["c"].text("en")
    assert v.key_points[0] == "Pooling has no parameters" and len(v.key_points) == 3
    assert v.explanation == "Pooling takes a max."
    assert [c.text for c in v.choices] == ["MaxPool2d", "Conv2d"]


def test_card_without_key_points_has_none(deck, tmp_path):
    deck(BASIC.replace("### Key points\n- Names weight sharing\n", "### Other\n- x\n"))
    bank = load_dir(tmp_path / "bank")
    assert bank.by_id["share"].text().key_points == ()


def test_key_points_problems_are_warnings(deck, tmp_path):
    deck("""
    ## Too few
    id: few
    type: basic
    topic: t

    Q?

    ### Answer
    A.

    ### Key points
    - only one

    ## No list
    id: nolist
    type: basic
    topic: t

    Q?

    ### Answer
    A.

    ### Key points
    Just a paragraph.

    ## Too many
    id: many
    type: basic
    topic: t

    Q?

    ### Answer
    A.

    ### Key points
    - 1
    - 2
    - 3
    - 4
    - 5
    - 6
    - 7

    ## Cloze
    id: cl
    type: cloze
    topic: t

    A {{gap}} here.

    ### Key points
    - a
    - b
    - c
    """)
    bank = load_dir(tmp_path / "bank")
    assert bank.errors == []
    got = {(d.line, d.message) for d in bank.diagnostics if d.severity == "warning"}
    assert got == {
        (12, "1 key points; a card has 3 to 6"),
        (25, "a key points section without a list"),
        (38, "7 key points; a card has 3 to 6"),
        (54, "key points on a cloze card are not shown"),
    }
    assert {q for q in bank.by_id} == {"few", "nolist", "many", "cl"}  # still studied


def test_unsupported_math_in_a_key_point_warns(deck, tmp_path):
    deck(BASIC.replace("- Names weight sharing", "- Names $\\frob{x}$ sharing"))
    bank = load_dir(tmp_path / "bank")
    assert any("\\frob" in m for m in messages(bank, "warning"))


def test_misspelt_section_suggests_key_points(deck, tmp_path):
    deck(BASIC.replace("### Key points", "### Key pionts"))
    bank = load_dir(tmp_path / "bank")
    (d,) = [d for d in bank.diagnostics if d.severity == "warning"]
    assert d.message == "unknown section 'Key pionts'" and "key points" in d.hint


def test_cache_of_an_older_parser_is_not_reused(deck, tmp_path):
    from quizcnn.bank.cache import cache_root

    deck(BASIC)
    assert len(load_dir(tmp_path / "bank").by_id["share"].text().key_points) == 3
    (entry,) = sorted(cache_root().glob("*.json"))
    data = json.loads(entry.read_text())
    assert "key_points" in data["fields"]
    # an entry as the parser before key points wrote it: same file stamp, older version
    data["key"][0] = 1
    i = data["fields"].index("key_points")
    data["fields"].pop(i)
    for row in data["blocks"]:
        row.pop(i)
        row[data["fields"].index("id")] = "from-old-cache"
    entry.write_text(json.dumps(data))
    bank = load_dir(tmp_path / "bank")
    assert list(bank.by_id) == ["share"]
    assert len(bank.by_id["share"].text().key_points) == 3
