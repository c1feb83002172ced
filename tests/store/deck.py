"""Write small decks in the bank's Markdown format for the end-to-end drill tests."""

from __future__ import annotations

from pathlib import Path


def basic_deck(folder: Path, topic: str, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    parts = [f"---\ntopic: {topic}\n---\n"]
    for i in range(n):
        parts.append(
            f"## Card {i}\nid: {topic}-{i:04d}\ntype: basic\n\nWhat is fact {i}?\n\n"
            f"### Answer\nFact {i} is itself.\n"
        )
    path = folder / f"{topic}.md"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


MIXED = """---
topic: store-e2e
---

## Parameters of a 3x3 conv
id: e2e-numeric
type: numeric
answer: 1792
unit: parameters

How many parameters does `Conv2d(3, 64, 3)` have (with bias)?

### Hints
- 64 filters of 3 x 3 x 3 weights, plus one bias each.

### Explanation
64 * 27 + 64 = 1792.

## Which layers have no weights?
id: e2e-choice
type: choice

Which of these have no learnable parameters?

### Choices
- [x] MaxPool2d
- [ ] Conv2d
- [x] ReLU

## Output size
id: e2e-cloze
type: cloze

With stride 1 and no padding, a 3x3 kernel on a 5x5 input gives a {{3}}x3 output.
"""


def mixed_deck(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "store-e2e.md"
    path.write_text(MIXED, encoding="utf-8")
    return path
