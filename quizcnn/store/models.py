"""The progress schema: SQLAlchemy 2.0 typed ORM over SQLite.

- ``cards``: one row per bank question (translations share it). ``id`` is the integer surrogate
  key, also used as the fsrs ``card_id``; ``bank_id`` is the question's id in the bank.
  FSRS state lives in ``state``/``step``/``stability``/``difficulty``/``due``/``last_review``;
  a card never reviewed has ``last_review`` NULL ("new"). ``in_bank`` is false while the
  question is missing from the loaded bank (an orphan keeps its history and resumes when the
  id comes back). ``topic``/``qtype``/``tags``/``langs``/``level``/``position`` mirror the
  bank so queues and counts need no bank.
- ``reviews``: every answer, never rewritten (undo deletes the last row and restores the card
  from ``card_before``, a JSON snapshot of the card's scheduling columns).
- ``settings``: key -> JSON value. ``sessions``: one row per drill session.
- ``fsrs_parameters``: one row per ``db optimize`` fit (the 21 FSRS weights as JSON, what they
  were fitted on and how well they predicted held-out reviews); the row with ``active`` true is
  what the scheduler uses (none: py-fsrs's defaults).
- ``interviews``: one row per mock interview round (``quizcnn interview``), written as it
  starts and closed as it ends (``ended_at`` NULL: cut off); ``interview_questions``: each
  question asked in it, saved once answered, skipped or out of time (key points as JSON, in
  the round's language, so a report can be printed again after the bank changed). The reviews
  they led to are ordinary rows of ``reviews`` (kind "interview").

Times are stored as UTC text and come back with ``tzinfo=timezone.utc`` (``UTCDateTime``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from quizcnn.store.dates import as_utc


class UTCDateTime(TypeDecorator[datetime]):
    """A datetime stored as naive UTC and loaded with ``tzinfo=timezone.utc``."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return as_utc(value).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect
                             ) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    pass


class Card(Base):
    __tablename__ = "cards"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bank_id: Mapped[str] = mapped_column(String, unique=True)
    topic: Mapped[str] = mapped_column(String, default="")
    qtype: Mapped[str] = mapped_column(String, default="")
    tags: Mapped[str] = mapped_column(String, default="")  # ",a,b," for LIKE '%,a,%'
    langs: Mapped[str] = mapped_column(String, default="")  # ",en,zh,"
    level: Mapped[int] = mapped_column(Integer, default=2)  # the bank's difficulty 1..3
    position: Mapped[int] = mapped_column(Integer, default=0)  # order in the bank
    in_bank: Mapped[bool] = mapped_column(Boolean, default=True)
    state: Mapped[int] = mapped_column(Integer, default=1)  # fsrs.State value
    step: Mapped[int | None] = mapped_column(Integer, default=0)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reps: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)
    leech: Mapped[bool] = mapped_column(Boolean, default=False)
    buried_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        # covers the queue, due counts and mastery: no table lookups for those scans
        Index(
            "ix_cards_queue",
            "in_bank",
            "suspended",
            "state",
            "due",
            "last_review",
            "stability",
            "buried_until",
            "topic",
            "bank_id",
        ),
        Index("ix_cards_new", "last_review", "level", "position"),
        Index("ix_cards_leech", "leech", "in_bank"),
        Index("ix_cards_topic", "topic"),
    )

    @property
    def is_new(self) -> bool:
        return self.last_review is None


class StudySession(Base):
    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    mode: Mapped[str] = mapped_column(String, default="plain")
    reviewed: Mapped[int] = mapped_column(Integer, default=0)
    correct: Mapped[int] = mapped_column(Integer, default=0)
    again: Mapped[int] = mapped_column(Integer, default=0)
    new: Mapped[int] = mapped_column(Integer, default=0)


