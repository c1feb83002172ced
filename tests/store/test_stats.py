"""Statistics from a hand-made history with fixed times."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

from quizcnn.store.quick import quick_counts
from quizcnn.store.scheduler import Rating, Reviewer
from quizcnn.store.stats import compute_stats, render
from quizcnn.store.sync import sync_bank

from .conftest import T0, FakeQuestion


def setup(store):
    qs = [
        FakeQuestion("a1", topic="a"),
        FakeQuestion("a2", topic="a"),
        FakeQuestion("b1", topic="b"),
    ]
    sync_bank(store, qs, now=T0 - timedelta(days=20))
    return Reviewer(store)


def test_reviews_per_day_streak_and_forecast(store):
    rev = setup(store)
    # card 1 graduates 3 days ago; then answers on each of the last 3 days
    rev.answer(1, Rating.Easy, now=T0 - timedelta(days=3))
    rev.answer(2, Rating.Good, now=T0 - timedelta(days=2))
    rev.answer(2, Rating.Good, now=T0 - timedelta(days=1))
    rev.answer(3, Rating.Again, now=T0, cram=True)
    st = compute_stats(store, T0)
    per_day = dict(st.reviews_per_day)
    assert len(st.reviews_per_day) == 30 and st.reviews_per_day[-1][0] == st.today
    assert [per_day[st.today - timedelta(days=i)] for i in (3, 2, 1, 0)] == [1, 1, 1, 1]
    assert sum(per_day.values()) == 4
    assert st.streak == 4
    assert sum(n for _, n in st.forecast) == 2  # cards 1 and 2 are scheduled; card 3 is new
    assert st.totals["cards"] == 3 and st.totals["new"] == 1 and st.totals["review"] == 2
    text = render(st)
    assert "streak 4 days" in text and "Mastery by topic" in text


def test_streak_counts_from_yesterday_when_today_is_empty(store):
    rev = setup(store)
    for d in (5, 2, 1):
        rev.answer(1, Rating.Good, now=T0 - timedelta(days=d))
    assert compute_stats(store, T0).streak == 2
    assert compute_stats(store, T0 + timedelta(days=2)).streak == 0


def test_true_retention_counts_review_state_answers_only(store):
    rev = setup(store)
    r = rev.answer(1, Rating.Easy, now=T0 - timedelta(days=25))  # new: not counted
    r = rev.answer(1, Rating.Good, now=r.due)  # review: pass
    r = rev.answer(1, Rating.Again, now=r.due)  # review: fail
    r = rev.answer(1, Rating.Good, now=r.due)  # relearning: not counted
    st = compute_stats(store, T0)
    assert st.retention_answers == 2 and st.retention == 0.5


def test_true_retention_counts_mock_interview_answers_but_not_cram(store):
    rev = setup(store)
    r = rev.answer(1, Rating.Easy, now=T0 - timedelta(days=25))  # new: not counted
    rev.answer(1, Rating.Good, now=r.due - timedelta(hours=1), cram=True)  # cram: not counted
    rev.answer(1, Rating.Again, now=r.due, interview=True)  # review, asked in an interview
    st = compute_stats(store, T0)
    assert st.retention_answers == 1 and st.retention == 0.0


def test_mastery_is_mean_retrievability_with_new_as_zero(store):
    rev = setup(store)
    rev.answer(1, Rating.Easy, now=T0)
    st = compute_stats(store, T0)
    by_topic = {m.topic: m for m in st.mastery}
    assert by_topic["a"].cards == 2 and by_topic["a"].studied == 1
    assert by_topic["a"].mastery == 0.5  # R = 1 right after a review; the other card is new
    assert by_topic["b"].mastery == 0.0
    later = compute_stats(store, T0 + timedelta(days=40))
    card = rev.card(1)
    expected = rev.retrievability(card, T0 + timedelta(days=40)) / 2
    assert abs({m.topic: m for m in later.mastery}["a"].mastery - expected) < 1e-12
    assert 0 < expected < 0.5


def test_quick_counts_match_the_queue(store):
    rev = setup(store)
    rev.answer(1, Rating.Easy, now=T0 - timedelta(days=30))
    q = quick_counts(store.path, now=T0)
    assert q.due == {"a": 1} and q.new == {"a": 1, "b": 1} and q.new_today == 20
    assert q.total_due == 1 and q.total_new == 2
    assert quick_counts(store.path.parent / "missing.sqlite3") is None


def test_quick_does_not_import_sqlalchemy(store):
    code = (
        "import sys; from quizcnn.store.quick import quick_counts; "
        f"print(quick_counts({str(store.path)!r}) is not None, 'sqlalchemy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False"]


def test_recent_accuracy_counts_right_and_recalled_answers_of_seven_days(store):
    rev = setup(store)
    rev.answer(1, Rating.Good, now=T0 - timedelta(days=9))  # too old
    rev.answer(1, Rating.Again, now=T0 - timedelta(days=3), correct=False)  # typed, wrong
    rev.answer(2, Rating.Good, now=T0 - timedelta(days=2), correct=True)  # typed, right
    rev.answer(3, Rating.Hard, now=T0 - timedelta(days=1))  # self-rated, recalled
    rev.answer(3, Rating.Again, now=T0)  # self-rated, forgotten
    st = compute_stats(store, T0)
    assert st.accuracy_answers == 4 and st.accuracy == 0.5
    assert "recent accuracy (7 days): 50% of 4 answers right or recalled" in render(st)
    assert compute_stats(store, T0 + timedelta(days=30)).accuracy is None
