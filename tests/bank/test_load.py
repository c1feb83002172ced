"""Loading banks: cross-file rules, odd files, discovery and the parse cache."""

from __future__ import annotations

import json
import os

import pytest

from quizcnn.bank import load
from quizcnn.bank.load import load_sources
from tests.bank.helpers import load_dir, messages

Q = "## {title}\nid: {id}\ntype: basic\ntopic: t\n\nPrompt {id}.\n\n### Answer\nA.\n"


def q(id_, title="Q"):
    return Q.format(id=id_, title=title)


def test_duplicate_ids_name_both_places(deck, tmp_path):
    a = deck(q("same"), name="a.md")
    deck(q("same"), name="b.md")
    bank = load_dir(tmp_path / "bank")
    (err,) = bank.errors
    assert err.file.name == "b.md" and err.line == 2
    assert "duplicate id 'same'" in err.message and f"{a}:1" in err.message
    assert len(bank.questions) == 1 and bank.by_id["same"].file == a


def test_user_bank_overrides_shipped_as_info(deck, tmp_path):
    shipped = tmp_path / "shipped"
    user = tmp_path / "user"
    deck(q("rf-def", "Shipped"), folder=shipped)
    deck(q("rf-def", "Mine"), folder=user)
    deck("## 中文\ntranslation_of: rf-def\nlang: zh\ntype: basic\n\n问题\n\n### 答案\n答\n",
         name="zh.md", folder=shipped)
    bank = load_sources([(shipped, "shipped"), (user, "user")])
    assert bank.errors == [] and bank.warnings == []
    (info,) = [d for d in bank.diagnostics if d.severity == "info"]
    assert "overrides the shipped question" in info.message
    card = bank.by_id["rf-def"]
    assert card.origin == "user" and card.title == "Mine"
    assert card.text("zh").title == "中文"  # the shipped translation still applies


def test_same_id_in_two_user_folders_is_an_error(deck, tmp_path):
    deck(q("x"), folder=tmp_path / "u1")
    deck(q("x"), folder=tmp_path / "u2")
    bank = load_sources([(tmp_path / "u1", "user"), (tmp_path / "u2", "extra")])
    assert ["duplicate id 'x'" in m for m in messages(bank, "error")] == [True]


def test_translation_rules(deck, tmp_path):
    deck("## N\nid: n\ntype: numeric\ntopic: t\nanswer: 12\n\nP\n\n"
         "## C\nid: c\ntype: choice\ntopic: t\n\nP\n\n### Choices\n- [x] a\n- [ ] b\n", name="en.md")
    deck("## 数\ntranslation_of: n\nlang: zh\ntype: numeric\nanswer: 13\n\n问\n\n"
         "## 选\ntranslation_of: c\nlang: zh\ntype: choice\n\n问\n\n### 选项\n- [ ] 甲\n- [x] 乙\n\n"
         "## 无\ntranslation_of: nothing-here\nlang: zh\ntype: basic\n\n问\n\n### 答案\n答\n\n"
         "## 型\ntranslation_of: n\nlang: zh\ntype: basic\n\n问\n\n### 答案\n答\n\n"
         "## 同\ntranslation_of: c\nlang: en\ntype: choice\n\nP\n\n### Choices\n- [x] a\n- [ ] b\n",
         name="zh.md")
    bank = load_dir(tmp_path / "bank")
    errs = messages(bank, "error")
    assert any("answer 13 differs from 'n' (12)" in m for m in errs)
    assert any("options" in m and "differ from 'c'" in m for m in errs)
    assert any("translation_of 'nothing-here' matches no question" in m for m in errs)
    assert any("type 'basic' differs from 'n' (numeric)" in m for m in errs)
    assert any("same language (en)" in m for m in errs)
    assert bank.by_id["n"].langs == ("en",)


def test_two_translations_for_one_language(deck, tmp_path):
    deck(q("b"))
    zh = "## 中\ntranslation_of: b\nlang: zh\ntype: basic\n\n问\n\n### 答案\n答\n"
    deck(zh + "\n" + zh, name="zh.md")
    bank = load_dir(tmp_path / "bank")
    (err,) = bank.errors
    assert "a second 'zh' translation of 'b'" in err.message and err.line == 11


