"""A drill process for the reliability tests: plain drill over fake basic cards, stdin -> stdout.

python drill_child.py DB N [TOPIC]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import fakebank as fb

from quizcnn.drill_plain import PlainDrill
from quizcnn.store import StoreError, open_store


def main() -> int:
    db, n = sys.argv[1], int(sys.argv[2])
    topic = sys.argv[3] if len(sys.argv) > 3 else None
    qs = [fb.basic(f"{t}{i:04d}", topic=t) for t in ("a", "b") for i in range(n)]
    try:
        with open_store(db) as store:
            PlainDrill(
                store,
                qs,
                stdin=sys.stdin,
                stdout=sys.stdout,
                topics=[topic] if topic else None,
            ).run()
    except StoreError as e:
        print(f"quizcnn drill: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
