"""Hostile or broken backups and homes: nothing written outside the folder, nothing overwritten,
every refusal named, no hang, no traceback."""

from __future__ import annotations

import json
import os

import pytest

from .conftest import deck, sections


def backup_with(tmp_path, entries, name="evil.json", **more):
    """A format-2 backup holding only these question-file entries (and ``more`` sections)."""
    data = {
        "format": "quizcnn-progress",
        "format_version": 2,
        "exported_at": "2026-03-02T12:00:00+00:00",
        "sections": {"user_questions": {"version": 1, "data": entries},
                     **{k: {"version": 1, "data": v} for k, v in more.items()}},
    }
    f = tmp_path / name
    f.write_text(json.dumps(data), encoding="utf-8")
    return f


BAD_PATHS = [
    ("../escaped.md", "'..'"),
    ("sub/../../escaped.md", "'..'"),
    ("/tmp/escaped-abs.md", "an absolute path"),
    ("C:/escaped.md", "an absolute path"),
    ("sub\\..\\escaped.md", "a backslash"),
    (".hidden.md", "a hidden name"),
    ("a//b.md", "an empty part"),
    ("x\x1b[31m.md", "a control character"),
    ("x\u202e.md", "a control character"),
    ("/".join(["d"] * 9) + "/x.md", "folders deep"),
    ("", "no path"),
]


@pytest.mark.parametrize("path, why", BAD_PATHS)
def test_bad_paths_are_refused_by_name(homes, tmp_path, path, why):
    good = {"path": "ok.md", "text": deck("ok-1")}
    f = backup_with(tmp_path, [{"path": path, "text": "## pwned\n"}, good])
    code, out, err = homes.cli("h", "import", str(f))
    assert code == 1
    assert why in err and "not restored" in err and "\x1b" not in err and "\u202e" not in err
    assert (homes.bank("h") / "ok.md").read_text(encoding="utf-8") == deck("ok-1")  # the rest came
    written = {p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()}
    assert not any("escaped" in str(p) or "pwned" in str(p) for p in written)
    assert not os.path.exists("/tmp/escaped-abs.md")


