"""Writing questions: round trips, validation before saving, drafts, the add command."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from quizcnn.bank import load
from quizcnn.bank.write import InvalidQuestion, NewQuestion, add_question, add_text
from quizcnn.cli import main
from quizcnn.paths import data_dir, user_bank_dir

CASES = [
    NewQuestion(type="basic", topic="receptive-field", prompt="What is a *receptive field*?\n\nExplain.",
                answer="The input region that can change a unit.\n\n- size\n- position", id="my-rf",
                tags=["mine", "rf"], difficulty=1, explanation="It grows with depth.",
                hints=["think of the input"]),
    NewQuestion(type="numeric", topic="conv arithmetic", prompt="Parameters of `Conv2d(3, 64, 3)`?",
                answer="1,792", tolerance="1%", unit="parameters", id="my-params"),
    NewQuestion(type="choice", topic="pooling", prompt="Which have no weights?",
                choices=["MaxPool2d", "Conv2d", "ReLU"], correct=["MaxPool2d", "ReLU"], id="my-choice"),
    NewQuestion(type="cloze", topic="conv", prompt="Out: $\\lfloor (n - {{k}})/s \\rfloor + {{1|one}}$",
                id="my-cloze", lang="zh", title="输出尺寸"),
    NewQuestion(type="generated", topic="drills", template="conv-output-size", difficulty=2, id="my-gen"),
]


@pytest.mark.parametrize("new", CASES, ids=lambda c: c.type)
def test_round_trip(new):
    path, line = add_question(new)
    assert path.parent == user_bank_dir() and path.read_text(encoding="utf-8").splitlines()[line - 1].startswith("## ")
    bank = load(None, user_bank=True)
    assert bank.errors == [] and bank.warnings == []
    card = bank.by_id[new.id]
    v = card.text(new.lang)
    assert (card.type, card.topic, card.origin, card.file, card.line) == (new.type, new.topic, "user", path, line)
    assert v.lang == new.lang
    assert v.prompt == new.prompt.strip()
    assert card.tags == tuple(new.tags)
    assert card.difficulty == (new.difficulty or 2)
    if new.title:
        assert v.title == new.title
    if new.type == "basic":
        assert v.answer == new.answer and v.explanation == new.explanation and v.hints == tuple(new.hints)
    if new.type == "numeric":
        assert card.numeric.value == 1792 and card.numeric.relative and card.numeric.unit == "parameters"
    if new.type == "choice":
        assert [(c.text, c.correct) for c in v.choices] == [("MaxPool2d", True), ("Conv2d", False), ("ReLU", True)]
    if new.type == "cloze":
        assert v.gaps == ("k", "1")
    if new.type == "generated":
        assert card.template == "conv-output-size"


def test_appending_keeps_existing_text_and_reports_line():
    p1, l1 = add_question(NewQuestion(type="basic", topic="t", prompt="One?", answer="1", id="one"))
    before = p1.read_text(encoding="utf-8")
    p2, l2 = add_question(NewQuestion(type="basic", topic="t", prompt="Two?", answer="2", id="two"))
    assert p1 == p2 and l1 == 1 and l2 > l1
    after = p2.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert after.splitlines()[l2 - 1] == "## Two?"


@pytest.mark.parametrize(
    ("fields", "needle"),
    [
        (dict(type="choice", prompt="P", choices=["a", "b"]), "no option is marked correct"),
        (dict(type="numeric", prompt="P", answer="many"), "not a number"),
        (dict(type="cloze", prompt="no gaps"), "without gaps"),
        (dict(type="basic", prompt="P\n## sneaky heading", answer="A"), "heading"),
        (dict(type="basic", prompt="P", answer="A\n### Choices\n- [x] x"), "would not read back"),
        (dict(type="generated", template="nope"), "unknown problem template"),
    ],
)
def test_invalid_questions_are_not_written(fields, needle):
    with pytest.raises(InvalidQuestion) as exc:
        add_question(NewQuestion(topic="t", **fields))
    assert any(needle in d.message for d in exc.value.diagnostics)
    assert exc.value.text.startswith("## ")
    assert not user_bank_dir().exists() or list(user_bank_dir().glob("*.md")) == []


def test_duplicate_id_in_user_bank_is_rejected_but_shipped_id_may_be_overridden():
    add_question(NewQuestion(type="basic", topic="t", prompt="P", answer="A", id="dup"))
    with pytest.raises(InvalidQuestion) as exc:
        add_question(NewQuestion(type="basic", topic="t", prompt="P2", answer="A", id="dup"))
    assert "duplicate id 'dup'" in exc.value.diagnostics[0].message
    shipped = load(None, user_bank=False).questions
    if shipped:
        add_question(NewQuestion(type="basic", topic="t", prompt="Mine", answer="A", id=shipped[0].id))
        assert load(None).by_id[shipped[0].id].origin == "user"


def test_add_text_takes_topic_from_the_draft_or_argument():
    placed = add_text("## A\nid: ta\ntype: basic\n\nP\n\n### Answer\nA\n", topic="pooling")
    assert [p.name for p, _l in placed] == ["pooling.md"]
    assert load(None).by_id["ta"].topic == "pooling"


# ------------------------------------------------------------------ the command

def test_add_command_from_flags(capsys):
    rc = main(["add", "--type", "numeric", "--topic", "conv", "--front", "Params?", "--back", "1792",
               "--unit", "parameters", "--id", "cli-num", "--tags", "a, b", "--difficulty", "3"])
    out = capsys.readouterr().out
    assert rc == 0 and f"added 'cli-num' to {user_bank_dir() / 'conv.md'}:1" in out
    card = load(None).by_id["cli-num"]
    assert card.tags == ("a", "b") and card.difficulty == 3


def test_add_command_choice_with_correct_flag(capsys):
    rc = main(["add", "--topic", "pooling", "--front", "No weights?", "--choice", "Conv2d",
               "--correct", "ReLU", "--id", "cli-choice"])
    assert rc == 0
    v = load(None).by_id["cli-choice"].text()
    assert [(c.text, c.correct) for c in v.choices] == [("Conv2d", False), ("ReLU", True)]


def test_add_command_keeps_a_failing_question_as_draft(capsys):
    rc = main(["add", "--type", "numeric", "--topic", "t", "--front", "How many?", "--back", "lots"])
    err = capsys.readouterr().err
    assert rc == 1 and "is not a number" in err
    (draft,) = (data_dir() / "drafts").glob("*.md")
    assert str(draft) in err and "How many?" in draft.read_text(encoding="utf-8")
    assert not (user_bank_dir() / "t.md").exists()
    # fix the draft and add it from the file
    draft.write_text(draft.read_text(encoding="utf-8").replace("answer: lots", "answer: 3"), encoding="utf-8")
    assert main(["add", "--from", str(draft)]) == 0
    assert load(None).by_id["how-many"].numeric.value == 3


def test_add_command_with_editor(tmp_path, monkeypatch, capsys):
    script = tmp_path / "fake-editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text('## Edited\\nid: edited\\ntype: basic\\ntopic: t\\n\\nWhat?\\n\\n### Answer\\nThat.\\n')\n",
        encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)
    assert main(["add", "--edit"]) == 0
    assert "added a question to" in capsys.readouterr().out
    assert load(None).by_id["edited"].text().answer == "That."
    assert list((data_dir() / "drafts").glob("*.md")) == []


def test_add_command_editor_template_untouched_is_rejected_and_kept(monkeypatch, capsys):
    monkeypatch.setenv("EDITOR", "true")
    monkeypatch.delenv("VISUAL", raising=False)
    rc = main(["add", "--edit", "--type", "choice"])
    err = capsys.readouterr().err
    assert rc == 1 and "not changed" in err and "kept in" in err
    (draft,) = (data_dir() / "drafts").glob("*.md")
    assert "## Your question" in draft.read_text(encoding="utf-8")


def test_add_without_flags_off_a_terminal_explains(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", open(os.devnull))
    assert main(["add"]) == 2
    assert "quizcnn add:" in capsys.readouterr().err


def test_add_prompts_on_a_terminal(monkeypatch, capsys):
    answers = iter(["numeric", "conv", "Params of Conv2d(3, 8, 1)?", "32", "", "parameters", "prompted", ""])
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda _prompt="": next(answers))
    assert main(["add"]) == 0
    assert load(None).by_id["prompted"].numeric.value == 32


def test_add_text_keeps_front_matter_values():
    text = ("---\ntopic: pooling\ntags: deck, seed\nsource: seed\nlang: zh\n---\n"
            "## 池化\nid: fm\ntype: basic\ntags: own\n\n问\n\n### 答案\n答\n")
    (path, line), = add_text(text)
    card = load(None).by_id["fm"]
    assert (path.name, card.topic, card.tags, card.source, card.lang) == (
        "pooling.md", "pooling", ("deck", "seed", "own"), "seed", "zh")
