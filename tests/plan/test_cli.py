"""``quizcnn plan``: refused input in one line, the plan shown, the simulator's JSON."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from quizcnn.cli import main


def plan(capsys, *args: str) -> tuple[int, str, str]:
    rc = main(["plan", *args])
    out, err = capsys.readouterr()
    return rc, out, err


def future(days: int) -> str:
    # the local study day can be yesterday's date before 4 a.m.: a day more is still future
    return (date.today() + timedelta(days=days + 1)).isoformat()


@pytest.mark.parametrize("text", ["2027-13-01", "tomorrow", "2027-02-30", "20270101"])
def test_a_malformed_date_is_refused_in_one_line(capsys, text):
    rc, out, err = plan(capsys, "--interview", text)
    assert rc == 2 and out == ""
    assert err.count("\n") == 1 and "YYYY-MM-DD" in err and "Traceback" not in err


def test_a_date_in_the_past_is_refused(capsys):
    rc, _out, err = plan(capsys, "--interview", "2020-01-01")
    assert rc == 2 and "is not after today" in err and err.count("\n") == 1
    rc, _out, err = plan(capsys, "--interview", "2020-01-01", "--lang", "zh")
    assert rc == 2 and "不在今天" in err


def test_an_unknown_topic_or_bad_minutes_is_refused(capsys):
    rc, _out, err = plan(capsys, "--interview", future(10), "--topic", "no-such-topic")
    assert rc == 2 and "no-such-topic" in err
    rc, _out, err = plan(capsys, "--interview", future(10), "--minutes", "0")
    assert rc == 2 and "5 to 600" in err
    rc, _out, err = plan(capsys, "--minutes", "30")
    assert rc == 2 and "--interview" in err  # nothing to change yet


def test_set_show_and_clear(capsys):
    rc, out, _ = plan(capsys)
    assert rc == 0 and "No interview date set" in out
    rc, out, _ = plan(capsys, "--interview", future(10), "--topic", "padding", "--minutes", "20")
    assert rc == 0 and "Interview date set" in out and "It fits" in out
    rc, out, _ = plan(capsys)
    assert "Scope: padding;" in out and "20 minutes a day" in out
    rc, out, _ = plan(capsys, "--minutes", "30")
    assert "30 minutes a day" in out
    rc, out, _ = plan(capsys, "--clear")
    assert rc == 0 and "cleared" in out
    rc, out, _ = plan(capsys, "--clear")
    assert "No interview plan" in out


def test_an_infeasible_plan_says_what_would_fit(capsys):
    rc, out, _ = plan(capsys, "--interview", future(3), "--minutes", "5", "--topic", "padding",
                      "--topic", "pooling", "--topic", "batchnorm")
    assert rc == 0 and "It does not fit" in out
    assert "minutes a day" in out and "a later date" in out and "leave out" in out


def test_the_simulator_is_deterministic_for_a_seed_and_has_the_issue_keys(capsys):
    args = ["--interview", future(5), "--topic", "padding", "--topic", "pooling",
            "--simulate", "--runs", "3", "--json"]
    rc, out1, _ = plan(capsys, *args, "--seed", "7")
    assert rc == 0
    _, out2, _ = plan(capsys, *args, "--seed", "7")
    _, out3, _ = plan(capsys, *args, "--seed", "8")
    doc = json.loads(out1)
    assert out1 == out2 and out1 != out3
    assert list(doc) == ["interview_date", "cards_in_scope", "days", "planner", "baseline",
                         "per_day"]
    for arm in ("planner", "baseline"):
        assert set(doc[arm]) == {"expected_recall", "reviews", "minutes_total",
                                 "max_minutes_per_day"}
    assert doc["cards_in_scope"] == 25 and len(doc["per_day"]) == doc["days"]
    rc, out, _ = plan(capsys)
    assert "No interview date set" in out  # --simulate with --interview saved nothing


def test_simulator_runs_out_of_range_are_refused(capsys):
    rc, out, err = plan(capsys, "--interview", future(5), "--topic", "padding", "--simulate",
                        "--runs", "0")
    assert rc == 2 and out == "" and "--runs" in err and err.count("\n") == 1
