"""The interviews section: mock interview rounds survive export/import, merge adds none twice,
bad rounds are refused by position."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from sqlalchemy import func, select

from quizcnn.store import open_store
from quizcnn.store.models import InterviewQuestion, InterviewRound

from .conftest import sections, without_time

BANK = Path(__file__).parent.parent / "interview" / "bank"


def sit(homes, name: str, answers: str, seed: int) -> None:
    homes.use(name)
    homes.mp.setattr(sys, "stdin", io.StringIO(answers))
    code, _out, err = homes.cli(name, "--bank", str(BANK), "interview", "--plain", "--topic",
                                "alpha", "--seed", str(seed))
    assert code == 0, err


def counts(homes, name: str) -> tuple[int, int]:
    homes.use(name)
    with open_store() as st, st.read() as s:
        return (s.scalar(select(func.count()).select_from(InterviewRound)),
                s.scalar(select(func.count()).select_from(InterviewQuestion)))


def test_round_trip_merge_twice_and_force(homes, tmp_path):
    sit(homes, "old", "shared\n1 3\n1792\n\n2\n", 1)
    sit(homes, "old", "x\nnone\n", 2)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert homes.cli("old", "export", str(first))[0] == 0
    data = sections(first)["interviews"]
    assert [len(r["questions"]) for r in data] == [3, 2]
    assert data[0]["questions"][0]["missed"] == [
        "Parameter count does not depend on the input size", "Fewer parameters than a dense layer"]
    code, _out, err = homes.cli("new", "import", str(first))
    assert code == 0, err
    assert counts(homes, "new") == (2, 5)
    assert homes.cli("new", "export", str(second))[0] == 0
    assert without_time(first)["sections"] == without_time(second)["sections"]
    code, out, _ = homes.cli("new", "import", str(first), "--merge")
    assert code == 0 and "round restored" not in out and "rounds restored" not in out
    assert counts(homes, "new") == (2, 5)
    # a home with a round of its own: both kept, by --merge and by --force
    sit(homes, "third", "y\nall\n", 3)
    code, out, _ = homes.cli("third", "import", str(first), "--force")
    assert code == 0 and "interviews: 2 rounds restored" in out
    assert counts(homes, "third")[0] == 3
    code, out, _ = homes.cli("third", "--bank", str(BANK), "interview", "--history", "--json")
    assert [r["score"] for r in json.loads(out)][1:] == [0.0, round((0.5 + 1 + 0.5) / 3, 4)]


def test_bad_rounds_are_refused_by_position(homes, tmp_path):
    sit(homes, "old", "shared\nall\n", 1)
    path = tmp_path / "a.json"
    assert homes.cli("old", "export", str(path))[0] == 0
    doc = json.loads(path.read_text())
    good = doc["sections"]["interviews"]["data"][0]
    bad_score = json.loads(json.dumps(good))
    bad_score["started_at"] = "2020-01-01T00:00:00+00:00"
    bad_score["questions"][0]["score"] = 7
    doc["sections"]["interviews"]["data"] = [good, bad_score, {"started_at": "then"}]
    path.write_text(json.dumps(doc))
    code, out, err = homes.cli("new", "import", str(path))
    text = out + err
    assert code == 1
    assert "interviews[1].questions[0]: 'score' must be a number from 0 to 1" in text
    assert "interviews[2]: 'started_at' is not a date-time" in text
    assert counts(homes, "new")[0] == 1
