"""`quizcnn bank check --strict`: each rule, its file:line, the opt-out and its reason."""

from __future__ import annotations

import textwrap

import pytest

from quizcnn.bank.lint import display_width, strict, visible_prompt
from quizcnn.cli import main
from tests.bank.helpers import load_dir

KP_EN = "### Key points\n- one\n- two\n- three\n"
KP_ZH = "### 要点\n- 一\n- 二\n- 三\n"


def _basic(qid: str, key_points: str = KP_EN, topic: str = "t") -> str:
    return f"## Q {qid}\nid: {qid}\ntype: basic\ntopic: {topic}\n\nWhat?\n\n### Answer\nThat.\n\n{key_points}\n"


def _basic_zh(qid: str, key_points: str = KP_ZH) -> str:
    return f"## 问 {qid}\ntranslation_of: {qid}\nlang: zh\ntype: basic\n\n什么?\n\n### 答案\n那个。\n\n{key_points}\n"


def _write(folder, name: str, text: str):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def _strict(folder) -> list[str]:
    bank = load_dir(folder)
    assert bank.errors == []
    return [f"{d.file.relative_to(folder).as_posix()}:{d.line}: {d.message}"
            for d in strict(bank.questions)]


def test_a_complete_card_passes(tmp_path):
    _write(tmp_path, "a.md", _basic("a"))
    _write(tmp_path, "zh/a.md", _basic_zh("a"))
    assert _strict(tmp_path) == []


def test_english_card_without_chinese(tmp_path):
    _write(tmp_path, "a.md", "# Deck\n\n" + _basic("a"))
    assert _strict(tmp_path) == ["a.md:3: 'a' has no Chinese translation"]


def test_chinese_original_needs_no_translation(tmp_path):
    _write(tmp_path, "a.md", _basic("a").replace("topic: t", "topic: t\nlang: zh"))
    assert _strict(tmp_path) == []


def test_basic_card_without_key_points_in_either_language(tmp_path):
    _write(tmp_path, "a.md", _basic("a", key_points=""))
    _write(tmp_path, "zh/a.md", _basic_zh("a"))
    _write(tmp_path, "b.md", _basic("b"))
    _write(tmp_path, "zh/b.md", "# 卡组\n\n" + _basic_zh("b", key_points=""))
    assert _strict(tmp_path) == ["a.md:1: 'a' (en) has no key points",
                                 "zh/b.md:3: 'b' (zh) has no key points"]


def test_key_points_not_required_on_other_types(tmp_path):
    _write(tmp_path, "c.md", """
    ## C
    id: c
    type: choice
    topic: t
    lang: zh

    选哪个?

    ### 选项
    - [x] 甲
    - [ ] 乙
    """)
    assert _strict(tmp_path) == []


CLOZE = """
## Cloze
id: cl
type: cloze
topic: t
lang: zh
{lint}

{prompt}
"""


def _cloze(tmp_path, prompt: str, lint: str = "") -> list[str]:
    _write(tmp_path, "cl.md", CLOZE.format(prompt=prompt, lint=lint))
    return _strict(tmp_path)


@pytest.mark.parametrize("prompt, flagged", [
    ("The output is rounded {{down}}, not up.", []),
    ("Round {{down|up or down?}}.", [1]),  # the hint is shown, so it counts
    ("Rounded {{DOWN}}: the floor rounds down.", [1]),  # case-insensitive
    ("A {{stride}} of 2; strides add up.", []),  # 'strides' is another word
    ("Multiply by {{2}}, for stride 2.", [1]),
    ("Multiply by {{2}}, for $2p$ and 12.", []),  # '2p', '12': not the whole word '2'
    ("It is $k-{{1}}$; with $s = 1$ ...", [1]),
    ("{{d(k-1)}} spans d(k-1)+1 pixels", [1]),  # an answer with punctuation
    ("{{stride}} and {{stride}}", []),  # other gaps are hidden
    ("感受野由{{stride}}决定,stride 越大越大", [1]),  # Latin word inside Chinese text
    ("空洞卷积又叫{{膨胀卷积}},膨胀卷积的……", [1]),  # CJK answers match anywhere
    ("空洞卷积又叫{{膨胀卷积}}。", []),
    ("a map of {{7}}x7 positions", [1]),  # a square size shows its own gapped side
    ("a map of 6x{{6|a number}}", [1]),
    ("a map of {{7}}x{{7}}", []),  # both sides gapped: nothing shown
    ("a {{3}}x5 kernel", []),
])
def test_gap_answer_in_visible_prompt(tmp_path, prompt, flagged):
    import re

    got = _cloze(tmp_path, prompt)
    assert [int(re.search(r"gap (\d+)", g)[1]) for g in got] == flagged
    assert all(g.startswith("cl.md:1: 'cl' (zh): the answer of gap ") and
               g.endswith("appears in the prompt") for g in got)


