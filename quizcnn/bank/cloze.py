"""Cloze gaps: ``{{answer}}`` or ``{{answer|hint}}``, braces inside the answer balanced."""

from __future__ import annotations

from collections.abc import Callable


def find_gaps(text: str) -> list[tuple[int, int, str, str | None, bool]]:
    """(start, end, answer, hint, closed) for every gap, in order."""
    out: list[tuple[int, int, str, str | None, bool]] = []
    i, n = 0, len(text)
    while True:
        i = text.find("{{", i)
        if i < 0:
            return out
        depth, j = 0, i + 2
        while j < n:
            c = text[j]
            if c == "\\":
                j += 2
                continue
            if c == "{":
                depth += 1
            elif c == "}":
                if depth == 0 and text.startswith("}}", j):
                    # a run of braces: the gap ends at the last two of them
                    k = j
                    while k < n and text[k] == "}":
                        k += 1
                    extra = k - j - 2
                    if extra > 0 and depth == 0:
                        j += extra
                    break
                depth = max(0, depth - 1)
            j += 1
        if j >= n:
            out.append((i, n, text[i + 2:], None, False))
            return out
        inner = text[i + 2:j]
        answer, hint = _split_hint(inner)
        out.append((i, j + 2, answer.strip(), hint, True))
        i = j + 2


def _split_hint(inner: str) -> tuple[str, str | None]:
    depth = 0
    for k, c in enumerate(inner):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == "|" and depth == 0:
            return inner[:k], inner[k + 1:].strip() or None
    return inner, None


def fill_gaps(text: str, fill: Callable[[int, str, str | None], str]) -> str:
    """Replace gap number i (0-based) by fill(i, answer, hint)."""
    out: list[str] = []
    last = 0
    for idx, (start, end, answer, hint, closed) in enumerate(find_gaps(text)):
        if not closed:
            break
        out.append(text[last:start])
        out.append(fill(idx, answer, hint))
        last = end
    out.append(text[last:])
    return "".join(out)


def reveal(text: str, *, group: bool = False) -> str:
    """The prompt with every gap replaced by its answer; ``group``: whole numbers shown with
    thousands separators, as every answer the drills and the printed keys show is."""
    if group:
        from quizcnn.bank.numbers import grouped

        return fill_gaps(text, lambda _i, answer, _h: grouped(answer))
    return fill_gaps(text, lambda _i, answer, _h: answer)


def blank(text: str, mark: str = "____") -> str:
    """The prompt with every gap blanked (its hint shown in brackets if any)."""
    return fill_gaps(text, lambda _i, _a, hint: f"{mark}({hint})" if hint else mark)
