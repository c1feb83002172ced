"""``quizcnn drill``: today's study session (the TUI, or ``--plain`` line mode)."""

from __future__ import annotations

import argparse
import sys


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "drill",
        help="study the cards due today",
        description=(
            "Study today's queue. Without --plain the app opens; with --plain questions are "
            "printed and answers read line by line from stdin (pipes work)."
        ),
    )
    p.add_argument("--plain", action="store_true", help="line mode on stdin/stdout, no TUI")
    p.add_argument(
        "--topic", action="append", default=[], metavar="T", help="only this topic (repeatable)"
    )
    p.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="T",
        help="only cards with this tag (repeatable)",
    )
    p.add_argument(
        "--lang", choices=["en", "zh"], help="show this language (and only cards that have it)"
    )
    p.add_argument("--limit", type=_positive, metavar="N", help="at most N cards this session")
    p.add_argument(
        "--cram",
        action="store_true",
        help="study ahead: review studied cards now without changing their schedule",
    )
    p.set_defaults(func=run)


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {n}")
    return n


def _run_tui(args: argparse.Namespace) -> int:
    """The app, given the drill's filters on ``args`` (topic, tag, lang, limit, cram)."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print(
            "quizcnn: the drill app needs a terminal; use 'quizcnn drill --plain' for piped input",
            file=sys.stderr,
        )
        return 2
    from quizcnn.tui import launch

    return launch(args)


def _fail(message: str, code: int = 1) -> int:
    from quizcnn.termtext import clean

    print(clean(f"quizcnn drill: {message}", one_line=True), file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    if not args.plain:
        return _run_tui(args)
    from quizcnn.bank import default_bank
    from quizcnn.store import StoreError, open_store
    from quizcnn.store.db import announce_if_created
    from quizcnn.store.words import plural

    bank = default_bank(args.bank or None)
    questions = list(bank.questions)
    if getattr(bank, "errors", None):
        n = len(bank.errors)
        print(
            f"quizcnn drill: {plural(n, 'problem')} in the question bank "
            f"{'was' if n == 1 else 'were'} skipped; see 'quizcnn bank check'",
            file=sys.stderr,
        )
    from quizcnn.drill.plain import PlainDrill, filter_mismatch

    mismatch = filter_mismatch(questions, args.topic, args.tag, args.lang)
    if mismatch:
        return _fail(mismatch, 2)
    try:
        store = open_store(args.db)
    except StoreError as e:
        return _fail(str(e))
    announce_if_created(store, args.db)
    try:
        drill = PlainDrill(
            store,
            questions,
            stdin=sys.stdin,
            stdout=sys.stdout,
            lang=args.lang or "en",
            only_lang=bool(args.lang),
            topics=args.topic or None,
            tags=args.tag or None,
            limit=args.limit,
            cram=args.cram,
        )
        drill.run()
    except StoreError as e:
        return _fail(f"{e} (answers reported as saved before this are kept)")
    finally:
        store.close()
    return 0