def test_gap_rule_opt_out_needs_a_reason(tmp_path):
    prompt = "Multiply by {{2}}, for stride 2."
    assert _cloze(tmp_path, prompt, "lint: allow-gap-in-prompt (the stride's 2 is another 2)") == []
    assert len(_cloze(tmp_path, prompt, "lint: allow-gap-in-prompt")) == 1
    assert len(_cloze(tmp_path, prompt, "lint: allow-gap-in-prompt ()")) == 1
    # the other rule's opt-out does not cover this one
    assert len(_cloze(tmp_path, prompt, "lint: allow-long-answer (reason)")) == 1


def test_visible_prompt_blanks_gaps_and_shows_hints():
    assert visible_prompt("a {{x|hint}} b {{y}} c") == "a  hint  b   c"


CHOICE = """
## Choice
id: ch
type: choice
topic: t
lang: {lang}
{lint}
Pick.

### Choices
{options}
"""


def _choice(tmp_path, options: list[tuple[str, bool]], lang: str = "zh", lint: str = "") -> list[str]:
    text = "\n".join(f"- [{'x' if ok else ' '}] {t}" for t, ok in options)
    _write(tmp_path, "ch.md", CHOICE.format(options=text, lang=lang, lint=lint))
    return _strict(tmp_path)


def test_long_right_option(tmp_path):
    wrong = [("a" * 10, False), ("b" * 12, False), ("c" * 30, False)]  # median 12
    assert _choice(tmp_path, [("r" * 24, True), *wrong]) == []  # exactly twice: fine
    assert _choice(tmp_path, [*wrong, ("r" * 25, True)]) == [
        "ch.md:1: 'ch' (zh): right option 4 is 25 characters long, more than 2x the wrong "
        "options' median (12)"]


def test_long_option_median_of_an_even_count_and_several_right_ones(tmp_path):
    wrong = [("a" * 10, False), ("b" * 20, False)]  # median 15
    got = _choice(tmp_path, [("r" * 30, True), ("s" * 31, True), *wrong])
    assert got == ["ch.md:1: 'ch' (zh): right option 2 is 31 characters long, more than 2x the "
                   "wrong options' median (15)"]


def test_cjk_characters_count_two(tmp_path):
    assert display_width("感受野 rf") == 9
    wrong = [("甲乙", False), ("丙丁", False), ("戊己", False)]  # 4 each
    assert _choice(tmp_path, [("一二三四", True), *wrong]) == []  # 8
    assert len(_choice(tmp_path, [("一二三四五", True), *wrong])) == 1  # 10 > 8
    # the same text in ASCII is 5 characters: fine
    assert _choice(tmp_path, [("abcde", True), ("ab", False), ("cd", False)]) == [
        "ch.md:1: 'ch' (zh): right option 1 is 5 characters long, more than 2x the wrong "
        "options' median (2)"]
    assert _choice(tmp_path, [("abcd", True), ("ab", False), ("cd", False)]) == []


def test_length_compared_within_one_language(tmp_path):
    _write(tmp_path, "ch.md", CHOICE.format(lang="en", lint="", options=(
        "- [x] short\n- [ ] a wrong one\n- [ ] another one")))
    _write(tmp_path, "zh/ch.md", """
    ## 选择
    translation_of: ch
    lang: zh
    type: choice

    选。

    ### 选项
    - [x] 一个很长很长很长很长很长的正确选项
    - [ ] 错
    - [ ] 错的
    """)
    bank = load_dir(tmp_path)
    got = [(d.file.relative_to(tmp_path).as_posix(), d.message.split(":")[0])
           for d in strict(bank.questions)]
    assert got == [("zh/ch.md", "'ch' (zh)")]


def test_long_answer_opt_out(tmp_path):
    options = [("r" * 40, True), ("a", False), ("b", False)]
    assert len(_choice(tmp_path, options)) == 1
    assert _choice(tmp_path, options, lint="lint: allow-long-answer (a formula has no short form)") == []
    # on the translation, it opts the whole card out
    _write(tmp_path, "ch.md", CHOICE.format(lang="en", lint="", options="- [x] " + "r" * 40 + "\n- [ ] a\n- [ ] b"))
    _write(tmp_path, "zh/ch.md", """
    ## 选择
    translation_of: ch
    lang: zh
    type: choice
    lint: allow-long-answer (公式没有更短的写法)

    选。

    ### 选项
    - [x] 很长很长很长很长很长很长
    - [ ] 甲
    - [ ] 乙
    """)
    assert [d for d in strict(load_dir(tmp_path).questions)] == []


