"""Merging raw blocks from every deck into cards: ids (duplicates, overrides of shipped
questions), translations joined to their questions, unknown templates reported."""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from pathlib import Path

from quizcnn.bank.lint import allowed
from quizcnn.bank.model import Block, Choice, Claim, Diagnostic, NumericAnswer, Question, Variant
from quizcnn.bank.translations import translation_problems
from quizcnn.bank.validate import did_you_mean


def template_ids() -> tuple[str, ...]:
    """The problem template ids a ``generated`` question may name."""
    from quizcnn.problems.registry import TEMPLATE_IDS

    return TEMPLATE_IDS


@lru_cache(maxsize=4096)
def path_of(name: str) -> Path:
    return Path(name)


def _variant(b: Block) -> Variant:
    return Variant(lang=b.lang, title=b.title, prompt=b.prompt, answer=b.answer,
                   explanation=b.explanation, hints=tuple(b.hints),
                   choices=tuple(Choice(t, bool(c)) for t, c in b.choices), gaps=tuple(b.gaps),
                   file=path_of(b.file), line=b.line, key_points=tuple(b.key_points),
                   lint_allow=allowed(b.meta["lint"]) if "lint" in b.meta else (),
                   unit=b.meta.get("unit", "").strip() or None)


def _numeric(b: Block) -> NumericAnswer | None:
    if not b.numeric:
        return None
    num, den, tolerance, relative, unit, text = b.numeric
    return NumericAnswer(value=Fraction(num, den), tolerance=tolerance, relative=relative,
                         unit=unit, text=text)


def _card(b: Block, origin: str, translations: dict[str, Block]) -> Question:
    variants = {b.lang: _variant(b)}
    for lang, tb in translations.items():
        variants[lang] = _variant(tb)
    claims = [Claim(t, path_of(b.file), line) for t, line in b.checks]
    for tb in translations.values():
        claims += [Claim(t, path_of(tb.file), line) for t, line in tb.checks]
    meta = b.meta
    return Question(
        id=b.id, type=b.type, topic=meta.get("topic", "").strip() or "general", tags=tuple(b.tags),
        difficulty=b.difficulty, source=meta.get("source", "").strip() or None,
        file=path_of(b.file), line=b.line, origin=origin,
        template=meta.get("template", "").strip() or None if b.type == "generated" else None,
        numeric=_numeric(b) if b.type == "numeric" else None, checks=tuple(claims),
        variants=variants, lang=b.lang, follow_up=meta.get("follow_up", "").strip() or None,
    )


def _where(b: Block) -> str:
    return f"{b.file}:{b.line}"


