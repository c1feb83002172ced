"""A card whose own block has an error is not studied (its answer key may be wrong)."""

from __future__ import annotations

from quizcnn.bank import load

DECK = """\
## A good one
id: good-one
type: numeric
topic: t
answer: 9408
check: Conv2d(3, 64, 7, stride=2, padding=3, bias=False) @ 3x224x224: params = 9408

Parameters of the ResNet stem convolution?

## No correct option
id: no-correct
type: choice
topic: t

Pick one.

### Choices
- [ ] a
- [ ] b

## A false claim
id: false-claim
type: numeric
topic: t
answer: 9000
check: Conv2d(3, 64, 7, stride=2, padding=3, bias=False) @ 3x224x224: params = 9000

Parameters?
"""


def test_cards_with_errors_are_left_out(tmp_path):
    (tmp_path / "deck.md").write_text(DECK)
    bank = load([tmp_path], user_bank=False)
    assert [q.id for q in bank.questions] == ["good-one"]
    assert sorted(bank.excluded) == ["false-claim", "no-correct"]
    messages = " ".join(d.message for d in bank.errors)
    assert "claim is false" in messages and "9408" in messages
