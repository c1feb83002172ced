"""The top-level command: help, version, and no TUI without a terminal."""

from __future__ import annotations

import subprocess
import sys

from quizcnn import __version__
from quizcnn.cli import main


def test_version_and_help(capsys):
    try:
        main(["--version"])
    except SystemExit as exc:
        assert exc.code == 0
    assert __version__ in capsys.readouterr().out
    try:
        main(["--help"])
    except SystemExit:
        pass
    out = capsys.readouterr().out
    for command in ("calc", "generate", "drill", "bank", "add", "print", "stats"):
        assert command in out


def test_no_terminal_no_app():
    # stdin from /dev/null, stdout a pipe: the app must not start and hang.
    out = subprocess.run([sys.executable, "-m", "quizcnn"], stdin=subprocess.DEVNULL,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert "drill --plain" in out.stderr
