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
    action = getattr(args, "bank_command", None)
    if action is None:
        args._bank_parser.print_help()
        return 2
    if action == "check":
        return _check(args)
    from quizcnn.bank import default_bank

    bank = default_bank(getattr(args, "bank", None))
    if action == "list":
        return _list(args, bank)
    return _stats(bank)


def _display(path) -> str:
    from pathlib import Path

    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _check(args: argparse.Namespace) -> int:
    from pathlib import Path

    from quizcnn.bank.load import _is_under, _shipped_dir, load_sources
    from quizcnn.paths import extra_bank_dirs, user_bank_dir

    shipped = _shipped_dir()
    if args.paths:
        given = [Path(p) for p in args.paths]
        for p in given:
            if not p.exists():
                print(f"quizcnn bank: no such file or folder: {p}", file=sys.stderr)
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
    _print_problems(shown, every=args.all)
    files = [f for f in bank.files if under_roots(str(f))]
    checked = [q for q in bank.questions
               if any(under_roots(str(v.file)) for v in q.variants.values())]
    n_err = sum(d.severity == "error" for d in shown)
    n_warn = sum(d.severity == "warning" for d in shown)
    print(f"{len(files)} files, {len(checked)} questions: {n_err} errors, {n_warn} warnings",
          file=sys.stderr)
    return 1 if n_err else 0


def _kind(d) -> tuple[str, str]:
    """Problems of one kind differ only in quoted names and numbers."""
    return d.severity, re.sub(r"'[^']*'|\d+", "#", d.message)


def _print_problems(shown: list, *, every: bool) -> None:
    """``file:line: severity: message (hint)`` for each, but only the first SAME_KIND of each
    kind unless ``every``: a file of 100,000 broken headings gives a screenful, then counts."""
    from quizcnn.termtext import clean

    seen: dict[tuple[str, str], int] = {}
    first: dict[tuple[str, str], str] = {}
    for d in shown:
        kind = _kind(d)
        n = seen[kind] = seen.get(kind, 0) + 1
        first.setdefault(kind, d.message)
        if n > SAME_KIND and not every:
            continue
        hint = f" ({d.hint})" if d.hint else ""
        print(clean(f"{_display(d.file)}:{d.line}: {d.severity}: {d.message}{hint}"))
    for kind, n in seen.items():
        if n > SAME_KIND and not every:
            more = n - SAME_KIND
            what = kind[0] if more == 1 else kind[0] + "s"
            print(clean(f"... and {more} more {what} like: {first[kind]} (--all prints every one)",
                        one_line=True))


def _list(args: argparse.Namespace, bank) -> int:
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
    from quizcnn.termtext import clean

    for q in qs:
        title = clean(q.text(args.lang or "en").title)
        print(f"{q.id:<34} {q.type:<9} {q.topic:<20} {'/'.join(q.langs):<6} {title}")
    print(f"{len(qs)} questions", file=sys.stderr)
    return 0


def _stats(bank) -> int:
    from collections import Counter

    qs = bank.questions
    print(f"{len(qs)} questions ({len(bank.files)} files, {len(bank.errors)} errors, "
          f"{len(bank.warnings)} warnings)")
    for label, counter in (
        ("topic", Counter(q.topic for q in qs)),
        ("type", Counter(q.type for q in qs)),
        ("language", Counter(lang for q in qs for lang in q.variants)),
        ("origin", Counter(q.origin for q in qs)),
    ):
        print(f"\nby {label}:")
        for key, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {key:<28} {n:>5}")
    return 0
