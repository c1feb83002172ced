"""Which question comes next in a mock interview, and which follows it up.

Main questions alternate concept (a ``basic`` card) and computation (a ``numeric`` card, or a
``generated`` card's template at the round's level). Each takes a topic drawn without
replacement, weighted toward weak topics (weight ``0.2 + 1 - mastery``, mastery being the
store's mean retrievability of the topic's cards, new cards counting 0), so a round covers
topics before it repeats one. Within a topic the card closest to the level is taken; a card is
asked at most once per round.

A follow-up comes after a concept question: the card or template its ``follow_up:`` names, else
a template of the same topic at the level, else a numeric card of the topic (else none).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from quizcnn.bank.model import Question

CONCEPT, NUMERIC, FOLLOW_UP = "concept", "numeric", "follow-up"
COMPUTATION = "computation"
BASE_WEIGHT = 0.2


@dataclass(frozen=True)
class Pick:
    """A question to ask: ``card`` is the bank card its review is recorded on (for a template,
    the bank's ``generated`` card of that template and level)."""

    card: Question
    kind: str  # concept | numeric | follow-up
    skill: str  # concept | computation
    template: str | None = None  # draw a fresh problem from this template

    @property
    def topic(self) -> str:
        return self.card.topic


def topic_weights(topics: Iterable[str], mastery: Mapping[str, float]) -> dict[str, float]:
    """Weak topics weigh more: ``0.2 + (1 - mastery)``; a topic never studied weighs 1.2."""
    return {t: BASE_WEIGHT + 1.0 - min(1.0, max(0.0, mastery.get(t, 0.0))) for t in topics}


class Picker:
    def __init__(self, questions: Iterable[Question], *, level: int, lang: str,
                 topics: list[str] | None, mastery: Mapping[str, float], rng: random.Random):
        self.level = level
        self.lang = lang
        self.rng = rng
        wanted = set(topics or ())
        self.by_id: dict[str, Question] = {}
        self.generated: dict[tuple[str, int], Question] = {}
        self.concept: dict[str, list[Question]] = {}
        self.numeric: dict[str, list[Question]] = {}
        for q in questions:
            self.by_id[q.id] = q
            if q.type == "generated" and q.template:
                self.generated.setdefault((q.template, q.difficulty), q)
            if wanted and q.topic not in wanted:
                continue
            if q.type == "basic" and lang in q.variants:
                self.concept.setdefault(q.topic, []).append(q)
            elif q.type == "numeric" and lang in q.variants:
                self.numeric.setdefault(q.topic, []).append(q)
            elif q.type == "generated" and q.template and q.difficulty == level:
                self.numeric.setdefault(q.topic, []).append(q)
        all_topics = sorted(set(self.concept) | set(self.numeric))
        self.weights = topic_weights(all_topics, mastery)
        self.bag: list[str] = list(all_topics)
        self.used: set[str] = set()
        self.count = 0

    def empty(self) -> bool:
        return not self.weights

    # -- main questions ---------------------------------------------------------------------
    def next_main(self) -> Pick | None:
        """The next main question, alternating concept and computation (the other kind when
        one has run out); None when every card has been asked."""
        kinds = (CONCEPT, NUMERIC) if self.count % 2 == 0 else (NUMERIC, CONCEPT)
        for kind in kinds:
            pool = self.concept if kind == CONCEPT else self.numeric
            topic = self._topic(pool)
            if topic is None:
                continue
            card = self._closest(self._unused(pool[topic]))
            self.used.add(card.id)
            self.count += 1
            return self._pick(card, kind)
        return None

    def _unused(self, cards: list[Question]) -> list[Question]:
        return [q for q in cards if q.id not in self.used]

    def _topic(self, pool: dict[str, list[Question]]) -> str | None:
        for refill in (False, True):
            if refill:
                self.bag = list(self.weights)
            ready = [t for t in self.bag if self._unused(pool.get(t, []))]
            if ready:
                topic = self.rng.choices(ready, weights=[self.weights[t] for t in ready])[0]
                self.bag.remove(topic)
                return topic
        return None

    def _closest(self, cards: list[Question]) -> Question:
        best = min(abs(q.difficulty - self.level) for q in cards)
        return self.rng.choice([q for q in cards if abs(q.difficulty - self.level) == best])

    def _pick(self, card: Question, kind: str) -> Pick:
        skill = CONCEPT if card.type == "basic" else COMPUTATION
        return Pick(card, kind, skill, card.template if card.type == "generated" else None)

    # -- follow-ups -------------------------------------------------------------------------
    def template_card(self, template: str) -> Question | None:
        """The bank's generated card of ``template`` at the level (the closest level if the
        bank has none at it)."""
        found = [(abs(lvl - self.level), lvl, q) for (t, lvl), q in self.generated.items()
                 if t == template]
        return min(found, key=lambda x: (x[0], x[1]))[2] if found else None

    def follow_up(self, parent: Question) -> Pick | None:
        target = parent.follow_up
        if target:
            card = self.by_id.get(target)
            if card is not None and card.id not in self.used and card.type in (
                    "basic", "numeric", "generated"):
                self.used.add(card.id)
                pick = self._pick(card, FOLLOW_UP)
                if card.type == "generated" and card.template:  # at the round's level
                    at_level = self.template_card(card.template) or card
                    pick = Pick(at_level, FOLLOW_UP, COMPUTATION, card.template)
                return pick
            if card is None:
                tcard = self.template_card(target)
                if tcard is not None:
                    self.used.add(tcard.id)  # fresh numbers, but not the same drill again
                    return Pick(tcard, FOLLOW_UP, COMPUTATION, target)
        same = [q for q in self.numeric.get(parent.topic, []) if q.id not in self.used]
        gen = [q for q in same if q.type == "generated"]
        choice = self.rng.choice(gen) if gen else (self._closest(same) if same else None)
        if choice is None:
            return None
        self.used.add(choice.id)
        return Pick(choice, FOLLOW_UP, COMPUTATION,
                    choice.template if choice.type == "generated" else None)
