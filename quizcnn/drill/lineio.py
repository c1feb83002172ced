"""Line-mode input and output shared by the line-mode drill and the mock interview."""

from __future__ import annotations

from typing import TextIO

from quizcnn import messages


class EndOfInput(Exception):
    """Standard input ended (a pipe ran out, Ctrl+D): the session ends as if quit."""


class LineIO:
    """``say`` a line, ``ask`` for one, ``msg`` a catalogue message in the session's language.

    Subclasses set ``stdin``, ``out`` and ``lang``."""

    stdin: TextIO
    out: TextIO
    lang: str

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def ask(self, prompt: str) -> str:
        self.out.write(prompt)
        self.out.flush()
        line = self.stdin.readline()
        if not line:
            self.say()
            raise EndOfInput
        return line.rstrip("\r\n")

    def msg(self, key: str, **kw: object) -> str:
        return messages.t(key, self.lang, **kw)
