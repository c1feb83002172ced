"""Which follow-up digs into a question: a ``follow_up:`` link that can be asked (not asked this
round, a template not drawn this round, a card with text in the round's language), else a fresh
template of the topic, else none; and where a follow-up counts in the report's topic scores."""

from __future__ import annotations

import json
import random
from pathlib import Path

from quizcnn.interview.pick import FOLLOW_UP, Picker
from quizcnn.interview.report import history, to_json

from .conftest import play


def card(title: str, cid: str, ctype: str, *, follow_up: str = "", zh: bool = True,
         extra: str = "") -> str:
    """One card (and its Chinese translation unless ``zh`` is False) as bank Markdown."""
    head = f"## {title}\nid: {cid}\ntype: {ctype}\ndifficulty: 2\n{extra}"
    if follow_up:
        head += f"follow_up: {follow_up}\n"
    if ctype == "basic":
        body = f"{title}?\n\n### Answer\nIt is so.\n\n### Key points\n- one\n- two\n"
        zh_body = "为什么？\n\n### 答案\n就是这样。\n\n### 要点\n- 一\n- 二\n"
    elif ctype == "numeric":
        head += "answer: 12\n"
        body, zh_body = "How many?\n", "多少？\n"
    else:  # generated
        body, zh_body = "A fresh problem.\n", "一道新题。\n"
    out = f"{head}\n{body}\n"
    if zh:
        out += f"## 译 {cid}\ntranslation_of: {cid}\nlang: zh\ntype: {ctype}\n\n{zh_body}\n"
    return out


def deck(tmp_path: Path, decks: dict[str, list[str]]):
    """A bank of one deck per topic; its questions."""
    from quizcnn.bank.load import load_sources

    root = tmp_path / "bank"
    root.mkdir()
    for topic, cards in decks.items():
        (root / f"{topic}.md").write_text(f"---\ntopic: {topic}\n---\n\n" + "\n".join(cards),
                                          encoding="utf-8")
    b = load_sources([(root, "extra")], cache=False)
    assert not b.errors, b.errors
    return b


def picker(bank, topics: list[str], lang: str = "en") -> Picker:
    return Picker(bank.questions, level=2, lang=lang, topics=topics, mastery={},
                  rng=random.Random(3))


GEN = card("Conv parameters", "gen-g-params-2", "generated", extra="template: conv-params\n")


def test_a_template_asked_as_a_main_question_is_not_its_follow_up(tmp_path):
    bank = deck(tmp_path, {"gamma": [card("Why conv", "g-why", "basic", follow_up="conv-params"),
                                     GEN]})
    p = picker(bank, ["gamma"])
    first, second = p.next_main(), p.next_main()
    assert (first.card.id, second.template) == ("g-why", "conv-params")
    # the linked template was the numeric question: not the same drill with new numbers
    assert p.follow_up(first.card) is None


def test_a_template_drawn_as_a_follow_up_is_not_asked_again_as_a_main_question(tmp_path):
    bank = deck(tmp_path, {"gamma": [card("Why conv", "g-why", "basic", follow_up="conv-params"),
                                     GEN]})
    p = picker(bank, ["gamma"])
    first = p.next_main()
    follow = p.follow_up(first.card)
    assert (follow.kind, follow.template, follow.card.id) == (FOLLOW_UP, "conv-params",
                                                              "gen-g-params-2")
    assert p.next_main() is None


def test_a_linked_card_without_the_rounds_language_is_not_the_follow_up(tmp_path):
    bank = deck(tmp_path, {"delta": [
        card("Why delta", "d-why", "basic", follow_up="d-count"),
        card("Delta count", "d-count", "numeric", zh=False)]})
    assert picker(bank, ["delta"], "en").follow_up(bank.by_id["d-why"]).card.id == "d-count"
    # Chinese round: the English-only card cannot be asked, and the topic has no template
    assert picker(bank, ["delta"], "zh").follow_up(bank.by_id["d-why"]) is None


def test_fallback_is_a_template_of_the_topic_never_an_unrelated_numeric_card(tmp_path):
    bank = deck(tmp_path, {
        "eps": [card("Why eps", "e-why", "basic"), card("Eps tokens", "e-count", "numeric")],
        "gamma": [card("Why gamma", "g-why", "basic", follow_up="g-gone"),
                  card("Gamma count", "g-gone", "numeric", zh=False),
                  card("Gamma other", "g-other", "numeric"), GEN]})
    # no link, the topic has numeric cards but no template: no follow-up
    assert picker(bank, ["eps"]).follow_up(bank.by_id["e-why"]) is None
    # a link that cannot be asked (English-only in a Chinese round): the topic's template
    follow = picker(bank, ["gamma"], "zh").follow_up(bank.by_id["g-why"])
    assert (follow.template, follow.card.id) == ("conv-params", "gen-g-params-2")


def test_a_follow_up_counts_under_its_main_questions_topic(tmp_path, store):
    bank = deck(tmp_path, {
        "alpha": [card("Why alpha", "a-why", "basic", follow_up="b-count")],
        "beta": [card("Beta count", "b-count", "numeric")]})
    # alpha only: a-why (both points), its follow-up b-count (topic beta) answered wrong
    report, _out, _rnd = play(store, bank, ["an answer", "all", "13"], topics=("alpha",))
    assert [(q.bank_id, q.kind, q.topic, q.score) for q in report.questions] == [
        ("a-why", "concept", "alpha", 1.0), ("b-count", "follow-up", "beta", 0.0)]
    assert report.topics == {"alpha": 0.5}
    doc = to_json(report)
    assert doc["topics"] == {"alpha": 0.5}
    assert [(q["topic"], q["scored_under"]) for q in doc["questions"]] == [
        ("alpha", "alpha"), ("beta", "alpha")]
    assert history(store)[0]["topics"] == {"alpha": 0.5}
    from quizcnn.interview.summary import lines
    from quizcnn.printing.interview import render

    assert "By topic: alpha 50%" in "\n".join(lines(report, "en"))
    md = render(report, "md").decode("utf-8")
    assert "| alpha | 50% |" in md and "| beta | 0% |" not in md
    json.dumps(doc)
