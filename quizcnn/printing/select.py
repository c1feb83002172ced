"""Choose what goes into a practice set and turn it into printable items.

Everything random is drawn from generators seeded by strings like ``"42/B/3"``, so the
same arguments give the same set on every machine, and version B differs from version A
only in its random draws (problem numbers, option order), not in what is asked.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from quizcnn.printing.errors import Phrase, Phrases, PrintingError
from quizcnn.printing.model import LANGS, Item, PracticeSet, Step, Text2, choice_letter

if TYPE_CHECKING:
    from quizcnn.bank.load import Bank
    from quizcnn.bank.model import Question


class SelectionError(PrintingError, ValueError):
    """The filters match nothing, or ask for something impossible."""


@dataclass(frozen=True)
class Request:
    topics: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    templates: tuple[str, ...] = ()
    difficulty: int | None = None
    count: int = 10
    seed: int = 1
    versions: int = 1
    lang: str = "en"
    mix: str = "both"  # generated | bank | both
    title: str = ""  # "" for "CNN practice set" in the set's language
    date: str = "2000-01-01"
    paper: str = "a4"
    due_ids: tuple[str, ...] | None = None  # --due: the bank ids the schedule says are due
    extra: dict[str, object] = field(default_factory=dict)


def version_label(i: int) -> str:
    return choice_letter(i)


def derived_seed(*parts: object) -> int:
    digest = hashlib.sha256("/".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:4], "big")


# ---- picking ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """One numbered place in the set: a bank question, or a template at a difficulty."""

    question: Question | None = None
    template: str | None = None
    difficulty: int = 1


def plan(req: Request, bank: Bank | None) -> list[Slot]:
    """The slots shared by every version of the set."""
    rng = random.Random(f"plan/{req.seed}")
    bank_pool: list[Question] = []
    gen_pool: list[Slot] = []
    if req.mix in ("bank", "both"):
        bank_pool = _bank_pool(req, bank)
    if req.mix in ("generated", "both"):
        gen_pool = _template_pool(req, bank)
    if req.due_ids is not None:
        due = set(req.due_ids)
        bank_pool = [q for q in bank_pool if q.id in due]
        gen_pool = [s for s in gen_pool if s.question is not None and s.question.id in due]
    if not bank_pool and not gen_pool:
        raise SelectionError("print_nothing", what=_nothing_matched(req),
                             mix=Phrase(f"print_mix_{req.mix}"))
    rng.shuffle(bank_pool)
    rng.shuffle(gen_pool)
    slots: list[Slot] = []
    if req.mix == "both" and bank_pool and gen_pool:
        want_gen = req.count // 2
        want_bank = req.count - want_gen
        picked_bank = bank_pool[:want_bank]
        picked_gen = _cycle(gen_pool, req.count - len(picked_bank))
        slots = [Slot(question=q) for q in picked_bank] + picked_gen
        rng.shuffle(slots)
    elif bank_pool and req.mix != "generated":
        slots = [Slot(question=q) for q in bank_pool[: req.count]]
    else:
        slots = _cycle(gen_pool, req.count)
    return slots


def _cycle(pool: list[Slot], n: int) -> list[Slot]:
    if not pool or n <= 0:
        return []
    return [pool[i % len(pool)] for i in range(n)]


def _matches(q: Question, req: Request) -> bool:
    if req.topics and q.topic not in req.topics:
        return False
    if req.tags and not set(req.tags) & set(q.tags):
        return False
    if req.difficulty is not None and q.difficulty != req.difficulty:
        return False
    if req.lang in LANGS and req.lang not in q.variants:
        return False
    return True


def _bank_pool(req: Request, bank: Bank | None) -> list[Question]:
    if req.templates or bank is None:
        return []
    return [q for q in bank.questions if q.type != "generated" and _matches(q, req)]


def _template_pool(req: Request, bank: Bank | None) -> list[Slot]:
    from quizcnn.problems import templates

    known = {t.id for t in templates()}
    unknown = [t for t in req.templates if t not in known]
    if unknown:
        raise SelectionError("print_unknown_template", names=", ".join(unknown),
                             known=", ".join(sorted(known)))
    slots = []
    # Generated bank questions carry topic and tags, so --topic/--tag filter templates too.
    for q in bank.questions if bank is not None else ():
        if q.type != "generated" or not _matches(q, req):
            continue
        if req.templates and q.template not in req.templates:
            continue
        slots.append(Slot(question=q, template=q.template, difficulty=q.difficulty))
    if not slots and not req.topics and not req.tags:
        levels = [req.difficulty] if req.difficulty else [1, 2, 3]
        for tid in sorted(req.templates or known):
            slots += [Slot(template=tid, difficulty=d) for d in levels]
    return slots


def _nothing_matched(req: Request) -> Phrases:
    """What the filters asked for, to say that nothing matches it."""
    parts: list[tuple[str, dict[str, object]]] = []
    if req.topics:
        parts.append(("print_what_topic", {"names": ", ".join(req.topics)}))
    if req.tags:
        parts.append(("print_what_tag", {"names": ", ".join(req.tags)}))
    if req.templates:
        parts.append(("print_what_template", {"names": ", ".join(req.templates)}))
    if req.difficulty:
        parts.append(("print_what_difficulty", {"n": req.difficulty}))
    if req.lang != "both":
        parts.append(("print_what_lang", {"language": req.lang}))
    if req.due_ids is not None:
        parts.append(("print_what_due", {}))
    return Phrases(tuple(parts), "print_nothing_these")


# ---- turning slots into items ----------------------------------------------------------------


def build(req: Request, bank: Bank | None) -> list[PracticeSet]:
    """All versions of the set."""
    slots = plan(req, bank)
    sets = []
    for v in range(req.versions):
        label = version_label(v)
        items = tuple(
            _item(slot, req, derived_seed(req.seed, label, i)) for i, slot in enumerate(slots)
        )
        sets.append(
            PracticeSet(req.title, req.date, req.seed, label, req.lang, items, req.paper)
        )
    return sets


def _item(slot: Slot, req: Request, seed: int) -> Item:
    if slot.template:
        return problem_item(slot.template, slot.difficulty, seed)
    assert slot.question is not None  # a slot holds a template or a question
    return question_item(slot.question, random.Random(seed))


def problem_item(template: str, difficulty: int, seed: int) -> Item:
    from quizcnn.problems import generate

    p = generate(template, seed, difficulty)
    steps = {
        lang: tuple(Step(s.title, s.formula, s.substitution, s.result) for s in p.steps.get(lang, ()))
        for lang in p.steps
    }
    return Item(
        ref=f"{template}/{difficulty}/{seed}",
        kind="generated",
        prompt=Text2(dict(p.prompt)),
        answer=Text2({lang: p.answer_text for lang in (p.prompt or {"en": ""})}),
        steps=steps,
    )


def question_item(q: Question, rng: random.Random) -> Item:
    from quizcnn.bank.numbers import grouped  # answer keys group thousands, as generated ones
    from quizcnn.messages import t

    prompts, answers, choices, explanations = {}, {}, {}, {}
    key_points: dict[str, tuple[str, ...]] = {}
    order: list[int] | None = None
    for lang, var in q.variants.items():
        prompts[lang] = _cloze_blanks(var.prompt) if q.type == "cloze" else var.prompt
        if var.key_points:  # a point printed as one line (its source may wrap)
            key_points[lang] = tuple(" ".join(x.strip() for x in p.splitlines()) for p in var.key_points)
        if var.explanation:
            explanations[lang] = var.explanation
        if q.type == "choice":
            if order is None:
                order = list(range(len(var.choices)))
                rng.shuffle(order)
            shown = [var.choices[i] for i in order if i < len(var.choices)]
            choices[lang] = tuple(c.text for c in shown)
            answers[lang] = t("print_choice_sep", lang).join(
                choice_letter(i) for i, c in enumerate(shown) if c.correct)
        elif q.type == "cloze":
            answers[lang] = t("print_gap_sep", lang).join(
                f"({i}) {grouped(g)}" for i, g in enumerate(var.gaps, 1))
        elif q.type == "numeric" and q.numeric is not None:
            unit = f" {q.unit(lang)}" if q.unit(lang) else ""
            answers[lang] = f"{grouped(q.numeric.text or str(q.numeric.value))}{unit}"
        else:
            answers[lang] = var.answer or ""
    return Item(
        ref=q.id,
        kind=q.type,
        prompt=Text2(prompts),
        answer=Text2(answers),
        choices=choices,
        explanation=Text2(explanations),
        space_lines=3 if q.type in ("cloze", "numeric") else 6,
        key_points=key_points,
    )


def _cloze_blanks(prompt: str) -> str:
    """Number each gap: ``(1) ______`` in text, the same as text inside math."""
    from quizcnn.bank.cloze import fill_gaps, find_gaps

    in_math = [_inside_math(prompt, start) for start, *_ in find_gaps(prompt)]

    def fill(i: int, _answer: str, hint: str | None) -> str:
        label = f"({i + 1}) ______" + (f" ({hint})" if hint else "")
        if i < len(in_math) and in_math[i]:
            return "\\text{" + label.replace("{", "").replace("}", "") + "}"
        return label.replace("_", "\\_")

    return fill_gaps(prompt, fill)


def _inside_math(text: str, pos: int) -> bool:
    dollars, i = 0, 0
    while i < pos:
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == "$":
            dollars += 1
            i += 2 if text.startswith("$$", i) else 1
            continue
        i += 1
    return dollars % 2 == 1
