"""`quizcnn bank check`: file:line output and exit codes."""

from __future__ import annotations

from quizcnn.cli import main

GOOD = """---
topic: t
---
## A good one
id: good-one
type: basic

What?

### Answer
That.
"""


def test_check_clean_folder_exits_0(tmp_path, capsys):
    (tmp_path / "deck.md").write_text(GOOD, encoding="utf-8")
    assert main(["bank", "check", str(tmp_path)]) == 0
    out = capsys.readouterr()
    assert out.out == ""
    assert "1 files, 1 questions: 0 errors, 0 warnings" in out.err


def test_check_reports_file_line_and_exits_1(tmp_path, capsys):
    (tmp_path / "deck.md").write_text(GOOD + "\n## Bad\nid: bad\ntype: choice\n\nPick.\n\n### Choices\n- [ ] a\n- [ ] b\n",
                                      encoding="utf-8")
    assert main(["bank", "check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "deck.md:20: error: no option is marked correct" in out


def test_check_missing_path_is_a_clear_error(tmp_path, capsys):
    assert main(["bank", "check", str(tmp_path / "nope")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_check_only_reports_given_paths(tmp_path, capsys):
    (tmp_path / "deck.md").write_text(GOOD, encoding="utf-8")
    main(["bank", "check", str(tmp_path)])
    out = capsys.readouterr().out
    assert "questions/" not in out


def _two_decks(tmp_path):
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.md").write_text(
        "---\ntopic: zz-test-topic\n---\n## Pick\nid: pick-one\ntype: choice\ntags: x, y\ndifficulty: 3\n\n"
        "Pick [bold]one[/bold]\x1b[31m.\n\n### Choices\n- [x] a\n- [ ] b\n\n"
        "## 选\ntranslation_of: pick-one\nlang: zh\ntype: choice\n\n选\n\n### 选项\n- [x] 甲\n- [ ] 乙\n",
        encoding="utf-8")


def test_bank_list_json(tmp_path, capsys):
    import json

    _two_decks(tmp_path)
    assert main(["--bank", str(tmp_path), "bank", "list", "--json", "--topic", "zz-test-topic"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows == [{"id": "pick-one", "type": "choice", "topic": "zz-test-topic", "tags": ["x", "y"],
                     "difficulty": 3, "lang": ["en", "zh"], "title": "Pick", "origin": "extra",
                     "file": str((tmp_path / "b.md").absolute()), "line": 4}]
    assert main(["--bank", str(tmp_path), "bank", "list", "--json", "--type", "basic", "--topic", "t"]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == ["good-one"]
    assert main(["--bank", str(tmp_path), "bank", "list", "--json", "--topic", "t", "--lang", "zh"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_bank_list_plain_and_stats(tmp_path, capsys, monkeypatch):
    _two_decks(tmp_path)
    monkeypatch.setenv("QUIZCNN_BANK", str(tmp_path))
    assert main(["bank", "list", "--tag", "x"]) == 0
    out = capsys.readouterr().out
    assert "pick-one" in out and "good-one" not in out and "\x1b" not in out
    assert main(["bank", "stats"]) == 0
    out = capsys.readouterr().out
    assert "by topic:" in out and "by type:" in out and "by language:" in out
    assert any(line.split() == ["zz-test-topic", "1"] for line in out.splitlines())


def test_bank_without_action_prints_help(capsys):
    assert main(["bank"]) == 2
    assert "check" in capsys.readouterr().out


def test_check_without_paths_covers_user_and_extra_banks(tmp_path, capsys, monkeypatch):
    from quizcnn.paths import user_bank_dir

    user_bank_dir().mkdir(parents=True)
    (user_bank_dir() / "mine.md").write_text(GOOD.replace("good-one", "bad id!"), encoding="utf-8")
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "x.md").write_text(GOOD.replace("type: basic", "type: nope"), encoding="utf-8")
    assert main(["--bank", str(extra), "bank", "check"]) == 1
    out = capsys.readouterr().out
    assert "mine.md:5: error: id 'bad id!'" in out
    assert "x.md:6: error: unknown type 'nope'" in out


def test_check_reports_an_override_of_a_shipped_id_as_info(tmp_path, capsys):
    from quizcnn.bank import load

    shipped = load(None, user_bank=False).questions
    if not shipped:
        import pytest

        pytest.skip("no shipped questions in this build")
    qid = shipped[0].id
    (tmp_path / "mine.md").write_text(GOOD.replace("good-one", qid), encoding="utf-8")
    assert main(["bank", "check", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"mine.md:5: info: '{qid}' overrides the shipped question at" in out


def test_check_output_has_no_terminal_escapes(tmp_path, capsys):
    (tmp_path / "deck.md").write_text(GOOD.replace("type: basic", "type: \x1b]0;x\x07\x1b[2Jred"),
                                      encoding="utf-8")
    assert main(["bank", "check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "unknown type" in out and "red" in out
    assert "\x1b" not in out and "\x07" not in out
