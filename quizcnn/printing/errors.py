"""Why a set was not printed, said in the language of whoever reads it.

A :class:`PrintingError` holds a message key of ``quizcnn.messages.printing`` and what it
names, so ``quizcnn print`` says it in the command line's language; ``str()`` is English.
A field may itself be a :class:`Phrase` or :class:`Phrases` (a list of smaller messages),
said in the same language.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Phrase:
    """One message, said in the reader's language."""

    key: str

    def text(self, lang: str) -> str:
        from quizcnn.messages import t

        return t(self.key, lang)


@dataclass(frozen=True)
class Phrases:
    """Messages joined by the language's list separator; ``empty`` (a key) when there are none."""

    parts: tuple[tuple[str, dict[str, object]], ...]
    empty: str

    def text(self, lang: str) -> str:
        from quizcnn.messages import t

        if not self.parts:
            return t(self.empty, lang)
        return t("print_what_sep", lang).join(t(key, lang, **fields) for key, fields in self.parts)


class PrintingError(Exception):
    """``key`` names a message in ``quizcnn.messages.printing``; ``fields`` fill it."""

    def __init__(self, key: str, **fields: object) -> None:
        self.key = key
        self.fields = fields
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        from quizcnn.messages import t

        said = {k: v.text(lang) if isinstance(v, Phrase | Phrases) else v for k, v in self.fields.items()}
        return t(self.key, lang, **said)
