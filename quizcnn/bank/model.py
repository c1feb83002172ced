"""The bank's data: diagnostics, raw blocks (one per ``##`` heading) and merged cards."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from fractions import Fraction
from pathlib import Path
from typing import Any

TYPES = ("basic", "cloze", "choice", "numeric", "generated")
LANGS = ("en", "zh")


@dataclass(frozen=True, slots=True)
class Diagnostic:
    file: Path
    line: int
    severity: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        tail = f" ({self.hint})" if self.hint else ""
        return f"{self.file}:{self.line}: {self.severity}: {self.message}{tail}"

    def to_dict(self) -> dict[str, Any]:
        return {"file": str(self.file), "line": self.line, "severity": self.severity,
                "message": self.message, "hint": self.hint}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Diagnostic:
        return cls(Path(d["file"]), int(d["line"]), d["severity"], d["message"], d["hint"])


@dataclass(frozen=True, slots=True)
class Choice:
    text: str
    correct: bool


@dataclass(frozen=True, slots=True)
class NumericAnswer:
    value: Fraction
    tolerance: float = 0.0
    relative: bool = False
    unit: str | None = None
    text: str = ""  # the answer as written


@dataclass(frozen=True, slots=True)
class Claim:
    text: str
    file: Path
    line: int


@dataclass(frozen=True, slots=True)
class Variant:
    """The text of one card in one language (Markdown source; math left as $...$)."""

    lang: str
    title: str
    prompt: str
    answer: str | None
    explanation: str | None
    hints: tuple[str, ...]
    choices: tuple[Choice, ...]
    gaps: tuple[str, ...]
    file: Path
    line: int
    # '### Key points' ('### 要点'): what an interviewer listens for, this language's own list
    key_points: tuple[str, ...] = ()
    lint_allow: tuple[str, ...] = ()  # strict rules opted out of ('lint:' with a reason)
    unit: str | None = None  # this language's own 'unit:' (numeric); None: the card's


@dataclass(frozen=True, slots=True)
class Question:
    """One card: its metadata plus its text in every language it has."""

    id: str
    type: str
    topic: str
    tags: tuple[str, ...]
    difficulty: int
    source: str | None
    file: Path
    line: int
    origin: str
    template: str | None
    numeric: NumericAnswer | None
    checks: tuple[Claim, ...]
    variants: dict[str, Variant] = field(hash=False)
    lang: str = "en"  # the language the card was written in first
    # 'follow_up:' the card id or problem template a mock interview asks next (None: any
    # template of the same topic); checked by assemble (an unknown target is an error)
    follow_up: str | None = None

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(sorted(self.variants, key=lambda x: (x != self.lang, x)))

    def text(self, lang: str = "en") -> Variant:
        if lang in self.variants:
            return self.variants[lang]
        if self.lang in self.variants:
            return self.variants[self.lang]
        return next(iter(self.variants.values()))

    def unit(self, lang: str = "en") -> str | None:
        """A numeric card's unit as shown in ``lang``: the translation's own 'unit:' when it
        has one, else the card's (None: no unit, or not a numeric card)."""
        v = self.variants.get(lang)
        if v is not None and v.unit:
            return v.unit
        return self.numeric.unit if self.numeric is not None else None

    @property
    def title(self) -> str:
        return self.text(self.lang).title


@dataclass(slots=True)
class Block:
    """One ``##`` block as parsed from a file, before cards are merged (cacheable as JSON)."""

    file: str
    line: int
    title: str
    meta: dict[str, str]
    meta_lines: dict[str, int]
    checks: list[list[Any]] = field(default_factory=list)  # [text, line]
    prompt: str = ""
    answer: str | None = None
    explanation: str | None = None
    hints: list[str] = field(default_factory=list)
    key_points: list[str] = field(default_factory=list)
    choices: list[list[Any]] = field(default_factory=list)  # [text, correct]
    gaps: list[str] = field(default_factory=list)
    has_id: bool = True
    id: str = ""
    section_lines: dict[str, int] = field(default_factory=dict)
    has_choices_section: bool = False
    # derived from meta once, at parse time
    type: str = ""
    lang: str = "en"
    tags: list[str] = field(default_factory=list)
    difficulty: int = 2
    numeric: list[Any] | None = None  # [numerator, denominator, tolerance, relative, unit, text]

    def to_row(self) -> list[Any]:
        """All fields but ``file``, in order (the cache's compact JSON form)."""
        return [getattr(self, name) for name in ROW_FIELDS]

    @classmethod
    def from_row(cls, file: str, row: list[Any]) -> Block:
        return cls(file, *row)

    def mline(self, key: str) -> int:
        return self.meta_lines.get(key, self.line)


ROW_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Block))[1:]
