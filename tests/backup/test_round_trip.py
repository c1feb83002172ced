"""A backup as a new user makes one: real processes, a fresh QUIZCNN_HOME each side."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import without_time

ROOT = Path(__file__).resolve().parents[2]


def quizcnn(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QUIZCNN_HOME": str(home), "PYTHONPATH": str(ROOT)}
    env.pop("QUIZCNN_DB", None)
    env.pop("QUIZCNN_BANK", None)
    proc = subprocess.run([sys.executable, "-m", "quizcnn", *args], input=stdin, env=env,
                          capture_output=True, text=True, cwd=home, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_round_trip_on_a_fresh_home(tmp_path):
    old, new = tmp_path / "old-laptop", tmp_path / "new-laptop"
    old.mkdir()
    new.mkdir()
    add = quizcnn(old, "add", "--type", "basic", "--topic", "mine", "--id", "my-1x1",
                  "--front", "What is a 1x1 convolution for?", "--back", "Mixing channels.")
    assert add.returncode == 0, add.stderr
    add = quizcnn(old, "add", "--type", "numeric", "--topic", "mine", "--id", "my-params",
                  "--front", "How many weights has Conv2d(3, 8, 3) without bias?", "--back", "216")
    assert add.returncode == 0, add.stderr
    drill = quizcnn(old, "drill", "--plain", "--topic", "mine", stdin="\n3\n216\n")
    assert drill.returncode == 0 and drill.stdout.count("saved: ") == 2, drill.stdout
    assert quizcnn(old, "db", "settings", "new_per_day", "7").returncode == 0
    config = old / "config"
    config.mkdir(exist_ok=True)
    (config / "keymap.toml").write_text('[keys]\n"drill.hint" = "h,f1"\n', encoding="utf-8")
    (config / "app.json").write_text('{"theme": "textual-light"}', encoding="utf-8")
    drafts = old / "data" / "drafts"
    drafts.mkdir(parents=True)
    (drafts / "draft-20260302T120000.md").write_text("## Half a question\nid: half\n", encoding="utf-8")

    first = tmp_path / "backup.json"
    out = quizcnn(old, "export", str(first))
    assert out.returncode == 0, out.stderr
    assert "user_questions 1" in out.stdout and "reviews 2" in out.stdout

    imp = quizcnn(new, "import", str(first))
    assert imp.returncode == 0, imp.stderr
    assert "restored from" in imp.stdout
    for args in (("bank", "list", "--json"), ("stats", "--json")):
        a, b = quizcnn(old, *args), quizcnn(new, *args)
        assert a.returncode == b.returncode == 0
        if args[0] == "stats":
            assert json.loads(a.stdout) == json.loads(b.stdout)
        else:  # the same questions, read from each home's own bank folder
            assert a.stdout.replace(str(old), "HOME") == b.stdout.replace(str(new), "HOME")
    assert json.loads(quizcnn(new, "stats", "--json").stdout)["totals"]["orphaned"] == 0
    second = tmp_path / "again.json"
    assert quizcnn(new, "export", str(second)).returncode == 0
    assert without_time(first) == without_time(second)
    for rel in ("data/questions/mine.md", "data/drafts/draft-20260302T120000.md",
                "config/keymap.toml"):  # byte for byte
        assert (new / rel).read_bytes() == (old / rel).read_bytes(), rel
    prefs = [json.loads((home / "config" / "app.json").read_text()) for home in (old, new)]
    assert prefs[0] == prefs[1] == {"theme": "textual-light"}  # the same object

    # the same backup again: nothing to do; --merge twice: nothing added
    again = quizcnn(new, "import", str(first))
    assert again.returncode == 0 and "nothing to import" in again.stdout
    for _ in range(2):
        merged = quizcnn(new, "import", str(first), "--merge")
        assert merged.returncode == 0 and "0 reviews added, 2 already here" in merged.stdout
    third = tmp_path / "third.json"
    assert quizcnn(new, "export", str(third)).returncode == 0
    assert without_time(third) == without_time(first)
