"""Whether a translation matches the question it translates (language, type, answer, options)."""

from __future__ import annotations

from quizcnn.bank.model import Block


def translation_problems(tb: Block, target: Block) -> list[tuple[int, str, str]]:
    from quizcnn.bank.numbers import parse_number

    out = []
    if tb.lang == target.lang:
        out.append((tb.mline("lang"), f"a translation in the same language ({tb.lang}) as '{target.id}'",
                    "set 'lang:' to the other language"))
    if tb.type and target.type and tb.type != target.type:
        out.append((tb.mline("type"), f"type '{tb.type}' differs from '{target.id}' ({target.type})",
                    "a translation has the same type as its question"))
    if target.type == "numeric" and "answer" in tb.meta:
        a, b = parse_number(tb.meta["answer"]), parse_number(target.meta.get("answer", ""))
        if a is not None and b is not None and a != b:
            out.append((tb.mline("answer"), f"answer {tb.meta['answer']} differs from '{target.id}' ({target.meta.get('answer')})",
                        "a translation has the same answer; or drop 'answer:' here"))
    if target.type == "choice":
        mine = [bool(c) for _t, c in tb.choices]
        theirs = [bool(c) for _t, c in target.choices]
        if mine != theirs:
            out.append((tb.section_lines.get("choices", tb.line),
                        f"the options ({len(mine)}, correct {_marks(mine)}) differ from '{target.id}' "
                        f"({len(theirs)}, correct {_marks(theirs)})",
                        "translate the options in the same order with the same [x] marks"))
    return out


def _marks(flags: list[bool]) -> str:
    return ",".join(str(i + 1) for i, f in enumerate(flags) if f) or "none"
