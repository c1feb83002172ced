"""Mock interviews kept in SQLite (tables ``interviews`` and ``interview_questions``).

A round's row is written when it starts and closed when it ends; each question is saved as
soon as it is scored, so a round cut off (Ctrl+C, a crash) keeps what was answered.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from quizcnn.store.models import InterviewQuestion, InterviewRound


@dataclass(frozen=True)
class SavedQuestion:
    position: int
    bank_id: str
    kind: str
    skill: str
    topic: str
    title: str
    outcome: str
    score: float
    seconds: float
    budget_seconds: float
    points: tuple[str, ...]
    missed: tuple[str, ...]
    answer: str | None
    rating: int | None


@dataclass(frozen=True)
class SavedRound:
    id: int
    started_at: datetime
    ended_at: datetime | None
    minutes: int
    level: int
    lang: str
    seed: int
    ended_by: str
    questions: tuple[SavedQuestion, ...]


def start(store: Any, rnd: Any) -> int:
    with store.write() as s:
        row = InterviewRound(started_at=rnd.started_at, minutes=rnd.minutes, level=rnd.level,
                             lang=rnd.lang, seed=rnd.seed, ended_by="",
                             session_id=rnd.session_id)
        s.add(row)
        s.flush()
        return int(row.id)


def add_question(store: Any, round_id: int, asked: Any) -> None:
    with store.write() as s:
        s.add(InterviewQuestion(
            interview_id=round_id, position=asked.position, bank_id=asked.bank_id,
            kind=asked.kind, skill=asked.skill, topic=asked.topic, title=asked.title,
            outcome=asked.outcome, score=float(asked.score), seconds=float(asked.seconds),
            budget_seconds=float(asked.budget), points=json.dumps(list(asked.points),
                                                                  ensure_ascii=False),
            missed=json.dumps(list(asked.missed), ensure_ascii=False), answer=asked.answer,
            rating=asked.rating))


def finish(store: Any, round_id: int, now: datetime, how: str) -> None:
    with store.write() as s:
        row = s.get(InterviewRound, round_id)
        if row is not None:
            row.ended_at = now
            row.ended_by = how


def _texts(raw: str) -> tuple[str, ...]:
    try:
        value = json.loads(raw)
    except (TypeError, ValueError):
        return ()
    return tuple(str(x) for x in value) if isinstance(value, list) else ()


def _question(q: InterviewQuestion) -> SavedQuestion:
    return SavedQuestion(q.position, q.bank_id, q.kind, q.skill, q.topic, q.title, q.outcome,
                         q.score, q.seconds, q.budget_seconds, _texts(q.points),
                         _texts(q.missed), q.answer, q.rating)


def rounds(store: Any, *, before: datetime | None = None, limit: int | None = None,
           round_id: int | None = None) -> list[SavedRound]:
    """Saved rounds, newest first (only those started before ``before``; only ``round_id``)."""
    with store.read() as s:
        q = select(InterviewRound).order_by(InterviewRound.started_at.desc(),
                                            InterviewRound.id.desc())
        if before is not None:
            q = q.where(InterviewRound.started_at < before)
        if round_id is not None:
            q = q.where(InterviewRound.id == round_id)
        if limit is not None:
            q = q.limit(limit)
        rows = s.scalars(q).all()
        out = []
        for r in rows:
            qs = s.scalars(select(InterviewQuestion)
                           .where(InterviewQuestion.interview_id == r.id)
                           .order_by(InterviewQuestion.position)).all()
            out.append(SavedRound(r.id, r.started_at, r.ended_at, r.minutes, r.level, r.lang,
                                  r.seed, r.ended_by, tuple(_question(x) for x in qs)))
    return out