def test_translation_inherits_numeric_answer(deck, tmp_path):
    deck("## N\nid: n\ntype: numeric\ntopic: t\nanswer: 1/2\n\nP\n")
    deck("## 数\ntranslation_of: n\nlang: zh\ntype: numeric\n\n问\n", name="zh.md")
    bank = load_dir(tmp_path / "bank")
    assert bank.errors == [] and bank.by_id["n"].langs == ("en", "zh")


@pytest.mark.parametrize(
    ("data", "line", "needle"),
    [
        (b"## A\nid: a\n\xff\xfe rest\n", 3, "not valid UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, "binary"),
        (b"---\ntopic: t\n## A\nid: a\ntype: basic\n\nP\n\n### Answer\nA\n", 1, "front matter"),
    ],
)
def test_odd_files_are_reported_not_raised(deck, tmp_path, data, line, needle):
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "odd.md").write_bytes(data)
    deck(q("fine"), name="fine.md")
    bank = load_dir(folder)
    (err,) = [d for d in bank.errors if d.file.name == "odd.md"]
    assert needle in err.message and err.line == line
    assert "fine" in bank.by_id


def test_empty_file_and_no_questions(deck, tmp_path):
    deck("", name="empty.md")
    deck("# Only a title\n\nText.\n", name="notes.md")
    bank = load_dir(tmp_path / "bank")
    assert bank.errors == []
    assert [d.file.name for d in bank.warnings] == ["notes.md"]


def test_unclosed_code_fence_warns(deck, tmp_path):
    deck(q("a") + "\n```\ncode\n" + q("b"))
    bank = load_dir(tmp_path / "bank")
    (w,) = bank.warnings
    assert "never closed" in w.message and w.line == 11
    assert list(bank.by_id) == ["a"]


def test_huge_file_and_long_line(tmp_path):
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "huge.md").write_bytes(b"## A\nid: a\ntype: basic\n\n" + b"x" * (10 * 2**20) + b"\n")
    (folder / "long.md").write_text("## B\nid: b\ntype: basic\ntopic: t\n\n" + "y " * 500_000
                                    + "\n\n### Answer\nA\n", encoding="utf-8")
    bank = load_dir(folder)
    (err,) = bank.errors
    assert err.file.name == "huge.md" and "too large" in err.message
    assert "b" in bank.by_id
    assert bank.skipped_files == [(folder / "huge.md").absolute()]


def test_discovery_rules(deck, tmp_path):
    folder = tmp_path / "bank"
    deck(q("a"), name="a.md")
    deck("# docs\n", name="README.md")
    deck(q("hidden"), name=".git/x.md")
    deck(q("txt"), name="notes.txt")
    deck(q("sub"), name="sub/deep.md")
    outside = deck(q("outside"), folder=tmp_path / "elsewhere")
    os.symlink(outside, folder / "link.md")
    bank = load_dir(folder)
    assert sorted(bank.by_id) == ["a", "sub"]
    assert any("outside the bank folder" in m for m in messages(bank, "warning"))


def test_explicit_file_is_read(deck):
    path = deck(q("only"))
    assert list(load([path], user_bank=False).by_id) == ["only"]


def test_user_bank_and_extra_dirs(deck, tmp_path, monkeypatch):
    from quizcnn.bank import default_bank
    from quizcnn.paths import user_bank_dir

    deck(q("mine"), folder=user_bank_dir())
    deck(q("extra1"), folder=tmp_path / "x1")
    deck(q("extra2"), folder=tmp_path / "x2")
    monkeypatch.setenv("QUIZCNN_BANK", str(tmp_path / "x2"))
    bank = default_bank([str(tmp_path / "x1")])
    origins = {qid: bank.by_id[qid].origin for qid in ("mine", "extra1", "extra2")}
    assert origins == {"mine": "user", "extra1": "extra", "extra2": "extra"}


