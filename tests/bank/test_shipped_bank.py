"""The shipped bank (questions/): clean under `bank check`, big enough, every math span renders."""

from __future__ import annotations

from collections import Counter

import pytest

from quizcnn.bank import load
from quizcnn.bank.assemble import template_ids
from quizcnn.bank.cloze import reveal
from quizcnn.cli import main
from quizcnn.mathtext import math_spans, to_unicode
from quizcnn.resources import questions_dir

# The seed article's five interview questions (shared/seed/cnn-interview-part1.zh.md).
SEED_IDS = ("seed-conv-vs-fc", "seed-rf-and-conv-cost", "seed-grouped-conv", "seed-dilated-conv",
            "seed-transposed-conv")


@pytest.fixture(scope="module")
def shipped():
    return load(None, user_bank=False, cache=False)


def test_bank_check_is_clean(capsys):
    rc = main(["bank", "check", str(questions_dir()), "--no-cache"])
    out = capsys.readouterr()
    assert out.out == "", out.out
    assert rc == 0 and " 0 errors, 0 warnings" in out.err


def test_claims_are_verified_against_the_core(shipped):
    bank = load(None, user_bank=False, cache=False, verify_claims=True)
    assert bank.errors == []
    assert not any("not verified" in d.message for d in bank.diagnostics)


def _texts(q):
    for v in q.variants.values():
        yield v.file, v.title
        yield v.file, reveal(v.prompt)
        for part in (v.answer, v.explanation, *v.hints, *(c.text for c in v.choices)):
            if part:
                yield v.file, part


def test_every_math_span_renders_without_backslash(shipped):
    bad = []
    n = 0
    for q in shipped.questions:
        for file, text in _texts(q):
            for _s, _e, latex, _d in math_spans(text):
                n += 1
                out = to_unicode(latex)
                if "\\" in out:
                    bad.append(f"{file.name} {q.id}: ${latex}$ -> {out}")
    assert bad == []
    if shipped.questions:
        assert n > 0


def test_counts_per_language(shipped):
    langs = Counter(lang for q in shipped.questions for lang in q.variants)
    assert langs["en"] >= 150, langs
    assert langs["zh"] >= 60, langs


def test_every_type_is_present(shipped):
    types = Counter(q.type for q in shipped.questions)
    assert set(types) == {"basic", "cloze", "choice", "numeric", "generated"}, types


def test_generated_cover_every_template_and_difficulty(shipped):
    have = {(q.template, q.difficulty) for q in shipped.questions if q.type == "generated"}
    want = {(t, d) for t in template_ids() for d in (1, 2, 3)}
    assert want - have == set()


def test_seed_questions_in_both_languages(shipped):
    for qid in SEED_IDS:
        q = shipped.by_id.get(qid)
        assert q is not None, qid
        assert "seed" in q.tags and set(q.langs) >= {"en", "zh"}, qid
        assert (q.text("zh").answer or "").strip() and (q.text("en").answer or "").strip()
