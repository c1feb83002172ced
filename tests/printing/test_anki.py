"""``quizcnn export --anki``: the .apkg opened as what it is (a zip holding an SQLite collection)."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import zipfile
from pathlib import Path

import pytest

from quizcnn.cli import main
from quizcnn.printing.anki import FIELDS, guid_for

HOSTILE = """---
topic: hostile
---

## Script in a prompt
id: evil-basic
type: basic
tags: two words, evil

Click <script>alert(1)</script> and <img src=x onerror=alert(2)> and {{c2::not a gap}};
math $a<b$ and prose \\\\(not math\\\\).

### Answer
The answer is <b>bold?</b> $$x}}y$$

### Explanation
See [a link](javascript:alert(3)).

## A cloze with braces in math
id: evil-cloze
type: cloze

The savings are $1 - {{\\frac{1}{g}}}$ and the count is {{9|a number}}.

## Two options
id: evil-choice
type: choice

Pick one.

### Choices
- [x] <em>right</em> $x^2$
- [ ] wrong one

## Numeric
id: evil-numeric
type: numeric
answer: 9408
tolerance: 1%
unit: parameters

How many parameters?

## 数值题
translation_of: evil-numeric
lang: zh
type: numeric

多少个参数？
"""


def export(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["export", *args])
    out, err = capsys.readouterr()
    return code, out, err


def collection(path: Path, tmp_path: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        assert names == ["collection.anki2", "media"]
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in z.infolist())
        db = tmp_path / f"{path.stem}.anki2"
        db.write_bytes(z.read("collection.anki2"))
    return sqlite3.connect(db)


def notes(con: sqlite3.Connection) -> dict[str, dict]:
    models = json.loads(con.execute("select models from col").fetchone()[0])
    out = {}
    for guid, mid, mod, tags, flds in con.execute("select guid, mid, mod, tags, flds from notes"):
        model = models[str(mid)]
        names = [f["name"] for f in model["flds"]]
        fields = dict(zip(names, flds.split("\x1f"), strict=True))
        out[fields["Id"]] = {"guid": guid, "model": model["name"], "mod": mod,
                             "tags": tags.split(), "fields": fields}
    return out


@pytest.fixture
def hostile_bank(tmp_path):
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    return folder


def test_whole_bank_one_note_per_card_with_stable_guids(tmp_path, capsys):
    out = tmp_path / "deck.apkg"
    code, stdout, err = export(capsys, "--anki", str(out))
    assert code == 0, err
    from quizcnn.bank import default_bank

    bank = default_bank()
    cards = {q.id: q for q in bank.questions}
    got = notes(collection(out, tmp_path))
    assert set(got) == set(cards)
    want_model = {"basic": "quizcnn basic", "cloze": "quizcnn cloze", "choice": "quizcnn choice",
                  "numeric": "quizcnn numeric", "generated": "quizcnn numeric"}
    for cid, n in got.items():
        assert n["guid"] == guid_for("quizcnn", cid)
        assert n["model"] == want_model[cards[cid].type]
        assert cards[cid].topic in n["tags"]
    assert f"wrote {len(cards)} notes" in stdout
    # decks: one per topic under the parent
    decks = json.loads(collection(out, tmp_path).execute("select decks from col").fetchone()[0])
    names = {d["name"] for d in decks.values()}
    assert {f"quizcnn::{q.topic}" for q in bank.questions} <= names and "quizcnn" in names


def test_same_bank_same_bytes(tmp_path, capsys):
    a, b = tmp_path / "a.apkg", tmp_path / "b.apkg"
    assert export(capsys, "--anki", str(a), "--problems", "1")[0] == 0
    assert export(capsys, "--anki", str(b), "--problems", "1")[0] == 0
    assert a.read_bytes() == b.read_bytes()


def test_editing_one_card_updates_exactly_that_note(tmp_path, capsys, hostile_bank):
    deck = hostile_bank / "hostile.md"
    a, b = tmp_path / "a.apkg", tmp_path / "b.apkg"
    args = ("--bank", str(hostile_bank))
    assert main([*args, "export", "--anki", str(a), "--topic", "hostile"]) == 0
    deck.write_text(deck.read_text().replace("How many parameters?", "How many weights?"))
    st = deck.stat()
    os.utime(deck, (st.st_atime, st.st_mtime + 100))
    assert main([*args, "export", "--anki", str(b), "--topic", "hostile"]) == 0
    capsys.readouterr()
    before, after = notes(collection(a, tmp_path)), notes(collection(b, tmp_path))
    assert set(before) == set(after)
    changed = [i for i in before if before[i]["fields"] != after[i]["fields"]]
    assert changed == ["evil-numeric"]
    for i in before:
        assert before[i]["guid"] == after[i]["guid"]
        if i == "evil-numeric":
            assert after[i]["mod"] > before[i]["mod"]
        else:
            assert after[i]["mod"] == before[i]["mod"], i


def test_hostile_text_is_data(tmp_path, capsys, hostile_bank):
    out = tmp_path / "h.apkg"
    assert main(["--bank", str(hostile_bank), "export", "--anki", str(out),
                 "--topic", "hostile"]) == 0, capsys.readouterr().err
    got = notes(collection(out, tmp_path))
    every = "\n".join(v for n in got.values() for v in n["fields"].values())
    for live in ("<script", "<img", "<b>bold", "<em>right", "javascript:alert(3)\"", "href="):
        assert live not in every
    assert "&lt;script&gt;" in every and "&lt;img src=x onerror=alert(2)&gt;" in every
    basic = got["evil-basic"]["fields"]
    # a cloze written as text is not a cloze; prose \( is not math; math is MathJax
    assert "{{c2::" not in basic["Front"] and "{&#123;c2::" in basic["Front"]
    assert "\\(a&lt;b\\)" in basic["Front"]
    assert "\\\u2060(not math\\\u2060)" in basic["Front"]
    assert "x} }y" in basic["Back"] and "}}" not in basic["Back"]
    assert got["evil-basic"]["tags"] == sorted(["evil", "hostile", "two_words", "type::basic"])
    cloze = got["evil-cloze"]["fields"]["Text"]
    # every gap is c1 (one Anki card asks all gaps); a "}}" inside math never closes a gap
    assert re.findall(r"\{\{c(\d+)::", cloze) == ["1", "1"]
    assert "\\(1 -  {{c1::\\frac{1}{g} }} \\)" in cloze
    assert "{{c1::9::a number}}" in cloze
    choice = got["evil-choice"]["fields"]
    assert "&lt;em&gt;right&lt;/em&gt; \\(x^2\\)" in choice["Options"]
    assert "A" in choice["Answer"]
    numeric = got["evil-numeric"]["fields"]
    assert "9408" in numeric["Answer"] and "±1%" in numeric["Answer"]
    assert numeric["Question_zh"] == "<p>多少个参数？</p>"


def test_languages_keep_the_note_types(tmp_path, capsys, hostile_bank):
    base = ["--bank", str(hostile_bank), "export", "--topic", "hostile", "--anki"]
    for lang in ("en", "zh", "both"):
        out = tmp_path / f"{lang}.apkg"
        assert main([*base, str(out), "--lang", lang]) == 0
        models = json.loads(collection(out, tmp_path).execute("select models from col")
                            .fetchone()[0])
        for m in models.values():
            kind = m["name"].split()[-1]
            assert [f["name"] for f in m["flds"]] == list(FIELDS[kind])
        got = notes(collection(out, tmp_path))
        num = got["evil-numeric"]["fields"]
        assert bool(num["Question"]) == (lang != "zh")
        assert bool(num["Question_zh"]) == (lang != "en")
        if lang == "zh":  # only cards with Chinese are exported
            assert set(got) == {"evil-numeric"}
    capsys.readouterr()


def test_problems_get_their_own_deck(tmp_path, capsys):
    out = tmp_path / "p.apkg"
    assert export(capsys, "--anki", str(out), "--topic", "pooling", "--problems", "1")[0] == 0
    from quizcnn.problems import templates

    got = notes(collection(out, tmp_path))
    problems = [n for n in got.values() if "generated" in n["tags"] and "/" in n["fields"]["Id"]]
    assert len(problems) == 3 * len(list(templates()))
    one = problems[0]["fields"]
    assert one["Answer"] and "<ol>" in one["Explanation"] and one["Question_zh"]


def test_targets_are_checked_like_every_export(tmp_path, capsys):
    out = tmp_path / "x.apkg"
    out.write_bytes(b"mine")
    code, _, err = export(capsys, "--anki", str(out))
    assert code != 0 and "already exists" in err and out.read_bytes() == b"mine"
    link = tmp_path / "l.apkg"
    link.symlink_to(out)
    code, _, err = export(capsys, "--anki", str(link), "--force")
    assert code != 0 and "symbolic link" in err and link.is_symlink()
    code, _, err = export(capsys, "--anki", str(tmp_path / "x.json"))
    assert code != 0 and ".apkg" in err
    code, _, err = export(capsys, "--anki", str(tmp_path / "y.apkg"), "--topic", "nope")
    assert code != 0 and "no topic nope" in err and not (tmp_path / "y.apkg").exists()


def test_the_official_anki_library_imports_and_renders(tmp_path, capsys):
    pytest.importorskip("anki", reason="the official anki package is not installed")
    from anki.collection import Collection, ImportAnkiPackageRequest
    from anki.import_export_pb2 import ImportAnkiPackageOptions

    out = tmp_path / "deck.apkg"
    assert export(capsys, "--anki", str(out), "--problems", "1")[0] == 0
    col = Collection(str(tmp_path / "col.anki2"))
    try:
        options = ImportAnkiPackageOptions(with_scheduling=False, merge_notetypes=True)
        res = col.import_anki_package(ImportAnkiPackageRequest(package_path=str(out),
                                                               options=options))
        log = res.log
        assert len(log.new) == log.found_notes == col.note_count()
        assert not (log.duplicate or log.conflicting or log.first_field_match
                    or log.missing_notetype or log.empty_first_field)
        card = col.get_card(col.find_cards("Id:arch-vgg-three-cloze")[0])
        assert '<span class="cloze"' in card.question() and "\\(C^2\\)" in card.question()
        # a second import of the same file changes nothing
        res = col.import_anki_package(ImportAnkiPackageRequest(package_path=str(out),
                                                               options=options))
        assert not res.log.new and not res.log.updated
    finally:
        col.close()


def test_the_official_library_updates_exactly_the_edited_note(tmp_path, capsys, hostile_bank):
    pytest.importorskip("anki", reason="the official anki package is not installed")
    from anki.collection import Collection, ImportAnkiPackageRequest
    from anki.import_export_pb2 import ImportAnkiPackageOptions

    deck = hostile_bank / "hostile.md"
    a, b = tmp_path / "a.apkg", tmp_path / "b.apkg"
    args = ["--bank", str(hostile_bank), "export", "--topic", "hostile", "--anki"]
    assert main([*args, str(a)]) == 0
    deck.write_text(deck.read_text().replace("How many parameters?", "How many weights?"))
    st = deck.stat()
    os.utime(deck, (st.st_atime, st.st_mtime + 100))
    assert main([*args, str(b)]) == 0
    capsys.readouterr()
    col = Collection(str(tmp_path / "col.anki2"))
    try:
        options = ImportAnkiPackageOptions(with_scheduling=False, merge_notetypes=True)
        first = col.import_anki_package(ImportAnkiPackageRequest(package_path=str(a),
                                                                 options=options)).log
        assert len(first.new) == 4
        second = col.import_anki_package(ImportAnkiPackageRequest(package_path=str(b),
                                                                  options=options)).log
        # Anki's log calls a note it already holds unchanged a "duplicate"
        assert not second.new and not second.conflicting and len(second.duplicate) == 3
        assert [n.fields[0] for n in second.updated] == ["evil-numeric"]
        note = col.get_note(col.find_notes("Id:evil-numeric")[0])
        assert "How many weights?" in note["Question"]
        assert col.note_count() == 4
    finally:
        col.close()
