"""The question bank: Markdown decks -> cards, with file:line diagnostics (see questions/README.md)."""

from __future__ import annotations

from quizcnn.bank.load import Bank, default_bank, load
from quizcnn.bank.model import Choice, Claim, Diagnostic, NumericAnswer, Question, Variant


def check_answer(question, lang, answer_text, order=None):
    from quizcnn.bank.grade import check_answer as _check

    return _check(question, lang, answer_text, order=order)


__all__ = ["Bank", "Choice", "Claim", "Diagnostic", "NumericAnswer", "Question", "Variant",
           "check_answer", "default_bank", "load"]
