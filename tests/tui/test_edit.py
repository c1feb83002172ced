"""Edit ($EDITOR at file:line): a shipped question is edited as a scratch copy that becomes a
user override only when it changed."""

from __future__ import annotations

import contextlib
import sys

from tests.tui.conftest import pilot_test, start_drill, until

EDITOR = """\
import sys
line, path = int(sys.argv[1].lstrip("+")), sys.argv[2]
with open(path, encoding="utf-8") as fh:
    lines = fh.read().split("\\n")
assert lines[line - 1].startswith("## "), lines[line - 1]
text = "\\n".join(lines).replace("What does the stride", "What EXACTLY does the stride")
with open(path, "w", encoding="utf-8") as fh:
    fh.write(text)
"""


def _edit(q, change):
    from quizcnn.tui.flow import edit_target, finish_edit

    target = edit_target(q, "en")
    lines = target.path.read_text(encoding="utf-8").split("\n")
    assert lines[target.line - 1] == "## Conv output width"
    if change is not None:
        target.path.write_text(change(target.path.read_text(encoding="utf-8")), encoding="utf-8")
    outcome = finish_edit(target)
    assert not target.path.exists()  # the scratch copy is gone either way
    return outcome


def test_a_changed_shipped_question_becomes_a_user_override(bank_dir):
    from quizcnn.bank.load import load_sources
    from quizcnn.paths import user_bank_dir

    bank = load_sources([(bank_dir, "shipped")])
    outcome, path = _edit(bank.by_id["t-numeric"], lambda s: s.replace("width", "WIDTH", 1))
    assert outcome == "saved" and path.parent == user_bank_dir()
    again = load_sources([(bank_dir, "shipped"), (user_bank_dir(), "user")])
    assert again.by_id["t-numeric"].origin == "user"
    assert again.by_id["t-numeric"].numeric.value == 12544
    assert not again.errors
    # the shipped deck itself is untouched
    assert "id: t-numeric" in (bank_dir / "deck.md").read_text(encoding="utf-8")


def test_quitting_the_editor_without_a_change_creates_no_override(bank_dir):
    from quizcnn.bank.load import load_sources
    from quizcnn.paths import user_bank_dir

    bank = load_sources([(bank_dir, "shipped")])
    outcome, _path = _edit(bank.by_id["t-numeric"], None)
    assert outcome == "unchanged"
    assert not list(user_bank_dir().glob("*.md")) if user_bank_dir().exists() else True
    again = load_sources([(bank_dir, "shipped"), (user_bank_dir(), "user")])
    assert again.by_id["t-numeric"].origin == "shipped"


def test_an_edit_that_breaks_the_question_is_kept_as_a_draft(bank_dir):
    from quizcnn.bank.load import load_sources
    from quizcnn.paths import user_bank_dir

    bank = load_sources([(bank_dir, "shipped")])
    outcome, path = _edit(bank.by_id["t-numeric"], lambda s: s.replace("type:", "tpye:") + "\n### Bogus\n")
    assert outcome == "draft" and path.parent.name == "drafts"
    assert "tpye:" in path.read_text(encoding="utf-8")  # the user's text is not lost
    again = load_sources([(bank_dir, "shipped"), (user_bank_dir(), "user")])
    assert again.by_id["t-numeric"].origin == "shipped"


@pilot_test
async def test_edit_key_runs_the_editor_and_reloads(make_app, tmp_path, monkeypatch):
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    app = make_app(topics=("t-basic",))
    app.suspend = contextlib.nullcontext  # no real terminal to hand over in a test
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        assert "What does the stride" in drill.card.prompt_md
        await pilot.press("e")
        await until(pilot, lambda: "EXACTLY" in drill.card.prompt_md)
        assert drill.state == "ask"
    assert "EXACTLY" in (app.bank.by_id["t-basic"].file).read_text(encoding="utf-8")


class _Suspend:
    """Stands in for App.suspend and, like Textual, resumes only when its block exits cleanly."""

    def __init__(self) -> None:
        self.entered = self.resumed = 0

    @contextlib.contextmanager
    def __call__(self):
        self.entered += 1
        yield
        self.resumed += 1


@pilot_test
async def test_an_editor_that_cannot_start_leaves_the_app_running(make_app, monkeypatch):
    from textual.widgets import Static

    def said(drill) -> str:
        return str(drill.query_one("#saved", Static).render())

    for editor in ("/nonexistent/ed", 'vi "'):
        monkeypatch.setenv("VISUAL", editor)
        app = make_app(topics=("t-basic",))
        app.suspend = suspend = _Suspend()
        async with app.run_test(size=(80, 24)) as pilot:
            drill = await start_drill(pilot, app)
            await pilot.press("e")
            await until(pilot, lambda d=drill: "Could not run the editor" in said(d))
            assert suspend.entered == suspend.resumed  # never left suspended
            assert f"'{editor}'" in said(drill)
            assert drill.state == "ask"
            await pilot.press("space")  # keys still reach the app
            await until(pilot, lambda d=drill: d.state != "ask")


@pilot_test
async def test_edit_key_with_an_editor_that_changes_nothing_saves_nothing(make_app, bank_dir, monkeypatch):
    from textual.widgets import Static

    from quizcnn.bank.load import load_sources
    from quizcnn.paths import user_bank_dir

    monkeypatch.setenv("VISUAL", "true")  # exits at once, file untouched
    app = make_app(topics=("t-basic",))
    app.bank_loader = lambda: load_sources([(bank_dir, "shipped"), (user_bank_dir(), "user")])
    app.suspend = contextlib.nullcontext
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start_drill(pilot, app)
        await pilot.press("e")
        await until(pilot, lambda: "No change" in str(drill.query_one("#saved", Static).render()))
        assert drill.state == "ask"
    assert app.bank.by_id["t-basic"].origin == "shipped"
    assert not (user_bank_dir().exists() and list(user_bank_dir().rglob("*.md")))
