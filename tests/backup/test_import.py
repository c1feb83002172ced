"""Import: an empty home, a home that has things (refused / --merge / --force), old and newer files."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta

from quizcnn.bank import default_bank
from quizcnn.store.db import open_store
from quizcnn.store.scheduler import Rating, Reviewer
from quizcnn.store.sync import sync_bank

from .conftest import FIXTURES, deck, sections, without_time

T0 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def study(homes, name, answers):
    """Sync the home's bank and answer (bank id, rating, minutes after T0) in one session."""
    homes.use(name)
    with open_store() as store:
        sync_bank(store, default_bank().questions, now=T0)
        rev = Reviewer(store)
        sid = rev.start_session(now=T0)
        for bank_id, rating, minutes in answers:
            card = rev.card_by_bank_id(bank_id)
            rev.answer(card.id, rating, now=T0 + timedelta(minutes=minutes), session_id=sid)
        rev.end_session(sid, now=T0 + timedelta(hours=1))


def make_home(homes, name, text, *, setting=7, answers=(("mine-1", Rating.Good, 0),)):
    bank = homes.bank(name)
    bank.mkdir(parents=True, exist_ok=True)
    (bank / "mine.md").write_text(text, encoding="utf-8")
    study(homes, name, answers)
    assert homes.cli(name, "db", "settings", "new_per_day", str(setting))[0] == 0


def test_old_format_export_still_imports(homes, tmp_path):
    """tests/backup/fixtures/export-format1.json was written by quizcnn 0.1.0 (commit 355ea4e)."""
    fixture = FIXTURES / "export-format1.json"
    old = json.loads(fixture.read_text(encoding="utf-8"))
    code, out, err = homes.cli("h", "import", str(fixture))
    assert code == 0, err
    assert "cards: 4 cards restored" in out and "reviews: 3 reviews added" in out
    again = tmp_path / "again.json"
    assert homes.cli("h", "export", str(again))[0] == 0
    new = sections(again)
    for name in ("settings", "cards", "sessions", "reviews"):
        assert new[name] == old[name], name
    cards = {c["bank_id"]: c for c in new["cards"]}
    assert cards["pool-basics"]["suspended"] is True
    assert cards["my-own-q"]["buried_until"] == "2026-03-03T04:00:00+00:00"


def test_newer_file_restores_what_it_knows_and_names_the_rest(homes, tmp_path):
    make_home(homes, "a", deck("mine-1"))
    f = tmp_path / "b.json"
    assert homes.cli("a", "export", str(f))[0] == 0
    data = json.loads(f.read_text(encoding="utf-8"))
    data["format_version"] = 3
    data["sections"]["interview_history"] = {"version": 1, "data": [{"score": 0.8}]}
    data["sections"]["sessions"]["version"] = 9  # a layout this quizcnn cannot read
    data["sections"]["broken"] = [1, 2]
    data["sections"]["settings"]["data"]["fsrs_weights"] = [0.4, 1.2]  # a setting added later
    data["sections"]["cards"]["data"][0]["interview_weight"] = 2.5  # a column added later
    f.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = homes.cli("b", "import", str(f))
    assert code == 0, err
    assert "interview_history: not known to this quizcnn" in out
    assert "sessions: layout version 9, this quizcnn reads up to 1" in out
    assert "reviews: refers to sessions, which could not be restored" in out
    assert "broken: not a section" in out
    assert "settings: fsrs_weights is not a setting this quizcnn knows" in out
    assert "cards: field interview_weight not known to this quizcnn" in out
    assert "new_per_day = 7" in homes.cli("b", "db", "settings")[1]
    assert (homes.bank("b") / "mine.md").read_text(encoding="utf-8") == deck("mine-1")
    code, out, _ = homes.cli("b", "stats", "--json")
    totals = json.loads(out)["totals"]
    assert totals["learning"] == 1  # the card's schedule came, its reviews did not


def test_a_bad_setting_value_is_refused_by_name_and_the_rest_restored(homes, tmp_path):
    make_home(homes, "a", deck("mine-1"))
    f = tmp_path / "a.json"
    assert homes.cli("a", "export", str(f))[0] == 0
    data = json.loads(f.read_text(encoding="utf-8"))
    data["sections"]["settings"]["data"]["rollover_hour"] = 99
    f.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = homes.cli("b", "import", str(f))
    assert code == 1
    assert ("settings: bad value for setting 'rollover_hour': 99 (expected a whole hour "
            "from 0 to 23); not restored") in err
    assert "new_per_day = 7" in homes.cli("b", "db", "settings")[1]


def test_non_empty_home_is_refused_with_what_differs(homes, tmp_path):
    make_home(homes, "a", deck("mine-1"))
    f = tmp_path / "a.json"
    assert homes.cli("a", "export", str(f))[0] == 0
    make_home(homes, "b", deck("mine-1", back="Something else."), setting=3,
              answers=(("mine-1", Rating.Again, 5),))
    before = {p.name: p.read_bytes() for p in homes.bank("b").iterdir()}
    code, out, err = homes.cli("b", "import", str(f))
    assert code == 1 and out == ""
    assert "nothing was imported" in err and "--merge" in err and "--force" in err
    assert "questions/mine.md: differs" in err
    assert "settings: new_per_day = 3 here, 7 in the backup" in err
    assert "reviews: 0 in both, 1 only here, 1 only in the backup" in err
    assert {p.name: p.read_bytes() for p in homes.bank("b").iterdir()} == before


