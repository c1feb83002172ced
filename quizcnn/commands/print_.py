"""``quizcnn print``: printable practice sets (PDF, HTML, Markdown) with answer keys.

The set speaks ``--lang``; the command's own messages (errors, progress) speak the command
line's language (``QUIZCNN_LANG``, else the app's last language).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from datetime import date as _date
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser(
        "print",
        help="write a practice set with its answer key (PDF, HTML or Markdown)",
        description="Write a practice set: numbered problems with room to work, then the "
        "answer key with worked solutions. The same arguments and seed give the same file.",
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="FILE.pdf, FILE.html or FILE.md")
    p.add_argument("--topic", action="append", default=[], metavar="T")
    p.add_argument("--tag", action="append", default=[], metavar="T")
    p.add_argument("--template", action="append", default=[], metavar="T",
                   help="problem template id (see 'quizcnn generate --list')")
    p.add_argument("--difficulty", type=int, choices=(1, 2, 3))
    p.add_argument("--count", type=_positive, default=10, metavar="N")
    p.add_argument("--seed", type=int, metavar="S",
                   help="random seed (default: a new one, printed in the header so the set "
                   "can be made again)")
    p.add_argument("--versions", type=_versions, default=1, metavar="K",
                   help="K randomized versions A, B, ... (at most 26)")
    p.add_argument("--lang", choices=("en", "zh", "both"), default="en")
    p.add_argument("--mix", choices=("generated", "bank", "both"), default="both")
    p.add_argument("--due", action="store_true", help="what your schedule says is due today")
    p.add_argument("--key", choices=("end", "separate", "none"), default="end")
    p.add_argument("--title", default="",
                   help="the set's title (default: 'CNN practice set' in the set's language)")
    p.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD",
                   help="the printed date (default: today)")
    p.add_argument("--paper", choices=("a4", "letter"), default="a4")
    p.add_argument("--font-path", action="append", default=[], metavar="DIR",
                   help="a folder with extra fonts, e.g. a CJK font (env QUIZCNN_FONT_PATH)")
    p.add_argument("--force", action="store_true", help="overwrite existing files")
    p.set_defaults(func=run)


def _say(key: str, **fmt: object) -> str:
    """A message of this command in the command line's language."""
    from quizcnn.messages import t
    from quizcnn.tui.prefs import cli_lang

    return t(key, cli_lang(), **fmt)


def _whole(text: str, low: int, high: int, what: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_say("print_not_number", text=repr(text))) from None
    if not low <= n <= high:
        raise argparse.ArgumentTypeError(_say("print_range", what=_say(what), low=low, high=high))
    return n


def _positive(text: str) -> int:
    return _whole(text, 1, 2000, "print_range_count")


def _versions(text: str) -> int:
    return _whole(text, 1, 26, "print_range_versions")


def _iso_date(text: str) -> str:
    try:
        return _date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(_say("print_not_date", text=repr(text))) from None


def _fail(message: str) -> int:
    from quizcnn.termtext import clean

    print(clean(_say("print_fail", message=message), one_line=True), file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    from quizcnn.printing.errors import PrintingError
    from quizcnn.printing.output import FORMATS, check_targets, plan_files
    from quizcnn.printing.select import Request, build
    from quizcnn.tui.prefs import cli_lang

    out = Path(args.output).expanduser()
    if args.output.endswith(("/", os.sep)) or out.is_dir():
        return _fail(_say("print_is_dir", path=out, example=out / "set.pdf"))
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        return _fail(_say("print_unknown_format", path=out,
                          suffix=out.suffix or _say("print_no_suffix")))
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 10**6)
    try:
        due_ids = _due_ids(args) if args.due else None
        bank = _load_bank(args)
        req = Request(
            topics=tuple(args.topic), tags=tuple(args.tag), templates=tuple(args.template),
            difficulty=args.difficulty, count=args.count, seed=seed,
            versions=args.versions, lang=args.lang, mix=args.mix, title=args.title,
            date=args.date or _date.today().isoformat(), paper=args.paper, due_ids=due_ids,
        )
        sets = build(req, bank)
        jobs = plan_files(out, sets, args.key)
        check_targets([j.path for j in jobs], force=args.force)
        written = _write_all(jobs, fmt, args, sets)
    except PrintingError as exc:
        return _fail(exc.text(cli_lang()))
    except OSError as exc:
        return _fail(_say("print_os_error", path=exc.filename or out, reason=exc.strerror or exc))
    from quizcnn.termtext import clean

    for path in written:
        print(clean(path))  # a path is data: no escape sequence reaches the terminal
    return 0


def _load_bank(args: argparse.Namespace):
    from quizcnn.bank import default_bank

    return default_bank(args.bank)


def _due_ids(args: argparse.Namespace) -> tuple[str, ...]:
    from quizcnn.printing.due import due_ids

    return due_ids(args)


def _write_all(jobs, fmt: str, args: argparse.Namespace, sets) -> list[Path]:
    from quizcnn.printing.output import OutputError, render_job, write_atomic

    pdf = None
    if fmt == "pdf":
        pdf = _pdf_renderer(args, sets)
    rendered: list[tuple[Path, bytes]] = []
    with _progress(len(jobs), fmt) as step:
        for job in jobs:
            rendered.append((job.path, render_job(job, fmt, pdf)))
            step()
    # Everything rendered before anything is written: an error leaves no partial set behind.
    created: list[Path] = []
    for path, data in rendered:
        existed = os.path.lexists(path)
        try:
            write_atomic(path, data, force=args.force)
        except (OSError, OutputError) as exc:
            for done in created:  # a half-written set is worse than none
                done.unlink(missing_ok=True)
            if isinstance(exc, OutputError):
                raise
            raise OutputError("print_cannot_write", path=path,
                              reason=exc.strerror or exc) from None
        if not existed:
            created.append(path)
    return [p for p, _ in rendered]


def _pdf_renderer(args: argparse.Namespace, sets):
    from quizcnn.printing import typ
    from quizcnn.printing.output import OutputError

    paths = typ.font_paths(args.font_path)
    cjk = typ.find_cjk_font(paths)
    if cjk is None and any(typ.needs_cjk(ps) for ps in sets):
        raise OutputError("print_no_cjk_font")

    def render(job) -> bytes:
        import typst

        src = typ.source(job.practice_set, cjk_font=cjk, include_key=job.include_key,
                         key_only=job.key_only)
        try:
            return typ.compile_pdf(src, date=job.practice_set.date, paths=paths)
        except typst.TypstError as exc:
            raise OutputError("print_typeset_failed", path=job.path, error=exc) from None

    return render


class _progress:
    """A Rich progress bar when the work takes more than a moment; silent otherwise."""

    def __init__(self, total: int, fmt: str) -> None:
        self.total = total
        self.show = sys.stderr.isatty() and (fmt == "pdf" or total > 4)
        self.bar = None

    def __enter__(self):
        if self.show:
            from rich.progress import Progress

            self.bar = Progress(transient=True)
            self.bar.start()
            task = self.bar.add_task(_say("print_typesetting"), total=self.total)
            return lambda: self.bar.advance(task)
        return lambda: None

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
