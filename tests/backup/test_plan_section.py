"""The plan section: the interview plan survives export/import, merge keeps yours, bad data."""

from __future__ import annotations

import json
from datetime import date, timedelta

from quizcnn.plan import service
from quizcnn.store import open_store

from .conftest import sections, without_time


def future(days: int) -> str:
    return (date.today() + timedelta(days=days + 1)).isoformat()


def plan_of(homes, name: str):
    homes.use(name)
    with open_store() as st:
        return service.get_plan(st)


def test_round_trip_keeps_the_plan(homes, tmp_path):
    day = future(12)
    code, _out, err = homes.cli("old", "plan", "--interview", day, "--minutes", "25",
                                "--topic", "padding", "--target", "0.85")
    assert code == 0, err
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert homes.cli("old", "export", str(first))[0] == 0
    data = sections(first)["plan"]
    assert data["interview"] == day and data["minutes"] == 25 and data["topics"] == ["padding"]
    code, out, err = homes.cli("new", "import", str(first))
    assert code == 0, err
    spec = plan_of(homes, "new")
    assert spec is not None and spec.interview.isoformat() == day and spec.target == 0.85
    assert homes.cli("new", "export", str(second))[0] == 0
    assert without_time(first)["sections"]["plan"] == without_time(second)["sections"]["plan"]


def test_merge_keeps_your_plan_and_force_takes_the_backups(homes, tmp_path):
    backup = tmp_path / "a.json"
    homes.cli("old", "plan", "--interview", future(12), "--topic", "padding")
    homes.cli("old", "export", str(backup))
    homes.cli("new", "plan", "--interview", future(20), "--topic", "padding")
    code, out, _ = homes.cli("new", "import", str(backup), "--merge")
    assert code == 0 and "plan: kept yours" in out
    assert plan_of(homes, "new").interview.isoformat() == future(20)
    code, out, err = homes.cli("new", "import", str(backup), "--force")
    assert code == 0, err
    assert plan_of(homes, "new").interview.isoformat() == future(12)


def test_a_bad_plan_in_a_backup_is_refused_by_name(homes, tmp_path):
    backup = tmp_path / "a.json"
    homes.cli("old", "plan", "--interview", future(12), "--topic", "padding")
    homes.cli("old", "export", str(backup))
    doc = json.loads(backup.read_text(encoding="utf-8"))
    doc["sections"]["plan"]["data"]["minutes"] = 100000
    backup.write_text(json.dumps(doc), encoding="utf-8")
    code, out, err = homes.cli("new", "import", str(backup))
    assert code != 0 and "plan:" in out + err and "minutes" in out + err
    assert plan_of(homes, "new") is None
