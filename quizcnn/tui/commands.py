"""The command palette (ctrl+p): the app's own commands, in the language the app speaks."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from quizcnn.messages import t

# (catalogue key of the title; its help is the key + "_help"), the screen it opens
COMMANDS = [("cmd_drill", "drill"), ("cmd_browse", "browse"), ("cmd_add", "add"),
            ("cmd_stats", "stats"), ("cmd_help", "help"), ("cmd_home", "home")]


def commands(lang: str) -> list[tuple[str, str, str]]:
    """(title, screen, help) of each command in ``lang``."""
    return [(t(key, lang), target, t(f"{key}_help", lang)) for key, target in COMMANDS]


class QuizCommands(Provider):
    @property
    def lang(self) -> str:
        return getattr(self.app, "ui_lang", "en")

    async def discover(self) -> Hits:
        for title, target, help_text in commands(self.lang):
            yield DiscoveryHit(title, partial(self.app.open_screen, target), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        english = commands("en")
        for (title, target, help_text), (en_title, _, _) in zip(commands(self.lang), english,
                                                                strict=True):
            # in Chinese the English name finds a command too ("drill", "stats")
            score = max(matcher.match(title), matcher.match(en_title))
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self.app.open_screen, target),
                          help=help_text)
