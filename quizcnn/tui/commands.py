"""The command palette (ctrl+p): the app's own commands first, then Textual's (theme, keys,
quit, ...), all in the language the app speaks.

The app's only command provider is this one (``QuizApp.COMMANDS``): it lists Textual's
system commands itself (``App.get_system_commands``, named in the app's language there), so
the palette shows the app's commands at the top rather than in whatever order two providers
answer.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from quizcnn.messages import t

if TYPE_CHECKING:
    from quizcnn.tui.app import QuizApp

# (catalogue key of the title; its help is the key + "_help"), the screen it opens
COMMANDS = [("cmd_drill", "drill"), ("cmd_browse", "browse"), ("cmd_add", "add"),
            ("cmd_stats", "stats"), ("cmd_help", "help"), ("cmd_home", "home")]


def commands(lang: str) -> list[tuple[str, str, str]]:
    """(title, screen, help) of each command in ``lang``."""
    return [(t(key, lang), target, t(f"{key}_help", lang)) for key, target in COMMANDS]


class QuizCommands(Provider):
    if TYPE_CHECKING:  # the palette's app is the QuizApp (see quizcnn/tui/base.py)
        @property
        def app(self) -> QuizApp: ...  # type: ignore[override]  # App is invariant: App[None] is not App[object]

    @property
    def lang(self) -> str:
        return getattr(self.app, "ui_lang", "en")

    def entries(self) -> list[tuple[str, str, Callable[[], Any], str, bool]]:
        """(title, its English, what it runs, help, listed before typing) of every command."""
        app: Any = self.app
        out: list[tuple[str, str, Callable[[], Any], str, bool]] = [
            (title, en, partial(app.open_screen, target), help_text, True)
               for (title, target, help_text), (en, _, _) in zip(
                   commands(self.lang), commands("en"), strict=True)]
        out += [(c.title, c.title, c.callback, c.help, c.discover)
                for c in app.get_system_commands(self.screen)]
        return out

    async def discover(self) -> Hits:
        for title, _en, run, help_text, listed in self.entries():
            if listed:
                yield DiscoveryHit(title, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = False
        for title, en, run, help_text, _listed in self.entries():
            # in Chinese the English name finds a command too ("drill", "stats")
            score = max(matcher.match(title), matcher.match(en))
            if score > 0:
                found = True
                yield Hit(score, matcher.highlight(title), run, help=help_text)
        if not found and self.lang != "en":
            # Textual's own "No matches found" is English: say it here (choosing it does
            # nothing but close the palette)
            yield Hit(1.0, t("cmd_no_match", self.lang), _nothing)


def _nothing() -> None:
    return None
