"""Helpers for the backup tests: a home per name (its own QUIZCNN_HOME), the CLI in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizcnn.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


class Homes:
    """``use(name)`` points QUIZCNN_HOME at ``tmp/name``; ``cli(name, ...)`` runs quizcnn there."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
        self.tmp, self.mp, self.capsys = tmp_path, monkeypatch, capsys

    def path(self, name: str) -> Path:
        return self.tmp / name

    def use(self, name: str) -> Path:
        home = self.path(name)
        home.mkdir(exist_ok=True)
        self.mp.setenv("QUIZCNN_HOME", str(home))
        return home

    def cli(self, name: str, *args: str) -> tuple[int, str, str]:
        self.use(name)
        self.capsys.readouterr()
        code = main(list(args))
        out, err = self.capsys.readouterr()
        return code, out, err

    def bank(self, name: str) -> Path:
        return self.path(name) / "data" / "questions"

    def config(self, name: str) -> Path:
        folder = self.path(name) / "config"
        folder.mkdir(parents=True, exist_ok=True)
        return folder


@pytest.fixture
def homes(tmp_path, monkeypatch, capsys) -> Homes:
    return Homes(tmp_path, monkeypatch, capsys)


def without_time(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("exported_at")
    return data


def sections(path: Path) -> dict:
    return {k: v["data"] for k, v in json.loads(path.read_text(encoding="utf-8"))["sections"].items()}


DECK = """## {title}
id: {qid}
type: basic
topic: mine

{front}

### Answer
{back}
"""


def deck(qid: str, front: str = "What is a 1x1 convolution for?", back: str = "Mixing channels.",
         title: str = "A question of mine") -> str:
    return DECK.format(qid=qid, front=front, back=back, title=title)
