"""One study session over the store, shared by the app and the line-mode drill.

The queue, the session row, recording an answer, undo, skip, suspend and the running tally
live here once; ``quizcnn.drill.plain`` prints around them and ``quizcnn.tui.flow`` prepares
cards for the screens. Every method may touch SQLite: the app calls them on its database
thread. Nothing here prints or imports a UI.
"""

from __future__ import annotations

import heapq
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class Tally:
    """What this session did; the committed counts replace the first four at the end."""

    answered: int = 0
    correct: int = 0
    again: int = 0
    new: int = 0
    skipped: int = 0
    suspended: int = 0
    undone: int = 0
    started: float = field(default_factory=time.monotonic)
    misconceptions: dict[str, str] = field(default_factory=dict)


# how a card was shown (problem seed, option order), so an undone answer brings it back as it was
Shown = tuple[int, list[int]]


class Session:
    """Today's queue (or a cram queue) and the answers given to it."""

    def __init__(self, store, now: datetime, *, topics: list[str] | None = None,
                 tags: list[str] | None = None, lang: str | None = None,
                 limit: int | None = None, cram: bool = False, mode: str = "plain"):
        from quizcnn.store.queue import build_queue
        from quizcnn.store.scheduler import Reviewer

        self.store = store
        self.reviewer = Reviewer(store)
        self.cram = cram  # study ahead: answers are logged, schedules stay as they are
        self.limit = limit
        self.mode = mode
        self.queue = build_queue(store, now, topics=topics or None, tags=tags or None,
                                 lang=lang, limit=limit, cram=cram)
        self.total = len(self.queue)
        self.tally = Tally()
        self.session_id: int | None = None
        self.history: list = []  # the QueueItems answered, in order (for undo)
        self.shown: dict[int, Shown] = {}  # card id -> how it was shown when answered
        self.again: dict[int, Shown] = {}  # undone: to be shown again as they were

    def start(self, now: datetime) -> int:
        self.session_id = self.reviewer.start_session(self.mode, now)
        return self.session_id

    # -- the queue --------------------------------------------------------------------------
    def next_item(self, now: datetime):
        """The next QueueItem, or None when the session is over."""
        return self.queue.next(now)

    def replay(self, card_id: int) -> Shown | None:
        """How an undone card was shown, once (None for a card not undone)."""
        return self.again.pop(card_id, None)

    def take(self, bank_id: str):
        """Take a card already on screen out of the queue; its QueueItem (None if unknown).

        A card shown before the queue was built may not be in it: it is studied anyway, in
        the place of the last card of a limited queue."""
        for it in list(self.queue.main):
            if it.bank_id == bank_id:
                self.queue.main.remove(it)
                return it
        for entry in self.queue.learning:
            if entry[2].bank_id == bank_id:
                self.queue.learning.remove(entry)
                heapq.heapify(self.queue.learning)
                return entry[2]
        from quizcnn.store.queue import QueueItem

        card = self.reviewer.card_by_bank_id(bank_id)
        if card is None:
            return None
        if self.limit and self.queue.main:
            self.queue.main.pop()
        return QueueItem(card.id, card.bank_id, card.topic, card.state, card.last_review is None,
                         card.due)

    # -- answers ----------------------------------------------------------------------------
    def record(self, item, rating, *, now: datetime, duration_ms: int, answer: str | None,
               correct: bool | None, misconception: str | None = None, problem=None,
               lang: str = "en", hint_used: bool = False, shown: Shown | None = None,
               misconception_text: str = ""):
        """Save one answer (committed on return) and count it; the store's AnswerResult."""
        result = self.reviewer.answer(
            item.card_id, rating, now=now, duration_ms=duration_ms, answer=answer,
            correct=correct, misconception=misconception, problem=problem, lang=lang,
            hint_used=hint_used, session_id=self.session_id, cram=self.cram,
        )
        self.history.append(item)
        if shown is not None:
            self.shown[item.card_id] = shown
        self.queue.answered(item, result.state, result.due)
        t = self.tally
        t.answered += 1
        t.correct += 1 if (correct or (correct is None and int(rating) > 1)) else 0
        t.again += 1 if int(rating) == 1 else 0
        t.new += 1 if result.was_new else 0
        if misconception_text:
            t.misconceptions[misconception or misconception_text] = misconception_text
        return result

    def undo(self, current=None, current_shown: Shown | None = None):
        """Take back this session's last answer; its card comes next, then ``current`` (the
        QueueItem on screen, if any). The store's UndoResult, or None when there is none."""
        done = self.reviewer.undo(session_id=self.session_id)
        if done is None:
            return None
        prev = next((it for it in reversed(self.history) if it.card_id == done.card_id), None)
        # the learning re-entry the undone answer scheduled goes
        self.queue.learning = [e for e in self.queue.learning if e[1] != done.card_id]
        heapq.heapify(self.queue.learning)
        if current is not None:
            self.queue.main.appendleft(current)
            if current_shown is not None:
                self.again[current.card_id] = current_shown
        if done.card_id in self.shown:
            self.again[done.card_id] = self.shown.pop(done.card_id)
        if prev is not None:
            self.history.remove(prev)
            self.queue.main.appendleft(prev)
        t = self.tally
        t.undone += 1
        t.answered = max(0, t.answered - 1)
        return done

    def skip(self, item, now: datetime) -> None:
        """Bury the card until tomorrow."""
        self.reviewer.bury(item.card_id, now)
        self.tally.skipped += 1

    def suspend(self, item) -> None:
        self.reviewer.suspend(item.card_id, True)
        self.tally.suspended += 1

    def end(self, now: datetime) -> Any:
        """Close the session row; the tally takes its committed counts (undo included)."""
        if self.session_id is None:
            return None
        row = self.reviewer.end_session(self.session_id, now)
        if row is not None:
            t = self.tally
            t.answered, t.correct, t.again, t.new = row.reviewed, row.correct, row.again, row.new
        return row