# ------------------------------------------------------------------ cache

def _cached_ids(entry):
    data = json.loads(entry.read_text())
    return [row[data["fields"].index("id")] for row in data["blocks"]]


def _cache_files():
    from quizcnn.bank.cache import cache_root

    return sorted(cache_root().glob("*.json"))


def test_cache_is_used_and_invalidated(deck, tmp_path):
    path = deck(q("a"))
    first = load_dir(tmp_path / "bank")
    (entry,) = _cache_files()
    assert _cached_ids(entry) == ["a"]
    # a warm load reads the cache: prove it by planting a different (valid) entry
    data = json.loads(entry.read_text())
    data["blocks"][0][data["fields"].index("id")] = "from-cache"
    entry.write_text(json.dumps(data))
    assert list(load_dir(tmp_path / "bank").by_id) == ["from-cache"]
    # editing the file (new size) makes the entry stale
    path.write_text(q("b") + "\n", encoding="utf-8")
    assert list(load_dir(tmp_path / "bank").by_id) == ["b"]
    assert first.questions[0].id == "a"


@pytest.mark.parametrize("junk", [b"", b"{not json", b"\xff\xfe", b"[1, 2]", b'{"key": 1}',
                                  b'{"key": null, "blocks": 5}'])
def test_corrupt_cache_is_ignored_and_rebuilt(deck, tmp_path, junk):
    deck(q("a"))
    load_dir(tmp_path / "bank")
    (entry,) = _cache_files()
    entry.write_bytes(junk)
    bank = load_dir(tmp_path / "bank")
    assert list(bank.by_id) == ["a"] and bank.errors == []
    assert _cached_ids(entry) == ["a"]


def test_matching_key_with_broken_payload_is_rebuilt(deck, tmp_path):
    deck(q("a"))
    load_dir(tmp_path / "bank")
    (entry,) = _cache_files()
    data = json.loads(entry.read_text())
    data["blocks"] = [{"nonsense": 1}]
    entry.write_text(json.dumps(data))
    assert list(load_dir(tmp_path / "bank").by_id) == ["a"]
    data["blocks"] = [[1, 2]]
    entry.write_text(json.dumps(data))
    assert list(load_dir(tmp_path / "bank").by_id) == ["a"]
    data["fields"] = ["other"]
    entry.write_text(json.dumps(data))
    assert list(load_dir(tmp_path / "bank").by_id) == ["a"]
    # well-formed rows with values of the wrong kind: loading still works
    data = json.loads(entry.read_text())
    row = data["blocks"][0]
    row[data["fields"].index("meta")] = ["not", "a", "dict"]
    row[data["fields"].index("tags")] = 7
    entry.write_text(json.dumps(data))
    bank = load_dir(tmp_path / "bank")
    assert list(bank.by_id) == ["a"] and bank.questions[0].tags == ()
    assert _cached_ids(entry) == ["a"]


def test_no_cache_writes_nothing(deck, tmp_path):
    deck(q("a"))
    load_dir(tmp_path / "bank", cache=False)
    assert _cache_files() == []


def test_bom_and_crlf_files(tmp_path):
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "win.md").write_bytes(b"\xef\xbb\xbf" + q("crlf").replace("\n", "\r\n").encode())
    bank = load_dir(folder)
    assert bank.errors == [] and bank.warnings == []
    assert bank.by_id["crlf"].text().answer == "A."


def test_unclosed_display_math_swallows_nothing(deck, tmp_path):
    deck(q("a").replace("Prompt a.", "$$x + 1") + "\n" + q("b"))
    bank = load_dir(tmp_path / "bank")
    assert list(bank.by_id) == ["a", "b"] and bank.by_id["a"].text().prompt == "$$x + 1"


def test_symlinked_folder_is_not_followed(deck, tmp_path):
    deck(q("inside"))
    deck(q("outside"), folder=tmp_path / "elsewhere")
    os.symlink(tmp_path / "elsewhere", tmp_path / "bank" / "linked")
    assert list(load_dir(tmp_path / "bank").by_id) == ["inside"]
