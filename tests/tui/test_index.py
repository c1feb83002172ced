"""The start-up index: a question read from its own files equals the full bank's."""

from __future__ import annotations

import os

from quizcnn.tui.data import Filters


def test_index_round_trip_and_invalidation(bank_dir, tmp_path):
    from quizcnn.bank import load
    from quizcnn.tui import index

    bank = load([bank_dir])
    key = ["test", str(bank_dir)]
    path = tmp_path / "index.json"
    index.write_index(bank, key, path)
    data = index.load_index(key, path)
    assert data is not None
    assert index.load_index(["other"], path) is None
    for qid in ("t-numeric", "t-lang", "t-gen"):
        q = index.question(data, qid)
        full = bank.by_id[qid]
        assert q is not None
        assert (q.id, q.type, q.topic, q.langs, q.numeric, q.template) == (
            full.id, full.type, full.topic, full.langs, full.numeric, full.template)
        assert q.text("zh").prompt == full.text("zh").prompt
    assert index.first_new(data, Filters()) == "t-basic"
    assert index.first_new(data, Filters(lang="zh")) == "t-lang"
    assert index.first_new(data, Filters(topics=("t-gen",))) == "t-gen"
    # a deck changed since: its questions are no longer served from the index
    deck = bank_dir / "deck.md"
    st = deck.stat()
    os.utime(deck, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert index.question(data, "t-numeric") is None
    # a file added to a bank folder invalidates the whole index
    (bank_dir / "more.md").write_text("", encoding="utf-8")
    os.utime(bank_dir, ns=(st.st_atime_ns, st.st_mtime_ns + 2 * 10**9))
    assert index.load_index(key, path) is None
