"""Answering cards: FSRS scheduling (py-fsrs), auto-grading, previews, undo, suspend, leeches.

Auto-grade mapping (numeric, choice, cloze and generated cards, graded by the program):

- wrong                                   -> Again
- right, but a hint was shown             -> Hard
- right, more than 2x the usual time      -> Hard
- right, under half the usual time        -> Easy
- right otherwise                         -> Good

"The usual time" is the median answer time of the user's last 50 correct auto-graded
answers; with fewer than 5 of them, time does not change the rating. An answer that cannot
be read (a parse error) is not a review: the caller asks again and nothing is recorded.

Self-graded cards (basic, and any card the user prefers to rate) take Again/Hard/Good/Easy;
``preview`` gives each choice's next interval exactly as ``answer`` will save it: FSRS's fuzz
draws from the module-level ``random``, so both seed it from (card id, review count) just for
the call (``_seeded``) and put the global random state back afterwards.

Every answer is one transaction: ``answer`` returns only after the commit, so whatever the
caller shows as accepted is on disk. Cram answers ("study ahead") are logged with
``kind="cram"`` and leave the card's schedule alone.

A little over 400 lines: the Reviewer is one transaction boundary (answer, undo, suspend,
leech marking and their previews write the same rows); split, undo would span modules.
"""

from __future__ import annotations

import json
import random
import statistics
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import fsrs
from sqlalchemy import CursorResult, select, update

from quizcnn.store.dates import as_utc, utcnow
from quizcnn.store.db import Store
from quizcnn.store.errors import StoreError
from quizcnn.store.models import SCHEDULE_FIELDS, Card, Review, StudySession
from quizcnn.store.params import active_parameters, scheduler_kwargs

Rating = fsrs.Rating
State = fsrs.State

USUAL_SAMPLE = 50
USUAL_MIN = 5
SLOW_FACTOR = 2.0
QUICK_FACTOR = 0.5


def auto_rating(
    correct: bool,
    *,
    hint_used: bool = False,
    duration_ms: int | None = None,
    usual_ms: float | None = None,
) -> Rating:
    """The documented mapping from a graded answer to an FSRS rating (see module doc)."""
    if not correct:
        return Rating.Again
    if hint_used:
        return Rating.Hard
    if usual_ms and duration_ms is not None:
        if duration_ms > SLOW_FACTOR * usual_ms:
            return Rating.Hard
        if duration_ms < QUICK_FACTOR * usual_ms:
            return Rating.Easy
    return Rating.Good


def format_interval(td: timedelta) -> str:
    """Short human interval: 1m, 10m, 5h, 3d, 2.5mo, 1.2y."""
    secs = td.total_seconds()
    if secs < 3600:
        return f"{max(1, round(secs / 60))}m"
    if secs < 86400:
        return f"{round(secs / 3600)}h"
    days = secs / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo"
    return f"{days / 365:.1f}y"


_FUZZ_LOCK = threading.Lock()


@contextmanager
def _seeded(card_id: int, reps: int) -> Iterator[None]:
    """The fuzz of one review: seeded from the card and its review count, global state kept."""
    with _FUZZ_LOCK:
        saved = random.getstate()
        random.seed(card_id * 1_000_003 + reps)
        try:
            yield
        finally:
            random.setstate(saved)


def snapshot(card: Card) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in SCHEDULE_FIELDS:
        v = getattr(card, name)
        out[name] = v.isoformat() if isinstance(v, datetime) else v
    return out


def restore(card: Card, snap: dict[str, Any]) -> None:
    for name in SCHEDULE_FIELDS:
        v = snap.get(name)
        if name in ("due", "last_review", "buried_until") and v is not None:
            v = as_utc(datetime.fromisoformat(v))
        setattr(card, name, v)


