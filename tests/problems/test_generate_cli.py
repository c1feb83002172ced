"""``quizcnn generate`` through quizcnn.cli.main."""

from __future__ import annotations

import json

from quizcnn.cli import main
from quizcnn.problems import Problem, generate
from quizcnn.problems.registry import TEMPLATE_IDS


def test_prints_problem_with_solution(capsys):
    assert main(["generate", "--template", "conv-output-size", "--difficulty", "1",
                 "--seed", "7"]) == 0
    out = capsys.readouterr().out
    p = generate("conv-output-size", 7, 1)
    assert p.layers[0] in out
    assert f"Answer: {p.answer_text}" in out
    assert "Solution:" in out and "⌊" in out  # math shown as Unicode
    assert "$" not in out.split("```")[-1]


def test_no_solutions_and_both_languages(capsys):
    assert main(["generate", "-t", "conv-params", "--seed", "3", "--lang", "both",
                 "--no-solutions"]) == 0
    out = capsys.readouterr().out
    assert "Answer" not in out and "答案" not in out
    assert "Problem 1/1" in out and "题目 1/1" in out


def test_zh_only(capsys):
    assert main(["generate", "-t", "pool-output-size", "--seed", "3", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "题目" in out and "解答" in out and "Solution" not in out
    assert "答案：" in out and "提示：" in out and "答案:" not in out


def test_zh_list_and_text_use_full_width_punctuation(capsys):
    from test_zh_text import half_width

    assert main(["generate", "--list", "--lang", "zh"]) == 0
    assert main(["generate", "-d", "3", "-n", "14", "-s", "5", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert not half_width(out), half_width(out)[:5]


def test_solution_lines_are_whole_equations(capsys):
    assert main(["generate", "-t", "receptive-field-size", "-d", "2", "-s", "3"]) == 0
    out = capsys.readouterr().out
    assert "rᵢₙ = (rₒᵤₜ − 1) · s + k'" in out and "k_(eff)" not in out
    assert "= rᵢₙ" not in out  # no line starts a second "=" before the result's own symbol


def test_json_round_trips_and_is_reproducible(capsys):
    args = ["generate", "-t", "receptive-field-size", "-d", "3", "-n", "4", "-s", "99", "--json"]
    assert main(args) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(args) == 0
    second = json.loads(capsys.readouterr().out)
    assert first == second and first["seed"] == 99 and len(first["problems"]) == 4
    problems = [Problem.from_dict(d) for d in first["problems"]]
    assert len({tuple(p.layers) for p in problems}) == 4
    assert all(p.check(p.answer_text).correct for p in problems)


def test_json_without_solutions_hides_answers(capsys):
    assert main(["generate", "-t", "transposed-inverse", "-s", "1", "--json",
                 "--no-solutions"]) == 0
    d = json.loads(capsys.readouterr().out)["problems"][0]
    assert "answer" not in d and "steps" not in d and "extra" not in d and d["prompt"]["en"]


def test_mix_of_templates(capsys):
    assert main(["generate", "-n", str(len(TEMPLATE_IDS)), "-s", "5", "--json"]) == 0
    got = {d["template"] for d in json.loads(capsys.readouterr().out)["problems"]}
    assert got == set(TEMPLATE_IDS)


def test_random_seed_is_shown(capsys):
    assert main(["generate", "-t", "conv-params"]) == 0
    assert "--seed" in capsys.readouterr().out


def test_list(capsys):
    assert main(["generate", "--list"]) == 0
    out = capsys.readouterr().out
    for tid in TEMPLATE_IDS:
        assert tid in out
    assert main(["generate", "--list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["id"] for d in data] == list(TEMPLATE_IDS)
    assert all(set(d["knobs"]) == {"1", "2", "3"} for d in data)


def test_errors_are_one_line(capsys):
    assert main(["generate", "--template", "nope"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("quizcnn generate: unknown problem template 'nope'")
    assert err.count("\n") == 1
    assert main(["generate", "--count", "0"]) == 2
    assert "--count" in capsys.readouterr().err


def test_small_template_space_is_reported(capsys, monkeypatch):
    import quizcnn.problems.registry as registry

    real = registry.generate
    # a template that only ever makes one problem: the batch cannot reach the count asked
    monkeypatch.setattr(registry, "generate", lambda t, s, d: real(t, 1, d))
    assert main(["generate", "-t", "conv-params", "-n", "5", "-s", "1", "--json"]) == 0
    captured = capsys.readouterr()
    got = json.loads(captured.out)["problems"]
    assert len(got) == 1 and "only 1 different problems" in captured.err
