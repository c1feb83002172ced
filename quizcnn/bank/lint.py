"""The strict rules of ``quizcnn bank check --strict``: what a shipped card must also meet.

Each rule looks at merged cards (a card with its translations), so it runs after loading and
is not cached. The rules:

- ``translation``: an English card has a Chinese translation.
- ``key-points``: a ``basic`` card has a ``### Key points`` list in every language it has.
- ``gap-in-prompt``: a cloze gap's answer does not appear as a whole word (case-insensitive)
  elsewhere in the visible prompt (the prompt with the gaps blanked, their hints shown).
- ``long-answer``: a choice card's right option is at most twice as long as the median of its
  wrong options, in one language (length in characters, a wide CJK character counting 2).
- ``zh-unit``: a Chinese translation of a numeric card whose unit has Latin letters
  (``parameters``, ``times (per axis)``) has its own ``unit:``, so a Chinese drill does not show
  the English word. Units written the same way in Chinese (``MACs``, ``MB``) may be repeated as
  they are: the rule asks only that the field be there.

A card opts out of the last two with a metadata line naming the rule and a reason, e.g.
``lint: allow-long-answer (the right option must name both effects)``; the field is read by
``allowed`` and checked by ``check_field`` (which warns, in every run, about a field without a
reason or with an unknown rule: such a field opts out of nothing).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from quizcnn.bank.model import Diagnostic, Question, Variant

OPT_OUTS = ("allow-long-answer", "allow-gap-in-prompt")
LONG_FACTOR = 2
_FIELD_RE = re.compile(r"^(?P<rules>[^()]*?)\s*\((?P<reason>.*)\)\s*$", re.S)
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK}]")
# a letter or digit of a spaced script: what a whole word may not touch ('由stride决定' has
# 'stride' as a word; 'strides' does not)
_WORD = f"[^\\W{_CJK}]"


def _parse_field(value: str) -> tuple[list[str], str]:
    """``RULE[, RULE] (REASON)`` -> (rules, reason); reason '' when there is none."""
    m = _FIELD_RE.match(value.strip())
    rules_text, reason = (m.group("rules"), m.group("reason").strip()) if m else (value, "")
    rules = [r.strip().lower() for r in re.split(r"[,\s]+", rules_text) if r.strip()]
    return rules, reason


def allowed(value: str) -> tuple[str, ...]:
    """The opt-outs a ``lint:`` field grants: known rules, and only when a reason is given."""
    rules, reason = _parse_field(value)
    if not reason:
        return ()
    return tuple(r for r in dict.fromkeys(rules) if r in OPT_OUTS)


def check_field(value: str, line: int, add: Callable[[int, str, str, str], None]) -> None:
    """Warn about a ``lint:`` field that opts out of nothing or of an unknown rule."""
    from quizcnn.bank.validate import did_you_mean

    rules, reason = _parse_field(value)
    example = "e.g. 'lint: allow-long-answer (why the rule misfires here)'"
    if not rules:
        add(line, "warning", "'lint:' names no rule", f"rules: {', '.join(OPT_OUTS)}; {example}")
        return
    for r in rules:
        if r not in OPT_OUTS:
            add(line, "warning", f"unknown lint rule '{r[:40]}'",
                did_you_mean(r, OPT_OUTS) or f"rules: {', '.join(OPT_OUTS)}")
    if not reason:
        add(line, "warning", f"'lint: {', '.join(rules)[:60]}' gives no reason, so it opts out of nothing",
            f"say in parentheses why the rule misfires, {example}")


def median(values: list[int]) -> float:
    s = sorted(values)
    mid = len(s) // 2
    return float(s[mid]) if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


def display_width(text: str) -> int:
    """Characters, a wide (CJK) character counting 2."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _contains(text: str, answer: str) -> bool:
    """Whole-word, case-insensitive match; an answer in Chinese or Japanese script matches
    anywhere (those scripts put no spaces between words)."""
    needle = answer.strip()
    if not needle:
        return False
    if _CJK_RE.search(needle):
        return needle.casefold() in text.casefold()
    left = f"(?<!{_WORD})" if re.match(_WORD, needle[0]) else ""
    right = f"(?!{_WORD})" if re.match(_WORD, needle[-1]) else ""
    return re.search(left + re.escape(needle) + right, text, re.IGNORECASE) is not None


