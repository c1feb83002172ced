"""``quizcnn plan``: the interview date plan (set, show, change, clear) and its simulator."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizcnn.plan.spec import PlanSpec
    from quizcnn.store.db import Store


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "plan",
        help="plan every card toward your interview date",
        description="Set your interview date: new cards are paced so every card in scope is "
        "learned a few days before it, and reviews are brought forward so predicted recall on "
        "the morning of the date reaches the target. Bare 'quizcnn plan' shows the plan and "
        "whether it fits; --clear removes it (FSRS's own schedule was never changed).",
    )
    p.add_argument("--interview", metavar="YYYY-MM-DD", help="the date of the interview")
    p.add_argument("--minutes", type=_whole, metavar="N",
                   help="minutes a day you can study (default 40)")
    p.add_argument("--topic", action="append", default=[], metavar="T",
                   help="a topic in scope (repeatable; default: every topic)")
    p.add_argument("--target", type=_number, metavar="R",
                   help="recall wanted on the morning of the date, 0.7 to 0.99 (default 0.9)")
    p.add_argument("--clear", action="store_true", help="remove the plan")
    p.add_argument("--simulate", action="store_true",
                   help="simulate learners day by day under the plan and under plain FSRS "
                   "(with --interview: try a date without saving it)")
    p.add_argument("--seed", type=_whole, default=0, metavar="S", help="simulator seed")
    p.add_argument("--runs", type=_whole, default=20, metavar="N",
                   help="simulated learners (default 20)")
    p.add_argument("--json", action="store_true", help="print the simulation as JSON")
    p.add_argument("--lang", choices=["en", "zh"], help="language of the output")
    p.set_defaults(func=run)


def _whole(text: str) -> int:
    from quizcnn.messages import t
    from quizcnn.tui.prefs import cli_lang

    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            t("cli_not_whole", cli_lang(), text=repr(text[:40]))) from None


def _number(text: str) -> float:
    from quizcnn.messages import t
    from quizcnn.tui.prefs import cli_lang

    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            t("cli_not_number", cli_lang(), text=repr(text[:40]))) from None


def _lang(args: argparse.Namespace) -> str:
    """--lang, else the command line's language (QUIZCNN_LANG, else the app's last one)."""
    if args.lang:
        return str(args.lang)
    from quizcnn.tui.prefs import cli_lang

    return cli_lang()


def _say(text: str, err: bool = False) -> None:
    from quizcnn.termtext import clean

    print(clean(text), file=sys.stderr if err else sys.stdout)


def run(args: argparse.Namespace) -> int:
    from quizcnn.plan.spec import PlanError
    from quizcnn.store import StoreError

    lang = _lang(args)
    try:
        return _run(args, lang)
    except PlanError as e:
        _say(f"quizcnn plan: {e.text(lang)}", err=True)
        return 2
    except StoreError as e:
        from quizcnn.commands.calc_text import detail

        _say(f"quizcnn plan: {detail(str(e), lang)}", err=True)
        return 1


def _run(args: argparse.Namespace, lang: str) -> int:
    from dataclasses import replace

    from quizcnn.messages import t
    from quizcnn.plan import service
    from quizcnn.plan.spec import (
        PlanError,
        PlanSpec,
        check_minutes,
        check_target,
        parse_date,
    )
    from quizcnn.store.dates import utcnow

    changes = args.minutes is not None or args.topic or args.target is not None
    if args.clear and (changes or args.interview or args.simulate):
        raise PlanError("plan_clear_and_set")
    if args.minutes is not None:
        check_minutes(args.minutes)
    if args.target is not None:
        check_target(args.target)
    store = _open(args)
    try:
        now = utcnow()
        if args.clear:
            key = "plan_cleared" if service.clear_plan(store) else "plan_nothing_to_clear"
            _say(t(key, lang))
            return 0
        current = service.get_plan(store)
        spec = current
        if args.interview is not None:
            day = parse_date(args.interview, service.today(store, now))
            base = current or PlanSpec(day)
            spec = replace(base, interview=day)
        elif changes and current is None:
            raise PlanError("plan_needs_date")
        if spec is not None and changes:
            spec = replace(spec, minutes=args.minutes if args.minutes is not None else spec.minutes,
                           topics=tuple(dict.fromkeys(args.topic)) if args.topic else spec.topics,
                           target=args.target if args.target is not None else spec.target)
        if args.simulate:
            if spec is None:
                _say(t("sim_no_plan", lang), err=True)
                return 2
            return _simulate(store, spec, now, args, lang)
        if spec is not None and spec != current:
            service.set_plan(store, spec, now)
            service.refresh(store, now, force=True)
            _say(t("plan_saved", lang, day=spec.interview.isoformat()))
        if spec is None:
            _say(t("plan_none", lang))
            return 0
        _show(store, spec, now, lang)
        return 0
    finally:
        store.close()


def _open(args: argparse.Namespace) -> Store:
    """The store with the bank's cards in it (a plan's scope is cards)."""
    from quizcnn.bank import default_bank
    from quizcnn.store.db import announce_if_created, open_store
    from quizcnn.store.sync import sync_bank

    store = open_store(args.db)
    announce_if_created(store, args.db, _lang(args))
    sync_bank(store, default_bank(args.bank or None).questions)
    return store


def _left(days: int, lang: str) -> str:
    from quizcnn.messages import t

    return t("plan_day_left", lang) if days == 1 else t("plan_days_left", lang, n=days)


def _show(store: Store, spec: PlanSpec, now: datetime, lang: str) -> None:
    from datetime import timedelta

    from quizcnn.messages import t
    from quizcnn.plan import service
    from quizcnn.plan.forecast import advise, forecast, rank_topics
    from quizcnn.plan.policy import LAST_DAYS

    today = service.today(store, now)
    if not service.active(spec, today):
        _say(t("plan_passed", lang, day=spec.interview.isoformat()))
        return
    learner = service.learner_for(store)
    deck = service.deck_for(store, spec.topics, now)
    clock = service.clock_for(store, now, spec.interview)
    _new, spent = service.spent_today(store, now, learner)
    budget = spec.minutes * 60.0
    f = forecast(deck, clock, learner, budget, spec.target, spent=spent)
    topics = ", ".join(spec.topics) if spec.topics else t("plan_all_topics", lang)
    _say(t("plan_header", lang, day=spec.interview.isoformat(), left=_left(f.days, lang),
           minutes=spec.minutes, target=spec.target))
    _say(t("plan_scope", lang, topics=topics, cards=f.cards, learned=f.learned))
    _say(t("plan_recall", lang, recall=f.recall))
    _say(t("plan_today", lang, new=f.today_new, reviews=f.today_reviews,
           minutes=round(f.today_minutes)))
    if f.last_new_day is not None:
        last = (today + timedelta(days=f.last_new_day)).isoformat()
        if f.tight:
            _say(t("plan_pacing_tight", lang, last=last))
        elif f.last_new_day < f.days - LAST_DAYS:
            _say(t("plan_pacing", lang, last=last, keep=LAST_DAYS))
    if f.feasible:
        _say(t("plan_fits", lang, cards=f.cards, recall=f.recall, target=spec.target))
        return
    _say(t("plan_not_fit", lang, fits=f.fits, cards=f.cards, recall=f.recall,
           target=spec.target))
    a = advise(deck, clock, learner, spec.minutes, spec.target,
               lambda d: service.clock_for(store, now, d), spec.interview, rank_topics)
    if a.minutes is not None:
        _say(t("plan_fix_minutes", lang, minutes=a.minutes))
    else:
        _say(t("plan_fix_minutes_none", lang, most=600))
    if a.later is not None:
        _say(t("plan_fix_date", lang, day=a.later.isoformat()))
    else:
        _say(t("plan_fix_date_none", lang))
    if a.drop:
        _say(t("plan_fix_topics", lang, topics=", ".join(a.drop), cards=a.drop_cards))


def _simulate(store: Store, spec: PlanSpec, now: datetime, args: argparse.Namespace,
              lang: str) -> int:
    import json

    from quizcnn.messages import t
    from quizcnn.plan import service
    from quizcnn.plan.engine import FixedArm
    from quizcnn.plan.policy import PlannerArm
    from quizcnn.plan.simulate import report, run_arm
    from quizcnn.plan.spec import PlanError

    if not 1 <= args.runs <= 1000:
        raise PlanError("plan_bad_runs", value=args.runs)
    today = service.today(store, now)
    if not service.active(spec, today):
        _say(t("plan_passed", lang, day=spec.interview.isoformat()), err=True)
        return 2
    learner = service.learner_for(store)
    deck = service.deck_for(store, spec.topics, now)
    clock = service.clock_for(store, now, spec.interview)
    st = store.settings()
    budget = spec.minutes * 60.0
    planner = run_arm(deck, lambda: PlannerArm(budget, spec.target), clock, learner,
                      args.seed, args.runs)
    baseline = run_arm(deck, lambda: FixedArm(st.new_per_day, st.reviews_per_day), clock,
                       learner, args.seed, args.runs)
    doc = report(spec.interview, today, len(deck), planner, baseline)
    if args.json:
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return 0
    _say(t("sim_header", lang, runs=args.runs, seed=args.seed, day=spec.interview.isoformat(),
           cards=len(deck), minutes=spec.minutes, new=learner.new_card_cost,
           review=learner.review_cost))
    _say("")
    _say(t("sim_columns", lang, new_per_day=st.new_per_day))
    _say(t("sim_columns2", lang))
    for row in doc["per_day"]:
        p, b = row["planner"], row["baseline"]
        _say(f"{row['day']:>3}  {row['date']}  {p['new']:>5.1f} {p['reviews']:>7.1f} "
             f"{p['minutes']:>8.1f}   {b['new']:>5.1f} {b['reviews']:>7.1f} {b['minutes']:>8.1f}")
    _say("")
    for who, s in ((t("sim_planner", lang), planner), (t("sim_baseline", lang), baseline)):
        _say(t("sim_result", lang, who=who, recall=s.recall, reviews=round(s.reviews),
               minutes=round(s.minutes), most=round(s.max_day_minutes)))
    return 0
