"""Which question comes next in a mock interview, and which follows it up.

Main questions alternate concept (a ``basic`` card) and computation (a ``numeric`` card, or a
``generated`` card's template at the round's level). Each takes a topic drawn without
replacement, weighted toward weak topics (weight ``0.2 + 1 - mastery``, mastery being the
store's mean retrievability of the topic's cards, new cards counting 0), so a round covers
topics before it repeats one. Within a topic the card closest to the level is taken; a card is
asked at most once per round.

A follow-up comes after a concept question, as an interviewer digs into what was just said:
the card or template its ``follow_up:`` names, when it can be asked (not asked this round, a
template not drawn this round either, a card with a text in the round's language); else a
problem template of the same topic at the level not drawn this round; else none (the round
goes on to its next main question). A numeric card of the topic is not a fallback: unlike a
template, which drills the topic's own arithmetic, a numeric card is about one particular
thing (a network, a resolution) and rarely fits the question before it.
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
        self.used: set[str] = set()  # card ids asked (or queued as a follow-up) this round
        self.used_templates: set[str] = set()  # templates drawn this round, at any level
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
            self._use(card)
            self.count += 1
            return self._pick(card, kind)
        return None

    def _unused(self, cards: list[Question]) -> list[Question]:
        return [q for q in cards if self._fresh(q)]

    def _fresh(self, card: Question) -> bool:
        """Not asked this round; for a template's card, no problem of that template drawn."""
        if card.id in self.used:
            return False
        return not (card.type == "generated" and card.template in self.used_templates)

    def _use(self, card: Question, template: str | None = None) -> None:
        self.used.add(card.id)
        if card.type == "generated" and card.template:
            self.used_templates.add(card.template)
        if template:
            self.used_templates.add(template)

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
        """What digs into ``parent``: its ``follow_up:`` when that can be asked, else a fresh
        template of its topic, else None (see the module's docstring)."""
        pick = self._linked(parent.follow_up) if parent.follow_up else None
        if pick is None:
            pick = self._topic_template(parent.topic)
        if pick is not None:
            self._use(pick.card, pick.template)
        return pick

    def _linked(self, target: str) -> Pick | None:
        card = self.by_id.get(target)  # a card id first, as ``bank check`` reads it
        if card is None:
            tcard = self.template_card(target)
            if tcard is None or target in self.used_templates:
                return None  # fresh numbers, but not the same drill again
            return Pick(tcard, FOLLOW_UP, COMPUTATION, target)
        if not self._fresh(card) or card.type not in ("basic", "numeric", "generated"):
            return None
        if card.type == "generated" and card.template:  # a fresh problem at the round's level
            at_level = self.template_card(card.template) or card
            return Pick(at_level, FOLLOW_UP, COMPUTATION, card.template)
        if self.lang not in card.variants:  # no text to ask it in this round's language
            return None
        return self._pick(card, FOLLOW_UP)

    def _topic_template(self, topic: str) -> Pick | None:
        gen = [q for q in self.numeric.get(topic, []) if q.type == "generated" and self._fresh(q)]
        if not gen:
            return None
        card = self.rng.choice(gen)
        return Pick(card, FOLLOW_UP, COMPUTATION, card.template)
