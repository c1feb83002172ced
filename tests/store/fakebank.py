"""Small stand-ins for bank Questions (the drill tests must not depend on the shipped bank)."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from types import SimpleNamespace


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool


@dataclass(frozen=True)
class Variant:
    lang: str = "en"
    title: str = "A card"
    prompt: str = "What?"
    answer: str | None = None
    explanation: str | None = None
    hints: tuple[str, ...] = ()
    choices: tuple[Choice, ...] = ()
    gaps: tuple[str, ...] = ()
    file: Path = Path("deck.md")
    line: int = 1


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    topic: str = "conv"
    tags: tuple[str, ...] = ()
    difficulty: int = 1
    template: str | None = None
    numeric: object = None
    variants: dict = field(default_factory=dict, hash=False)

    def text(self, lang="en"):
        return self.variants.get(lang) or next(iter(self.variants.values()))

    def unit(self, lang="en"):
        own = getattr(self.variants.get(lang), "unit", None)
        return own or getattr(self.numeric, "unit", None)


def basic(qid, prompt="Define stride.", answer="The step of the window.", **kw):
    return Question(qid, "basic", variants={"en": Variant(prompt=prompt, answer=answer)}, **kw)


def numeric(qid, value, prompt="How many?", **kw):
    num = SimpleNamespace(
        value=Fraction(value), tolerance=0.0, relative=False, unit=None, text=str(value)
    )
    hints = kw.pop("hints", ())
    return Question(
        qid, "numeric", numeric=num, variants={"en": Variant(prompt=prompt, hints=hints)}, **kw
    )


def choice(qid, options, **kw):
    chs = tuple(Choice(t, c) for t, c in options)
    return Question(qid, "choice", variants={"en": Variant(prompt="Pick.", choices=chs)}, **kw)


def generated(qid, template="conv-output-size", **kw):
    return Question(qid, "generated", template=template, variants={"en": Variant(prompt="")}, **kw)


def check_answer(q, lang, text, order=None):
    """A tiny grader for numeric fakes (exact integers); choice goes to the real bank grader."""
    if q.type == "choice":
        from quizcnn.bank import check_answer as real

        return real(q, lang, text, order=order)
    try:
        value = Fraction(text.strip())
    except ValueError:
        return SimpleNamespace(
            correct=False,
            error=f"not a number: {text!r}",
            expected="",
            misconception=None,
            detail=None,
        )
    return SimpleNamespace(
        correct=value == q.numeric.value,
        error=None,
        expected=str(q.numeric.value),
        misconception=None,
        detail=None,
    )
