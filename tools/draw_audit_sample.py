"""Draw the reproducible sample of new cards for the expert read of issue 21.

Loads the shipped bank with quizcnn's own loader (no user bank, no cache), keeps the English
cards of the eleven decks issue 21 added, sorts them by id and draws 40 with a fixed seed:

    python tools/draw_audit_sample.py            # seed 2026, 40 cards
    python tools/draw_audit_sample.py --seed 7 --n 10

Sorting by id first makes the draw independent of file order; adding cards to a deck changes
the draw, so the report quotes the seed and the list it got.
"""

from __future__ import annotations

import argparse
import random

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
    args = ap.parse_args()
    bank = load(user_bank=False, cache=False)
    pool = sorted((q for q in bank.questions if q.topic in NEW_TOPICS and "en" in q.variants),
                  key=lambda q: q.id)
    sample = random.Random(args.seed).sample(pool, args.n)
    print(f"# seed {args.seed}: {args.n} of {len(pool)} English cards in {len(NEW_TOPICS)} decks")
    for q in sample:
        print(f"{q.id}\t{q.topic}\t{q.type}")


if __name__ == "__main__":
    main()
