"""A mock interview's report: scores overall, per topic and per skill, each question against its
budget, the key points missed, and the trend against earlier rounds. ``to_json`` is the
``--json-report`` file; the printers (``quizcnn.printing.interview``) render the same data.

Scores are means over the questions asked (each 0-1: points covered / points, a numeric
answer 1 or 0, a skip or a timeout 0); a round with no question scored has score 0. In the
per-topic scores a follow-up counts under the topic of the main question it follows (a
``follow_up:`` may name a card of another topic, which ``--topic`` did not ask for); the
question list still names the follow-up's own topic, and the JSON gives both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from quizcnn.interview.pick import FOLLOW_UP
from quizcnn.interview.saved import SavedQuestion, SavedRound, rounds

TREND_ROUNDS = 5  # earlier rounds the trend is measured against


def mean(values: Iterable[float]) -> float:
    vals = list(values)
    return sum(vals) / len(vals) if vals else 0.0


def by(questions: Iterable[SavedQuestion], key: str) -> dict[str, float]:
    groups: dict[str, list[float]] = {}
    for q in questions:
        groups.setdefault(getattr(q, key), []).append(q.score)
    return {k: mean(v) for k, v in sorted(groups.items())}


def scored_topics(questions: Iterable[SavedQuestion]) -> list[str]:
    """The topic each question (in position order) counts under: its own, or for a follow-up
    the topic of the main question before it (a follow-up is asked right after its question)."""
    out: list[str] = []
    main: str | None = None
    for q in questions:
        if q.kind != FOLLOW_UP or main is None:
            main = q.topic
        out.append(main)
    return out


def by_topic(questions: Iterable[SavedQuestion]) -> dict[str, float]:
    """Mean score per topic, a follow-up counted under its main question's topic."""
    qs = list(questions)
    groups: dict[str, list[float]] = {}
    for topic, q in zip(scored_topics(qs), qs, strict=True):
        groups.setdefault(topic, []).append(q.score)
    return {k: mean(v) for k, v in sorted(groups.items())}


@dataclass(frozen=True)
class Report:
    round: SavedRound
    score: float
    topics: dict[str, float]
    skills: dict[str, float]
    previous: tuple[tuple[str, float], ...]  # (started_at ISO, score) of earlier rounds, newest first

    @property
    def questions(self) -> tuple[SavedQuestion, ...]:
        return self.round.questions

    @property
    def change(self) -> float | None:
        """This round's score minus the mean of the earlier rounds' (None: no earlier round)."""
        if not self.previous:
            return None
        return self.score - mean(s for _t, s in self.previous)

    @property
    def missed(self) -> list[tuple[SavedQuestion, str]]:
        return [(q, m) for q in self.questions for m in q.missed]


def build(rnd: SavedRound, earlier: Iterable[SavedRound] = ()) -> Report:
    qs = rnd.questions
    previous = tuple((r.started_at.isoformat(), mean(q.score for q in r.questions))
                     for r in earlier if r.questions)
    return Report(rnd, mean(q.score for q in qs), by_topic(qs), by(qs, "skill"),
                  previous[:TREND_ROUNDS])


def load(store: Any, round_id: int) -> Report:
    [rnd] = rounds(store, round_id=round_id)
    earlier = rounds(store, before=rnd.started_at, limit=TREND_ROUNDS * 2)
    return build(rnd, earlier)


def to_json(report: Report) -> dict[str, Any]:
    """The ``--json-report`` document."""
    r = report.round
    return {
        "score": round(report.score, 4),
        "topics": {k: round(v, 4) for k, v in report.topics.items()},
        "skills": {k: round(v, 4) for k, v in report.skills.items()},
        "questions": [
            {"id": q.bank_id, "kind": q.kind, "topic": q.topic, "scored_under": under,
             "title": q.title,
             "score": round(q.score, 4), "seconds": round(q.seconds, 1),
             "budget_seconds": round(q.budget_seconds, 1), "outcome": q.outcome,
             "missed_points": list(q.missed)}
            for q, under in zip(report.questions, scored_topics(report.questions), strict=True)
        ],
        "started_at": r.started_at.isoformat(),
        "ended_at": r.ended_at.isoformat() if r.ended_at else None,
        "ended_by": r.ended_by,
        "minutes": r.minutes,
        "level": r.level,
        "lang": r.lang,
        "seed": r.seed,
        "trend": {"previous": [{"started_at": t, "score": round(s, 4)} for t, s in report.previous],
                  "change": None if report.change is None else round(report.change, 4)},
    }


def history(store: Any) -> list[dict[str, Any]]:
    """Every saved round, newest first (``--history --json``)."""
    out = []
    for r in rounds(store):
        out.append({
            "started_at": r.started_at.isoformat(),
            "score": round(mean(q.score for q in r.questions), 4),
            "minutes": r.minutes, "level": r.level, "lang": r.lang,
            "topics": {k: round(v, 4) for k, v in by_topic(r.questions).items()},
            "questions": len(r.questions),
            "ended_by": r.ended_by or "unfinished",
        })
    return out