def assemble(entries: list[tuple[Block, str]], diags: list[Diagnostic]) -> list[Question]:
    cards: dict[str, tuple[Block, str]] = {}
    overridden: set[str] = set()
    pending: list[tuple[Block, str]] = []
    suffix: dict[str, int] = {}
    for b, origin in entries:
        if b.meta.get("translation_of", "").strip():
            pending.append((b, origin))
            continue
        if not b.has_id and b.id in cards:
            # The next free suffix per slug, kept between blocks: a file of 100,000 headings
            # with the same title takes linear time, not quadratic.
            n = suffix.get(b.id, 2)
            while f"{b.id}-{n}" in cards:
                n += 1
            suffix[b.id] = n + 1
            b.id = f"{b.id}-{n}"
        prev = cards.get(b.id)
        if prev is None:
            cards[b.id] = (b, origin)
        elif prev[1] == "shipped" and origin != "shipped" and b.id not in overridden:
            diags.append(Diagnostic(Path(b.file), b.mline("id"), "info",
                                    f"'{b.id}' overrides the shipped question at {_where(prev[0])}",
                                    "this is how you adapt a shipped question"))
            cards[b.id] = (b, origin)
            overridden.add(b.id)
        else:
            diags.append(Diagnostic(Path(b.file), b.mline("id"), "error",
                                    f"duplicate id '{b.id}': also at {_where(prev[0])}",
                                    "give one of them another id"))
    trans: dict[tuple[str, str], tuple[Block, str]] = {}
    for tb, origin in pending:
        tid = tb.meta["translation_of"].strip()
        target = cards.get(tid)
        if target is None:
            diags.append(Diagnostic(Path(tb.file), tb.mline("translation_of"), "error",
                                    f"translation_of '{tid}' matches no question",
                                    did_you_mean(tid, cards) or "use the id of the question it translates"))
            continue
        stale = tid in overridden and origin == "shipped" and target[1] != "shipped"
        problems = translation_problems(tb, target[0])
        if problems:
            for line, msg, hint in problems:
                if stale:
                    diags.append(Diagnostic(Path(tb.file), line, "info",
                                            f"shipped translation not used with your version of '{tid}': {msg}", hint))
                else:
                    diags.append(Diagnostic(Path(tb.file), line, "error", msg, hint))
            continue
        key = (tid, tb.lang)
        if key in trans:
            other, other_origin = trans[key]
            if other_origin == "shipped" and origin != "shipped":
                trans[key] = (tb, origin)
                continue
            diags.append(Diagnostic(Path(tb.file), tb.line, "error",
                                    f"a second '{tb.lang}' translation of '{tid}': the first is at {_where(other)}",
                                    "keep one of them"))
            continue
        trans[key] = (tb, origin)
    by_target: dict[str, dict[str, Block]] = {}
    for (tid, lang), (tb, _o) in trans.items():
        by_target.setdefault(tid, {})[lang] = tb
    known_templates = template_ids()
    _check_follow_ups(cards, pending, known_templates, diags)
    questions = []
    for qid, (b, origin) in cards.items():
        if b.type == "generated":
            tmpl = b.meta.get("template", "").strip()
            if tmpl and tmpl not in known_templates:
                diags.append(Diagnostic(Path(b.file), b.mline("template"), "error",
                                        f"unknown problem template '{tmpl}'",
                                        did_you_mean(tmpl, known_templates) or "see 'quizcnn generate --list'"))
        if b.type not in ("basic", "cloze", "choice", "numeric", "generated"):
            continue  # already reported; a card of unknown type cannot be studied
        if b.type == "numeric" and _numeric(b) is None:
            continue
        questions.append(_card(b, origin, by_target.get(qid, {})))
    return questions


FOLLOW_UP_TYPES = ("basic", "numeric", "generated")


def _check_follow_ups(cards: dict[str, tuple[Block, str]], translations: list[tuple[Block, str]],
                      templates: tuple[str, ...], diags: list[Diagnostic]) -> None:
    """``follow_up:`` names a card (basic, numeric or generated; not the card itself) or a
    problem template; anything else is an error at its line. A translation's is ignored."""
    for tb, _origin in translations:
        if "follow_up" in tb.meta:
            diags.append(Diagnostic(Path(tb.file), tb.mline("follow_up"), "warning",
                                    "follow_up on a translation is not used",
                                    "write it on the original question"))
    for qid, (b, _origin) in cards.items():
        if "follow_up" not in b.meta:
            continue
        target = b.meta["follow_up"].strip()
        line = b.mline("follow_up")
        if not target:
            diags.append(Diagnostic(Path(b.file), line, "error", "follow_up names nothing",
                                    "a card id or a problem template id"))
        elif target == qid:
            diags.append(Diagnostic(Path(b.file), line, "error",
                                    f"follow_up '{target}' is the question itself",
                                    "name another card or a template"))
        elif target in cards:
            ttype = cards[target][0].type
            if ttype not in FOLLOW_UP_TYPES:
                diags.append(Diagnostic(Path(b.file), line, "error",
                                        f"follow_up '{target}' is a {ttype} card",
                                        "a follow-up is a basic, numeric or generated card, "
                                        "or a problem template"))
        elif target not in templates:
            diags.append(Diagnostic(Path(b.file), line, "error",
                                    f"follow_up '{target[:60]}' is neither a card nor a template",
                                    did_you_mean(target, [*cards, *templates])
                                    or "a card id, or a template from 'quizcnn generate --list'"))
