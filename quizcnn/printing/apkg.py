"""Anki notes -> an .apkg file (genanki), byte-identical for the same notes.

Note type ids and deck ids are fixed (a deck's id is derived from its name), so Anki files
every export into the same decks and note types. genanki stamps notes and cards with one
``timestamp`` and zips with the temp file's time; here each note carries its own modification
time (see ``printing.anki``), ids count up from a fixed start, and the zip entries get a fixed
date, so exporting an unchanged bank twice gives the same bytes.
"""

from __future__ import annotations

import hashlib
import itertools
import sqlite3
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from quizcnn.messages import t
from quizcnn.printing.anki import FIELDS, PARENT_DECK, NoteSpec

if TYPE_CHECKING:
    import genanki

# fixed ids: changing one makes Anki see a new note type
MODEL_IDS = {"basic": 1733100001, "cloze": 1733100002, "choice": 1733100003,
             "numeric": 1733100004}
ID_START_MS = 1_733_097_600_000  # 2024-12-02, the first note/card id; only order matters
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

CSS = """
.card { font-family: "Noto Sans", "Noto Sans CJK SC", sans-serif; font-size: 18px;
        line-height: 1.45; text-align: left; color: #1d232b; background: #fff; }
.nightMode .card, .card.nightMode { color: #e6e9ee; background: #1e2227; }
.zh { margin-top: .8em; padding-top: .6em; border-top: 1px dashed #9aa3ad; }
.label { font-size: .8em; font-weight: bold; color: #5b6570; text-transform: uppercase; }
.keypoints ul { margin: .2em 0; }
.explanation { font-size: .92em; color: #39424c; }
.nightMode .explanation { color: #c5ccd4; }
.url { color: #5b6570; font-size: .85em; word-break: break-all; }
pre { white-space: pre-wrap; }
.qid { font-size: .7em; color: #9aa3ad; }
"""


def _section(field: str, label: str, cls: str = "") -> str:
    return (f'{{{{#{field}}}}}<div class="{cls}"><div class="label">{label}</div>'
            f"{{{{{field}}}}}</div>{{{{/{field}}}}}")


def _both_sides(parts_en: str, parts_zh: str, gate: str) -> str:
    return f"{parts_en}{{{{#{gate}_zh}}}}<div class=\"zh\">{parts_zh}</div>{{{{/{gate}_zh}}}}"


def _templates(note_type: str) -> list[dict[str, str]]:
    def side(lang: str) -> tuple[str, str]:
        s = "" if lang == "en" else "_zh"
        kp, ex, ans = (t(key, lang) for key in ("print_key_points", "print_explanation",
                                                 "print_answer"))
        if note_type == "basic":
            front = f"{{{{Front{s}}}}}"
            back = (f"{{{{Back{s}}}}}" + _section(f"KeyPoints{s}", kp, "keypoints")
                    + _section(f"Explanation{s}", ex, "explanation"))
        elif note_type == "cloze":
            front = f"{{{{cloze:Text{s}}}}}"
            back = (f"{{{{cloze:Text{s}}}}}" + _section(f"KeyPoints{s}", kp, "keypoints")
                    + _section(f"Explanation{s}", ex, "explanation"))
        elif note_type == "choice":
            front = f"{{{{Question{s}}}}}{{{{Options{s}}}}}"
            back = (_section(f"Answer{s}", ans) + _section(f"KeyPoints{s}", kp, "keypoints")
                    + _section(f"Explanation{s}", ex, "explanation"))
        else:
            front = f"{{{{Question{s}}}}}"
            back = _section(f"Answer{s}", ans) + _section(f"Explanation{s}", ex, "explanation")
        return front, back

    gate = {"basic": "Front", "cloze": "Text", "choice": "Question", "numeric": "Question"}[note_type]
    (f_en, b_en), (f_zh, b_zh) = side("en"), side("zh")
    # English first; the Chinese version below it when the note has one
    q_en = f"{{{{#{gate}}}}}{f_en}{{{{/{gate}}}}}"
    qfmt = _both_sides(q_en, f_zh, gate)
    if note_type == "cloze":
        afmt = (f"{{{{#{gate}}}}}{b_en}{{{{/{gate}}}}}"
                f"{{{{#{gate}_zh}}}}<div class=\"zh\">{b_zh}</div>{{{{/{gate}_zh}}}}")
    else:
        afmt = (f"{{{{FrontSide}}}}<hr id=\"answer\">{{{{#{gate}}}}}{b_en}{{{{/{gate}}}}}"
                f"{{{{#{gate}_zh}}}}<div class=\"zh\">{b_zh}</div>{{{{/{gate}_zh}}}}")
    afmt += '<div class="qid">{{Id}}</div>'
    return [{"name": f"quizcnn {note_type}", "qfmt": qfmt, "afmt": afmt}]


def _model(note_type: str) -> genanki.Model:
    import genanki

    kind = genanki.Model.CLOZE if note_type == "cloze" else genanki.Model.FRONT_BACK
    return genanki.Model(
        MODEL_IDS[note_type], f"quizcnn {note_type}",
        fields=[{"name": f} for f in FIELDS[note_type]],
        templates=_templates(note_type), css=CSS, model_type=kind, sort_field_index=0,
    )


def deck_id(name: str) -> int:
    """A fixed id per deck name (Anki's ids are 63-bit; keep clear of small and huge ones)."""
    digest = hashlib.sha256(name.encode()).digest()
    return 1_000_000_000 + int.from_bytes(digest[:5], "big")


def build_apkg(notes: Sequence[NoteSpec], mod_times: Sequence[int]) -> bytes:
    """The .apkg bytes for ``notes`` (each with its modification time)."""
    import genanki

    class _Note(genanki.Note):  # type: ignore[misc]  # genanki ships no type hints
        def __init__(self, mod: int, **kw: object) -> None:
            super().__init__(**kw)
            self.mod = mod

        def write_to_db(self, cursor, timestamp, deck_id, id_gen):  # type: ignore[no-untyped-def]
            super().write_to_db(cursor, self.mod, deck_id, id_gen)

    models = {t: _model(t) for t in FIELDS}
    decks: dict[str, genanki.Deck] = {PARENT_DECK: genanki.Deck(deck_id(PARENT_DECK), PARENT_DECK)}
    for note, mod in zip(notes, mod_times, strict=True):
        deck = decks.get(note.deck)
        if deck is None:
            deck = decks[note.deck] = genanki.Deck(deck_id(note.deck), note.deck)
        deck.add_note(_Note(mod, model=models[note.note_type], fields=list(note.fields),
                            tags=list(note.tags), guid=note.guid, sort_field=note.fields[0]))
    for m in models.values():
        decks[PARENT_DECK].add_model(m)
    package = genanki.Package([decks[k] for k in sorted(decks)])
    with tempfile.TemporaryDirectory(prefix="quizcnn-apkg-") as tmp:
        db = Path(tmp) / "collection.anki2"
        conn = sqlite3.connect(db)
        try:
            package.write_to_db(conn.cursor(), max(mod_times, default=0),
                                itertools.count(ID_START_MS))
            conn.commit()
        finally:
            conn.close()
        data = db.read_bytes()
    return _zip({"collection.anki2": data, "media": b"{}"})


def _zip(entries: dict[str, bytes]) -> bytes:
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()
