"""A small interview bank (tests/interview/bank), a scripted clock and scripted input."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

BANK = Path(__file__).parent / "bank"
T0 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self, t: datetime = T0):
        self.t = t

    def __call__(self) -> datetime:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += timedelta(seconds=seconds)


class Script(io.TextIOBase):
    """stdin whose lines take time: each entry is ``text`` (10 s) or ``(text, seconds)``; the
    clock moves before the line is read. ``interrupt_after``: raise KeyboardInterrupt then."""

    def __init__(self, clock: Clock, lines, interrupt_after: int | None = None):
        self.clock = clock
        self.lines = [x if isinstance(x, tuple) else (x, 10) for x in lines]
        self.interrupt_after = interrupt_after
        self.read = 0

    def readline(self, size: int = -1) -> str:  # type: ignore[override]
        if self.interrupt_after is not None and self.read >= self.interrupt_after:
            raise KeyboardInterrupt
        if not self.lines:
            return ""
        text, secs = self.lines.pop(0)
        self.read += 1
        self.clock.advance(secs)
        return text + "\n"


@pytest.fixture
def bank():
    from quizcnn.bank.load import load_sources

    b = load_sources([(BANK, "extra")], cache=False)
    assert not b.errors, b.errors
    return b


@pytest.fixture
def store(tmp_path):
    from quizcnn.store.db import open_store

    s = open_store(tmp_path / "progress.sqlite3")
    s.set_setting("enable_fuzzing", False)
    yield s
    s.close()


def play(store, bank, lines, *, clock=None, lang="en", topics=("alpha",), minutes=20, seed=7,
         level=2, interrupt_after=None):
    """One line-mode round; (report, output, round)."""
    from quizcnn.interview.plain import PlainInterview
    from quizcnn.interview.round import Round

    clock = clock or Clock()
    rnd = Round(store, bank.questions, minutes=minutes, level=level, lang=lang,
                topics=list(topics), seed=seed, clock=clock)
    out = io.StringIO()
    ui = PlainInterview(rnd, stdin=Script(clock, lines, interrupt_after), stdout=out)
    try:
        how = ui.run()
    except KeyboardInterrupt:
        how = "interrupt"
    report = rnd.finish(how)
    return report, out.getvalue(), rnd
