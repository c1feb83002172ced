"""``quizcnn interview``: a timed mock interview (the app's screen, or ``--plain`` line mode),
its report (``--json-report``, ``--report FILE.html|.pdf|.md``) and past rounds (``--history``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

REPORT_FORMATS = (".html", ".pdf", ".md")


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "interview",
        help="a timed mock interview with follow-ups, scored on key points",
        description=(
            "A timed mock interview: concept questions (answer as you would aloud, then tick the "
            "key points you covered) and numeric problems, with follow-ups, weighted toward your "
            "weak topics. Every answer is saved as a review, so misses come back in the drill. "
            "Without --plain the app opens on the interview; with --plain questions are printed "
            "and answers read line by line (pipes work; the end of input ends the round as if "
            "time had run out)."
        ),
    )
    p.add_argument("--plain", action="store_true", help="line mode on stdin/stdout, no TUI")
    p.add_argument("--minutes", type=_minutes, default=20, metavar="N",
                   help="length of the round (default 20)")
    p.add_argument("--level", type=int, choices=(1, 2, 3), default=2,
                   help="difficulty of problems and questions (default 2)")
    p.add_argument("--lang", choices=("en", "zh"),
                   help="language of the round (default: the language of messages, see "
                   "QUIZCNN_LANG)")
    p.add_argument("--topic", action="append", default=[], metavar="T",
                   help="only this topic (repeatable)")
    p.add_argument("--seed", type=int, metavar="S", help="the same seed asks the same questions")
    p.add_argument("--json-report", metavar="FILE", help="write the round's report as JSON")
    p.add_argument("--report", metavar="FILE",
                   help="write the report to print: FILE.html, FILE.pdf or FILE.md "
                        "(with --history: the latest round's)")
    p.add_argument("--force", action="store_true", help="replace report files that exist")
    p.add_argument("--history", action="store_true", help="list past interviews, newest first")
    p.add_argument("--json", action="store_true", help="with --history: print JSON")
    p.set_defaults(func=run)


def _minutes(text: str) -> int:
    from quizcnn.messages import t
    from quizcnn.tui.prefs import cli_lang

    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli_not_whole", cli_lang(), text=repr(text))) from None
    if not 1 <= n <= 180:
        raise argparse.ArgumentTypeError(t("cli_minutes_range", cli_lang(), n=n))
    return n


def _fail(message: str, code: int = 1) -> int:
    from quizcnn.termtext import clean

    print(clean(f"quizcnn interview: {message}", one_line=True), file=sys.stderr)
    return code


def _targets(args: argparse.Namespace, lang: str = "en") -> list[tuple[str, Path]]:
    """The report files asked for, checked before the round starts (a refusal after twenty
    minutes of answers would be cruel). FileRefused or ValueError with one line."""
    from quizcnn.fileio import check_target
    from quizcnn.messages import t

    out: list[tuple[str, Path]] = []
    if args.json_report:
        out.append(("json", Path(args.json_report).expanduser()))
    if args.report:
        path = Path(args.report).expanduser()
        if path.suffix.lower() not in REPORT_FORMATS:
            raise ValueError(t("iv_unknown_format", lang, path=path,
                               suffix=path.suffix or t("iv_no_suffix", lang)))
        out.append((path.suffix.lower()[1:], path))
    if len({p.resolve() for _f, p in out}) < len(out):
        raise ValueError(t("iv_same_file", lang))
    for _fmt, path in out:
        check_target(path, force=args.force)
    return out


def run(args: argparse.Namespace) -> int:
    """The round (or the history) in --lang, else in the command line's language
    (``prefs.cli_lang``); the command's own messages in the same language."""
    from quizcnn.commands.calc_text import detail
    from quizcnn.fileio import FileRefused
    from quizcnn.messages import t
    from quizcnn.tui.prefs import cli_lang

    if args.lang is None:
        args.lang = cli_lang()
    lang = args.lang
    if args.json and not args.history:
        return _fail(t("iv_json_needs_history", lang), 2)
    try:
        targets = _targets(args, lang)
    except (FileRefused, ValueError) as e:
        return _fail(detail(str(e), lang), 2)
    if args.history:
        return _history(args, targets)
    if not args.plain:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            return _fail(t("iv_needs_terminal", lang), 2)
        from quizcnn.tui import launch

        args.report_targets = targets
        return launch(args)
    return _plain(args, targets)


