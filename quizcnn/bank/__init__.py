"""The question bank: Markdown decks -> cards, with file:line diagnostics (see questions/README.md)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from quizcnn.bank.load import Bank, default_bank, load
from quizcnn.bank.model import Choice, Claim, Diagnostic, NumericAnswer, Question, Variant

if TYPE_CHECKING:
    from quizcnn.bank.grade import Verdict


def check_answer(question: Question, lang: str, answer_text: str | Sequence[str] | Sequence[int],
                 order: Sequence[int] | None = None) -> Verdict:
    from quizcnn.bank.grade import check_answer as _check

    return _check(question, lang, answer_text, order=order)


__all__ = ["Bank", "Choice", "Claim", "Diagnostic", "NumericAnswer", "Question", "Variant",
           "check_answer", "default_bank", "load"]
