"""Hostile deck files (issue 11): deep nesting, special files, 100,000 headings, symlinks."""

from __future__ import annotations

import os
import threading

import pytest

from quizcnn.bank.assemble import assemble
from quizcnn.bank.parse import parse_text
from quizcnn.bank.validate import validate_block
from quizcnn.cli import main

from .helpers import load_dir

Q = "## {title}\nid: {id}\ntype: basic\ntopic: t\n\nWhat is {id}?\n\n### Answer\n\n{answer}\n"


def deep_list(levels: int) -> str:
    return "\n".join("  " * i + f"- level {i}" for i in range(levels)) + "\n"


def in_thread(fn, fifo=None, seconds: float = 20):
    """fn() in a thread; fails (after unblocking a FIFO reader) if it does not return."""
    result: list = []
    t = threading.Thread(target=lambda: result.append(fn()), daemon=True)
    t.start()
    t.join(seconds)
    if t.is_alive():
        if fifo is not None:
            with open(fifo, "w"):
                pass
        pytest.fail(f"{fn} blocked")
    return result[0]


@pytest.mark.parametrize("levels", [10, 12, 40])
def test_a_deeply_nested_list_loses_no_later_question(tmp_path, levels):
    text = (Q.format(title="First", id="first", answer=deep_list(levels))
            + "\n### Explanation\n\nstill read\n\n"
            + Q.format(title="Second", id="second", answer="two")
            + "\n# A deck title\n\n" + Q.format(title="Third", id="third", answer="three"))
    (tmp_path / "deep.md").write_text(text)
    bank = load_dir(tmp_path, cache=False)
    assert sorted(bank.by_id) == ["first", "second", "third"]
    first = bank.by_id["first"].variants["en"]
    assert first.explanation == "still read"
    assert f"level {levels - 1}" in first.answer  # the deep part is kept as text
    assert not bank.errors
    nested = [d for d in bank.diagnostics if "nested too deeply" in d.message]
    assert len(nested) == 1 and nested[0].line == text.split("\n").index(
        "  " * 9 + "- level 9") + 1


def test_a_deep_quote_before_a_front_matter_like_rule_loses_nothing(tmp_path):
    text = (Q.format(title="First", id="first", answer="> " * 30 + "deep")
            + "---\n\n" + Q.format(title="Second", id="second", answer="two"))
    (tmp_path / "q.md").write_text(text)
    bank = load_dir(tmp_path, cache=False)
    assert sorted(bank.by_id) == ["first", "second"]


def test_choices_after_a_deep_list_are_still_read(tmp_path):
    text = ("## C\nid: c\ntype: choice\ntopic: t\n\nPick.\n\n### Choices\n\n"
            + "- [ ] wrong\n" + "".join("  " * (i + 1) + f"- sub {i}\n" for i in range(12))
            + "- [x] right\n\n" + Q.format(title="After", id="after", answer="x"))
    (tmp_path / "c.md").write_text(text)
    bank = load_dir(tmp_path, cache=False)
    choices = bank.by_id["c"].variants["en"].choices
    assert [(c.text, c.correct) for c in choices] == [("wrong", False), ("right", True)]
    assert "after" in bank.by_id


