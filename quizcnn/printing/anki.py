"""The bank as Anki notes: what each note holds, independent of how the .apkg is written.

One note per bank card, keyed by a GUID derived from the card id alone (never its text), so a
newer export updates the user's notes in Anki instead of duplicating them. Each card type has
its own note type with a fixed list of fields, both languages always present (empty when a card
has no such language), so ``--lang`` never changes a note type. Generated cards become one
fixed instance each, seeded by the card id; ``problems`` adds more fixed instances per template.

A note's modification time is what Anki's importer compares ("update if newer"). It comes from
a small record of what was exported last time (``ExportState``): unchanged notes keep their
time, a changed note gets a later one, a note never exported before takes its source file's.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from quizcnn.messages import t as say
from quizcnn.printing import anki_html as H
from quizcnn.printing.model import choice_letter
from quizcnn.printing.select import derived_seed

if TYPE_CHECKING:
    from quizcnn.bank.model import Question
    from quizcnn.problems.model import Problem

PARENT_DECK = "quizcnn"
PROBLEMS_DECK = "quizcnn::problems"
LANGS = ("en", "zh")


def _both(*names: str) -> tuple[str, ...]:
    return ("Id", *names, *(f"{n}_zh" for n in names))


# note type -> its fields; the order is part of the note type and never changes
FIELDS: dict[str, tuple[str, ...]] = {
    "basic": _both("Front", "Back", "KeyPoints", "Explanation"),
    "cloze": _both("Text", "KeyPoints", "Explanation"),
    "choice": _both("Question", "Options", "Answer", "KeyPoints", "Explanation"),
    "numeric": _both("Question", "Answer", "Explanation"),
}
# bank card type -> note type (a generated card is a fixed numeric instance)
NOTE_TYPE = {"basic": "basic", "cloze": "cloze", "choice": "choice", "numeric": "numeric",
             "generated": "numeric"}


@dataclass(frozen=True)
class NoteSpec:
    guid: str
    note_type: str
    deck: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    sources: tuple[Path, ...]  # the files its text comes from (for the modification time)

    def digest(self) -> str:
        payload = json.dumps([self.note_type, self.deck, self.fields, self.tags])
        return hashlib.sha256(payload.encode()).hexdigest()[:16]


def guid_for(*parts: object) -> str:
    """A stable Anki GUID from ids (base91-free: hex, 16 characters)."""
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def tag(text: str) -> str:
    """Anki tags cannot hold spaces; they are separated by them."""
    return "_".join(text.split()) or "_"


def deck_name(topic: str) -> str:
    return f"{PARENT_DECK}::{tag(topic).replace('::', '_')}"


# ---- bank cards ------------------------------------------------------------------------------


def card_notes(questions: Iterable[Question], langs: Sequence[str]) -> list[NoteSpec]:
    """One note per card that has text in at least one of ``langs``, sorted by card id."""
    out = []
    for q in sorted(questions, key=lambda q: q.id):
        present = [lg for lg in langs if lg in q.variants]
        if not present:
            continue
        note_type = NOTE_TYPE[q.type]
        values: dict[str, str] = {"Id": str(escape(q.id))}
        for lg in LANGS:
            part = _card_fields(q, lg) if lg in present else {}
            suffix = "" if lg == "en" else f"_{lg}"
            for name in FIELDS[note_type][1:]:
                if name.endswith("_zh"):
                    continue
                values[name + suffix] = part.get(name, "")
        tags = tuple(sorted({tag(t) for t in (*q.tags, q.topic, f"type::{q.type}")}))
        sources = tuple(sorted({q.variants[lg].file for lg in present}))
        out.append(NoteSpec(guid_for("quizcnn", q.id), note_type, deck_name(q.topic),
                            tuple(values[f] for f in FIELDS[note_type]), tags, sources))
    return out


def _card_fields(q: Question, lang: str) -> dict[str, str]:
    v = q.variants[lang]
    points = H.bullet_list(getattr(v, "key_points", ()) or ())
    explanation = H.markdown(v.explanation or "")
    if q.type == "basic":
        return {"Front": H.markdown(v.prompt), "Back": H.markdown(v.answer or ""),
                "KeyPoints": points, "Explanation": explanation}
    if q.type == "cloze":
        return {"Text": _cloze_text(v.prompt), "KeyPoints": points, "Explanation": explanation}
    if q.type == "choice":
        options = Markup("<ol type=\"A\">%s</ol>") % Markup("").join(
            Markup("<li>%s</li>") % H.line(c.text) for c in v.choices)
        right = Markup("<br>").join(
            Markup("<b>%s</b> %s") % (choice_letter(i), H.line(c.text))
            for i, c in enumerate(v.choices) if c.correct)
        return {"Question": H.markdown(v.prompt), "Options": options, "Answer": right,
                "KeyPoints": points, "Explanation": explanation}
    if q.type == "numeric":
        return {"Question": H.markdown(v.prompt), "Answer": _numeric_answer(q, lang),
                "Explanation": explanation}
    # generated: one fixed instance, seeded by the card id
    from quizcnn.problems import generate

    assert q.template is not None  # a generated card names its template (bank check)
    p = generate(q.template, derived_seed("anki", q.id), q.difficulty)
    intro = H.markdown(v.prompt) if v.prompt.strip() else Markup("")
    return {"Question": intro + _problem_prompt(p, lang), "Answer": H.line(p.answer_text),
            "Explanation": _steps(p, lang)}


def _cloze_text(prompt: str) -> str:
    from quizcnn.bank.cloze import fill_gaps, find_gaps

    gaps = [(answer, hint) for _s, _e, answer, hint, _closed in find_gaps(prompt)]
    marked = fill_gaps(prompt, lambda i, _a, _h: H.gap_token(i))
    return H.Renderer(gaps).markdown(marked)


def _numeric_answer(q: Question, lang: str) -> Markup:
    n = q.numeric
    assert n is not None  # a numeric card has an answer (bank check)
    text = n.text or str(n.value)
    out = H.line(text)
    unit = q.unit(lang)
    if unit:
        out += Markup(" ") + H.line(unit)
    if n.tolerance:
        tol = f"{n.tolerance * 100:g}%" if n.relative else f"{n.tolerance:g}"
        out += Markup(" (±%s)") % tol
    return out


# ---- generated problems ----------------------------------------------------------------------


def problem_notes(count: int, difficulties: Sequence[int] = (1, 2, 3)) -> list[NoteSpec]:
    """``count`` fixed instances of every template at every level, in their own deck."""
    from quizcnn.problems import generate, templates

    out = []
    for t in sorted(templates(), key=lambda t: t.id):
        for level in difficulties:
            for k in range(count):
                p = generate(t.id, derived_seed("anki-problem", t.id, level, k), level)
                values = {"Id": str(escape(f"{t.id}/{level}/{k + 1}"))}
                for lg in LANGS:
                    suffix = "" if lg == "en" else f"_{lg}"
                    has = lg in p.prompt
                    values["Question" + suffix] = _problem_prompt(p, lg) if has else ""
                    values["Answer" + suffix] = H.line(p.answer_text) if has else ""
                    values["Explanation" + suffix] = _steps(p, lg) if has else ""
                tags = ("generated", tag(t.id), f"level::{level}")
                out.append(NoteSpec(guid_for("quizcnn-problem", t.id, level, k), "numeric",
                                    PROBLEMS_DECK, tuple(values[f] for f in FIELDS["numeric"]),
                                    tags, ()))
    return out


def _problem_prompt(p: Problem, lang: str) -> Markup:
    text = p.prompt.get(lang) or p.prompt.get("en", "")
    return H.markdown(text)


def _steps(p: Problem, lang: str) -> Markup:
    steps = p.steps.get(lang) or p.steps.get("en") or ()
    colon = say("print_colon", lang)
    items = []
    for s in steps:
        chain = Markup(" → ").join(H.line(x) for x in (s.formula, s.substitution, s.result) if x)
        items.append(Markup("<li>%s%s%s</li>") % (H.line(s.title), colon, chain))
    return Markup("<ol>%s</ol>") % Markup("").join(items) if items else Markup("")


# ---- modification times ----------------------------------------------------------------------


class ExportState:
    """What the last export wrote: guid -> (digest, modification time), kept as JSON."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, tuple[str, int]] = {}
        if path is not None:
            self._load(path)

    def _load(self, path: Path) -> None:
        from quizcnn.fileio import FileRefused, read_text

        try:
            raw = json.loads(read_text(path, cap=32 * 1024 * 1024))
        except (FileRefused, ValueError):
            return  # no record (or an unreadable one): every note starts from its file's time
        if isinstance(raw, dict):
            for guid, v in raw.get("notes", {}).items():
                if (isinstance(v, list) and len(v) == 2 and isinstance(v[0], str)
                        and isinstance(v[1], int) and not isinstance(v[1], bool)):
                    self.entries[str(guid)] = (v[0], v[1])

    def mod_time(self, note: NoteSpec, fallback: int) -> int:
        old = self.entries.get(note.guid)
        digest = note.digest()
        if old is None:
            mod = fallback
        elif old[0] == digest:
            mod = old[1]
        else:
            mod = max(old[1] + 1, fallback)
        self.entries[note.guid] = (digest, mod)
        return mod

    def dumps(self) -> bytes:
        notes = {g: [d, m] for g, (d, m) in sorted(self.entries.items())}
        return json.dumps({"format": 1, "notes": notes}, indent=0).encode()


def source_time(note: NoteSpec, default: int) -> int:
    """The newest modification time of a note's source files (whole seconds)."""
    times = []
    for f in note.sources:
        try:
            times.append(int(f.stat().st_mtime))
        except OSError:
            pass
    return max(times, default=default)