class Review(Base):
    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"))
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    rating: Mapped[int] = mapped_column(Integer)  # fsrs.Rating: Again=1 .. Easy=4
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    answer: Mapped[str | None] = mapped_column(Text)
    correct: Mapped[bool | None] = mapped_column(Boolean)  # None: graded by the user
    misconception: Mapped[str | None] = mapped_column(String)
    problem: Mapped[str | None] = mapped_column(Text)  # JSON of Problem.to_dict()
    lang: Mapped[str | None] = mapped_column(String)
    hint_used: Mapped[bool] = mapped_column(Boolean, default=False)
    kind: Mapped[str] = mapped_column(String, default="review")  # "review" | "cram"
    state_before: Mapped[int] = mapped_column(Integer, default=0)  # 0 new, else fsrs.State
    card_before: Mapped[str | None] = mapped_column(Text)  # JSON snapshot for undo
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id"))

    __table_args__ = (
        Index("ix_reviews_card", "card_id", "reviewed_at"),
        Index("ix_reviews_time", "reviewed_at"),
    )


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class FsrsParameters(Base):
    __tablename__ = "fsrs_parameters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    parameters: Mapped[str] = mapped_column(Text)  # JSON list of 21 floats
    reviews: Mapped[int] = mapped_column(Integer)  # reviews the fit learned from
    held_out: Mapped[int] = mapped_column(Integer)  # reviews the figures below are measured on
    log_loss_default: Mapped[float | None] = mapped_column(Float)
    log_loss_fitted: Mapped[float | None] = mapped_column(Float)
    rmse_default: Mapped[float | None] = mapped_column(Float)
    rmse_fitted: Mapped[float | None] = mapped_column(Float)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class InterviewRound(Base):
    __tablename__ = "interviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    minutes: Mapped[int] = mapped_column(Integer)
    level: Mapped[int] = mapped_column(Integer)
    lang: Mapped[str] = mapped_column(String)
    seed: Mapped[int] = mapped_column(Integer)
    ended_by: Mapped[str] = mapped_column(String, default="")  # time|input|interrupt|quit|done
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id"))

    __table_args__ = (Index("ix_interviews_started", "started_at"),)


class InterviewQuestion(Base):
    __tablename__ = "interview_questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id"))
    position: Mapped[int] = mapped_column(Integer)
    bank_id: Mapped[str] = mapped_column(String)  # the card the review went on
    kind: Mapped[str] = mapped_column(String)  # concept | numeric | follow-up
    skill: Mapped[str] = mapped_column(String)  # concept | computation
    topic: Mapped[str] = mapped_column(String)
    title: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String)  # answered | skipped | timeout
    score: Mapped[float] = mapped_column(Float)  # 0..1
    seconds: Mapped[float] = mapped_column(Float)
    budget_seconds: Mapped[float] = mapped_column(Float)
    points: Mapped[str] = mapped_column(Text)  # JSON list: the key points asked for
    missed: Mapped[str] = mapped_column(Text)  # JSON list: what to say next time
    answer: Mapped[str | None] = mapped_column(Text)
    rating: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (Index("ix_interview_questions_round", "interview_id", "position"),)


# Scheduling columns of a card: what undo restores and export/import carry.
SCHEDULE_FIELDS = (
    "state",
    "step",
    "stability",
    "difficulty",
    "due",
    "last_review",
    "reps",
    "lapses",
    "suspended",
    "leech",
    "buried_until",
)


class Plan(Base):
    """The interview date plan (issue 22): at most one row, id 1. ``quota_day``/``new_quota`` and
    the ``plan_cards`` rows are the planner's decision for one study day (``quizcnn.plan``)."""

    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    interview: Mapped[str] = mapped_column(String)  # the date, YYYY-MM-DD (a local study day)
    minutes: Mapped[int] = mapped_column(Integer)  # daily budget
    topics: Mapped[str] = mapped_column(Text, default="[]")  # JSON list; [] = every topic
    target: Mapped[float] = mapped_column(Float, default=0.9)  # recall wanted on the morning
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    quota_day: Mapped[str | None] = mapped_column(String)  # study day the quota below is for
    new_quota: Mapped[int | None] = mapped_column(Integer)  # new cards allowed that day


class PlanCard(Base):
    """A review the planner brought forward: the card is due on ``due`` as well as on FSRS's own
    ``cards.due`` (never written by the planner). Valid while the card's ``reps`` is unchanged."""

    __tablename__ = "plan_cards"

    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"), primary_key=True)
    due: Mapped[datetime] = mapped_column(UTCDateTime)
    reps: Mapped[int] = mapped_column(Integer)
