"""The ``interviews`` section of a backup: every mock interview round and its questions.

One object per round (``started_at``, ``ended_at``, ``minutes``, ``level``, ``lang``, ``seed``,
``ended_by``, ``questions``: position, card id, kind, skill, topic, title, outcome, score,
seconds, budget, key points asked, points missed, answer, rating). A round is matched by
(start time, seed), so merging the same file twice adds nothing; a round is never changed, so
there is nothing to choose between: each side's rounds are kept (``--force`` too). The reviews
the rounds led to travel in the ``reviews`` section. A malformed round is refused by position.
"""

from __future__ import annotations

import json
import math
from datetime import datetime
from typing import Any

from sqlalchemy import select

from quizcnn.backup.msg import Joined, Msg, count
from quizcnn.backup.section import Context, Section, entries, section_name
from quizcnn.store.dates import as_utc
from quizcnn.store.models import InterviewQuestion, InterviewRound

Key = tuple[str, int]
KINDS = ("concept", "numeric", "follow-up")
SKILLS = ("concept", "computation")
OUTCOMES = ("answered", "skipped", "timeout")
Q_TEXT = ("bank_id", "topic", "title")


def _key(r: dict[str, Any]) -> Key:
    return (r["started_at"].isoformat(), r["seed"])


def _time(v: object, where: str, name: str, *, optional: bool = False) -> datetime | None:
    if v is None and optional:
        return None
    try:
        return as_utc(datetime.fromisoformat(v))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(Msg("bk_field_not_datetime", where=where, name=name)) from None


def _whole(v: object, where: str, name: str, lo: int, hi: int) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
        raise ValueError(Msg("bk_field_whole", where=where, name=name, lo=lo, hi=hi))
    return v


def _number(v: object, where: str, name: str, hi: float = math.inf) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v) \
            or not 0 <= v <= hi:
        raise ValueError(Msg("bk_field_number", where=where, name=name) if hi == math.inf else
                         Msg("bk_field_number_upto", where=where, name=name, hi=f"{hi:g}"))
    return float(v)


def _texts(v: object, where: str, name: str) -> list[str]:
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise ValueError(Msg("bk_field_texts", where=where, name=name))
    return list(v)


def _question(q: object, where: str) -> dict[str, Any]:
    if not isinstance(q, dict):
        raise ValueError(Msg("st_expected_object", where=where))
    out: dict[str, Any] = {"position": _whole(q.get("position"), where, "position", 1, 10**6)}
    for name in Q_TEXT:
        if not isinstance(q.get(name), str):
            raise ValueError(Msg("bk_field_text", where=where, name=name))
        out[name] = q[name]
    for name, allowed in (("kind", KINDS), ("skill", SKILLS), ("outcome", OUTCOMES)):
        if q.get(name) not in allowed:
            raise ValueError(Msg("bk_field_one_of", where=where, name=name,
                                 allowed=Joined(list(allowed))))
        out[name] = q[name]
    out["score"] = _number(q.get("score"), where, "score", 1.0)
    out["seconds"] = _number(q.get("seconds"), where, "seconds")
    out["budget_seconds"] = _number(q.get("budget_seconds"), where, "budget_seconds")
    out["points"] = _texts(q.get("points"), where, "points")
    out["missed"] = _texts(q.get("missed"), where, "missed")
    answer = q.get("answer")
    if answer is not None and not isinstance(answer, str):
        raise ValueError(Msg("bk_field_text_or_null", where=where, name="answer"))
    out["answer"] = answer
    rating = q.get("rating")
    out["rating"] = None if rating is None else _whole(rating, where, "rating", 1, 4)
    return out


