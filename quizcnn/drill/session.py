"""One study session over the store, shared by the app and the line-mode drill.

The queue, the session row, recording an answer, undo, skip, suspend and the running tally
live here once; ``quizcnn.drill.plain`` prints around them and ``quizcnn.tui.flow`` prepares
cards for the screens. Every method may touch SQLite: the app calls them on its database
thread. Nothing here prints or imports a UI.
"""

from __future__ import annotations

import heapq
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypedDict

if TYPE_CHECKING:
    from fsrs import Rating

    from quizcnn.store.db import Store
    from quizcnn.store.queue import NewLimit, QueueItem
    from quizcnn.store.scheduler import AnswerResult

    LearningEntry = tuple[datetime, int, QueueItem]  # (due, card id, item), a heap entry


class Filters(TypedDict):
    """The filters a session was built with, as the store's queue functions take them."""

    topics: list[str] | None
    tags: list[str] | None
    lang: str | None


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

# What ``Session.undo`` takes back: the session's last action, whatever it was, and only it.
#
# | action (key)              | what undo restores                                             |
# |---------------------------|----------------------------------------------------------------|
# | answer (typed or 1-4)     | the review row is deleted; the card's schedule is exactly as   |
# |                           | before it (state, due, stability, difficulty, reps, lapses,    |
# |                           | leech, buried_until); the session's counts; the learning step  |
# |                           | it queued is dropped. The card is shown next, drawn as before  |
# |                           | (same numbers, same option order), then the card that was on   |
# |                           | screen.                                                        |
# | suspend (x)               | the card is no longer suspended; a card suspended before it    |
# |                           | was answered is shown next, one suspended after its answer     |
# |                           | stays answered (its learning step, if any, is queued again).   |
# | skip (s: bury until the   | buried_until as it was; the card is shown next (a learning     |
# | next study day)           | step it had queued comes back as well).                        |
#
# Nothing else is undone (Browse, settings); an undo with no action left says so.
UNDOABLE = ("answer", "suspend", "skip")


@dataclass
class Action:
    """One undoable step of the session (see the table above)."""

    kind: str  # "answer" | "suspend" | "skip"
    item: QueueItem  # the card acted on
    shown: Shown | None = None  # how the card was drawn
    requeue: bool = True  # undo shows the card again (False: it had been answered)
    before: Any = None  # suspend: was suspended; skip: buried_until
    learning: list[LearningEntry] = field(default_factory=list)  # heap entries it took out
    misconception: str | None = None  # answer: the tally key it added


@dataclass(frozen=True)
class Undone:
    """What an undo took back: ``kind`` of action, on which card; ``requeued``: the card is
    shown next."""

    kind: str
    card_id: int
    bank_id: str
    requeued: bool


