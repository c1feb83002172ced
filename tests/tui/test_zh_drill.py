"""A drill in Chinese, card type by card type: no English the app wrote on any screen.

Each step's screen is checked with ``zhcheck.english_left`` (the catalogue's English pieces)
and for a few Chinese words; the deck here has a Chinese text for every card.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from tests.tui.conftest import pilot_test, start_drill, until, wait_state
from tests.tui.screentext import screen_text
from tests.tui.zhcheck import english_left

DECK = """\
## Stride
id: z-basic
type: basic
topic: 主题ba
difficulty: 1
What does the stride of a convolution set?
### Answer
How far the window moves between two outputs.
### Key points
- the step between windows

## 步长
translation_of: z-basic
type: basic
lang: zh
卷积的步长决定什么？
### Answer
相邻两个输出之间窗口移动的距离。
### Key points
- 窗口之间的步距

## Outputs of a map
id: z-numeric
type: numeric
topic: 主题nu
answer: 12544
difficulty: 1
How many outputs does a $112 \\times 112$ map have?
### Hints
- Multiply the two sides.
### Explanation
$112 \\times 112 = 12544$.

## 特征图的输出个数
translation_of: z-numeric
type: numeric
lang: zh
answer: 12544
一个 $112 \\times 112$ 的特征图有多少个输出？
### Hints
- 两边相乘。
### Explanation
$112 \\times 112 = 12544$。

## Layers without parameters
id: z-choice
type: choice
topic: 主题ch
difficulty: 1
Which of these layers have no learnable parameters?
### Choices
- [x] MaxPool2d
- [ ] Conv2d
- [x] ReLU

## 没有参数的层
translation_of: z-choice
type: choice
lang: zh
下列哪些层没有可学习的参数？
### Choices
- [x] MaxPool2d
- [ ] Conv2d
- [x] ReLU

## Gaps
id: z-cloze
type: cloze
topic: 主题cl
difficulty: 1
A 3x3 kernel with stride {{1}} and padding {{1}} keeps the size.

## 填空
translation_of: z-cloze
type: cloze
lang: zh
3x3 卷积核在步长 {{1}}、填充 {{1}} 时保持尺寸不变。

## A generated shape
id: z-gen
type: generated
topic: 主题ge
template: conv-output-size
difficulty: 1

A fresh problem every time.

## 生成的题
translation_of: z-gen
lang: zh
type: generated

每次一道新题。
"""


@pytest.fixture
def bank_dir(tmp_path) -> Path:
    d = tmp_path / "bank"
    d.mkdir()
    (d / "deck.md").write_text(DECK, encoding="utf-8")
    return d


def chinese_app(make_app, topic: str, *more: str):
    """The app as it starts when Chinese was chosen last time (the test app's filters are
    set after its keys were labelled, so they are labelled again)."""
    from quizcnn.tui import keymap

    app = make_app(topics=(topic, *more), lang="zh")
    keymap.relabel(app, "zh")
    return app


def no_english(app) -> str:
    text = screen_text(app)
    assert english_left(text) == [], text
    return text


@pilot_test
async def test_basic_card_asked_revealed_and_rated_in_chinese(make_app):
    app = chinese_app(make_app, "主题ba")
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        assert "步长" in no_english(app)
        await pilot.press("space")
        await wait_state(pilot, drill, "revealed")
        await until(pilot, lambda: "分钟" in screen_text(app))  # the intervals are in
        assert "要点" in no_english(app)
        await pilot.press("3")
        await wait_state(pilot, drill, "feedback")
        assert "已保存" in no_english(app)


@pilot_test
async def test_numeric_card_hint_unreadable_and_wrong_answers_in_chinese(make_app):
    app = chinese_app(make_app, "主题nu")
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        await pilot.press("?", "enter")  # letters type into the answer box
        await until(pilot, lambda: "两边相乘" in screen_text(app))
        no_english(app)
        await pilot.press(*"twelve", "enter")
        await pilot.pause(0.1)
        assert drill.state == "ask"
        no_english(app)
        drill.query_one("#answer", Input).value = ""
        await pilot.press(*"12000", "enter")
        await wait_state(pilot, drill, "feedback")
        assert "不对" in no_english(app)


@pilot_test
async def test_choice_card_marks_in_chinese(make_app):
    app = chinese_app(make_app, "主题ch")
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        no_english(app)
        options = drill.card.question.text("zh").choices
        wrong = next(i for i, k in enumerate(drill.card.order) if not options[k].correct)
        await pilot.press(str(wrong + 1), "enter")  # Conv2d only: one wrong, two missed
        await wait_state(pilot, drill, "feedback")
        text = no_english(app)
        assert "（错误）" in text and "（正确，但没选）" in text


@pilot_test
async def test_cloze_card_typed_and_revealed_in_chinese(make_app):
    app = chinese_app(make_app, "主题cl")
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        no_english(app)
        await pilot.press(*"2; 1", "enter")
        await wait_state(pilot, drill, "feedback")
        no_english(app)


@pilot_test
async def test_generated_problem_wrong_answer_and_the_summary_in_chinese(make_app):
    app = chinese_app(make_app, "主题ge")
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        no_english(app)
        await pilot.press(*"1x1x1", "enter")
        await wait_state(pilot, drill, "feedback")
        no_english(app)
        await pilot.press("space")  # the card again (relearning), skipped: the summary
        await until(pilot, lambda: drill.state == "ask")
        await pilot.press("escape", "s")
        await until(pilot, lambda: app.screen.__class__.__name__ == "SummaryScreen")
        await pilot.pause()
        assert "本次学习小结" in no_english(app)


@pilot_test
async def test_skip_suspend_and_undo_messages_in_chinese(make_app):
    app = chinese_app(make_app, "主题ba", "主题cl")
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        first = drill.card.bank_id
        await pilot.press("s")  # skip
        await until(pilot, lambda: drill.card.bank_id != first)
        no_english(app)
        await pilot.press("x")  # suspend
        await pilot.pause(0.2)
        no_english(app)
        await pilot.press("u")
        await pilot.pause(0.2)
        no_english(app)
