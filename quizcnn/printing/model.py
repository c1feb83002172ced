"""What a printed practice set holds, independent of the output format."""

from __future__ import annotations

from dataclasses import dataclass, field

LANGS = ("en", "zh")


@dataclass(frozen=True)
class Step:
    title: str
    formula: str = ""
    substitution: str = ""
    result: str = ""


@dataclass(frozen=True)
class Text2:
    """One piece of Markdown text in each language it exists in."""

    by_lang: dict[str, str] = field(default_factory=dict)

    def get(self, lang: str) -> str:
        if lang in self.by_lang:
            return self.by_lang[lang]
        for other in LANGS:
            if other in self.by_lang:
                return self.by_lang[other]
        return ""

    def __bool__(self) -> bool:
        return any(v.strip() for v in self.by_lang.values())


@dataclass(frozen=True)
class Item:
    """One numbered problem of a set, with its key entry."""

    ref: str  # a bank id, or "template/difficulty/seed" for generated problems
    kind: str  # basic | cloze | choice | numeric | generated
    prompt: Text2
    answer: Text2
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lang -> shown order
    steps: dict[str, tuple[Step, ...]] = field(default_factory=dict)
    explanation: Text2 = field(default_factory=Text2)
    space_lines: int = 6  # room to work, in lines
    key_points: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lang -> its own list

    def points(self, lang: str) -> tuple[str, ...]:
        """The key points printed with ``lang``'s answer: that language's own list when the
        item has text in it; otherwise those of the language its text falls back to."""
        if lang in self.prompt.by_lang:
            return self.key_points.get(lang, ())
        for other in LANGS:
            if other in self.prompt.by_lang:
                return self.key_points.get(other, ())
        return ()


@dataclass(frozen=True)
class PracticeSet:
    title: str  # "" for the default title in the set's language (printing.labels.title)
    date: str
    seed: int
    version: str  # "A", "B", ...
    lang: str  # en | zh | both
    items: tuple[Item, ...]
    paper: str = "a4"

    @property
    def langs(self) -> tuple[str, ...]:
        return LANGS if self.lang == "both" else (self.lang,)


def choice_letter(i: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i] if i < 26 else str(i + 1)
