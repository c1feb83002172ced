"""Help (?): every key by screen, with the binding ids used in keymap.toml."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from quizcnn.tui import keymap

INTRO = """\
quizcnn: a daily drill of CNN interview questions.

Typed answers (numbers, shapes, gaps): type and press Enter; the line under the input shows
how your answer is read ("= 12,544") or why it cannot be read (then nothing is recorded).
On a typed card, Esc leaves the input so single-letter keys work; i or Enter goes back.
Typing ? (hint), u (undo), s (skip) or q (quit) alone and Enter also works.
Basic cards: Space shows the answer, then 1-4 rate Again/Hard/Good/Easy (each shows when
the card comes back). Choice cards: number keys toggle options, Enter submits.
Browse: typing goes to the search box; Down or Enter moves to the list, where j/k move,
Enter opens a question, and / or any other letter goes back to the search. Esc leaves.
Every answer is saved when "Saved" appears; quitting at any time loses nothing.
Command palette: ctrl+p.  Remap keys in {path} (see ids below).
"""

SECTIONS = [("Everywhere", keymap.APP), ("Home", keymap.HOME), ("Drill", keymap.DRILL),
            ("Rating (basic cards) / options (choice cards)", keymap.RATE + keymap.CHOICE),
            ("Lists", keymap.LIST), ("Other screens", keymap.SCREEN)]


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen #box { width: 100; max-width: 100%; height: 90%; border: round $accent;
                      background: $surface; padding: 0 1; }
    """
    BINDINGS = keymap.bindings(keymap.SCREEN + keymap.LIST)

    def __init__(self) -> None:
        super().__init__()
        keymap.apply(self)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="box"):
            yield Static(self.text(), markup=False)
        yield Footer()

    def text(self) -> str:
        ov = getattr(self.app, "key_overrides", {})
        out = [INTRO.format(path=keymap.keymap_path())]
        for title, keys in SECTIONS:
            out.append(title)
            for k in keys:
                out.append(f"  {keymap.keys_for(k.id, ov):<16} {k.description:<14} {k.id}")
            out.append("")
        return "\n".join(out)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_cursor_down(self) -> None:
        self.query_one("#box", VerticalScroll).scroll_down()

    def action_cursor_up(self) -> None:
        self.query_one("#box", VerticalScroll).scroll_up()
