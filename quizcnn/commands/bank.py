"""``quizcnn bank check|list|stats``: validate decks and look at the bank."""

from __future__ import annotations

import argparse
import functools
import os
import re
import sys

SAME_KIND = 10  # problems of one kind printed before the rest are counted


def register(subparsers) -> None:
    p = subparsers.add_parser("bank", help="check, list and count the question bank",
                              description="Check, list and count the question bank.")
    sub = p.add_subparsers(dest="bank_command", metavar="ACTION")
    c = sub.add_parser("check", help="validate decks; prints file:line problems, exit 1 on errors")
    c.add_argument("paths", nargs="*", metavar="PATH",
                   help="deck files or folders (default: every bank in use)")
    c.add_argument("--no-cache", action="store_true", help="parse every file afresh")
    c.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    c.add_argument("--strict", action="store_true",
                   help="also require what a shipped card needs: a Chinese translation, key points "
                        "on basic cards, no cloze answer in its own prompt, no giveaway long "
                        "right option (see questions/README.md)")
    c.add_argument("--all", action="store_true",
                   help=f"print every problem (default: the first {SAME_KIND} of each kind, then "
                        "how many more)")
    lst = sub.add_parser("list", help="list questions")
    lst.add_argument("--topic")
    lst.add_argument("--lang", choices=("en", "zh"))
    lst.add_argument("--type", dest="qtype",
                     choices=("basic", "cloze", "choice", "numeric", "generated"))
    lst.add_argument("--tag", help="only questions with this tag")
    lst.add_argument("--json", action="store_true", help="print JSON")
    sub.add_parser("stats", help="counts per topic, type and language")
    p.set_defaults(func=run, _bank_parser=p)


def run(args: argparse.Namespace) -> int:
    """Each action; the program's words in ``prefs.cli_lang()`` (QUIZCNN_LANG, else the
    app's last language). Findings keep ``file:line`` and the rule's own words."""
    from quizcnn.tui.prefs import cli_lang

    action = getattr(args, "bank_command", None)
    if action is None:
        args._bank_parser.print_help()
        return 2
    lang = cli_lang()
    if action == "check":
        return _check(args, lang)
    from quizcnn.bank import default_bank

    bank = default_bank(getattr(args, "bank", None))
    if action == "list":
        return _list(args, bank, lang)
    return _stats(bank, lang)


def _display(path) -> str:
    from pathlib import Path

    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _check(args: argparse.Namespace, lang: str = "en") -> int:
    from pathlib import Path

    from quizcnn.bank.load import _is_under, _shipped_dir, load_sources
    from quizcnn.messages import t
    from quizcnn.paths import extra_bank_dirs, user_bank_dir
    from quizcnn.termtext import clean

    shipped = _shipped_dir()
    if args.paths:
        given = [Path(p) for p in args.paths]
        for p in given:
            if not p.exists():
                print(clean(f"quizcnn bank: {t('bank_no_such_path', lang, path=p)}",
                            one_line=True), file=sys.stderr)
                return 2
        sources = [(shipped, "shipped")] if shipped is not None else []
        sources += [(p, "user") for p in given if not (shipped is not None and _is_under(p, shipped))]
        report_roots = [p.resolve() for p in given]
    else:
        sources = [(shipped, "shipped")] if shipped is not None else []
        if user_bank_dir().is_dir():
            sources.append((user_bank_dir(), "user"))
        sources += [(p, "extra") for p in extra_bank_dirs(getattr(args, "bank", None))]
        report_roots = None
    bank = load_sources(sources, cache=not args.no_cache, verify=True)

    @functools.cache
    def under_roots(name: str) -> bool:
        if report_roots is None:
            return True
        f = Path(name)  # the link's own place counts, not only where it leads
        candidates = {Path(os.path.abspath(f)), f.resolve()} if name else {f}
        return any(c == r or c.is_relative_to(r) for c in candidates for r in report_roots)

    def wanted(d) -> bool:
        return under_roots(str(d.file))

    diagnostics = bank.diagnostics
    if args.strict:
        from quizcnn.bank.lint import strict

        diagnostics = sorted(diagnostics + strict(bank.questions), key=lambda d: (str(d.file), d.line))
    shown = [d for d in diagnostics if wanted(d)]
    if args.quiet:
        shown = [d for d in shown if d.severity == "error"]
    _print_problems(shown, every=args.all, lang=lang)
    files = [f for f in bank.files if under_roots(str(f))]
    checked = [q for q in bank.questions
               if any(under_roots(str(v.file)) for v in q.variants.values())]
    n_err = sum(d.severity == "error" for d in shown)
    n_warn = sum(d.severity == "warning" for d in shown)
    print(t("bank_summary", lang, files=len(files), questions=len(checked), errors=n_err,
            warnings=n_warn), file=sys.stderr)
    return 1 if n_err else 0


