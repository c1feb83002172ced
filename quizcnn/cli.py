"""The ``quizcnn`` command: top-level options, then one subcommand per module.

Each subcommand lives in ``quizcnn/commands/<module>.py`` and exposes
``register(subparsers) -> None``; the parser it adds sets ``func=<callable(args) -> int>``.
Command modules must be cheap to import: heavy imports go inside ``func``.
With no subcommand, the Textual app starts.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from quizcnn import __version__

# Module names under quizcnn.commands, in the order ``--help`` lists them.
COMMAND_MODULES = [
    "calc",
    "generate",
    "drill",
    "interview",
    "bank",
    "add",
    "stats",
    "print_",
    "export",
    "import_",
    "db",
    "plan",
]


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors in the command line's language (--help stays English:
    it is the reference, and argparse writes it)."""

    def error(self, message: str):  # type: ignore[override]
        from quizcnn.tui.prefs import cli_lang

        if cli_lang() != "zh":
            super().error(message)
        from quizcnn.messages.core_text import to_zh

        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{to_zh(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="quizcnn",
        description="Drill CNN interview questions: shapes, parameters, FLOPs, receptive fields."
        "\n\n`quizcnn` alone opens the drill app (Home: today's cards per topic; s starts).",
        epilog="environment:\n"
        "  QUIZCNN_HOME  one folder for the progress database, your questions, config, cache\n"
        "  QUIZCNN_DB    the progress database (as --db)\n"
        "  QUIZCNN_BANK  extra question folders (as --bank)\n"
        "  QUIZCNN_LANG  en or zh: the language of messages (default: the app's last one)\n\n"
        "'quizcnn COMMAND --help' explains a command.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"quizcnn {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="progress database (default: the platform data dir; env QUIZCNN_DB)",
    )
    parser.add_argument(
        "--bank",
        metavar="PATH",
        action="append",
        default=[],
        help="an extra question folder (repeatable; env QUIZCNN_BANK)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"quizcnn.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from quizcnn.console import setup_streams

    setup_streams()  # any encoding: what it cannot hold prints as '?', never a traceback
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.db is not None and not args.db.strip():  # not the default database: an error
        print(_say("cli_db_empty"), file=sys.stderr)
        return 2
    if any(not b.strip() for b in args.bank):  # '' would quietly mean the current folder
        print(_say("cli_bank_empty"), file=sys.stderr)
        return 2
    try:
        if args.command is None:
            return _run_app(args)
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print(_say("cli_interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _say(key: str) -> str:
    """A message of this module in the command line's language (``prefs.cli_lang``)."""
    from quizcnn.messages import t
    from quizcnn.tui.prefs import cli_lang

    return t(key, cli_lang())


def _run_app(args: argparse.Namespace) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print(_say("cli_needs_terminal"), file=sys.stderr)
        return 2
    from quizcnn.tui import launch

    return launch(args)


if __name__ == "__main__":
    raise SystemExit(main())
