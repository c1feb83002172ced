"""Every command prints under any output encoding (issue 11 item 7): '?' for what the encoding
cannot hold, JSON escaped losslessly, never a UnicodeEncodeError."""

from __future__ import annotations

import io
import json
import sys

import pytest

from quizcnn.cli import main

COMMANDS = [
    ["generate", "--seed", "3", "--count", "2", "--lang", "both"],
    ["generate", "--list"],
    ["generate", "--json", "--seed", "3", "--count", "2", "--lang", "both"],
    ["bank", "list"],
    ["bank", "list", "--json"],
    ["bank", "stats"],
    ["calc", "Conv2d(3, 8, 3)", "--input", "3x32x32"],
]


def run(monkeypatch, encoding: str, argv: list[str]) -> tuple[int, bytes, bytes]:
    out, err = io.BytesIO(), io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out, encoding=encoding))
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(err, encoding=encoding))
    code = main(argv)
    sys.stdout.flush()
    sys.stderr.flush()
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_commands_print_under_a_narrow_encoding(monkeypatch, encoding, argv):
    code, out, err = run(monkeypatch, encoding, argv)
    assert code == 0, err
    text = out.decode(encoding)
    if "--json" in argv:
        assert text.isascii()  # escaped, so nothing is lost
        _, utf8, _ = run(monkeypatch, "utf-8", argv)
        assert json.loads(text) == json.loads(utf8.decode("utf-8"))
    elif argv[0] in ("generate", "bank") and "stats" not in argv:
        assert "?" in text  # ×, →, Chinese: replaced, not fatal


def test_utf8_output_is_left_as_it_is(monkeypatch):
    code, out, _ = run(monkeypatch, "utf-8", ["generate", "--json", "--seed", "3", "--count", "1",
                                              "--lang", "zh"])
    assert code == 0 and not out.decode("utf-8").isascii()
