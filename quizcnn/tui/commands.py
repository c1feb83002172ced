"""The command palette (ctrl+p): the app's own commands."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

COMMANDS = [
    ("Start the drill", "drill", "Study today's due and new cards"),
    ("Browse the bank", "browse", "Search questions and see their history"),
    ("Add a question", "add", "Write a new question to your own bank"),
    ("Statistics", "stats", "Heatmap, retention, forecast, mastery"),
    ("Help", "help", "Keys and how answers are read"),
    ("Home", "home", "Back to today's overview"),
]


class QuizCommands(Provider):
    async def discover(self) -> Hits:
        for title, target, help_text in COMMANDS:
            yield DiscoveryHit(title, partial(self.app.open_screen, target), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, target, help_text in COMMANDS:
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self.app.open_screen, target),
                          help=help_text)
