"""Every validation problem: message, severity, file and line."""

from __future__ import annotations

import pytest

from tests.bank.helpers import load_dir

HEAD = "---\ntopic: t\n---\n"


def diags_for(deck, tmp_path, body, name="deck.md"):
    path = deck(HEAD + body, name=name)
    bank = load_dir(tmp_path / "bank")
    return bank, [(d.severity, d.line, d.message, d.hint) for d in bank.diagnostics if d.file == path]


def one(diags, severity):
    found = [d for d in diags if d[0] == severity]
    assert len(found) == 1, diags
    return found[0]


@pytest.mark.parametrize(
    ("body", "severity", "line", "needle"),
    [
        ("## Q\nid: q\ntype: basic\ndifficulty: 5\n\nP\n\n### Answer\nA\n", "error", 7, "difficulty '5'"),
        ("## Q\nid: q\ntype: basik\n\nP\n\n### Answer\nA\n", "error", 6, "unknown type 'basik'"),
        ("## Q\nid: q\ntype: basic\nlang: fr\n\nP\n\n### Answer\nA\n", "error", 7, "unknown lang 'fr'"),
        ("## Q\nid: q\n\nP\n\n### Answer\nA\n", "error", 4, "no 'type:'"),
        ("## Q\nid: q\ntype: choice\n\nP\n\n### Choices\n- [ ] a\n- [ ] b\n", "error", 11, "no option is marked correct"),
        ("## Q\nid: q\ntype: choice\n\nP\n", "error", 4, "no options"),
        ("## Q\nid: q\ntype: choice\n\nP\n\n### Choices\n- [x] a\n- b\n", "error", 12, "not a task-list item"),
        ("## Q\nid: q\ntype: numeric\nanswer: lots\n\nP\n", "error", 7, "answer 'lots' is not a number"),
        ("## Q\nid: q\ntype: numeric\n\nP\n", "error", 4, "needs 'answer:'"),
        ("## Q\nid: q\ntype: numeric\nanswer: 3\ntolerance: big\n\nP\n", "error", 8, "tolerance 'big'"),
        ("## Q\nid: q\ntype: cloze\n\nNo gaps here.\n", "error", 8, "without gaps"),
        ("## Q\nid: q\ntype: cloze\n\nAn {{}} gap.\n", "error", 8, "empty gap"),
        ("## Q\nid: q\ntype: cloze\n\nAn {{open gap.\n", "error", 8, "never closed"),
        ("## Q\nid: q\ntype: basic\n\nP\n", "error", 4, "no answer"),
        ("## Q\nid: q\ntype: basic\n\n### Answer\nA\n", "error", 4, "no prompt"),
        ("## Q\nid: q\ntype: generated\n", "error", 4, "needs 'template:'"),
        ("## Q\nid: q\ntype: generated\ntemplate: conv-outpt-size\n", "error", 7, "unknown problem template"),
        ("## Q\nid: bad id!\ntype: basic\n\nP\n\n### Answer\nA\n", "error", 5, "characters ids cannot have"),
        ("## Q\nid: q\ntype: basic\ncheck: Conv2d(3, 8, 3) 3x8x8: params = 1\n\nP\n\n### Answer\nA\n",
         "error", 7, "no '@'"),
        ("## Q\nid: q\ntype: basic\ncheck: Conv2d(3, 8, 3) @ 3x8x8: weights = 1\n\nP\n\n### Answer\nA\n",
         "error", 7, "unknown quantity 'weights'"),
        ("## Q\nid: q\ntyp: basic\ntype: basic\n\nP\n\n### Answer\nA\n", "warning", 6, "unknown key 'typ'"),
        ("## Q\nid: q\ntype: basic\n\nP $\\weird x$\n\n### Answer\nA\n", "warning", 8, "\\weird"),
        ("## Q\nid: q\ntype: basic\n\nP\n\n### Answr\nA\n", "warning", 10, "unknown section"),
        ("## Q\nid: q\ntype: basic\ntype: basic\n\nP\n\n### Answer\nA\n", "warning", 7, "given twice"),
    ],
)
def test_single_problem(deck, tmp_path, body, severity, line, needle):
    _bank, diags = diags_for(deck, tmp_path, body)
    sev, got_line, message, hint = one(diags, severity)
    assert needle in message
    assert got_line == line
    assert hint  # every problem says how to fix it


def test_did_you_mean(deck, tmp_path):
    _bank, diags = diags_for(deck, tmp_path, "## Q\nid: q\ntype: basic\ndifficuly: 2\n\nP\n\n### Answer\nA\n")
    assert one(diags, "warning")[3] == "did you mean 'difficulty'?"
    _bank, diags = diags_for(deck, tmp_path, "## Q\nid: q\ntype: numerc\nanswer: 1\n\nP\n")
    assert one(diags, "error")[3] == "did you mean 'numeric'?"


def test_missing_id_warns_with_suggested_id_and_still_loads(deck, tmp_path):
    bank, diags = diags_for(deck, tmp_path, "## Stride vs pooling!\ntype: basic\n\nP\n\n### Answer\nA\n")
    sev, line, message, hint = one(diags, "warning")
    assert line == 4 and "no id" in message
    assert "id: stride-vs-pooling" in hint
    assert [q.id for q in bank.questions] == ["stride-vs-pooling"]


def test_missing_topic_is_a_warning(deck, tmp_path):
    path = deck("## Q\nid: q\ntype: basic\n\nP\n\n### Answer\nA\n")
    bank = load_dir(tmp_path / "bank")
    assert [(d.severity, d.line) for d in bank.diagnostics if d.file == path] == [("warning", 1)]
    assert bank.by_id["q"].topic == "general"


def test_one_bad_question_does_not_stop_the_rest(deck, tmp_path):
    bank, diags = diags_for(deck, tmp_path, (
        "## Bad\nid: bad\ntype: numeric\nanswer: x\n\nP\n\n"
        "## Good\nid: good\ntype: basic\n\nP\n\n### Answer\nA\n"))
    assert [q.id for q in bank.questions] == ["good"]
    assert len([d for d in diags if d[0] == "error"]) == 1


def test_clean_question_has_no_diagnostics(deck, tmp_path):
    _bank, diags = diags_for(deck, tmp_path, "## Q\nid: q\ntype: basic\n\nP $\\frac{a}{b}$\n\n### Answer\nA\n")
    assert diags == []
