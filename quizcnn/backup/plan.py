"""The ``plan`` section of a backup: the interview date plan (issue 22).

One object, or null when there is no plan: the date (``interview``, YYYY-MM-DD), ``minutes`` a
day, ``topics`` ([] = every topic), ``target`` recall and when it was set. The reviews the
planner brought forward for one day are not carried: they are worked out again on the next
study day. A date that has passed is restored as it is (plain FSRS applies after it). Like a
setting: restoring into a home without a plan, or ``--force``, takes the backup's; ``--merge``
into a home with a different plan keeps the home's and says so.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from quizcnn.backup.msg import Joined, Msg
from quizcnn.backup.section import BackupError, Context, Section, section_name, shown


def _here(ctx: Context) -> dict[str, Any] | None:
    from quizcnn.store.models import Plan

    row = ctx.session().get(Plan, 1)
    if row is None:
        return None
    try:
        topics = json.loads(row.topics)
    except ValueError:
        topics = []
    return {"interview": row.interview, "minutes": row.minutes,
            "topics": [t for t in topics if isinstance(t, str)], "target": row.target,
            "created_at": row.created_at.isoformat()}


def _same(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    keys = ("interview", "minutes", "topics", "target")
    if a is None or b is None:
        return a is b
    return all(a[k] == b[k] for k in keys)


def _describe(p: dict[str, Any] | None) -> str:
    if p is None:
        return Msg("bk_no_plan")
    topics = Joined([shown(t, 60) for t in p["topics"][:20]]) if p["topics"] else Msg(
        "bk_all_topics")
    return Msg("bk_plan", day=shown(str(p["interview"]), 40), minutes=p["minutes"],
               topics=topics, target=p["target"])


class PlanSection(Section):
    name = "plan"
    holds = "the interview date plan: date, minutes a day, topics, target recall"
    in_db = True

    def export(self, ctx: Context) -> dict[str, Any] | None:
        return _here(ctx)

    def count(self, data: Any) -> int:
        return 0 if data is None else 1

    def parse(self, ctx: Context, data: Any, version: int, where: str) -> dict[str, Any] | None:
        from quizcnn.plan.spec import PlanError, check_minutes, check_target

        if data is None:
            return None
        if not isinstance(data, dict):
            raise BackupError(Msg("bk_must_be_object_or_null", where=where))
        try:
            day = data.get("interview")
            if not isinstance(day, str):
                raise ValueError(Msg("bk_plan_no_date"))
            try:
                date.fromisoformat(day)
            except ValueError:
                raise ValueError(Msg("bk_plan_bad_date", day=shown(day, 40))) from None
            try:
                minutes = check_minutes(data.get("minutes"))  # type: ignore[arg-type]
                target = check_target(data.get("target"))  # type: ignore[arg-type]
            except PlanError as e:
                raise ValueError(Msg(e.key, **e.fields)) from None
            topics = data.get("topics")
            if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
                raise ValueError(Msg("bk_plan_topics"))
            try:
                created = datetime.fromisoformat(data.get("created_at"))  # type: ignore[arg-type]
            except (TypeError, ValueError):
                raise ValueError(Msg("bk_not_datetime", name="created_at")) from None
        except ValueError as e:
            ctx.refused.append(Msg("bk_plan_refused", name=section_name(self.name), where=where,
                                   error=e.args[0] if e.args else e))
            return None
        from quizcnn.store.dates import as_utc

        return {"interview": day, "minutes": minutes, "topics": list(topics), "target": target,
                "created_at": as_utc(created).isoformat()}

    def has_data(self, ctx: Context) -> bool:
        return _here(ctx) is not None

    def differences(self, ctx: Context, parsed: dict[str, Any] | None) -> list[str]:
        here = _here(ctx)
        if _same(here, parsed):
            return []
        return [Msg("bk_plan_differs", name=section_name(self.name), here=_describe(here),
                    theirs=_describe(parsed))]

    def restore(self, ctx: Context, parsed: dict[str, Any] | None) -> None:
        from sqlalchemy import delete

        from quizcnn.store.dates import as_utc
        from quizcnn.store.models import Plan, PlanCard

        here = _here(ctx)
        if parsed is None or _same(here, parsed):
            return
        if here is not None and ctx.mode == "merge":
            ctx.notes.append(Msg("bk_plan_kept", name=section_name(self.name),
                                 here=_describe(here), theirs=_describe(parsed)))
            return
        s = ctx.session()
        s.execute(delete(PlanCard))
        s.execute(delete(Plan))
        s.add(Plan(id=1, interview=parsed["interview"], minutes=parsed["minutes"],
                   topics=json.dumps(parsed["topics"]), target=parsed["target"],
                   created_at=as_utc(datetime.fromisoformat(parsed["created_at"])),
                   quota_day=None, new_quota=None))
        s.flush()
        ctx.notes.append(Msg("bk_plan_restored", name=section_name(self.name),
                             plan=_describe(parsed)))


PLAN = PlanSection()
