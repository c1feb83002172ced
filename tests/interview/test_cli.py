"""``quizcnn interview`` end to end: piped input, report files, history, Ctrl+C, bad targets,
and ``bank check`` on ``follow_up:``."""

from __future__ import annotations

import io
import json
import sys

from quizcnn.cli import main

from .conftest import BANK


class Interrupting(io.StringIO):
    """stdin that gives ``n`` lines, then Ctrl+C."""

    def __init__(self, lines: list[str], n: int):
        super().__init__("".join(x + "\n" for x in lines))
        self.left = n

    def readline(self, size: int = -1) -> str:  # type: ignore[override]
        if self.left == 0:
            raise KeyboardInterrupt
        self.left -= 1
        return super().readline()


def run(monkeypatch, capsys, argv, stdin):
    monkeypatch.setattr(sys, "stdin", stdin)
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_piped_round_writes_json_report_and_history(tmp_path, monkeypatch, capsys):
    db, report = tmp_path / "p.sqlite3", tmp_path / "r.json"
    base = ["--db", str(db), "--bank", str(BANK), "interview"]
    code, out, err = run(monkeypatch, capsys, [*base, "--plain", "--topic", "alpha", "--seed", "1",
                                               "--json-report", str(report)],
                         io.StringIO("shared\nall\n1792\n"))
    assert code == 0, err
    assert "Mock interview report" in out and f"Report written: {report}" in out
    doc = json.loads(report.read_text())
    assert doc["lang"] == "en" and doc["level"] == 2 and doc["minutes"] == 20
    assert [q["id"] for q in doc["questions"]] == ["alpha-share", "alpha-count", "alpha-map"]
    assert doc["questions"][2]["kind"] == "concept" and doc["questions"][2]["score"] == 0
    # the same file again: refused before the round starts, nothing asked
    code, out, err = run(monkeypatch, capsys, [*base, "--plain", "--json-report", str(report)],
                         io.StringIO(""))
    assert code == 2 and "already exists" in err and "Question" not in out
    code, out, _ = run(monkeypatch, capsys, [*base, "--history", "--json"], io.StringIO(""))
    [entry] = json.loads(out)
    assert entry["score"] == doc["score"] and entry["topics"] == doc["topics"]
    code, out, _ = run(monkeypatch, capsys, [*base, "--history", "--lang", "zh"], io.StringIO(""))
    assert code == 0 and "模拟面试（由近到远）" in out and "3 题" in out


def test_ctrl_c_mid_round_reports_the_answered_part(tmp_path, monkeypatch, capsys):
    db, report = tmp_path / "p.sqlite3", tmp_path / "r.json"
    code, out, _ = run(monkeypatch, capsys,
                       ["--db", str(db), "--bank", str(BANK), "interview", "--plain", "--topic",
                        "alpha", "--json-report", str(report)],
                       Interrupting(["shared", "1 2 3 4", "17"], 2))
    assert code == 130
    assert "Interrupted: the answered questions are kept." in out
    doc = json.loads(report.read_text())
    assert [q["id"] for q in doc["questions"]] == ["alpha-share"] and doc["score"] == 1.0
    assert doc["ended_by"] == "interrupt"


def test_history_without_a_database_creates_none(tmp_path, monkeypatch, capsys):
    db = tmp_path / "none.sqlite3"
    code, out, _ = run(monkeypatch, capsys, ["--db", str(db), "interview", "--history", "--json"],
                       io.StringIO(""))
    assert code == 0 and json.loads(out) == [] and not db.exists()


def test_report_format_and_flags_checked_first(tmp_path, monkeypatch, capsys):
    code, _, err = run(monkeypatch, capsys,
                       ["interview", "--plain", "--report", str(tmp_path / "r.txt")], io.StringIO(""))
    assert code == 2 and "unknown report format '.txt'" in err
    code, _, err = run(monkeypatch, capsys, ["interview", "--json"], io.StringIO(""))
    assert code == 2 and "--json goes with --history" in err
    code, _, err = run(monkeypatch, capsys, ["interview"], io.StringIO(""))
    assert code == 2 and "needs a terminal" in err


def test_bank_check_names_a_bad_follow_up(tmp_path, capsys):
    deck = tmp_path / "d.md"
    deck.write_text("---\ntopic: x\n---\n\n## Q\nid: x-1\ntype: basic\nfollow_up: x-2x\n\nq?\n\n"
                    "### Answer\na\n\n## Q2\nid: x-2\ntype: basic\nfollow_up: conv-params\n\nq?\n\n"
                    "### Answer\na\n\n## Q3\nid: x-3\ntype: cloze\n\na {{b}}\n\n"
                    "## Q4\nid: x-4\ntype: basic\nfollow_up: x-3\n\nq?\n\n### Answer\na\n",
                    encoding="utf-8")
    code = main(["bank", "check", str(deck)])
    out = capsys.readouterr().out
    assert code == 1
    assert (f"{deck}:8: error: follow_up 'x-2x' is neither a card nor a template "
            "(did you mean 'x-2'?)") in out
    assert f"{deck}:34: error: follow_up 'x-3' is a cloze card" in out
    assert ":18:" not in out  # a template is a fine follow-up
