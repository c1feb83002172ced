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


KEYED = """## Why stride
id: k1
type: basic
topic: k
difficulty: 1

Why use a stride of 2?

### Answer
To halve the map.

### Key points
- halves height and width
- quarters the compute after it
- widens the receptive field faster
"""


def test_key_points_follow_the_reveal_and_hard_says_why(store, tmp_path):
    from quizcnn.bank import load

    d = tmp_path / "kbank"
    d.mkdir()
    (d / "deck.md").write_text(KEYED, encoding="utf-8")
    bank = load([d])
    out = io.StringIO()
    PlainDrill(store, bank.questions, stdin=io.StringIO("\n3\n"), stdout=out, clock=Clock(T0),
               rng=random.Random(3)).run()
    text = out.getvalue()
    assert "Key points (tick off the ones you said):\n  [ ] halves height and width" in text
    assert text.index("To halve the map.") < text.index("Key points")


def test_a_right_answer_rated_hard_says_why(store):
    from . import fakebank as fb
    from .test_drill_plain import drill

    summary, out = drill(store, [fb.numeric("n1", 7, hints=("think of seven",))], ["?", "7"])
    assert "Right." in out and "saved: Hard (a hint was shown), next in" in out


def test_the_app_shows_key_points_after_the_reveal(tmp_path):
    from quizcnn.bank import load
    from quizcnn.tui.flow import prepare

    d = tmp_path / "kbank"
    d.mkdir()
    (d / "deck.md").write_text(KEYED, encoding="utf-8")
    card = prepare(load([d]).by_id["k1"], "en", None, 1)
    assert card.answer_md.startswith("To halve the map.")
    assert "**Key points (tick off the ones you said):**\n\n- halves height and width" in \
        card.answer_md
    assert "Key points" not in card.prompt_md
