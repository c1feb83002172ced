"""Add: a form that writes a new question to the user bank, validated as ``quizcnn add`` is."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Input, Label, Select, Static, TextArea

from quizcnn.messages import t
from quizcnn.tui import keymap, safe
from quizcnn.tui.base import QuizScreen

if TYPE_CHECKING:
    from quizcnn.bank.write import NewQuestion

TYPES = ("basic", "numeric", "choice", "cloze")


def lines(text: str) -> list[str]:
    return [x.strip() for x in text.splitlines() if x.strip()]


def build(values: dict[str, str]) -> NewQuestion:
    """A NewQuestion from the form's values. Choices: one per line, '[x] ' marks right ones."""
    from quizcnn.bank.write import NewQuestion

    qtype = values["type"]
    choices: list[str] = []
    correct: list[str] = []
    for line in lines(values.get("choices", "")):
        ok = line.lower().startswith(("[x]", "x "))
        text = line[3:].strip() if line.lower().startswith(("[x]", "[ ]")) else (
            line[2:].strip() if ok else line)
        choices.append(text)
        if ok:
            correct.append(text)
    return NewQuestion(
        type=qtype, topic=values["topic"].strip(), prompt=values["prompt"],
        answer=values["answer"].strip() or None, id=values["id"].strip() or None,
        lang=values["lang"], title=values["title"].strip() or None,
        choices=choices if qtype == "choice" else (), correct=correct,
        tolerance=values["tolerance"].strip() or None if qtype == "numeric" else None,
        unit=values["unit"].strip() or None if qtype == "numeric" else None,
        tags=[t.strip() for t in values["tags"].split(",") if t.strip()],
        explanation=values["explanation"].strip() or None,
        hints=tuple(lines(values["hints"])),
    )


def save(values: dict[str, str], bank_dir: Path | None = None,
         lang: str = "en") -> tuple[Path, int]:
    """Validate and append; returns (file, line). Raises InvalidQuestion or ValueError (its
    message in ``lang``)."""
    from quizcnn.bank.write import add_question

    q = build(values)
    if not q.topic:
        raise ValueError(t("add_no_topic", lang))
    if not q.prompt.strip():
        raise ValueError(t("add_no_prompt", lang))
    return add_question(q, bank_dir=bank_dir)


class AddScreen(QuizScreen[None]):
    DEFAULT_CSS = """
    AddScreen #form { padding: 0 1; }
    AddScreen Label { margin-top: 1; color: $text-muted; }
    AddScreen Input, AddScreen TextArea { background: $boost; }
    AddScreen TextArea { height: 4; }
    AddScreen Horizontal { height: auto; }
    AddScreen Horizontal > * { width: 1fr; margin-right: 1; }
    AddScreen #errors { color: $error; padding: 0 1; height: auto; max-height: 6; }
    """
    BINDINGS = keymap.bindings([
        keymap.Key("add.save", "ctrl+s", "save", "Save"),
        keymap.Key("add.back", "escape", "back", "Back"),
    ])

    def __init__(self) -> None:
        super().__init__()
        keymap.apply(self)
        self.discard_armed = False  # Esc once more throws the unsaved text away

    def has_text(self) -> bool:
        """Whether the user typed anything (the type and language pickers do not count)."""
        return any(v.strip() for k, v in self.values().items() if k not in ("type", "lang"))

    def on_input_changed(self) -> None:
        self.disarm()

    def on_text_area_changed(self) -> None:
        self.disarm()

    def disarm(self) -> None:
        if self.discard_armed:
            self.discard_armed = False
            self.query_one("#errors", Static).update("")

    @property
    def lang(self) -> str:
        """The language the app speaks (the form's words; a new question is written in
        it unless the language picker says otherwise)."""
        return getattr(self.app, "ui_lang", "en")

    def compose(self) -> ComposeResult:
        lang = self.lang

        def say(key: str) -> str:
            return t(key, lang)

        with VerticalScroll(id="form"):
            with Horizontal(id="row"):
                yield Select([(say(f"qtype_{x}"), x) for x in TYPES], value="basic",
                             allow_blank=False, id="type", compact=True,
                             tooltip=say("add_type"))
                yield Select([(say("lang_name_en"), "en"), (say("lang_name_zh"), "zh")],
                             value=lang, allow_blank=False, id="lang", compact=True,
                             tooltip=say("add_lang"))
            yield Label(say("add_topic"), markup=False)
            yield Input(id="topic", placeholder=say("add_topic_ph"), compact=True)
            yield Label(say("add_title"), markup=False)
            yield Input(id="title", compact=True)
            yield Label(say("add_prompt"), markup=False)
            yield TextArea(id="prompt", compact=True)
            yield Label(say("add_answer"), markup=False)
            yield TextArea(id="answer", compact=True)
            yield Label(say("add_choices"), markup=False)
            yield TextArea(id="choices", compact=True)
            with Horizontal(id="row2"):
                yield Input(id="tolerance", placeholder=say("add_tolerance_ph"), compact=True)
                yield Input(id="unit", placeholder=say("add_unit_ph"), compact=True)
            yield Label(say("add_tags_id"), markup=False)
            with Horizontal(id="row3"):
                yield Input(id="tags", placeholder=say("add_tags_ph"), compact=True)
                yield Input(id="id", placeholder=say("add_id_ph"), compact=True)
            yield Label(say("add_hints"), markup=False)
            yield TextArea(id="hints", compact=True, placeholder=say("add_hints_ph"))
            yield TextArea(id="explanation", compact=True, placeholder=say("add_explanation_ph"))
        yield Static("", id="errors", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#topic").focus()

    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for w in self.query("Input, TextArea, Select"):  # each has an id
            if isinstance(w, TextArea):
                out[w.id or ""] = w.text
            elif isinstance(w, Input | Select):
                out[w.id or ""] = str(w.value)
        return out

    @work(group="add", exclusive=True)
    async def action_save(self) -> None:
        from quizcnn.bank.write import InvalidQuestion

        errors = self.query_one("#errors", Static)
        values = self.values()
        try:
            path, line = await self.app.in_db(save, values, None, self.lang)
        except InvalidQuestion as e:
            # the bank's checks say what is wrong in their own words
            errors.update(t("add_not_saved", self.lang) + "\n" + "\n".join(
                safe.text(f"{d.message}" + (f" ({d.hint})" if d.hint else ""))
                for d in e.diagnostics[:5]))
            return
        except (ValueError, OSError) as e:
            errors.update(t("add_not_saved_why", self.lang, error=safe.text(e)))
            return
        errors.update("")
        self.notify(t("add_saved_to", self.lang, where=f"{path}:{line}"),
                    title=t("add_added", self.lang), markup=False)
        await self.app.reload_bank()
        self.app.pop_screen()

    def action_back(self) -> None:
        if self.has_text() and not self.discard_armed:
            self.discard_armed = True
            self.query_one("#errors", Static).update(t("add_unsaved", self.lang))
            return
        self.app.pop_screen()
