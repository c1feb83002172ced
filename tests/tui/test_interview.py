"""The interview screen: reached from Home with its key, a round answered, timed out by the
clock, skipped, and the report shown; the reviews land in the one review log."""

from __future__ import annotations

import argparse
import shutil
from datetime import timedelta
from pathlib import Path

from textual.widgets import Static

from tests.tui.conftest import NOW, pilot_test, until

BANK = Path(__file__).parent.parent / "interview" / "bank"


class Clock:
    def __init__(self) -> None:
        self.t = NOW

    def __call__(self):
        return self.t


def reviews(db: Path) -> list[tuple]:
    import sqlite3

    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT c.bank_id, r.rating, r.kind FROM reviews r JOIN cards c"
                           " ON c.id = r.card_id ORDER BY r.id").fetchall()
    finally:
        con.close()


@pilot_test
async def test_interview_screen_round_from_home(tmp_path, empty_db):
    from quizcnn.bank import load
    from quizcnn.tui.app import QuizApp
    from quizcnn.tui.data import Filters
    from quizcnn.tui.screens.interview import InterviewScreen

    db = tmp_path / "progress.sqlite3"
    shutil.copyfile(empty_db, db)
    clock = Clock()
    app = QuizApp(argparse.Namespace(db=str(db), bank=[]), clock=clock, seed=7,
                  bank_loader=lambda: load([BANK]))
    app.filters = Filters(lang="en", topics=("alpha",))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.store is not None)
        await pilot.press("i")  # home.interview
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen))
        screen = app.screen
        await until(pilot, lambda: screen.state == "answer")
        assert screen.asked.bank_id == "alpha-share"
        assert "Question 1 · 20:00 left" in str(screen.query_one("#ivclock", Static).render())
        await pilot.press(*"shared weights", "enter")
        await until(pilot, lambda: screen.state == "points")
        assert "Names weight sharing" in screen.revealed
        clock.t += timedelta(seconds=40)  # the checklist is not timed: the question's clock stopped
        screen.tick()
        line = str(screen.query_one("#ivclock", Static).render())
        assert "19:20 left" in line and "2:30 for this question" in line
        await pilot.press("1", "space", "2", "enter")
        await until(pilot, lambda: screen.state == "next")
        assert "Score 2 of 4 points = 50%" in screen.revealed
        await pilot.press("enter")  # the follow-up; its budget runs out on the clock
        await until(pilot, lambda: screen.state == "answer" and screen.asked.position == 2)
        assert screen.asked.kind == "follow-up"
        clock.t += timedelta(seconds=121)
        screen.tick()
        await until(pilot, lambda: screen.state == "next")
        assert "Time's up for this question (2:01 of 2:00)" in screen.revealed
        await pilot.press("enter")
        await until(pilot, lambda: screen.state == "answer" and screen.asked.position == 3)
        await pilot.press("ctrl+s")  # skip the card without key points
        await until(pilot, lambda: screen.state == "next")
        await pilot.press("enter")  # nothing left: the report
        await until(pilot, lambda: screen.state == "report")
        text = str(screen.query_one("#ivhead", Static).render())
        assert "Score 17% over 3 questions" in text and "(out of time)" in text
        assert "(skipped)" in text
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, InterviewScreen))
    assert reviews(db) == [("alpha-share", 2, "interview"), ("alpha-count", 1, "interview"),
                           ("alpha-map", 1, "interview")]
