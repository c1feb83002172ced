"""``quizcnn stats``: reviews per day, true retention, mastery per topic, forecast, streak."""

from __future__ import annotations

import argparse
import sys


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "stats",
        help="show study statistics",
        description="Reviews per day, true retention (30 days), mastery per topic, "
        "the due forecast for 30 days and your streak.",
    )
    p.add_argument("--json", action="store_true", help="print the numbers as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from quizcnn.store import StoreError, open_store
    from quizcnn.store.stats import compute_stats, render

    try:
        with open_store(args.db) as store:
            stats = compute_stats(store)
    except StoreError as e:
        print(f"quizcnn stats: {e}", file=sys.stderr)
        return 1
    if args.json:
        import json
        from dataclasses import asdict

        print(json.dumps(asdict(stats), default=str, indent=1))
    else:
        print(render(stats))
    return 0