def _shape_twin(prompt: str, answer: str) -> bool:
    """A number gapped on one side of a square size and written on the other ('{{7}}x7',
    '7x{{7}}'): the blank shows its own answer."""
    a = answer.strip()
    if not re.fullmatch(r"\d+", a):
        return False
    gap = rf"\{{\{{\s*{a}\s*(?:\|[^}}]*)?\}}\}}"
    return re.search(rf"{gap}\s*[x×]\s*{a}(?!\d)|(?<![\d.]){a}\s*[x×]\s*{gap}", prompt) is not None


def visible_prompt(prompt: str) -> str:
    """The prompt as asked: every gap blanked, its hint shown."""
    from quizcnn.bank.cloze import fill_gaps

    return fill_gaps(prompt, lambda _i, _a, hint: f" {hint} " if hint else " ")


def _opted_out(q: Question) -> set[str]:
    return {r for v in q.variants.values() for r in v.lint_allow}


def _variants(q: Question) -> Iterable[Variant]:
    return (q.variants[lang] for lang in q.langs)


def strict(questions: Iterable[Question]) -> list[Diagnostic]:
    """Every strict rule on every card, as errors with file:line and a hint."""
    out: list[Diagnostic] = []
    for q in questions:
        allow = _opted_out(q)
        if q.lang == "en" and "zh" not in q.variants:
            out.append(Diagnostic(q.file, q.line, "error", f"'{q.id}' has no Chinese translation",
                                  "add a block with 'lang: zh' and 'translation_of: "
                                  f"{q.id}' (e.g. in questions/zh/{q.file.name})"))
        for v in _variants(q):
            if q.type == "basic" and not v.key_points:
                section = "### 要点" if v.lang == "zh" else "### Key points"
                out.append(Diagnostic(v.file, v.line, "error",
                                      f"'{q.id}' ({v.lang}) has no key points",
                                      f"add '{section}' after the answer: 3-6 list items, each one "
                                      "thing an interviewer listens for"))
            if q.type == "cloze" and "allow-gap-in-prompt" not in allow:
                out += _gap_problems(q, v)
            if q.type == "choice" and "allow-long-answer" not in allow:
                out += _length_problems(q, v)
            if q.type == "numeric" and v.lang == "zh" and v.lang != q.lang:
                out += _unit_problems(q, v)
    return out


_LATIN_RE = re.compile("[A-Za-z]")


def _unit_problems(q: Question, v: Variant) -> list[Diagnostic]:
    unit = q.numeric.unit if q.numeric is not None else None
    if v.unit or not unit or not _LATIN_RE.search(unit):
        return []
    return [Diagnostic(v.file, v.line, "error",
                       f"'{q.id}' (zh) has no 'unit:', so a Chinese drill shows the English "
                       f"unit '{unit[:40]}'",
                       "add e.g. 'unit: 个参数' after 'type:'; a unit written the same in "
                       "Chinese (MACs, MB) may be repeated as it is")]


def _gap_problems(q: Question, v: Variant) -> list[Diagnostic]:
    shown = visible_prompt(v.prompt)
    out = []
    for i, answer in enumerate(v.gaps, 1):
        if _contains(shown, answer) or _shape_twin(v.prompt, answer):
            out.append(Diagnostic(v.file, v.line, "error",
                                  f"'{q.id}' ({v.lang}): the answer of gap {i} ('{answer[:40]}') "
                                  "appears in the prompt",
                                  "reword the prompt or gap something else; or add "
                                  "'lint: allow-gap-in-prompt (why)'"))
    return out


def _length_problems(q: Question, v: Variant) -> list[Diagnostic]:
    wrong = [display_width(c.text.strip()) for c in v.choices if not c.correct]
    if not wrong:
        return []
    limit = LONG_FACTOR * median(wrong)
    out = []
    for i, c in enumerate(v.choices, 1):
        width = display_width(c.text.strip())
        if c.correct and width > limit:
            out.append(Diagnostic(v.file, v.line, "error",
                                  f"'{q.id}' ({v.lang}): right option {i} is {width} characters long, "
                                  f"more than {LONG_FACTOR}x the wrong options' median ({median(wrong):g})",
                                  "shorten it or make the wrong options as specific; or add "
                                  "'lint: allow-long-answer (why)'"))
    return out