def test_bank_check_names_the_nested_line(tmp_path, capsys):
    text = Q.format(title="First", id="first", answer=deep_list(12)) + Q.format(
        title="Second", id="second", answer="two")
    (tmp_path / "deep.md").write_text(text)
    assert main(["bank", "check", "--no-cache", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    line = text.split("\n").index("  " * 9 + "- level 9") + 1
    assert f"deep.md:{line}: warning: lists or quotes nested too deeply" in out
    assert "2 questions" in err


def test_a_fifo_in_a_bank_folder_is_skipped_with_a_warning(tmp_path, capsys):
    (tmp_path / "good.md").write_text(Q.format(title="G", id="good", answer="yes"))
    fifo = tmp_path / "x.md"
    os.mkfifo(fifo)
    bank = in_thread(lambda: load_dir(tmp_path, cache=False), fifo)
    assert list(bank.by_id) == ["good"]
    assert [(d.file, d.severity) for d in bank.diagnostics] == [(fifo, "warning")]
    assert "FIFO" in bank.diagnostics[0].message
    code = in_thread(lambda: main(["bank", "check", str(tmp_path)]), fifo)
    assert code == 0
    assert f"{fifo}:0: warning: a FIFO (named pipe), not a regular file; skipped" in (
        capsys.readouterr().out)
    code = in_thread(lambda: main(["--bank", str(tmp_path), "bank", "list"]), fifo)
    assert code == 0 and "good" in capsys.readouterr().out


def test_a_fifo_named_directly_is_refused(tmp_path, capsys):
    fifo = tmp_path / "x.md"
    os.mkfifo(fifo)
    bank = in_thread(lambda: load_dir(fifo, cache=False), fifo)
    assert not bank.questions
    assert "not a file or folder" in bank.diagnostics[0].message


def test_add_from_a_fifo_or_dev_zero_is_refused(tmp_path, capsys):
    fifo = tmp_path / "q.md"
    os.mkfifo(fifo)
    assert in_thread(lambda: main(["add", "--from", str(fifo)]), fifo) == 1
    err = capsys.readouterr().err
    assert err == f"quizcnn add: {fifo}: a FIFO (named pipe), not a regular file; not read\n"
    assert main(["add", "--from", "/dev/zero"]) == 1
    assert capsys.readouterr().err == (
        "quizcnn add: /dev/zero: a device, not a regular file; not read\n")


def test_add_from_a_binary_or_huge_file_is_refused(tmp_path, capsys):
    binary = tmp_path / "b.md"
    binary.write_bytes(b"## t\n\x00\x01")
    assert main(["add", "--from", str(binary)]) == 1
    assert "b.md:2: this looks like a binary file" in capsys.readouterr().err
    huge = tmp_path / "h.md"
    with open(huge, "wb") as fh:
        fh.truncate(5 * 2**20)
    assert main(["add", "--from", str(huge)]) == 1
    assert "h.md: too large (5.0 MB; the limit is 4.0 MB)" in capsys.readouterr().err


def test_untitled_duplicates_get_numbered_ids_in_order(tmp_path):
    path = tmp_path / "d.md"
    text = "## q\n" * 5 + "## q\nid: q-3\ntype: basic\n\nx\n\n### Answer\ny\n" + "## q\n"
    blocks, diags = parse_text(text, path)
    for b in blocks:
        validate_block(b, diags)
    assemble([(b, "user") for b in blocks], diags)
    # q-3 is taken by an explicit id further down: it is reported as a duplicate there
    assert [b.id for b in blocks] == ["q", "q-2", "q-3", "q-4", "q-5", "q-3", "q-6"]


def test_many_problems_of_one_kind_print_ten_then_a_count(tmp_path, capsys):
    (tmp_path / "big.md").write_text("## q\n" * 25)
    assert main(["bank", "check", "--no-cache", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert sum("error: no 'type:'" in x for x in lines) == 10
    assert sum("warning: question 'q' has no id" in x for x in lines) == 10
    assert "... and 15 more errors like: no 'type:' (--all prints every one)" in lines
    assert "... and 15 more warnings like: question 'q' has no id (--all prints every one)" in lines
    assert "25 errors, 50 warnings" in err
    assert main(["bank", "check", "--all", str(tmp_path)]) == 1
    assert capsys.readouterr().out.count("error: no 'type:'") == 25


def test_symlinks_leading_out_of_a_bank_folder_are_warned_about(tmp_path, capsys):
    outside = tmp_path / "outside"
    (outside / "sub").mkdir(parents=True)
    (outside / "o.md").write_text(Q.format(title="O", id="o", answer="x"))
    (outside / "sub" / "s.md").write_text(Q.format(title="S", id="s", answer="x"))
    bank_dir = tmp_path / "bank"
    (bank_dir / "inner").mkdir(parents=True)
    (bank_dir / "inner" / "i.md").write_text(Q.format(title="I", id="i", answer="x"))
    (bank_dir / "file-link.md").symlink_to(outside / "o.md")
    (bank_dir / "folder-link").symlink_to(outside / "sub")
    (bank_dir / "inner-link").symlink_to(bank_dir / "inner")  # inside: read once, quietly
    bank = load_dir(bank_dir, cache=False)
    assert list(bank.by_id) == ["i"]
    warned = sorted(d.file.name for d in bank.diagnostics if "outside the bank" in d.message)
    assert warned == ["file-link.md", "folder-link"]
    assert main(["bank", "check", str(bank_dir)]) == 0
    out = capsys.readouterr().out
    assert "file-link.md:0: warning: symbolic link leads outside the bank folder" in out
    assert "folder-link:0: warning: symbolic link leads outside the bank folder" in out


@pytest.mark.parametrize("what", ["fifo", "symlink"])
def test_add_never_writes_through_a_deck_that_is_not_a_regular_file(tmp_path, capsys, what):
    from quizcnn.paths import user_bank_dir

    deck = user_bank_dir() / "conv.md"
    deck.parent.mkdir(parents=True)
    if what == "fifo":
        os.mkfifo(deck)
    else:
        (tmp_path / "elsewhere.md").write_text("keep\n")
        deck.symlink_to(tmp_path / "elsewhere.md")
    argv = ["add", "--topic", "conv", "--front", "What is a stride?", "--back", "A step."]
    assert in_thread(lambda: main(argv), deck if what == "fifo" else None) == 1
    err = capsys.readouterr().err
    assert f"quizcnn add: {deck}: " in err and "not a regular file" in err
    assert "your question is kept in" in err  # nothing typed is lost
    assert deck.is_symlink() if what == "symlink" else not deck.is_file()
    if what == "symlink":
        assert (tmp_path / "elsewhere.md").read_text() == "keep\n"


def test_a_bank_folder_thousands_of_levels_deep_loads(tmp_path):
    here = tmp_path / "bank"
    here.mkdir()
    old = os.getcwd()
    os.chdir(here)
    try:
        for _ in range(1500):  # deeper than Python's recursion limit
            os.mkdir("a")
            os.chdir("a")
        with open("q.md", "w") as fh:
            fh.write(Q.format(title="Deep", id="deep", answer="x"))
    finally:
        os.chdir(old)
    try:
        bank = load_dir(here, cache=False)
        assert list(bank.by_id) == ["deep"]
    finally:  # shutil.rmtree recurses per level too: take the tree down from the bottom
        os.chdir(here)
        try:
            for _ in range(1500):
                os.chdir("a")
            os.remove("q.md")
            for _ in range(1500):
                os.chdir("..")
                os.rmdir("a")
        finally:
            os.chdir(old)