def test_merge_keeps_yours_lists_conflicts_and_is_idempotent(homes, tmp_path):
    make_home(homes, "a", deck("mine-1") + "\n" + deck("mine-2", title="Another"),
              answers=(("mine-1", Rating.Good, 0), ("mine-2", Rating.Easy, 1)))
    (homes.config("a") / "keymap.toml").write_text('[keys]\n"drill.hint" = "f1"\n')
    f = tmp_path / "a.json"
    assert homes.cli("a", "export", str(f))[0] == 0
    mine = deck("mine-1", back="My own answer.")
    make_home(homes, "b", mine, setting=3, answers=(("mine-1", Rating.Again, 30),))
    code, out, err = homes.cli("b", "import", str(f), "--merge")
    assert code == 0, err
    assert "questions/mine.md: yours differs from the backup's and was kept" in out
    assert "mine.md.imported" in out
    assert "settings: kept your new_per_day = 3 (the backup has 7)" in out
    assert "reviews: 2 reviews added" in out
    bank = homes.bank("b")
    assert (bank / "mine.md").read_text(encoding="utf-8") == mine
    assert (bank / "mine.md.imported").read_bytes() == (homes.bank("a") / "mine.md").read_bytes()
    assert (homes.config("b") / "keymap.toml").read_text() == '[keys]\n"drill.hint" = "f1"\n'
    first = tmp_path / "b1.json"
    assert homes.cli("b", "export", str(first))[0] == 0
    code, out, err = homes.cli("b", "import", str(f), "--merge")
    assert code == 0, err
    assert "reviews: 0 reviews added, 2 already here" in out and "0 new cards, 0 updated" in out
    assert sorted(p.name for p in bank.iterdir()) == ["mine.md", "mine.md.imported"]
    second = tmp_path / "b2.json"
    assert homes.cli("b", "export", str(second))[0] == 0
    assert without_time(first) == without_time(second)
    reviews = sections(second)["reviews"]
    assert len(reviews) == 3  # b's own answer and a's two, none twice
    # the card reviewed last keeps its schedule: mine-1 was answered later in b
    cards = {c["bank_id"]: c for c in sections(second)["cards"]}
    assert cards["mine-1"]["last_review"] == (T0 + timedelta(minutes=30)).isoformat()


def test_force_lets_the_backup_win_and_keeps_what_it_replaces(homes, tmp_path):
    make_home(homes, "a", deck("mine-1"))
    (homes.config("a") / "app.json").write_text('{"theme": "textual-light", "lang": "zh"}')
    f = tmp_path / "a.json"
    assert homes.cli("a", "export", str(f))[0] == 0
    mine = deck("mine-1", back="My own answer.")
    make_home(homes, "b", mine, setting=3)
    (homes.config("b") / "app.json").write_text('{"theme": "nord", "mine": "x"}')
    code, out, err = homes.cli("b", "import", str(f), "--force")
    assert code == 0, err
    bank = homes.bank("b")
    assert (bank / "mine.md").read_bytes() == (homes.bank("a") / "mine.md").read_bytes()
    aside = [p for p in bank.iterdir() if p.name.startswith("mine.md.replaced-")]
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == mine
    assert f"yours is kept as {aside[0].name}" in out
    assert "the database as it was is kept in" in out
    prefs = json.loads((homes.config("b") / "app.json").read_text())
    assert prefs == {"theme": "textual-light", "mine": "x", "lang": "zh"}
    code, out, _ = homes.cli("b", "db", "settings")
    assert "new_per_day = 7" in out


def test_a_home_holding_the_backup_already_has_nothing_to_import(homes, tmp_path):
    make_home(homes, "a", deck("mine-1"))
    f = tmp_path / "a.json"
    assert homes.cli("a", "export", str(f))[0] == 0
    shutil.copytree(homes.path("a"), homes.path("c"))
    code, out, _ = homes.cli("c", "import", str(f))
    assert code == 0 and "nothing to import" in out


def test_stats_counts_orphans_without_a_drill_first(homes, tmp_path):
    make_home(homes, "a", deck("mine-1") + "\n" + deck("mine-2", title="Another"))
    f = tmp_path / "a.json"
    assert homes.cli("a", "export", str(f))[0] == 0
    assert homes.cli("b", "import", str(f))[0] == 0
    code, out, _ = homes.cli("b", "stats", "--json")
    assert json.loads(out)["totals"]["orphaned"] == 0
    (homes.bank("b") / "mine.md").write_text(deck("mine-2", title="Another"), encoding="utf-8")
    code, out, _ = homes.cli("b", "stats", "--json")  # no drill in between
    assert json.loads(out)["totals"]["orphaned"] == 1
    code, out, _ = homes.cli("b", "stats")
    assert "orphaned 1" in out
