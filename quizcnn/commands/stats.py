"""``quizcnn stats``: reviews per day, true retention, mastery per topic, forecast, streak."""

from __future__ import annotations

import argparse
import sys


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "stats",
        help="show study statistics",
        description="Reviews per day, true retention (30 days), mastery per topic, "
        "the due forecast for 30 days and your streak. 'orphaned' counts cards whose question "
        "is not in the bank now (their history is kept).",
    )
    p.add_argument("--json", action="store_true", help="print the numbers as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from quizcnn.paths import db_path
    from quizcnn.store import StoreError
    from quizcnn.store.stats import compute_stats, render, to_json
    from quizcnn.tui.prefs import cli_lang

    lang = cli_lang()  # the report's words (QUIZCNN_LANG, else the app's last language)
    path = db_path(args.db)
    try:
        from quizcnn.store.quick import schema_of

        if schema_of(path) != "current":  # check or migrate first (loads the ORM)
            from quizcnn.store import open_store

            # never creates a database (a mistyped --db is an error); an older one is upgraded
            open_store(path, read_only=True).close()
        stats = compute_stats(path, bank_ids=_bank_ids(args))
    except StoreError as e:
        from quizcnn.commands.calc_text import detail
        from quizcnn.termtext import clean

        print(clean(f"quizcnn stats: {detail(str(e), lang)}", one_line=True), file=sys.stderr)
        return 1
    print(to_json(stats) if args.json else render(stats, lang))
    return 0


def _bank_ids(args: argparse.Namespace) -> set[str]:
    """The ids of the bank a drill would load now (shipped, yours, --bank): orphans are counted
    against it, so they show without a drill having synced the database first."""
    from quizcnn.bank import default_bank

    return set(default_bank(getattr(args, "bank", None) or None).by_id)
