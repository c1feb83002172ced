"""Grading answers to bank questions (numeric, choice, cloze); basic cards are self-graded."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from quizcnn.bank.model import Question
from quizcnn.bank.numbers import grouped, parse_number, read_number


@dataclass(frozen=True)
class Verdict:
    """``error`` is set when the answer could not be read at all (not a number, no option,
    too few gaps): the drills ask again and record nothing; ``error_zh`` says it in Chinese."""

    correct: bool
    expected: str
    detail: str | dict[str, str] = ""  # {lang: text} when the grader says why in each language
    parts: tuple[bool, ...] = ()
    error: str | None = None
    misconception: str | None = None
    error_zh: str | None = None


def _both(key: str, **fmt: object) -> dict[str, str]:
    """A grader's remark in each language (the drills pick the one they speak)."""
    from quizcnn.messages import LANGS, t

    return {lang: t(key, lang, **fmt) for lang in LANGS}


def check_numeric(question: Question, text: str, lang: str = "en") -> Verdict:
    """``lang``: the language the card was shown in (its unit is that translation's own when it
    has one; a typed unit word in either language is accepted)."""
    ans = question.numeric
    if ans is None:
        raise ValueError(f"question '{question.id}' has no numeric answer")
    unit = question.unit(lang)
    expected = grouped(ans.text or str(ans.value))
    if unit:
        expected += f" {unit}"
    from quizcnn.problems.answers import AnswerError

    try:
        got = read_number(text, (unit, ans.unit))
    except AnswerError as e:
        return Verdict(False, expected, str(e), error=str(e), error_zh=e.zh)
    diff = abs(got - ans.value)
    if ans.relative:
        ok = diff <= Fraction(ans.tolerance) * abs(ans.value)
    else:
        ok = diff <= Fraction(ans.tolerance)
    off = f"{float(got - ans.value):+g}"
    return Verdict(ok, expected, "" if ok else _both("grade_off_by", diff=off))


def check_choice(question: Question, lang: str, selected: Sequence[int]) -> bool:
    """``selected``: indices (0-based) in the question's original option order."""
    choices = question.text(lang).choices
    want = {i for i, c in enumerate(choices) if c.correct}
    return set(selected) == want


def parse_selection(text: str, n: int) -> list[int] | None:
    """"1,3" / "1 3" / "a c" / "ac" -> 0-based positions, or None if unreadable."""
    s = unicodedata.normalize("NFKC", text).strip().lower()
    if not s:
        return []
    tokens = re.split(r"[\s,;/]+", s)
    if len(tokens) == 1 and tokens[0].isalpha() and len(tokens[0]) > 1:
        tokens = list(tokens[0])
    out: list[int] = []
    for tok in tokens:
        if not tok:
            continue
        if tok.isdigit():
            i = int(tok) - 1
        elif len(tok) == 1 and "a" <= tok <= "z":
            i = ord(tok) - ord("a")
        else:
            return None
        if not 0 <= i < n:
            return None
        out.append(i)
    return sorted(set(out))


def normalise(text: str) -> str:
    """Case-, width- and whitespace-insensitive form for comparing cloze answers."""
    s = unicodedata.normalize("NFKC", text).casefold()
    for a, b in (("−", "-"), ("×", "x"), ("·", "*"), ("⋅", "*"), ("$", ""), ("，", ","), ("。", "")):
        s = s.replace(a, b)
    s = "".join(s.split())
    return s.rstrip(".")


def gap_matches(expected: str, given: str) -> bool:
    from quizcnn.mathtext import to_unicode

    g = normalise(given)
    if not g:
        return False
    if g in (normalise(expected), normalise(to_unicode(expected))):
        return True
    a, b = parse_number(expected), parse_number(given)
    return a is not None and b is not None and a == b


def read_gaps(text: str | Sequence[str], n: int) -> list[str]:
    """The answers typed for a cloze of ``n`` gaps, one per gap: the one reader of the live
    preview and the grader. Several gaps are separated by ``;`` (full-width ``；`` too) or
    new lines; one gap takes the whole text. Too few or too many answers, or an empty one,
    raise AnswerError saying so (asked again, never graded)."""
    from quizcnn.problems.answers import AnswerError  # loaded when an answer is read

    if isinstance(text, str):
        s = text.replace("\uff1b", ";").strip()
        parts = [s] if n == 1 else [p.strip() for p in re.split(r"[;\n]", s)]
        if n > 1 and parts and parts[-1] == "" and len(parts) == n + 1:
            parts.pop()  # a trailing separator
    else:
        parts = [str(p).strip() for p in text]
    filled = sum(1 for p in parts if p)
    if len(parts) == n and filled == n:
        return parts
    if n == 1:
        raise AnswerError("the gap is empty", "空格没有填写")
    if len(parts) > n:
        raise AnswerError(f"{len(parts)} answers for {n} gaps: separate the {n} answers with ;",
                          f"{n} 个空格却有 {len(parts)} 个答案：请用 ; 分隔 {n} 个答案")
    tip = ", with ; between them" if len(parts) == 1 and "," in parts[0] else ""
    tip_zh = "，用 ; 分隔" if tip else ""
    raise AnswerError(
        f"{filled} of {n} gaps filled: give all {n}{tip} (Enter on an empty line shows the answer)",
        f"{n} 个空格只填了 {filled} 个：请全部填写{tip_zh}（空行回车显示答案）",
    )


def check_cloze(question: Question, lang: str, answers: Sequence[str] | str) -> Verdict:
    gaps = question.text(lang).gaps
    expected = "; ".join(grouped(g) for g in gaps)
    from quizcnn.problems.answers import AnswerError

    try:
        given = read_gaps(answers, len(gaps))
    except AnswerError as e:
        return Verdict(False, expected, str(e), error=str(e), error_zh=e.zh)
    parts = tuple(gap_matches(exp, got) for exp, got in zip(gaps, given, strict=True))
    return Verdict(all(parts), expected,
                   _both("grade_gaps_right", right=sum(parts), gaps=len(gaps)), parts)


def check_answer(question: Question, lang: str, answer: str | Sequence[str] | Sequence[int], order: Sequence[int] | None = None) -> Verdict:
    """Grade an answer typed by the user.

    numeric: text; cloze: one string per gap (or one string, gaps split by ';');
    choice: text like "1,3" or "a c" naming options as displayed, where ``order[i]`` is the
    original index of the option shown at position i (None: shown in original order).
    basic and generated cards are not graded here (ValueError).
    """
    if question.type == "numeric":
        return check_numeric(question, str(answer), lang)
    if question.type == "cloze":
        return check_cloze(question, lang,
                           answer if isinstance(answer, str) else [str(a) for a in answer])
    if question.type == "choice":
        choices = question.text(lang).choices
        shown_order = list(order) if order is not None else list(range(len(choices)))
        expected = ", ".join(str(i + 1) for i, k in enumerate(shown_order) if choices[k].correct)
        if isinstance(answer, str):
            shown = parse_selection(answer, len(choices))
            if shown is None:
                why = f"'{answer.strip()[:40]}' names no option"
                return Verdict(False, expected, why, error=why)
        else:
            shown = [int(i) for i in answer]  # option positions
        original = [order[i] for i in shown] if order is not None else shown
        return Verdict(check_choice(question, lang, original), expected)
    raise ValueError(f"'{question.type}' questions are not graded by the bank")