class Session:
    """Today's queue (or a cram queue) and the answers given to it."""

    def __init__(self, store: Store, now: datetime, *, topics: list[str] | None = None,
                 tags: list[str] | None = None, lang: str | None = None,
                 limit: int | None = None, cram: bool = False, mode: str = "plain") -> None:
        from quizcnn.store.queue import build_queue
        from quizcnn.store.scheduler import Reviewer

        self.store = store
        self.reviewer = Reviewer(store)
        self.cram = cram  # study ahead: answers are logged, schedules stay as they are
        self.limit = limit
        self.mode = mode
        if not cram:  # an interview date plan decides today's new cards and early reviews
            from quizcnn.plan.service import refresh

            refresh(store, now)
        self.queue = build_queue(store, now, topics=topics or None, tags=tags or None,
                                 lang=lang, limit=limit, cram=cram)
        self.filters: Filters = {"topics": topics or None, "tags": tags or None, "lang": lang}
        self.total = len(self.queue)
        self.tally = Tally()
        self.session_id: int | None = None
        self.actions: list[Action] = []  # undoable steps, oldest first
        self.pending: deque[QueueItem] = deque()  # shown before the queue's own order (after an undo)
        self.again: dict[int, Shown] = {}  # undone: to be shown again as they were
        self.suspended_ids: set[int] = set()  # cards suspended in this session

    def start(self, now: datetime) -> int:
        self.session_id = self.reviewer.start_session(self.mode, now)
        return self.session_id

    # -- the queue --------------------------------------------------------------------------
    def next_item(self, now: datetime) -> QueueItem | None:
        """The next QueueItem, or None when the session is over: a card brought back by an
        undo first (before learning cards that fell due meanwhile), then the queue's order."""
        if self.pending:
            return self.pending.popleft()
        return self.queue.next(now)

    def remaining(self) -> int:
        """Cards still to show: the queue and those an undo brought back."""
        return len(self.queue) + len(self.pending)

    def replay(self, card_id: int) -> Shown | None:
        """How an undone card was shown, once (None for a card not undone)."""
        return self.again.pop(card_id, None)

    def take(self, bank_id: str) -> QueueItem | None:
        """Take a card already on screen out of the queue; its QueueItem (None if unknown).

        A card shown before the queue was built may not be in it: it is studied anyway, in
        the place of the last card of a limited queue."""
        for it in list(self.pending):
            if it.bank_id == bank_id:
                self.pending.remove(it)
                return it
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
    def record(self, item: QueueItem, rating: Rating | int, *, now: datetime, duration_ms: int, answer: str | None,
               correct: bool | None, misconception: str | None = None,
               problem: Mapping[str, object] | None = None,
               lang: str = "en", hint_used: bool = False, shown: Shown | None = None,
               misconception_text: str = "") -> AnswerResult:
        """Save one answer (committed on return) and count it; the store's AnswerResult."""
        result = self.reviewer.answer(
            item.card_id, rating, now=now, duration_ms=duration_ms, answer=answer,
            correct=correct, misconception=misconception, problem=problem, lang=lang,
            hint_used=hint_used, session_id=self.session_id, cram=self.cram,
        )
        key = None
        t = self.tally
        if misconception_text:
            key = misconception or misconception_text
            if key in t.misconceptions:
                key = None  # seen before in this session: an undo of this answer keeps it
            else:
                t.misconceptions[key] = misconception_text
        self.actions.append(Action("answer", item, shown, misconception=key))
        self.queue.answered(item, result.state, result.due)
        t.answered += 1
        t.correct += 1 if (correct or (correct is None and int(rating) > 1)) else 0
        t.again += 1 if int(rating) == 1 else 0
        t.new += 1 if result.was_new else 0
        return result

    @staticmethod
    def hard_why(correct: bool | None, rating: Rating | int, hint_used: bool) -> str | None:
        """Why a right auto-graded answer was rated Hard: a ``quizcnn.messages`` key
        (``why_hint``: a hint was shown; ``why_slow``: over twice the usual time), else None."""
        if not correct or int(rating) != 2:
            return None
        return "why_hint" if hint_used else "why_slow"

    def undo(self, current: QueueItem | None = None, current_shown: Shown | None = None) -> Undone | None:
        """Take back this session's last action (see the table above). Its card comes next
        when it was not answered yet, then ``current`` (the QueueItem on screen when undo was
        asked, drawn as ``current_shown``). None when there is nothing to undo (``current``
        then stays next)."""
        action = self.actions.pop() if self.actions else None
        if action is not None and action.kind == "answer":
            if self.reviewer.undo(session_id=self.session_id) is None:
                action = None  # the card was reset since: its old schedule is gone
        if action is None:
            if current is not None:
                self._show_next(current, current_shown)
            return None
        item = action.item
        t = self.tally
        if action.kind == "answer":
            # the learning step the undone answer queued goes
            self.queue.learning = [e for e in self.queue.learning if e[1] != item.card_id]
            heapq.heapify(self.queue.learning)
            t.answered = max(0, t.answered - 1)
            if action.misconception is not None:
                t.misconceptions.pop(action.misconception, None)
        elif action.kind == "suspend":
            self.reviewer.suspend(item.card_id, bool(action.before))
            self.suspended_ids.discard(item.card_id)
            t.suspended = max(0, t.suspended - 1)
        else:
            self.reviewer.unbury(item.card_id, action.before)
            t.skipped = max(0, t.skipped - 1)
        for entry in action.learning:  # learning steps a suspend or skip took out
            heapq.heappush(self.queue.learning, entry)
        t.undone += 1
        if current is not None and current.card_id != item.card_id:
            self._show_next(current, current_shown)
        if action.requeue:
            self._show_next(item, action.shown)
        return Undone(action.kind, item.card_id, item.bank_id, action.requeue)

    def _show_next(self, item: QueueItem, shown: Shown | None) -> None:
        self.pending.appendleft(item)
        if shown is not None:
            self.again[item.card_id] = shown

    def _answered_last(self, item: QueueItem) -> bool:
        """Was the last action answering this card (it is on screen with its feedback)?"""
        return bool(self.actions) and self.actions[-1].kind == "answer" and \
            self.actions[-1].item.card_id == item.card_id

    def _out_of_learning(self, card_id: int) -> list[LearningEntry]:
        taken = [e for e in self.queue.learning if e[1] == card_id]
        if taken:
            self.queue.learning = [e for e in self.queue.learning if e[1] != card_id]
            heapq.heapify(self.queue.learning)
        return taken

    def skip(self, item: QueueItem, now: datetime, shown: Shown | None = None) -> None:
        """Bury the card until the next study day (a learning step it queued goes too)."""
        before = self.reviewer.card(item.card_id).buried_until
        answered = self._answered_last(item)
        self.reviewer.bury(item.card_id, now)
        self.actions.append(Action("skip", item, shown, requeue=not answered, before=before,
                                   learning=self._out_of_learning(item.card_id)))
        self.tally.skipped += 1

    def suspend(self, item: QueueItem, shown: Shown | None = None) -> None:
        """Suspend the card: it does not come up again, in this session or later."""
        before = self.reviewer.card(item.card_id).suspended
        answered = self._answered_last(item)
        self.reviewer.suspend(item.card_id, True)
        self.actions.append(Action("suspend", item, shown, requeue=not answered,
                                   before=before, learning=self._out_of_learning(item.card_id)))
        self.suspended_ids.add(item.card_id)
        self.tally.suspended += 1

    def new_limit(self, now: datetime) -> NewLimit | None:
        """Today's new-card limit when it keeps unseen cards in the filters out
        (``quizcnn.store.queue.NewLimit``), else None; None when studying ahead."""
        if self.cram:
            return None
        from quizcnn.store.queue import new_held_back

        return new_held_back(self.store, now, **self.filters)

    def end(self, now: datetime) -> Any:
        """Close the session row; the tally takes its committed counts (undo included) and
        counts as suspended only the cards that still are."""
        if self.suspended_ids:
            self.tally.suspended = sum(
                1 for cid in self.suspended_ids if self.reviewer.card(cid).suspended)
        if self.session_id is None:
            return None
        row = self.reviewer.end_session(self.session_id, now)
        if row is not None:
            t = self.tally
            t.answered, t.correct, t.again, t.new = row.reviewed, row.correct, row.again, row.new
        return row