def to_fsrs(card: Card, now: datetime) -> fsrs.Card:
    if card.last_review is None:
        return fsrs.Card(card_id=card.id, state=State.Learning, step=0, due=now)
    return fsrs.Card(
        card_id=card.id,
        state=State(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due or now,
        last_review=card.last_review,
    )


@dataclass(frozen=True)
class AnswerResult:
    review_id: int
    card_id: int
    rating: Rating
    was_new: bool
    state: int  # fsrs.State after the answer
    due: datetime | None
    interval: timedelta | None  # due - answer time (None for cram)
    leech: bool  # the card is (now) a leech
    became_leech: bool
    cram: bool


@dataclass(frozen=True)
class UndoResult:
    card_id: int
    bank_id: str
    review_id: int


class Reviewer:
    """Records answers against one Store with the FSRS scheduler its settings describe, using
    the user's fitted parameters (``db optimize``) when there are some."""

    def __init__(self, store: Store):
        self.store = store
        st = store.settings()
        self.settings = st
        kw: dict[str, Any] = dict(
            desired_retention=st.desired_retention,
            learning_steps=tuple(timedelta(minutes=m) for m in st.learning_steps),
            relearning_steps=tuple(timedelta(minutes=m) for m in st.relearning_steps),
            maximum_interval=st.maximum_interval,
        )
        self.parameters = active_parameters(store)  # None: py-fsrs's defaults
        kw.update(scheduler_kwargs(self.parameters))
        self.fsrs = fsrs.Scheduler(**kw, enable_fuzzing=st.enable_fuzzing)
        self._durations: list[int] | None = None

    # -- reading ------------------------------------------------------------------
    def card(self, card_id: int) -> Card:
        with self.store.read() as s:
            card = s.get(Card, card_id)
        if card is None:
            raise StoreError(f"no card with id {card_id} in {self.store.path}")
        return card

    def card_by_bank_id(self, bank_id: str) -> Card | None:
        with self.store.read() as s:
            return s.scalar(select(Card).where(Card.bank_id == bank_id))

    def retrievability(self, card: Card, now: datetime | None = None) -> float:
        return self.fsrs.get_card_retrievability(to_fsrs(card, now or utcnow()), now or utcnow())

    def preview(self, card: Card | int, now: datetime | None = None) -> dict[Rating, timedelta]:
        """Each rating's next interval for this card, as it stands (fuzz included, the same
        fuzz ``answer`` will draw for this card's next review)."""
        now = as_utc(now) if now else utcnow()
        if isinstance(card, int):
            card = self.card(card)
        fc = to_fsrs(card, now)
        out = {}
        for r in Rating:
            with _seeded(card.id, card.reps):
                nxt, _ = self.fsrs.review_card(fc, r, now)
            out[r] = nxt.due - now
        return out

    def usual_ms(self) -> float | None:
        """Median time of the last correct auto-graded answers (None when too few)."""
        if self._durations is None:
            with self.store.read() as s:
                rows = s.scalars(
                    select(Review.duration_ms)
                    .where(Review.correct.is_(True), Review.duration_ms.is_not(None))
                    .order_by(Review.id.desc())
                    .limit(USUAL_SAMPLE)
                ).all()
            self._durations = [d for d in reversed(rows) if d is not None]
        if len(self._durations) < USUAL_MIN:
            return None
        return statistics.median(self._durations)

    def grade(
        self, correct: bool, *, hint_used: bool = False, duration_ms: int | None = None
    ) -> Rating:
        return auto_rating(
            correct, hint_used=hint_used, duration_ms=duration_ms, usual_ms=self.usual_ms()
        )

    # -- writing ------------------------------------------------------------------
    def answer(
        self,
        card_id: int,
        rating: Rating | int,
        *,
        now: datetime | None = None,
        duration_ms: int | None = None,
        answer: str | None = None,
        correct: bool | None = None,
        misconception: str | None = None,
        problem: Mapping[str, object] | None = None,
        lang: str | None = None,
        hint_used: bool = False,
        session_id: int | None = None,
        cram: bool = False,
        interview: bool = False,
    ) -> AnswerResult:
        """Record one answer in one transaction; returns after it is committed.

        ``interview``: asked in a mock interview; scheduled like any review (early if the card
        was not due) but logged with ``kind="interview"``, so a new card met there does not
        count against the day's new-card limit (``queue.done_today`` counts kind "review")."""
        rating = Rating(int(rating))
        now = as_utc(now) if now else utcnow()
        with self.store.write() as s:
            card = s.get(Card, card_id)
            if card is None:
                raise StoreError(f"no card with id {card_id} in {self.store.path}")
            was_new = card.last_review is None
            state_before = 0 if was_new else card.state
            became_leech = False
            before = None
            if not cram:
                before = json.dumps(snapshot(card))
                with _seeded(card.id, card.reps):
                    nxt, _ = self.fsrs.review_card(to_fsrs(card, now), rating, now, duration_ms)
                card.state = int(nxt.state)
                card.step = nxt.step
                card.stability = nxt.stability
                card.difficulty = nxt.difficulty
                card.due = nxt.due
                card.last_review = nxt.last_review
                card.reps += 1
                card.buried_until = None
                if state_before == State.Review and rating == Rating.Again:
                    card.lapses += 1
                    if card.lapses >= self.settings.leech_threshold and not card.leech:
                        card.leech = True
                        became_leech = True
            review = Review(
                card_id=card.id,
                reviewed_at=now,
                rating=int(rating),
                duration_ms=duration_ms,
                answer=answer,
                correct=correct,
                misconception=misconception,
                problem=json.dumps(problem, ensure_ascii=False) if problem is not None else None,
                lang=lang,
                hint_used=hint_used,
                kind="cram" if cram else ("interview" if interview else "review"),
                state_before=state_before,
                card_before=before,
                session_id=session_id,
            )
            s.add(review)
            if session_id is not None:
                sess = s.get(StudySession, session_id)
                if sess is not None:
                    sess.reviewed += 1
                    sess.correct += 1 if (correct or (correct is None and rating > 1)) else 0
                    sess.again += 1 if rating == Rating.Again else 0
                    sess.new += 1 if (was_new and not cram) else 0
            s.flush()
            result = AnswerResult(
                review_id=review.id,
                card_id=card.id,
                rating=rating,
                was_new=was_new,
                state=card.state,
                due=None if cram else card.due,
                interval=None if cram or card.due is None else card.due - now,
                leech=card.leech,
                became_leech=became_leech,
                cram=cram,
            )
        if correct and duration_ms is not None and self._durations is not None:
            self._durations = (self._durations + [duration_ms])[-USUAL_SAMPLE:]
        return result

    def undo(self, *, session_id: int | None = None) -> UndoResult | None:
        """Take back the last answer (of this session, if given): the card is restored exactly."""
        with self.store.write() as s:
            q = select(Review).order_by(Review.id.desc()).limit(1)
            if session_id is not None:
                q = q.where(Review.session_id == session_id)
            review = s.scalar(q)
            if review is None:
                return None
            card = s.get(Card, review.card_id)
            assert card is not None  # a review's card_id is a foreign key (ON DELETE CASCADE)
            if review.kind != "cram":
                if not review.card_before:  # the card was reset since: nothing to go back to
                    return None
                restore(card, json.loads(review.card_before))
            if review.session_id is not None:
                sess = s.get(StudySession, review.session_id)
                if sess is not None:
                    good = review.correct or (review.correct is None and review.rating > 1)
                    sess.reviewed -= 1
                    sess.correct -= 1 if good else 0
                    sess.again -= 1 if review.rating == Rating.Again else 0
                    sess.new -= 1 if (review.state_before == 0 and review.kind != "cram") else 0
            out = UndoResult(card.id, card.bank_id, review.id)
            s.delete(review)
        self._durations = None
        return out

    def suspend(self, card_id: int, on: bool = True) -> None:
        with self.store.write() as s:
            s.execute(update(Card).where(Card.id == card_id).values(suspended=on))

    def bury(self, card_id: int, now: datetime | None = None) -> None:
        """Hide a card until the next study day starts."""
        from quizcnn.store.dates import day_start, study_day

        now = as_utc(now) if now else utcnow()
        roll = self.settings.rollover_hour
        until = day_start(study_day(now, roll) + timedelta(days=1), roll)
        with self.store.write() as s:
            s.execute(update(Card).where(Card.id == card_id).values(buried_until=until))

    def unbury(self, card_id: int, until: datetime | None = None) -> None:
        """Put back the burial a ``bury`` replaced (``until``: its old value, None for none)."""
        with self.store.write() as s:
            s.execute(update(Card).where(Card.id == card_id).values(buried_until=until))

    def reset(self, *, card_ids: list[int] | None = None, topic: str | None = None) -> int:
        """Forget the schedule of some cards (their review history stays). Returns how many."""
        if card_ids is None and topic is None:
            raise ValueError("reset needs card ids or a topic")
        q = update(Card).values(
            state=int(State.Learning),
            step=0,
            stability=None,
            difficulty=None,
            due=None,
            last_review=None,
            reps=0,
            lapses=0,
            leech=False,
            buried_until=None,
        )
        q = q.where(Card.id.in_(card_ids)) if card_ids is not None else q.where(Card.topic == topic)
        with self.store.write() as s:
            res = s.execute(q)
            assert isinstance(res, CursorResult)  # an UPDATE's result counts its rows
            n = res.rowcount
            # an undo after a reset must not bring back the old schedule
            ids = select(Card.id).where(Card.topic == topic) if card_ids is None else card_ids
            s.execute(update(Review).where(Review.card_id.in_(ids)).values(card_before=None))
        return n

    # -- sessions -----------------------------------------------------------------
    def start_session(self, mode: str = "plain", now: datetime | None = None) -> int:
        with self.store.write() as s:
            sess = StudySession(
                started_at=as_utc(now) if now else utcnow(),
                mode=mode,
                reviewed=0,
                correct=0,
                again=0,
                new=0,
            )
            s.add(sess)
            s.flush()
            return sess.id

    def end_session(self, session_id: int, now: datetime | None = None) -> StudySession | None:
        with self.store.write() as s:
            sess = s.get(StudySession, session_id)
            if sess is not None:
                sess.ended_at = as_utc(now) if now else utcnow()
            return sess
