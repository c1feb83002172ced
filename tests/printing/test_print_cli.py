"""``quizcnn print`` end to end on the shipped bank and the problem templates."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from quizcnn.cli import main

BASE = ["--date", "2026-11-28", "--seed", "11"]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["print", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_html_set_structure(tmp_path, capsys):
    out = tmp_path / "set.html"
    code, stdout, err = run(capsys, "-o", str(out), "--count", "8", *BASE)
    assert code == 0, err
    page = out.read_text()
    assert page.count('class="problem"') == 8
    assert page.count('class="answer"') == 8
    assert "seed 11" in page and "2026-11-28" in page and "Version A" in page
    assert str(out) in stdout


def test_same_arguments_same_bytes_and_versions_differ(tmp_path, capsys):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    assert run(capsys, "-o", str(a), "--mix", "generated", "--versions", "2", *BASE)[0] == 0
    assert run(capsys, "-o", str(b), "--mix", "generated", "--versions", "2", *BASE)[0] == 0
    va, vb = (tmp_path / "a-A.md").read_bytes(), (tmp_path / "a-B.md").read_bytes()
    assert va == (tmp_path / "b-A.md").read_bytes()
    assert vb == (tmp_path / "b-B.md").read_bytes()
    # Same questions asked (same templates), different numbers.
    assert va != vb
    assert b"Version A" in va and b"Version B" in vb


def test_key_separate_and_none(tmp_path, capsys):
    out = tmp_path / "s.html"
    assert run(capsys, "-o", str(out), "--key", "separate", "--count", "4", *BASE)[0] == 0
    assert "Answer key" not in out.read_text()
    key = (tmp_path / "s-key.html").read_text()
    assert key.count('class="answer"') == 4 and 'class="problem"' not in key
    none = tmp_path / "n.html"
    assert run(capsys, "-o", str(none), "--key", "none", "--count", "4", *BASE)[0] == 0
    assert 'class="answer"' not in none.read_text()


def test_filters_that_match_nothing_write_nothing(tmp_path, capsys):
    out = tmp_path / "x.html"
    code, _, err = run(capsys, "-o", str(out), "--topic", "no-such-topic", "--mix", "bank", *BASE)
    assert code == 2
    assert "no question matches topic no-such-topic" in err
    assert not out.exists() and list(tmp_path.iterdir()) == []
    code, _, err = run(capsys, "-o", str(out), "--template", "nope", *BASE)
    assert code == 2 and "unknown template nope" in err


def test_output_path_errors(tmp_path, capsys):
    code, _, err = run(capsys, "-o", str(tmp_path / "missing" / "x.html"), *BASE)
    assert code == 2 and "no such directory" in err
    existing = tmp_path / "e.html"
    existing.write_text("keep me")
    code, _, err = run(capsys, "-o", str(existing), *BASE)
    assert code == 2 and "--force" in err and existing.read_text() == "keep me"
    assert run(capsys, "-o", str(existing), "--force", *BASE)[0] == 0
    assert existing.read_text() != "keep me"
    code, _, err = run(capsys, "-o", str(tmp_path / "x.docx"), *BASE)
    assert code == 2 and "unknown format" in err


def test_unwritable_directory(tmp_path, capsys, monkeypatch):
    # Tests run as root in CI, where chmod does not stop a write: ask os.access instead.
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if str(p) == str(tmp_path)
                        else real_access(p, mode))
    code, _, err = run(capsys, "-o", str(tmp_path / "x.html"), *BASE)
    assert code == 2 and "not writable" in err


def test_full_disk_leaves_nothing_behind(tmp_path, capsys, monkeypatch):
    import errno

    from quizcnn.printing import output

    def full(path, data, **kw):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output, "write_atomic", full)
    code, _, err = run(capsys, "-o", str(tmp_path / "x.html"), *BASE)
    assert code == 2 and "No space left on device" in err
    assert list(tmp_path.iterdir()) == []


def test_missing_cjk_font_is_explained(tmp_path, capsys, monkeypatch):
    from quizcnn.printing import typ

    monkeypatch.setattr(typ, "find_cjk_font", lambda paths, system=True: None)
    out = tmp_path / "zh.pdf"
    code, _, err = run(capsys, "-o", str(out), "--lang", "zh", *BASE)
    assert code == 2
    assert "fonts-noto-cjk" in err and "--font-path" in err
    assert not out.exists()


def test_chinese_html(tmp_path, capsys):
    out = tmp_path / "zh.html"
    assert run(capsys, "-o", str(out), "--lang", "zh", "--count", "6", *BASE)[0] == 0
    page = out.read_text()
    assert 'lang="zh-Hans"' in page and "答案" in page


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext not installed")
def test_pdf_holds_every_problem_and_the_key(tmp_path, capsys):
    from quizcnn.printing import typ

    if typ.find_cjk_font(typ.font_paths()) is None:
        pytest.skip("no CJK font on this machine")
    out = tmp_path / "set.pdf"
    assert run(capsys, "-o", str(out), "--count", "6", "--lang", "both", *BASE)[0] == 0
    again = tmp_path / "again.pdf"
    assert run(capsys, "-o", str(again), "--count", "6", "--lang", "both", *BASE)[0] == 0
    assert out.read_bytes() == again.read_bytes()
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert "Answer key" in flat and "答案" in flat
    assert flat.count("Answer:") == 6
    assert "\ufffd" not in text
    # Every problem's opening words are on the page.
    from argparse import Namespace

    from quizcnn.commands.print_ import _load_bank
    from quizcnn.printing import ir
    from quizcnn.printing.select import Request, build

    req = Request(count=6, seed=11, lang="both", date="2026-11-28")
    (ps,) = build(req, _load_bank(Namespace(bank=[])))
    for item in ps.items:
        first = next(b for b in ir.parse(item.prompt.get("en")) if isinstance(b, ir.Para))
        words = [w for w in ir.plain(first).split() if w.isalpha()][:3]
        assert all(w in flat for w in words), (item.ref, words)


def test_default_seed_is_new_and_printed(tmp_path, capsys):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    assert run(capsys, "-o", str(a), "--mix", "generated", "--date", "2026-11-28")[0] == 0
    assert run(capsys, "-o", str(b), "--mix", "generated", "--date", "2026-11-28")[0] == 0
    seeds = [re.search(r"seed (\d+)", p.read_text())[1] for p in (a, b)]
    assert seeds[0] != seeds[1]
    again = tmp_path / "again.md"
    assert run(capsys, "-o", str(again), "--mix", "generated", "--date", "2026-11-28",
               "--seed", seeds[0])[0] == 0
    assert again.read_bytes() == a.read_bytes()


def test_directory_as_output_and_bad_versions(tmp_path, capsys):
    code, _, err = run(capsys, "-o", str(tmp_path) + "/", *BASE)
    assert code == 2 and "is a directory" in err
    with pytest.raises(SystemExit):
        main(["print", "-o", str(tmp_path / "x.md"), "--versions", "0"])
    assert "between 1 and 26" in capsys.readouterr().err


def test_written_files_follow_the_umask(tmp_path, capsys):
    old = os.umask(0o022)
    try:
        out = tmp_path / "s.html"
        assert run(capsys, "-o", str(out), "--count", "2", *BASE)[0] == 0
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644


def test_terminal_escapes_never_reach_markdown(tmp_path, capsys):
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "evil.md").write_text(
        "## Evil\nid: evil-esc\ntype: basic\ntopic: evil\n\n"
        "Red \x1b[31malert\x1b[0m and title \x1b]0;pwned\x07 here.\n\n### Answer\nOK\n")
    out = tmp_path / "e.md"
    code = main(["--bank", str(bank), "print", "-o", str(out), "--mix", "bank", "--topic",
                 "evil", *BASE])
    assert code == 0, capsys.readouterr().err
    text = out.read_text()
    assert "\x1b" not in text and "\x07" not in text
    assert "alert" in text
