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


def test_help_says_quizcnn_alone_opens_the_app_and_names_quizcnn_home(capsys):
    """Issue 13: bare `quizcnn --help` did not say what `quizcnn` alone does."""
    try:
        main(["--help"])
    except SystemExit:
        pass
    out = capsys.readouterr().out
    assert "`quizcnn` alone opens the drill app" in out
    assert "QUIZCNN_HOME" in out


def test_db_help_documents_settings(capsys):
    try:
        main(["db", "--help"])
    except SystemExit:
        pass
    out = capsys.readouterr().out
    assert "quizcnn db settings new_per_day 30" in out
