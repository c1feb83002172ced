"""Draw the reproducible sample of new cards for the expert read of issue 21.

Loads the shipped bank with quizcnn's own loader (no user bank, no cache), keeps the English
cards of the eleven decks issue 21 added, sorts them by id and draws 40 with a fixed seed:

    python tools/draw_audit_sample.py            # seed 2026, 40 cards
    python tools/draw_audit_sample.py --seed 7 --n 10
    python tools/draw_audit_sample.py --bank /tmp/q-8f1bd3b/questions   # an older bank

Sorting by id first makes the draw independent of file order; adding cards to a deck changes
the draw, so the report quotes the seed, the commit and the list it got. The first read
(issue 21) drew from main at 8f1bd3b (191 English cards); to redraw it:
`git archive 8f1bd3b questions data/architectures | tar -x -C /tmp/q-8f1bd3b` (the
architecture files too: a card whose `check: file` claim cannot be verified is left out of the
bank, which would shrink the pool) and pass /tmp/q-8f1bd3b/questions as --bank.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from quizcnn.bank.load import load

NEW_TOPICS = (
    "activations", "famous-networks", "normalization", "modern-blocks", "initialization",
    "conv-implementation", "cnn-vs-attention", "efficiency", "regularization",
    "detection-segmentation", "other-convolutions",
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--bank", type=Path, help="questions folder to draw from (default: shipped)")
    args = ap.parse_args()
    paths = [args.bank] if args.bank else None
    bank = load(paths, user_bank=False, cache=False)
    pool = sorted((q for q in bank.questions if q.topic in NEW_TOPICS and "en" in q.variants),
                  key=lambda q: q.id)
    sample = random.Random(args.seed).sample(pool, args.n)
    print(f"# seed {args.seed}: {args.n} of {len(pool)} English cards in {len(NEW_TOPICS)} decks")
    for q in sample:
        print(f"{q.id}\t{q.topic}\t{q.type}")


if __name__ == "__main__":
    main()
