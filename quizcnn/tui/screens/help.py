"""Help (?): how answers are read, then every key by screen with the binding ids used in
keymap.toml, all in the language the app speaks."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from quizcnn.messages import t
from quizcnn.tui import keymap
from quizcnn.tui.base import SharedModal

PARAGRAPHS = ("help_intro", "help_typed", "help_typed_keys", "help_basic", "help_browse",
              "help_saved")

SECTIONS = [("help_sec_app", keymap.APP), ("help_sec_home", keymap.HOME),
            ("help_sec_drill", keymap.DRILL), ("help_sec_rate", keymap.RATE + keymap.CHOICE),
            ("help_sec_lists", keymap.LIST), ("help_sec_screens", keymap.SCREEN),
            ("help_sec_interview", keymap.INTERVIEW)]

KEYS_WIDTH, DOES_WIDTH = 16, 14


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal cells (a Chinese character takes
    two), so the columns line up in both languages."""
    from rich.cells import cell_len

    return text + " " * max(0, width - cell_len(text))


class HelpScreen(SharedModal[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen #box { width: 100; max-width: 100%; height: 90%; border: round $accent;
                      background: $surface; padding: 0 1; }
    """
    BINDINGS = keymap.bindings(keymap.SCREEN + keymap.LIST)

    def __init__(self) -> None:
        super().__init__()
        keymap.apply(self)

    @property
    def lang(self) -> str:
        return getattr(self.app, "ui_lang", "en")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="box"):
            yield Static(self.text(), markup=False)
        yield Footer(show_command_palette=False)

    def text(self) -> str:
        lang = self.lang
        ov = getattr(self.app, "key_overrides", {})
        out = [t(key, lang) for key in PARAGRAPHS]
        out.append(t("help_palette", lang, keys=self.app.COMMAND_PALETTE_BINDING,
                     path=keymap.keymap_path()))
        out = ["\n\n".join(out), ""]
        out.append("  " + pad(t("help_col_keys", lang), KEYS_WIDTH) + " "
                   + pad(t("help_col_does", lang), DOES_WIDTH) + " " + t("help_col_id", lang))
        out.append("")
        for title, keys in SECTIONS:
            out.append(t(title, lang))
            for k in keys:
                does = keymap.describe(k.id, lang, k.description)
                out.append(f"  {pad(keymap.keys_for(k.id, ov), KEYS_WIDTH)} "
                           f"{pad(does, DOES_WIDTH)} {k.id}")
            out.append("")
        return "\n".join(out)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_cursor_down(self) -> None:
        self.query_one("#box", VerticalScroll).scroll_down()

    def action_cursor_up(self) -> None:
        self.query_one("#box", VerticalScroll).scroll_up()
