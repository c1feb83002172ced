"""Undo in the line-mode drill takes back exactly the last action (issue 13): every row of the
table in quizcnn.drill.session, driven with piped input and a clock that moves."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from quizcnn.drill.session import UNDOABLE
from quizcnn.store.models import Card, Review

from . import fakebank as fb
from .conftest import T0
from .test_drill_plain import Clock, drill


class Ticking(Clock):
    """Each reading of the clock is ``step`` later than the one before (a user typing)."""

    def __init__(self, t=T0, step=timedelta(seconds=5)):
        super().__init__(t)
        self.step = step

    def __call__(self):
        self.t += self.step
        return self.t


def rows(store, bank_id):
    with store.read() as s:
        card = s.scalar(select(Card).where(Card.bank_id == bank_id))
        revs = s.scalars(select(Review).where(Review.card_id == card.id)
                         .order_by(Review.id)).all()
        return card, revs


def schedule(card):
    return (card.state, card.step, card.stability, card.difficulty, card.reps, card.lapses,
            card.suspended, card.buried_until)


def served(out):
    """The bank ids in the order they were asked (from the '--- n · topic · kind · title'
    lines; fake questions' titles are empty, so the topic is the card's id)."""
    return [line.split(" · ")[1] for line in out.splitlines() if line.startswith("--- ")]


def test_the_table_has_a_row_for_each_action():
    assert UNDOABLE == ("answer", "suspend", "skip")


def test_undo_answer_when_the_card_came_straight_back(store):
    """Reproduction 2: answer wrong, u, answer right. Before the fix the card was asked again
    at once and the DB held three reviews of it; now exactly the review meant, and the
    schedule the last answer alone gives."""
    store.set_setting("learn_ahead_minutes", 5)  # the 1-minute step comes back, 10 minutes not
    qs = [fb.numeric("n1", 42, topic="n1")]
    summary, out = drill(store, qs, ["41", "u", "42"], clock=Ticking())
    assert "Undone: your answer to n1 was taken back" in out
    card, revs = rows(store, "n1")
    assert [(r.rating, r.correct) for r in revs] == [(3, True)]
    assert served(out).count("n1") == 3  # wrong, came back (learn ahead), undo -> again

    # the same card answered right once, on a fresh DB, has the same schedule
    from quizcnn.store.db import open_store

    other = open_store(store.path.parent / "control.sqlite3")
    other.set_setting("enable_fuzzing", False)
    other.set_setting("learn_ahead_minutes", 5)
    drill(other, qs, ["42"], clock=Ticking())
    control, _ = rows(other, "n1")
    assert schedule(card) == schedule(control)
    other.close()


def test_undo_answer_brings_that_card_back_before_a_due_learning_card(store):
    """Reproduction 1 in line mode: the undone card comes next, even when another card's
    learning step fell due meanwhile; the re-typed answer goes to the undone card."""
    import io
    import random

    from quizcnn.drill.plain import PlainDrill

    store.set_setting("learn_ahead_minutes", 0)
    qs = [fb.numeric("a", 1, topic="a", difficulty=1), fb.numeric("b", 2, topic="b", difficulty=2),
          fb.numeric("c", 3, topic="c", difficulty=3)]
    clock = Clock()

    class Typing(io.StringIO):
        """Lines typed by a user; the "u" is typed two minutes later (a's step is due)."""

        def readline(self, *args):
            line = super().readline(*args)
            if line == "u\n":
                clock.t += timedelta(minutes=2)
            return line

    out = io.StringIO()
    PlainDrill(store, qs, stdin=Typing("0\n0\nu\n2\n3\n1\n"), stdout=out, clock=clock,
               rng=random.Random(1), check_answer=fb.check_answer).run()
    out = out.getvalue()
    order = served(out)
    assert order[:4] == ["a", "b", "c", "b"], order  # u at c: b (undone) first, then c
    _, b = rows(store, "b")
    assert [(r.rating, r.answer) for r in b] == [(3, "2")]


def test_undo_suspend(store):
    qs = [fb.basic("b1", topic="b1", difficulty=1), fb.basic("b2", topic="b2", difficulty=2)]
    summary, out = drill(store, qs, ["suspend", "u", "", "3"], clock=Ticking())
    assert "Suspended" in out and "Undone: b1 is no longer suspended." in out
    card, revs = rows(store, "b1")
    assert not card.suspended and [r.rating for r in revs] == [3]
    assert served(out)[:2] == ["b1", "b2"] and served(out)[2] == "b1"


def test_undo_skip(store):
    qs = [fb.basic("b1", topic="b1", difficulty=1), fb.basic("b2", topic="b2", difficulty=2)]
    summary, out = drill(store, qs, ["s", "u", "", "4"], clock=Ticking())
    assert "Undone: b1 is no longer skipped." in out
    card, revs = rows(store, "b1")
    assert card.buried_until is None and [r.rating for r in revs] == [4]
    assert summary.skipped == 0


def test_u_after_suspend_undoes_the_suspend_not_an_older_answer(store):
    """Reproduction 3: `u` right after suspending undid an older answer and left the card
    suspended."""
    qs = [fb.basic("b1", topic="b1", difficulty=1), fb.basic("b2", topic="b2", difficulty=2),
          fb.basic("b3", topic="b3", difficulty=3)]
    summary, out = drill(store, qs, ["", "4", "suspend", "u", "q"], clock=Ticking())
    b1, r1 = rows(store, "b1")
    b2, r2 = rows(store, "b2")
    assert [r.rating for r in r1] == [4]  # the older answer stands
    assert not b2.suspended and r2 == []
    assert "Undone: b2 is no longer suspended." in out
    assert served(out)[-1] == "b2"  # and b2 is asked again


def test_undo_with_nothing_to_undo_keeps_the_card(store):
    store.set_setting("learn_ahead_minutes", 0)
    qs = [fb.basic("b1", topic="b1")]
    summary, out = drill(store, qs, ["u", "", "3"], clock=Ticking())
    assert "Nothing to undo." in out and served(out) == ["b1", "b1"]
    assert [r.rating for r in rows(store, "b1")[1]] == [3]