def test_symlinks_in_the_bank_are_never_written_through(homes, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "victim.md"
    victim.write_text("keep me", encoding="utf-8")
    bank = homes.bank("h")
    bank.mkdir(parents=True)
    (bank / "link.md").symlink_to(victim)
    (bank / "sub").symlink_to(outside, target_is_directory=True)
    f = backup_with(tmp_path, [
        {"path": "link.md", "text": "## pwned\n"},
        {"path": "sub/new.md", "text": "## pwned\n"},
        {"path": "sub/victim.md", "text": "## pwned\n"},
    ])
    for flags in ((), ("--merge",), ("--force",)):
        code, out, err = homes.cli("h", "import", str(f), *flags)
        assert code == 1
        assert "questions/link.md: a symbolic link is there; not restored" in err
        assert "questions/sub/new.md: a symbolic link is in the way (questions/sub)" in err
        assert victim.read_text(encoding="utf-8") == "keep me"
        assert sorted(p.name for p in outside.iterdir()) == ["victim.md"]


def test_huge_and_non_utf8_entries_are_refused(homes, tmp_path):
    huge = "x" * (4 * 1024 * 1024 + 1)
    f = tmp_path / "odd.json"
    text = json.dumps({
        "format": "quizcnn-progress", "format_version": 2,
        "sections": {"user_questions": {"version": 1, "data": [
            {"path": "huge.md", "text": huge},
            {"path": "surrogate.md", "text": "PLACEHOLDER"},
            {"path": "bytes.md", "text": 12},
            {"path": "twice.md", "text": "a"},
            {"path": "twice.md", "text": "b"},
            "not an entry",
        ]}},
    })
    f.write_text(text.replace('"PLACEHOLDER"', '"\\ud800"'), encoding="utf-8")
    code, out, err = homes.cli("h", "import", str(f))
    assert code == 1
    assert "questions/huge.md: larger than 4 MB; not restored" in err
    assert "questions/surrogate.md: not UTF-8 text; not restored" in err
    assert "questions/bytes.md: no text; not restored" in err
    assert "questions/twice.md: a second entry with the same path; not restored" in err
    assert "questions[5]: no path; not restored" in err
    assert sorted(p.name for p in homes.bank("h").iterdir()) == ["twice.md"]
    assert (homes.bank("h") / "twice.md").read_text() == "a"


def test_a_special_file_at_the_target_is_left_alone(homes, tmp_path):
    bank = homes.bank("h")
    bank.mkdir(parents=True)
    os.mkfifo(bank / "fifo.md")
    (bank / "dir.md").mkdir()
    f = backup_with(tmp_path, [{"path": "fifo.md", "text": "x"}, {"path": "dir.md", "text": "x"}])
    code, out, err = homes.cli("h", "import", str(f), "--force")
    assert code == 1
    assert "questions/fifo.md: a FIFO (named pipe) is there" in err
    assert "questions/dir.md: a folder is there" in err
    assert (bank / "dir.md").is_dir() and not (bank / "fifo.md").is_file()


def test_export_skips_what_is_not_a_plain_text_file_and_says_so(homes, tmp_path):
    bank = homes.bank("h")
    bank.mkdir(parents=True)
    (bank / "good.md").write_bytes(b"\xef\xbb\xbf## q\r\nid: x\r\n")  # BOM and CRLF kept
    (bank / "latin1.md").write_bytes("caf\xe9".encode("latin-1"))
    (bank / "big.md").write_bytes(b"x" * (4 * 1024 * 1024 + 1))
    os.mkfifo(bank / "fifo.md")
    (bank / "link.md").symlink_to(tmp_path / "elsewhere.md")
    (bank / ".swap.md").write_text("editor junk")
    f = tmp_path / "b.json"
    code, out, err = homes.cli("h", "export", str(f))
    assert code == 0, err
    assert "questions/latin1.md: not UTF-8 text; not exported" in out
    assert "questions/big.md: too large" in out
    assert "questions/fifo.md: a FIFO (named pipe), not a regular file; not exported" in out
    assert "questions/link.md: a symbolic link, not a regular file; not exported" in out
    files = sections(f)["user_questions"]
    assert files == [{"path": "good.md", "text": "\ufeff## q\r\nid: x\r\n"}]
    code, _, err = homes.cli("other", "import", str(f))
    assert code == 0, err
    assert (homes.bank("other") / "good.md").read_bytes() == (bank / "good.md").read_bytes()


@pytest.mark.parametrize("kind", ["folder", "symlink", "fifo", "file"])
def test_export_target_must_be_a_regular_file_or_a_new_name(homes, tmp_path, kind):
    target = tmp_path / "t.json"
    if kind == "folder":
        target.mkdir()
    elif kind == "symlink":
        (tmp_path / "real.json").write_text("mine")
        target.symlink_to(tmp_path / "real.json")
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target.write_text("mine")
    code, out, err = homes.cli("h", "export", str(target))
    assert code == 1 and err.startswith("quizcnn export: ") and str(target) in err
    if kind == "file":
        assert "already exists" in err and "--force" in err and target.read_text() == "mine"
        assert homes.cli("h", "export", str(target), "--force")[0] == 0
        assert json.loads(target.read_text())["format_version"] == 2
        return
    code, out, err = homes.cli("h", "export", str(target), "--force")
    assert code == 1 and "Traceback" not in err
    if kind == "symlink":
        assert target.is_symlink() and (tmp_path / "real.json").read_text() == "mine"
    assert not list(tmp_path.glob(".*partial"))


@pytest.mark.parametrize(
    "content, message",
    [
        ("not json", "bad JSON"),
        ('{"format": "other"}', "not a quizcnn export"),
        ('{"format": "quizcnn-progress", "version": 99}', "export version 99"),
        ('{"format": "quizcnn-progress", "format_version": "2"}', "format_version '2'"),
        ('{"format": "quizcnn-progress", "format_version": 2, "sections": []}', '"sections"'),
        ('{"format": "quizcnn-progress", "version": 1, "cards": [{"id": 1}]}', "missing field"),
        (
            '{"format": "quizcnn-progress", "version": 1, "cards": [], "reviews": [{"id": 1,'
            ' "card_id": 1, "reviewed_at": "2026-01-01T00:00:00+00:00", "rating": 9,'
            ' "hint_used": false, "kind": "review", "state_before": 0}]}',
            "bad value for 'rating'",
        ),
        (
            '{"format": "quizcnn-progress", "version": 1, "cards": [], "reviews": [{"id": 1,'
            ' "card_id": 1, "reviewed_at": "2026-01-01T00:00:00+00:00", "rating": 3,'
            ' "hint_used": false, "kind": "review", "state_before": 0}]}',
            "points to card 1, which is not in the backup",
        ),
    ],
)
def test_bad_files_are_one_clear_line_and_write_nothing(homes, tmp_path, content, message):
    f = tmp_path / "bad.json"
    f.write_text(content)
    code, out, err = homes.cli("h", "import", str(f))
    assert code == 1 and message in err and "bad.json" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert not homes.bank("h").exists()


def test_a_backup_over_the_size_cap_is_refused_before_it_is_read(homes, tmp_path, monkeypatch):
    from quizcnn.backup import archive

    f = tmp_path / "big.json"
    f.write_text(json.dumps({"format": "quizcnn-progress", "version": 1, "pad": "x" * 5000}))
    monkeypatch.setattr(archive, "MAX_BYTES", 4096)
    code, out, err = homes.cli("h", "import", str(f))
    assert code == 1 and "too large" in err and "big.json" in err


def test_deeply_nested_json_is_a_clear_error(homes, tmp_path):
    f = tmp_path / "deep.json"
    f.write_text("[" * 100_000 + "]" * 100_000)
    code, out, err = homes.cli("h", "import", str(f))
    assert code == 1 and "deep.json" in err and "Traceback" not in err


def test_a_backup_that_is_not_a_regular_file_is_refused_without_blocking(homes, tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    code, out, err = homes.cli("h", "import", str(fifo))
    assert code == 1 and "not a regular file" in err


def test_a_card_twice_in_the_file_is_named_and_nothing_is_written(homes, tmp_path):
    from .conftest import FIXTURES

    data = json.loads((FIXTURES / "export-format1.json").read_text(encoding="utf-8"))
    data["cards"].append(dict(data["cards"][1], id=99))
    f = tmp_path / "twice.json"
    f.write_text(json.dumps(data))
    for flags in ((), ("--merge",)):
        code, out, err = homes.cli("h", "import", str(f), *flags)
        assert code == 1
        assert f"bank id '{data['cards'][1]['bank_id']}'" in err and "cards[4]" in err
        assert "cards[1]" in err and "UNIQUE" not in err
        code, out, _ = homes.cli("h", "stats", "--json")
        assert json.loads(out)["totals"]["cards"] == 0