@pytest.mark.parametrize("field, message", [
    ("allow-long-answer", "'lint: allow-long-answer' gives no reason, so it opts out of nothing"),
    ("allow-long-answer ( )", "'lint: allow-long-answer' gives no reason, so it opts out of nothing"),
    ("allow-long-anwser (why)", "unknown lint rule 'allow-long-anwser'"),
    ("(why)", "'lint:' names no rule"),
])
def test_a_bad_lint_field_warns_in_every_run(tmp_path, field, message):
    _write(tmp_path, "ch.md", CHOICE.format(lang="zh", lint=f"lint: {field}", options="- [x] a\n- [ ] b"))
    bank = load_dir(tmp_path)
    assert [(d.line, d.severity, d.message) for d in bank.diagnostics] == [(6, "warning", message)]


def test_lint_field_with_two_rules_and_parentheses_in_the_reason(tmp_path):
    from quizcnn.bank.lint import allowed

    assert allowed("allow-long-answer, allow-gap-in-prompt (both (really) misfire)") == (
        "allow-long-answer", "allow-gap-in-prompt")
    assert allowed("allow-long-answer") == ()
    assert allowed("allow-nothing (why)") == ()


def test_cli_strict_reports_errors_only_with_the_flag(tmp_path, capsys):
    _write(tmp_path, "a.md", _basic("a", key_points=""))
    assert main(["bank", "check", str(tmp_path)]) == 0
    out = capsys.readouterr()
    assert out.out == "" and "0 errors, 0 warnings" in out.err
    assert main(["bank", "check", "--strict", str(tmp_path)]) == 1
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert lines == [
        f"{tmp_path / 'a.md'}:1: error: 'a' has no Chinese translation (add a block with 'lang: zh' "
        "and 'translation_of: a' (e.g. in questions/zh/a.md))",
        f"{tmp_path / 'a.md'}:1: error: 'a' (en) has no key points (add '### Key points' after the "
        "answer: 3-6 list items, each one thing an interviewer listens for)",
    ]
    assert "2 errors, 0 warnings" in out.err


def _numeric(qid: str, unit: str | None) -> str:
    field = f"unit: {unit}\n" if unit else ""
    return f"## N {qid}\nid: {qid}\ntype: numeric\ntopic: t\nanswer: 9408\n{field}\nHow many?\n"


def _numeric_zh(qid: str, unit: str | None) -> str:
    field = f"unit: {unit}\n" if unit else ""
    return f"## 数 {qid}\ntranslation_of: {qid}\nlang: zh\ntype: numeric\n{field}\n多少个？\n"


def test_chinese_numeric_translation_without_its_own_unit(tmp_path):
    _write(tmp_path, "a.md", _numeric("a", "parameters") + "\n" + _numeric("b", "times (per axis)"))
    _write(tmp_path, "zh/a.md", "# 卡组\n\n" + _numeric_zh("a", None) + "\n" + _numeric_zh("b", "倍（每个轴）"))
    assert _strict(tmp_path) == [
        "zh/a.md:3: 'a' (zh) has no 'unit:', so a Chinese drill shows the English unit 'parameters'"]


def test_chinese_unit_may_repeat_a_unit_chinese_writes_the_same(tmp_path):
    _write(tmp_path, "a.md", _numeric("a", "MACs"))
    _write(tmp_path, "zh/a.md", _numeric_zh("a", "MACs"))
    assert _strict(tmp_path) == []


def test_unit_rule_spares_latin_free_units_unitless_and_other_cards(tmp_path):
    _write(tmp_path, "a.md", _numeric("a", "%") + "\n" + _numeric("b", None) + "\n" + _basic("c"))
    _write(tmp_path, "zh/a.md", _numeric_zh("a", None) + "\n" + _numeric_zh("b", None) + "\n" + _basic_zh("c"))
    assert _strict(tmp_path) == []


def test_chinese_original_numeric_card_needs_no_second_unit(tmp_path):
    _write(tmp_path, "a.md", _numeric("a", "parameters").replace("topic: t", "topic: t\nlang: zh"))
    assert _strict(tmp_path) == []
