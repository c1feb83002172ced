"""``quizcnn drill``: today's study session (the TUI, or ``--plain`` line mode)."""

from __future__ import annotations

import argparse
import sys

from quizcnn.termtext import clean


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
    p.add_argument(
        "--model",
        metavar="FILE",
        help="practise on your own network instead (an ONNX file, or layer text with --input): "
        "problems about its shapes, parameters, FLOPs and receptive fields; nothing is saved",
    )
    p.add_argument("--input", "-i", metavar="SHAPE",
                   help="with --model and a layer-text file: the input shape, e.g. 3x224x224")
    p.add_argument("--seed", type=int, metavar="S",
                   help="with --model: the problems' random seed (default: random)")
    p.set_defaults(func=run)


def _positive(text: str) -> int:
    from quizcnn.messages import t
    from quizcnn.tui.prefs import cli_lang

    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli_not_whole", cli_lang(), text=repr(text))) from None
    if n < 1:
        raise argparse.ArgumentTypeError(t("cli_at_least_1", cli_lang(), n=n))
    return n


def _lang(args: argparse.Namespace) -> str:
    """The language of the command's own messages: --lang when given, else the command
    line's (``prefs.cli_lang``: QUIZCNN_LANG, else the app's last language)."""
    from quizcnn.tui.prefs import cli_lang

    return str(args.lang) if getattr(args, "lang", None) in ("en", "zh") else cli_lang()


def _run_tui(args: argparse.Namespace) -> int:
    """The app, given the drill's filters on ``args`` (topic, tag, lang, limit, cram)."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        from quizcnn.messages import t

        print(t("drill_needs_terminal", _lang(args)), file=sys.stderr)
        return 2
    from quizcnn.tui import launch

    return launch(args)


def _fail(message: str, code: int = 1) -> int:
    from quizcnn.termtext import clean

    print(clean(f"quizcnn drill: {message}", one_line=True), file=sys.stderr)
    return code


DEFAULT_MODEL_PROBLEMS = 10


def _practice(args: argparse.Namespace) -> int:
    """``drill --model FILE``: a practice session on the user's own network (no store)."""
    from quizcnn.commands.generate import load_own_model, own_model_header
    from quizcnn.messages import t
    from quizcnn.problems.own_model import make_problems

    lang = _lang(args)
    for flag, value in (("--topic", args.topic), ("--tag", args.tag), ("--cram", args.cram)):
        if value:
            return _fail(t("drill_flag_vs_model", lang, flag=flag), 2)
    model = load_own_model(args.model, args.input, lang)
    if isinstance(model, str):
        return _fail(model, 2)
    seed = args.seed
    if seed is None:
        import secrets

        seed = secrets.randbelow(10**6)
    problems = make_problems(model, args.limit or DEFAULT_MODEL_PROBLEMS, seed)
    if not problems:
        return _fail(t("model_none", lang), 2)
    from quizcnn.drill.practice import Practice

    practice = Practice(problems, own_model_header(model, lang))
    if not args.plain:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            print(t("drill_model_needs_terminal", lang), file=sys.stderr)
            return 2
        from quizcnn.tui.practice import run_practice

        return run_practice(practice, lang)
    from quizcnn.drill.practice import PracticeDrill

    PracticeDrill(practice, stdin=sys.stdin, stdout=sys.stdout, lang=lang).run()
    return 0


def _choices(args: argparse.Namespace, questions: list
             ) -> tuple[str | None, str, tuple[str, ...], tuple[str, ...], str]:
    """(card language filter or None for both, the language the drill speaks, topics, tags,
    a line saying which choices came from the last run): each flag given wins; what no flag
    sets is remembered from the app (Home's filters, the drill's language). Remembered
    topics and tags the bank no longer has are dropped."""
    from quizcnn.messages import t
    from quizcnn.tui import prefs

    saved = prefs.remembered()
    lang = args.lang or (saved.lang if saved.lang in ("en", "zh") else None)
    ui_lang = prefs.ui_lang_for(args.lang or saved.lang, prefs.cli_lang())
    topics: tuple[str, ...] = tuple(args.topic or ())
    tags: tuple[str, ...] = tuple(args.tag or ())
    used = []
    if not args.lang and saved.lang:
        used.append(t("plain_saved_lang", ui_lang, value=t(f"lang_name_{saved.lang}", ui_lang)))
    if not topics and saved.topics:
        known = {q.topic for q in questions}
        topics = tuple(x for x in saved.topics if x in known)
        if topics:
            used.append(t("plain_saved_topics", ui_lang, value=", ".join(topics)))
    if not tags and saved.tags:
        known = {g for q in questions for g in (q.tags or ())}
        tags = tuple(x for x in saved.tags if x in known)
        if tags:
            used.append(t("plain_saved_tags", ui_lang, value=", ".join(tags)))
    said = ""
    if used:
        sep = "；" if ui_lang == "zh" else "; "
        said = clean(t("plain_saved", ui_lang, choices=sep.join(used)), one_line=True)
    return lang, ui_lang, topics, tags, said


def run(args: argparse.Namespace) -> int:
    if getattr(args, "model", None) is not None:
        return _practice(args)
    from quizcnn.messages import t

    if args.input is not None or args.seed is not None:
        return _fail(t("drill_input_seed", _lang(args)), 2)
    if not args.plain:
        return _run_tui(args)
    from quizcnn.bank import default_bank
    from quizcnn.store import StoreError, open_store
    from quizcnn.store.db import announce_if_created

    bank = default_bank(args.bank or None)
    questions = list(bank.questions)
    from quizcnn.drill.plain import PlainDrill, filter_mismatch

    lang, ui_lang, topics, tags, said = _choices(args, questions)
    if getattr(bank, "errors", None):
        n = len(bank.errors)
        key = "drill_bank_skipped_one" if n == 1 else "drill_bank_skipped"
        print(f"quizcnn drill: {t(key, ui_lang, n=n)}", file=sys.stderr)
    mismatch = filter_mismatch(questions, topics, tags, lang)
    if mismatch:
        from quizcnn.commands.calc_text import detail

        return _fail(detail(mismatch, ui_lang), 2)
    if said:
        print(said)
    try:
        store = open_store(args.db)
    except StoreError as e:
        from quizcnn.commands.calc_text import detail

        return _fail(detail(str(e), ui_lang))
    announce_if_created(store, args.db, ui_lang)
    try:
        drill = PlainDrill(
            store,
            questions,
            stdin=sys.stdin,
            stdout=sys.stdout,
            lang=ui_lang,
            only_lang=bool(lang),
            topics=list(topics) or None,
            tags=list(tags) or None,
            limit=args.limit,
            cram=args.cram,
        )
        drill.run()
    except StoreError as e:
        return _fail(t("cli_kept", ui_lang, error=e))
    finally:
        store.close()
    return 0
