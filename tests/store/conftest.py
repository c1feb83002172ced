"""Fixtures for the store tests: a fresh DB with fuzzing off, fake bank questions, fixed times."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest

T0 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)  # a Monday noon, UTC (tests run with TZ=UTC)


@dataclass(frozen=True)
class FakeQuestion:
    id: str
    topic: str = "conv"
    type: str = "basic"
    tags: tuple[str, ...] = ()
    difficulty: int = 2
    variants: dict = field(default_factory=lambda: {"en": None})


def questions(n: int, topics=("conv",), **kw) -> list[FakeQuestion]:
    return [FakeQuestion(f"q{i:03d}", topic=topics[i % len(topics)], **kw) for i in range(n)]


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "progress.sqlite3"


@pytest.fixture
def store(db_path):
    from quizcnn.store.db import open_store

    s = open_store(db_path)
    s.set_setting("enable_fuzzing", False)
    yield s
    s.close()