def _round(e: object, where: str) -> dict[str, Any]:
    if not isinstance(e, dict):
        raise ValueError(Msg("st_expected_object", where=where))
    out: dict[str, Any] = {
        "started_at": _time(e.get("started_at"), where, "started_at"),
        "ended_at": _time(e.get("ended_at"), where, "ended_at", optional=True),
        "minutes": _whole(e.get("minutes"), where, "minutes", 1, 24 * 60),
        "level": _whole(e.get("level"), where, "level", 1, 3),
        "seed": _whole(e.get("seed"), where, "seed", -(2**63), 2**63 - 1),
    }
    if e.get("lang") not in ("en", "zh"):
        raise ValueError(Msg("bk_field_lang", where=where, name="lang"))
    out["lang"] = e["lang"]
    if not isinstance(e.get("ended_by"), str):
        raise ValueError(Msg("bk_field_text", where=where, name="ended_by"))
    out["ended_by"] = e["ended_by"]
    qs = e.get("questions")
    if not isinstance(qs, list):
        raise ValueError(Msg("bk_field_list", where=where, name="questions"))
    out["questions"] = [_question(q, f"{where}.questions[{i}]") for i, q in enumerate(qs)]
    return out


class Interviews(Section):
    name = "interviews"
    holds = "your mock interviews (quizcnn interview): each round and its questions"
    in_db = True

    def _here(self, ctx: Context) -> list[dict[str, Any]]:
        s = ctx.session()
        out = []
        for r in s.scalars(select(InterviewRound).order_by(InterviewRound.started_at,
                                                           InterviewRound.id)):
            qs = s.scalars(select(InterviewQuestion).where(InterviewQuestion.interview_id == r.id)
                           .order_by(InterviewQuestion.position))
            out.append({
                "started_at": r.started_at, "ended_at": r.ended_at, "minutes": r.minutes,
                "level": r.level, "lang": r.lang, "seed": r.seed, "ended_by": r.ended_by,
                "questions": [{
                    "position": q.position, "bank_id": q.bank_id, "kind": q.kind,
                    "skill": q.skill, "topic": q.topic, "title": q.title, "outcome": q.outcome,
                    "score": q.score, "seconds": q.seconds, "budget_seconds": q.budget_seconds,
                    "points": _loads(q.points), "missed": _loads(q.missed), "answer": q.answer,
                    "rating": q.rating} for q in qs],
            })
        return out

    def export(self, ctx: Context) -> list[dict[str, Any]]:
        return [{**r, "started_at": r["started_at"].isoformat(),
                 "ended_at": r["ended_at"].isoformat() if r["ended_at"] else None}
                for r in self._here(ctx)]

    def parse(self, ctx: Context, data: Any, version: int, where: str) -> list[dict[str, Any]]:
        return entries(ctx, data, where, "interviews", _round)

    def has_data(self, ctx: Context) -> bool:
        return ctx.session().scalar(select(InterviewRound.id).limit(1)) is not None

    def differences(self, ctx: Context, parsed: list[dict[str, Any]]) -> list[str]:
        mine = {_key(r) for r in self._here(ctx)}
        theirs = {_key(r) for r in parsed}
        name = section_name(self.name)
        out: list[str] = [Msg("bk_round_here", name=name, when=k[0]) for k in sorted(mine - theirs)]
        out += [Msg("bk_round_there", name=name, when=k[0]) for k in sorted(theirs - mine)]
        return out

    def restore(self, ctx: Context, parsed: list[dict[str, Any]]) -> None:
        s = ctx.session()
        mine = {_key(r) for r in self._here(ctx)}
        added = 0
        for r in parsed:
            if _key(r) in mine:
                continue
            mine.add(_key(r))
            row = InterviewRound(started_at=r["started_at"], ended_at=r["ended_at"],
                                 minutes=r["minutes"], level=r["level"], lang=r["lang"],
                                 seed=r["seed"], ended_by=r["ended_by"], session_id=None)
            s.add(row)
            s.flush()
            for q in r["questions"]:
                s.add(InterviewQuestion(
                    interview_id=row.id, **{k: q[k] for k in (
                        "position", "bank_id", "kind", "skill", "topic", "title", "outcome",
                        "score", "seconds", "budget_seconds", "answer", "rating")},
                    points=json.dumps(q["points"], ensure_ascii=False),
                    missed=json.dumps(q["missed"], ensure_ascii=False)))
            added += 1
        s.flush()
        if added:
            ctx.notes.append(Msg("bk_restored_n", name=section_name(self.name),
                                 count=count(added, "bk_n_round")))


def _loads(raw: str) -> list[str]:
    try:
        v = json.loads(raw)
    except (TypeError, ValueError):
        return []
    return [str(x) for x in v] if isinstance(v, list) else []


INTERVIEWS = Interviews()
