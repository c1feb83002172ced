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
