"""A small bank (one topic per card type), a fixed clock and helpers for pilot tests."""

from __future__ import annotations

import argparse
import asyncio
import functools
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)

DECK = """\
## Stride
id: t-basic
type: basic
topic: t-basic
difficulty: 1

What does the stride of a convolution set?

### Answer
How far the window moves between two outputs.

## Conv output width
id: t-numeric
type: numeric
topic: t-numeric
tags: arithmetic, shapes
answer: 12544
difficulty: 1

How many outputs does a $112 \\times 112$ map have?

### Hints
- Multiply the two sides.

### Explanation
$112 \\times 112 = 12544$.

## Pick the pooling layers
id: t-choice
type: choice
topic: t-choice
difficulty: 1

Which of these layers have no learnable parameters?

### Choices
- [x] MaxPool2d
- [ ] Conv2d
- [x] ReLU

## A generated shape
id: t-gen
type: generated
topic: t-gen
tags: shapes
template: conv-output-size
difficulty: 1

## Gaps
id: t-cloze
type: cloze
topic: t-cloze
difficulty: 1

A 3x3 kernel with stride {{1}} and padding {{1}} keeps the size.

## Markup is text
id: t-markup
type: basic
topic: t-markup
difficulty: 1

Shown as text: [b]bold[/b] [@click=app.quit]quit[/] [link=https://example.com]x[/link] \x1b[31mred\x1b[0m \x1b]0;title\x07end.

### Answer
[i]not italic[/i]

## Bilingual
id: t-lang
type: basic
topic: t-lang
difficulty: 1

Why stack two 3x3 convolutions?

### Answer
Same field as one 5x5, fewer weights.

## 双语
translation_of: t-lang
type: basic
lang: zh

为什么堆叠两个 3x3 卷积?

### Answer
感受野与一个 5x5 相同,参数更少。
"""


def pilot_test(fn):
    """Run an async pilot test with asyncio.run (no async plugin is needed)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        asyncio.run(fn(*args, **kwargs))

    return wrapper


@pytest.fixture
def bank_dir(tmp_path) -> Path:
    d = tmp_path / "bank"
    d.mkdir()
    (d / "deck.md").write_text(DECK, encoding="utf-8")
    return d


@pytest.fixture(scope="session")
def empty_db(tmp_path_factory) -> Path:
    """A freshly migrated progress DB, made once and copied per test (migrating takes ~2 s)."""
    from quizcnn.store import open_store

    path = tmp_path_factory.mktemp("db") / "empty.sqlite3"
    open_store(path).close()
    return path


@pytest.fixture
def make_app(bank_dir, tmp_path, empty_db):
    import shutil

    from quizcnn.bank import load
    from quizcnn.tui.app import QuizApp
    from quizcnn.tui.data import Filters

    db = tmp_path / "progress.sqlite3"
    shutil.copyfile(empty_db, db)

    def make(topics=("t-basic",), lang="en", **kw):
        args = argparse.Namespace(db=str(db), bank=[])
        app = QuizApp(args, clock=lambda: NOW, seed=7,
                      bank_loader=lambda: load([bank_dir]), **kw)
        app.filters = Filters(lang=lang, topics=tuple(topics))
        app.db_file = db
        return app

    return make


async def until(pilot, predicate, timeout: float = 10.0) -> None:
    """Let the app run until ``predicate()`` holds (fails the test after ``timeout``)."""
    from textual.css.query import NoMatches

    def holds() -> bool:
        try:
            return bool(predicate())
        except NoMatches:  # the screen is still being composed
            return False

    waited = 0.0
    while not holds():
        if waited > timeout:
            raise AssertionError("the app did not reach the expected state in time")
        await pilot.pause(0.02)
        waited += 0.02


async def start_drill(pilot, app):
    await until(pilot, lambda: app.store is not None)
    await pilot.press("s")
    await until(pilot, lambda: getattr(app.screen, "state", "") == "ask"
                and app.screen.card is not None and app.screen.card.item is not None)
    return app.screen


async def wait_state(pilot, screen, state: str) -> None:
    await until(pilot, lambda: screen.state == state)


def reviews(db: Path) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(
            "SELECT c.bank_id, r.rating, r.correct, r.answer, r.misconception"
            " FROM reviews r JOIN cards c ON c.id = r.card_id ORDER BY r.id"
        ).fetchall()
    finally:
        con.close()


def card_row(db: Path, bank_id: str) -> tuple:
    con = sqlite3.connect(db)
    try:
        return con.execute(
            "SELECT suspended, buried_until, last_review FROM cards WHERE bank_id = ?", (bank_id,)
        ).fetchone()
    finally:
        con.close()