def _plain(args: argparse.Namespace, targets: list[tuple[str, Path]]) -> int:
    from quizcnn import messages
    from quizcnn.bank import default_bank
    from quizcnn.commands.calc_text import detail
    from quizcnn.interview.output import ReportError, write_reports
    from quizcnn.interview.plain import PlainInterview
    from quizcnn.interview.round import Round
    from quizcnn.interview.summary import lines
    from quizcnn.store import StoreError, open_store
    from quizcnn.store.db import announce_if_created

    bank = default_bank(args.bank or None)
    known = {q.topic for q in bank.questions}
    for t in args.topic:
        if t not in known:
            return _fail(messages.t("iv_no_topic", args.lang, topic=t,
                                    known=", ".join(sorted(known))), 2)
    try:
        store = open_store(args.db)
    except StoreError as e:
        return _fail(detail(str(e), args.lang))
    announce_if_created(store, args.db, args.lang)
    code = 0
    try:
        rnd = Round(store, bank.questions, minutes=args.minutes, level=args.level,
                    lang=args.lang, topics=args.topic, seed=args.seed)
        ui = PlainInterview(rnd, stdin=sys.stdin, stdout=sys.stdout)
        try:
            how = ui.run()
        except KeyboardInterrupt:
            how, code = "interrupt", 130
            ui.say("")
            ui.say(messages.t("iv_interrupted", args.lang))
        report = rnd.finish(how)
        ui.say("")
        for line in lines(report, args.lang):
            ui.say(line)
        for path in write_reports(report, targets, force=args.force):
            from quizcnn.termtext import clean

            ui.say(messages.t("iv_written", args.lang, path=clean(str(path), one_line=True)))
    except StoreError as e:
        return _fail(messages.t("cli_kept", args.lang, error=detail(str(e), args.lang)))
    except OSError as e:
        return _fail(messages.t("iv_cannot_write", args.lang,
                                path=getattr(e, "filename", "") or "", why=e.strerror or e))
    except ReportError as e:
        return _fail(messages.t("iv_round_saved", args.lang, error=detail(str(e), args.lang)))
    finally:
        store.close()
    return code


def _history(args: argparse.Namespace, targets: list[tuple[str, Path]]) -> int:
    import json

    from quizcnn.commands.calc_text import detail
    from quizcnn.interview.output import ReportError, write_reports
    from quizcnn.interview.report import history
    from quizcnn.interview.saved import rounds
    from quizcnn.interview.summary import history_lines
    from quizcnn.messages import t
    from quizcnn.paths import db_path
    from quizcnn.store import StoreError, open_store

    path = db_path(args.db)
    if not path.exists():
        entries: list[Any] = []
        print(json.dumps([]) if args.json else "\n".join(history_lines([], args.lang)))
        return 0 if not targets else _fail(t("iv_nothing_to_report", args.lang))
    try:
        store = open_store(path, read_only=True)
    except StoreError as e:
        return _fail(detail(str(e), args.lang))
    try:
        if args.json:
            print(json.dumps(history(store), ensure_ascii=False, indent=2))
        else:
            entries = rounds(store)
            print("\n".join(history_lines(entries, args.lang)))
        if targets:
            from quizcnn.interview.report import load

            latest = rounds(store, limit=1)
            if not latest:
                return _fail(t("iv_nothing_to_report", args.lang))
            for p in write_reports(load(store, latest[0].id), targets, force=args.force):
                from quizcnn.termtext import clean

                print(clean(str(p), one_line=True), file=sys.stderr)
    except (StoreError, ReportError) as e:
        return _fail(detail(str(e), args.lang))
    finally:
        store.close()
    return 0
