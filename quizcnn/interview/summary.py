"""A report as plain text lines in one language (the end of the line-mode round, the TUI's
report screen and ``--history``). Bank text is cleaned for the terminal here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from quizcnn import messages
from quizcnn.interview.report import Report, mean
from quizcnn.termtext import clean, show_math


def pct(x: float) -> str:
    return f"{round(100 * x)}%"


def mmss(seconds: float) -> str:
    s = max(0, int(round(seconds)))
    return f"{s // 60}:{s % 60:02d}"


def ended(how: str, lang: str) -> str:
    key = f"iv_ended_{how}"
    return messages.t(key if key in messages.MESSAGES else "iv_ended_", lang)


def kind_name(kind: str, lang: str) -> str:
    return messages.t(f"iv_kind_{kind}", lang)


def local_date(dt: datetime) -> str:
    return dt.astimezone().strftime("%Y-%m-%d %H:%M")


def lines(report: Report, lang: str) -> list[str]:
    def t(key: str, **kw: object) -> str:
        return messages.t(key, lang, **kw)

    r = report.round
    out = [t("iv_report_title"),
           t("iv_report_head", date=local_date(r.started_at), minutes=r.minutes, level=r.level,
             language=t(f"iv_lang_{r.lang}") if r.lang in ("en", "zh") else clean(r.lang),
             how=ended(r.ended_by, lang)), ""]
    if not report.questions:
        out.append(t("iv_no_questions"))
        return out
    out.append(t("iv_overall", score=pct(report.score), n=len(report.questions)))
    colon, comma = t("iv_colon"), (", " if lang != "zh" else "，")
    out.append(t("iv_by_topic") + colon + comma.join(
        f"{clean(k, one_line=True)} {pct(v)}" for k, v in report.topics.items()))
    out.append(t("iv_by_skill") + colon + comma.join(
        f"{t(f'iv_skill_{k}')} {pct(v)}" for k, v in report.skills.items()))
    out += ["", t("iv_questions") + colon.rstrip()]
    for q in report.questions:
        what = t(f"iv_outcome_{q.outcome}") if q.outcome != "answered" else ""
        tail = "" if not what else (f"（{what}）" if lang == "zh" else f" ({what})")
        out.append(f"  {q.position:>2}. {kind_name(q.kind, lang)} · {clean(q.topic, one_line=True)}"
                   f" · {show_math(clean(q.title, one_line=True))}")
        out.append(f"      {pct(q.score)}{tail} · {mmss(q.seconds)} / {mmss(q.budget_seconds)}")
    out += ["", t("iv_missed") + colon.rstrip()]
    missed = report.missed
    if not missed:
        out.append("  " + t("iv_missed_none"))
    for q, m in missed:
        out.append(f"  {q.position:>2}. {show_math(clean(m, one_line=True))}")
    out += ["", t("iv_trend") + colon.rstrip()]
    out.append("  " + trend(report, lang))
    out += ["", t("iv_comes_back")]
    return out


def trend(report: Report, lang: str) -> str:
    if report.change is None:
        return messages.t("iv_trend_first", lang)
    change = round(100 * report.change)
    sign = "+" if change > 0 else ""
    return messages.t("iv_trend_line", lang,
                      scores=", ".join(pct(s) for _t, s in report.previous),
                      score=pct(report.score), change=f"{sign}{change}")


def history_lines(entries: list[Any], lang: str) -> list[str]:
    """``entries``: saved rounds, newest first."""
    if not entries:
        return [messages.t("iv_history_none", lang)]
    out = [messages.t("iv_history_head", lang)]
    for r in entries:
        lang_name = messages.t(f"iv_lang_{r.lang}", lang) if r.lang in ("en", "zh") else r.lang
        out.append("  " + messages.t(
            "iv_history_line", lang, date=local_date(r.started_at),
            score=pct(mean(q.score for q in r.questions)), n=len(r.questions),
            minutes=r.minutes, level=r.level, language=lang_name, how=ended(r.ended_by, lang)))
    return out
