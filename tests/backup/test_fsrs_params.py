"""The fsrs_parameters section: fitted parameters survive export/import, merge and force."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import fsrs

from quizcnn.store import open_store, params
from quizcnn.store.params import Fit

from .conftest import sections, without_time

DEFAULT = tuple(fsrs.scheduler.DEFAULT_PARAMETERS)


def fit(day: int, scale: float) -> Fit:
    w = list(DEFAULT)
    w[0:4] = [round(v * scale, 4) for v in w[0:4]]
    return Fit(tuple(w), datetime(2026, 11, day, 9, 30, tzinfo=UTC), 900 + day, 225, 0.41, 0.38,
               0.09, 0.07)


def save(homes, name: str, *fits: Fit) -> None:
    homes.use(name)
    with open_store() as st:
        for f in fits:
            params.save(st, f)


def active(homes, name: str) -> tuple[float, ...] | None:
    homes.use(name)
    with open_store() as st:
        return params.active_parameters(st)


def test_round_trip_keeps_every_fit_and_the_one_in_use(homes, tmp_path):
    save(homes, "old", fit(1, 0.5), fit(2, 0.3))
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert homes.cli("old", "export", str(first))[0] == 0
    data = sections(first)["fsrs_parameters"]
    assert [f["active"] for f in data] == [False, True] and len(data[1]["parameters"]) == 21
    code, out, err = homes.cli("new", "import", str(first))
    assert code == 0, err
    assert active(homes, "new") == fit(2, 0.3).parameters
    assert homes.cli("new", "export", str(second))[0] == 0
    assert without_time(first)["sections"] == without_time(second)["sections"]
    # merging the same file again adds nothing
    code, out, _ = homes.cli("new", "import", str(first), "--merge")
    assert code == 0 and "fit restored" not in out and "fits restored" not in out
    homes.use("new")
    with open_store() as st:
        from sqlalchemy import func, select

        from quizcnn.store.models import FsrsParameters

        with st.read() as s:
            assert s.scalar(select(func.count()).select_from(FsrsParameters)) == 2


def test_merge_keeps_your_choice_and_force_takes_the_backups(homes, tmp_path):
    save(homes, "old", fit(1, 0.5))
    f = tmp_path / "a.json"
    assert homes.cli("old", "export", str(f))[0] == 0
    save(homes, "mine", fit(5, 0.8))
    code, out, err = homes.cli("mine", "import", str(f), "--merge")
    assert code == 0, err
    assert "kept your choice" in out
    assert active(homes, "mine") == fit(5, 0.8).parameters
    code, out, err = homes.cli("mine", "import", str(f), "--force")
    assert code == 0, err
    assert active(homes, "mine") == fit(1, 0.5).parameters
    # a home that went back to the defaults: --merge keeps the defaults
    save(homes, "reset", fit(7, 0.9))
    homes.use("reset")
    with open_store() as st:
        params.reset(st)
    assert homes.cli("reset", "import", str(f), "--merge")[0] == 0
    assert active(homes, "reset") is None


def test_bad_fits_are_refused_by_position(homes, tmp_path):
    save(homes, "old", fit(1, 0.5), fit(2, 0.3))
    f = tmp_path / "a.json"
    assert homes.cli("old", "export", str(f))[0] == 0
    doc = json.loads(f.read_text(encoding="utf-8"))
    entries = doc["sections"]["fsrs_parameters"]["data"]
    entries[0]["parameters"][0] = 1e9  # outside py-fsrs's bounds
    entries.append({**entries[1], "parameters": ["x"] * 21, "active": False})
    entries.append({**entries[1], "reviews": -3, "active": False})
    f.write_text(json.dumps(doc), encoding="utf-8")
    code, out, err = homes.cli("new", "import", str(f))
    text = out + err
    assert code != 0
    assert "fsrs_parameters[0]: FSRS parameter 0 = 1000000000.0 is outside" in text
    assert "fsrs_parameters[2]: FSRS parameter 0 is not a finite number: 'x'" in text
    assert "fsrs_parameters[3]: 'reviews' must be a whole number" in text
    assert "Traceback" not in text
    assert active(homes, "new") == fit(2, 0.3).parameters  # the good fit came through
