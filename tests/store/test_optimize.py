"""Personal FSRS parameters: the review log as FSRS items, the fit, its storage and its use."""

from __future__ import annotations

import json
import math
import random
import time
from datetime import UTC, datetime, timedelta

import fsrs
import pytest
from sqlalchemy import insert

from quizcnn.cli import main
from quizcnn.store import optimize as opt
from quizcnn.store import params
from quizcnn.store.models import Review
from quizcnn.store.scheduler import Rating, Reviewer
from quizcnn.store.sync import sync_bank

from .conftest import T0, questions

# a learner that forgets faster than the default one (what `db optimize` is for)
SLOW = list(fsrs.scheduler.DEFAULT_PARAMETERS)
SLOW[0:4] = [v * 0.3 for v in SLOW[0:4]]
SLOW[8] -= 0.7


def L(card: int, at: datetime, rating: int, state_before: int = 2) -> opt.Logged:
    return opt.Logged(card, at, rating, state_before)


@pytest.fixture
def new_york(monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def test_delta_t_counts_study_days_with_the_4am_boundary(new_york):
    # New York is UTC-5 in March before the 8th: 4 a.m. local is 09:00 UTC
    t = datetime(2026, 3, 2, 23, 0, tzinfo=UTC)  # 18:00 on March 2
    log = [
        L(1, t, 3, 0),
        L(1, t + timedelta(hours=9), 3),  # 03:00 March 3: still March 2's study day
        L(1, t + timedelta(hours=11), 3),  # 06:00 March 3: the next study day
        L(1, t + timedelta(days=3, hours=11), 1),  # three study days later
    ]
    assert opt.histories(log) == [(1, [(e.at, e.rating, d) for e, d in zip(log, [0, 0, 1, 3], strict=True)])]
    items = opt.items(log)
    # only reviews on a later day than the card's previous one are predicted
    assert [it.reviews for it in items] == [
        ((3, 0), (3, 0), (3, 1)),
        ((3, 0), (3, 0), (3, 1), (1, 3)),
    ]


def test_a_reset_card_starts_a_new_history_and_cards_are_kept_apart():
    log = [
        L(1, T0, 3, 0),
        L(1, T0 + timedelta(days=2), 3),
        L(2, T0 + timedelta(days=1), 4, 0),
        L(1, T0 + timedelta(days=5), 2, 0),  # new again: the card was reset
        L(1, T0 + timedelta(days=9), 3),
        L(2, T0 + timedelta(days=4), 1),
    ]
    items = opt.items(log)
    assert [(it.card_id, it.reviews) for it in items] == [
        (1, ((3, 0), (3, 2))),
        (2, ((4, 0), (1, 3))),
        (1, ((2, 0), (3, 4))),
    ]
    assert [it.at for it in items] == sorted(it.at for it in items)


def test_cram_answers_are_not_reviews(store):
    sync_bank(store, questions(1), now=T0)
    rev = Reviewer(store)
    rev.answer(1, Rating.Good, now=T0)
    rev.answer(1, Rating.Again, now=T0 + timedelta(days=1), cram=True)
    rev.answer(1, Rating.Good, now=T0 + timedelta(days=3))
    log = opt.read_log(store)
    assert [(e.at, e.rating) for e in log] == [(T0, 3), (T0 + timedelta(days=3), 3)]
    assert [it.reviews for it in opt.items(log)] == [((3, 0), (3, 3))]


def _pyfsrs_states(w, history):
    """Stability and difficulty after each review, by py-fsrs (the scheduler's library)."""
    sched = fsrs.Scheduler(parameters=w, enable_fuzzing=False)
    card = fsrs.Card(card_id=1, due=T0)
    out = []
    for at, rating in history:
        card, _ = sched.review_card(card, fsrs.Rating(rating), at)
        out.append((card.stability, card.difficulty))
    return out


@pytest.mark.parametrize("seed", range(8))
def test_fsrs_rs_and_py_fsrs_agree_on_memory_states(seed):
    from fsrs_rs_python import FSRS

    rng = random.Random(seed)
    w = list(SLOW) if seed % 2 else list(fsrs.scheduler.DEFAULT_PARAMETERS)
    if seed >= 4:  # parameters of a fit, not the defaults
        w = [round(v * rng.uniform(0.8, 1.2), 4) for v in w]
        w = list(params.check([min(max(v, lo), hi) for v, lo, hi in zip(
            w, fsrs.scheduler.LOWER_BOUNDS_PARAMETERS, fsrs.scheduler.UPPER_BOUNDS_PARAMETERS, strict=True)]))
    # learning steps on the first day (1 and 10 minutes), then reviews days apart, lapses
    at = T0
    history = [(at, rng.choice([1, 2, 3])), (at + timedelta(minutes=1), 3),
               (at + timedelta(minutes=11), 3)]
    at += timedelta(minutes=11)
    for _ in range(10):
        at += timedelta(days=rng.randint(1, 20))
        history.append((at, rng.choice([1, 2, 3, 3, 3, 4])))
        if history[-1][1] == 1:  # relearning step the same day
            history.append((at + timedelta(minutes=10), 3))
            at += timedelta(minutes=10)
    log = [L(1, t, r, 0 if i == 0 else 2) for i, (t, r) in enumerate(history)]
    [(_, seq)] = opt.histories(log)
    rs = FSRS(w)
    py = _pyfsrs_states(w, history)
    for n in range(1, len(seq) + 1):
        item = opt.to_fsrs_items([opt.Item(T0, 1, tuple((r, d) for _, r, d in seq[:n]))])[0]
        m = rs.memory_state(item)
        assert m.stability == pytest.approx(py[n - 1][0], rel=1e-3), n
        assert m.difficulty == pytest.approx(py[n - 1][1], rel=1e-3), n


def learner_log(n_cards: int, days: int, seed: int = 3) -> list[opt.Logged]:
    """A learner that recalls by FSRS's forgetting curve under SLOW, scheduled by the defaults."""
    rng = random.Random(seed)
    sched = fsrs.Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    truth = fsrs.Scheduler(parameters=SLOW, learning_steps=(), relearning_steps=(),
                           enable_fuzzing=False)
    cards = {i: (fsrs.Card(card_id=i, due=T0), fsrs.Card(card_id=i, due=T0))
             for i in range(1, n_cards + 1)}
    log = []
    for d in range(days):
        now = T0 + timedelta(days=d)
        for cid, (c, t) in cards.items():
            if c.due > now + timedelta(hours=1) or cid > 10 * (d + 1):
                continue
            if c.last_review is None:
                r = rng.choice([1, 2, 3, 3, 3, 4])
            else:
                r = 3 if rng.random() < truth.get_card_retrievability(t, now) else 1
            log.append(L(cid, now, r, 0 if c.last_review is None else int(c.state)))
            cards[cid] = (sched.review_card(c, fsrs.Rating(r), now)[0],
                          truth.review_card(t, fsrs.Rating(r), now)[0])
    return log


def fill(store, log):
    sync_bank(store, questions(max(e.card_id for e in log)), now=T0)
    with store.write() as s:
        s.execute(insert(Review), [
            {"card_id": e.card_id, "reviewed_at": e.at, "rating": e.rating, "kind": "review",
             "state_before": e.state_before, "hint_used": False} for e in log])


def test_db_optimize_refuses_without_history(db_path, store, capsys):
    empty = db_path.parent / "none.sqlite3"
    assert main(["--db", str(empty), "db", "optimize"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no reviews yet" in err and not empty.exists()
    fill(store, learner_log(40, 10))
    assert main(["--db", str(db_path), "db", "optimize"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "needs at least 400" in err and "Traceback" not in err
    assert params.active_parameters(store) is None


def test_db_optimize_fits_stores_and_the_scheduler_uses_it(db_path, store, capsys):
    fill(store, learner_log(150, 40))
    assert main(["--db", str(db_path), "db", "optimize"]) == 0
    out = capsys.readouterr().out
    fit = params.active_fit(store)
    assert fit is not None and fit.held_out == math.ceil(fit.reviews * 0.2)
    # the faster-forgetting learner's reviews are predicted better by the fit
    assert fit.log_loss_fitted < fit.log_loss_default
    assert f"{fit.log_loss_fitted:.4f}" in out and "stored" in out
    assert fit.parameters[0] < fsrs.scheduler.DEFAULT_PARAMETERS[0]  # forgets first reviews
    rev = Reviewer(store)
    assert rev.fsrs.parameters == fit.parameters
    with store.write() as s:  # card 150 back to new
        from quizcnn.store.models import Card
        c = s.get(Card, 150)
        c.last_review = c.due = c.stability = c.difficulty = None
        c.state, c.step = 1, 0
    card, now = rev.card(150), T0 + timedelta(days=50)
    fitted = rev.preview(card, now)
    rev.fsrs = fsrs.Scheduler(enable_fuzzing=False)  # the same settings, default parameters
    default = rev.preview(card, now)
    # Easy on a new card skips the learning steps: its interval comes from w[3], lower here
    assert fitted[Rating.Easy] < default[Rating.Easy]
    # --reset: the defaults again, the fit kept in the table
    assert main(["--db", str(db_path), "db", "optimize", "--reset"]) == 0
    assert params.active_parameters(store) is None
    assert Reviewer(store).fsrs.parameters == tuple(fsrs.scheduler.DEFAULT_PARAMETERS)
    assert "back to the defaults" in capsys.readouterr().out


def test_stored_parameters_outside_py_fsrs_bounds_are_not_used(store):
    bad = list(fsrs.scheduler.DEFAULT_PARAMETERS)
    bad[0] = 1e9
    with pytest.raises(ValueError, match="parameter 0"):
        params.check(bad)
    with pytest.raises(ValueError, match="21 numbers"):
        params.check([1.0] * 3)
    with pytest.raises(ValueError, match="finite"):
        params.check([float("nan")] * 21)
    from quizcnn.store.models import FsrsParameters

    with store.write() as s:
        s.add(FsrsParameters(fitted_at=T0, parameters=json.dumps(bad), reviews=1, held_out=1,
                             active=True))
    assert params.active_parameters(store) is None
    assert Reviewer(store).fsrs.parameters == tuple(fsrs.scheduler.DEFAULT_PARAMETERS)


def test_reset_flag_belongs_to_optimize(db_path, capsys):
    assert main(["--db", str(db_path), "db", "check", "--reset"]) == 2
    assert "optimize" in capsys.readouterr().err


def test_stats_mastery_uses_the_fitted_parameters(store):
    from quizcnn.store.stats import compute_stats

    sync_bank(store, questions(1), now=T0)
    Reviewer(store).answer(1, Rating.Easy, now=T0)
    later = T0 + timedelta(days=30)
    w = list(fsrs.scheduler.DEFAULT_PARAMETERS)
    w[20] = 0.6  # a steeper forgetting curve than the default's decay
    card = fsrs.Card(card_id=1, last_review=T0, due=T0, stability=Reviewer(store).card(1).stability)
    expect_default = fsrs.Scheduler().get_card_retrievability(card, later)
    expect_fitted = fsrs.Scheduler(parameters=w).get_card_retrievability(card, later)
    assert compute_stats(store, later).mastery[0].mastery == pytest.approx(expect_default)
    params.save(store, params.Fit(tuple(w), T0, 500, 100, None, None, None, None))
    assert compute_stats(store, later).mastery[0].mastery == pytest.approx(expect_fitted)
    assert expect_fitted != pytest.approx(expect_default)
