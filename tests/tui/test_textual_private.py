"""What quizcnn relies on in Textual beyond its public API, pinned so a Textual upgrade that
changes it fails here by name instead of silently breaking remapped keys.

``keymap.apply`` moves a node's bindings to the user's keys by editing Textual's private
``node._bindings.key_to_bindings`` (a dict of key -> list of Binding, read when a key is
pressed). It does so because the public ``App.set_keymap`` does not do the job; the last two
tests pin those two reasons: if one of them fails, Textual has changed and ``keymap.apply`` may
be able to move to ``App.set_keymap``.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Input

from quizcnn.tui import keymap
from quizcnn.tui.keymap import Key
from tests.tui.conftest import pilot_test

KEYS = [Key("t.hint", "h", "hint", "Hint"), Key("t.reveal", "space", "reveal", "Reveal"),
        Key("t.next", "space", "next", "Next")]


class Probe(Screen[None]):
    BINDINGS = keymap.bindings(KEYS)

    def __init__(self, *, with_input: bool, apply: bool) -> None:
        super().__init__()
        self.calls: list[str] = []
        self.with_input = with_input
        if apply:
            keymap.apply(self)  # reads the running app's key_overrides, as the screens do

    def compose(self) -> ComposeResult:
        if self.with_input:
            yield Input(id="answer")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # as in the drill: Reveal before the answer is shown, Next after, on the same key
        return action != ("next" if "reveal" not in self.calls else "reveal")

    def action_hint(self) -> None:
        self.calls.append("hint")

    def action_reveal(self) -> None:
        self.calls.append("reveal")

    def action_next(self) -> None:
        self.calls.append("next")


class ProbeApp(App[None]):
    def __init__(self, overrides: dict[str, str], *, with_input: bool, use_set_keymap: bool):
        super().__init__()
        self.key_overrides = {} if use_set_keymap else overrides
        self.keymap_for_textual = overrides if use_set_keymap else {}
        self.with_input = with_input

    def on_mount(self) -> None:
        if self.keymap_for_textual:
            self.set_keymap(self.keymap_for_textual)
        self.push_screen(Probe(with_input=self.with_input,
                               apply=not self.keymap_for_textual))


async def _press(overrides: dict[str, str], keys: list[str], *, with_input: bool,
                 use_set_keymap: bool = False) -> tuple[list[str], str]:
    app = ProbeApp(overrides, with_input=with_input, use_set_keymap=use_set_keymap)
    async with app.run_test(size=(40, 8)) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, Probe)
        typed = screen.query_one(Input).value if with_input else ""
        return screen.calls, typed


def test_private_node_bindings_is_a_dict_of_key_to_binding_lists():
    """``keymap.apply`` edits ``node._bindings.key_to_bindings`` in place."""
    screen = Probe(with_input=False, apply=False)
    table = screen._bindings.key_to_bindings
    assert isinstance(table, dict), "Textual changed DOMNode._bindings: see keymap.apply"
    assert [b.id for b in table["space"]] == ["t.reveal", "t.next"]
    assert [b.id for b in table["h"]] == ["t.hint"]
    keymap.apply(screen, {"t.hint": "f1,ctrl+h", "t.reveal": "r"})
    assert "h" not in table
    assert [b.id for b in table["f1"]] == ["t.hint"] and [b.id for b in table["ctrl+h"]] == ["t.hint"]
    assert [b.id for b in table["space"]] == ["t.next"] and [b.id for b in table["r"]] == ["t.reveal"]


@pilot_test
async def test_private_node_bindings_edited_in_init_are_what_a_key_press_runs():
    """A remapped letter binding works on its new key while an Input has focus; the old key
    is typed into the Input; the app's overrides are found from the screen's ``__init__``."""
    calls, typed = await _press({"t.hint": "f1"}, ["f1", "h"], with_input=True)
    assert calls == ["hint"], "Textual no longer reads node._bindings on a key press"
    assert typed == "h"


@pilot_test
async def test_private_node_bindings_keep_the_other_binding_of_a_shared_key():
    calls, _ = await _press({"t.reveal": "r"}, ["r", "space"], with_input=False)
    assert calls == ["reveal", "next"]


@pilot_test
async def test_public_set_keymap_still_loses_letter_bindings_an_input_consumes():
    """Reason 1 for the private route: with an Input focused, ``App.set_keymap`` never
    moves a letter binding (Textual drops keys the Input consumes before applying it)."""
    calls, _ = await _press({"t.hint": "f1"}, ["f1"], with_input=True, use_set_keymap=True)
    assert calls == [], ("Textual's keymap now survives a focused Input: keymap.apply may "
                         "move to App.set_keymap (see its docstring)")


@pilot_test
async def test_public_set_keymap_still_drops_the_other_binding_of_a_shared_key():
    """Reason 2: remapping Reveal off Space with ``App.set_keymap`` also takes Next off it."""
    calls, _ = await _press({"t.reveal": "r"}, ["r", "space"], with_input=False,
                            use_set_keymap=True)
    assert calls == ["reveal"], ("Textual's keymap now keeps bindings that share a key: "
                                 "keymap.apply may move to App.set_keymap (see its docstring)")