def _kind(d) -> tuple[str, str]:
    """Problems of one kind differ only in quoted names and numbers."""
    return d.severity, re.sub(r"'[^']*'|\d+", "#", d.message)


def _print_problems(shown: list, *, every: bool, lang: str = "en") -> None:
    """``file:line: severity: message (hint)`` for each, but only the first SAME_KIND of each
    kind unless ``every``: a file of 100,000 broken headings gives a screenful, then counts.
    In Chinese the framing (severity, the count of the rest) is Chinese; the finding's own
    message and hint are the lint rule's (English)."""
    from quizcnn.messages import MESSAGES, t
    from quizcnn.termtext import clean

    def severity(word: str) -> str:
        key = f"bank_severity_{word}"
        return t(key, lang) if key in MESSAGES else word

    seen: dict[tuple[str, str], int] = {}
    first: dict[tuple[str, str], str] = {}
    for d in shown:
        kind = _kind(d)
        n = seen[kind] = seen.get(kind, 0) + 1
        first.setdefault(kind, d.message)
        if n > SAME_KIND and not every:
            continue
        hint = t("bank_hint", lang, hint=d.hint) if d.hint else ""
        print(clean(t("bank_finding", lang, where=f"{_display(d.file)}:{d.line}",
                      severity=severity(d.severity), message=d.message, hint=hint)))
    for kind, n in seen.items():
        if n > SAME_KIND and not every:
            more = n - SAME_KIND
            what = kind[0] if more == 1 else kind[0] + "s"
            if lang == "zh":
                what = severity(kind[0])
            print(clean(t("bank_more", lang, n=more, what=what, first=first[kind]),
                        one_line=True))


def _list(args: argparse.Namespace, bank, lang: str = "en") -> int:
    import json

    from quizcnn.console import json_ascii

    qs = bank.filter(topic=args.topic, tags=[args.tag] if args.tag else None, lang=args.lang,
                     type=args.qtype)
    if args.json:
        rows = [{"id": q.id, "type": q.type, "topic": q.topic, "tags": list(q.tags),
                 "difficulty": q.difficulty, "lang": list(q.langs), "title": q.title,
                 "origin": q.origin, "file": str(q.file), "line": q.line} for q in qs]
        json.dump(rows, sys.stdout, ensure_ascii=json_ascii(), indent=1)
        print()
        return 0
    from quizcnn.messages import t
    from quizcnn.termtext import clean

    for q in qs:  # titles in --lang, else in the language of messages when the card has it
        title = clean(q.text(args.lang or (lang if lang in q.langs else "en")).title)
        print(f"{q.id:<34} {q.type:<9} {q.topic:<20} {'/'.join(q.langs):<6} {title}")
    print(t("bank_listed", lang, n=len(qs)), file=sys.stderr)
    return 0


def _value_name(label: str, key: str, lang: str) -> str:
    """A type, language or origin by its Chinese name in Chinese (topics are names)."""
    from quizcnn.messages import MESSAGES, t

    prefix = {"type": "qtype_", "language": "lang_name_", "origin": "bank_origin_"}.get(label)
    if lang != "zh" or prefix is None or f"{prefix}{key}" not in MESSAGES:
        return key
    return t(f"{prefix}{key}", lang)


def _stats(bank, lang: str = "en") -> int:
    from collections import Counter

    from rich.cells import cell_len

    from quizcnn.messages import t

    qs = bank.questions
    print(t("bank_stats_head", lang, n=len(qs), files=len(bank.files), errors=len(bank.errors),
            warnings=len(bank.warnings)))
    for label, counter in (
        ("topic", Counter(q.topic for q in qs)),
        ("type", Counter(q.type for q in qs)),
        ("language", Counter(v for q in qs for v in q.variants)),
        ("origin", Counter(q.origin for q in qs)),
    ):
        print("\n" + t(f"bank_by_{label}", lang))
        for key, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
            name = _value_name(label, key, lang)
            print(f"  {name}{' ' * max(0, 28 - cell_len(name))} {n:>5}")
    return 0
