"""Issue 13, line mode: an answer whose form does not fit the question is explained and asked
again, never recorded; full-width separators read like ASCII ones (piped input, real grader)."""

from __future__ import annotations

import io
import random

from sqlalchemy import select

from quizcnn.drill.plain import PlainDrill
from quizcnn.store.models import Card, Review

from .conftest import T0
from .test_drill_plain import Clock

CLOZE = """## Gaps
id: c4
type: cloze
topic: c
difficulty: 1

Mode {{down}}, then {{3}}, {{2}} and {{7}}.

## Shape
id: g1
type: generated
topic: g
template: conv-output-size
difficulty: 1
"""


def run(store, tmp_path, lines, topics):
    from quizcnn.bank import load

    d = tmp_path / "bank"
    d.mkdir(exist_ok=True)
    (d / "deck.md").write_text(CLOZE, encoding="utf-8")
    bank = load([d])
    out = io.StringIO()
    PlainDrill(store, bank.questions, stdin=io.StringIO("".join(x + "\n" for x in lines)),
               stdout=out, clock=Clock(T0), rng=random.Random(3), topics=topics).run()
    return out.getvalue()


def answers(store):
    with store.read() as s:
        return [(bank_id, r.answer, r.correct) for r, bank_id in s.execute(
            select(Review, Card.bank_id).join(Card, Card.id == Review.card_id)
            .order_by(Review.id)).all()]


def test_full_width_semicolons_separate_gaps(store):
    out = run(store, store.path.parent, ["down；3；2；7"], ["c"])
    assert "Right." in out
    assert answers(store) == [("c4", "down；3；2；7", True)]


def test_a_half_filled_cloze_is_asked_again(store):
    out = run(store, store.path.parent, ["down; 3", "down; 3; 2; 7"], ["c"])
    assert "Could not read that: 2 of 4 gaps filled" in out
    assert answers(store) == [("c4", "down; 3; 2; 7", True)]


def test_a_count_where_a_shape_is_asked_is_asked_again(store):
    out = run(store, store.path.parent, ["12,544", "q"], ["g"])
    assert "reads as one number (12,544), but a shape of 3 numbers (C×H×W) is asked" in out
    assert answers(store) == []
