"""Typed messages the app sends to its screens."""

from __future__ import annotations

from textual.message import Message


class BankLoaded(Message):
    """The bank and the quick counts are in ``app.bank`` / ``app.counts``."""


class StoreReady(Message):
    """``app.store`` is open and synced with the bank; counts and streak are fresh."""


class StoreFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class Rated(Message):
    """The user picked a rating (1-4) on the rating bar."""

    def __init__(self, rating: int) -> None:
        super().__init__()
        self.rating = rating
