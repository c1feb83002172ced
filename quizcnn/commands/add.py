"""``quizcnn add``: write a question to your user bank (flags, prompts or $EDITOR)."""

from __future__ import annotations

import argparse
import sys

TYPES = ("basic", "cloze", "choice", "numeric", "generated")

TEMPLATE = """\
## {title}
id: {id}
type: {type}
topic: {topic}
tags:
difficulty: 2

Write the question here. Math: $\\lfloor (n + 2p - k)/s \\rfloor + 1$.
(cloze: put gaps as {{{{answer}}}}; numeric: add 'answer: 42' above; generated: 'template: NAME')

### Answer
The answer (basic questions).

### Choices
- [x] a right option (choice questions; delete this section otherwise)
- [ ] a wrong option

### Explanation
Optional: why.
"""


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "add", help="add a question to your own bank",
        description="Add a question to your user bank. With no options on a terminal, asks for "
                    "each field; --edit opens $EDITOR on a template. Invalid questions are kept "
                    "as drafts, never lost.")
    p.add_argument("--type", choices=TYPES)
    p.add_argument("--topic")
    p.add_argument("--id")
    p.add_argument("--lang", choices=("en", "zh"), default="en")
    p.add_argument("--title")
    p.add_argument("--front", "--prompt", dest="front", help="the question text")
    p.add_argument("--back", "--answer", dest="back",
                   help="the answer (basic: text; numeric: the number)")
    p.add_argument("--choice", action="append", default=[], help="an option (repeatable)")
    p.add_argument("--correct", action="append", default=[],
                   help="a correct option's text (repeatable; also added as an option)")
    p.add_argument("--tolerance", help="numeric: absolute (0.5) or relative (1%%)")
    p.add_argument("--unit")
    p.add_argument("--tags", help="comma-separated")
    p.add_argument("--difficulty", type=int, choices=(1, 2, 3))
    p.add_argument("--template", help="generated: a problem template id")
    p.add_argument("--explanation")
    p.add_argument("--edit", action="store_true", help="write the question in $EDITOR")
    p.add_argument("--from", dest="from_file", metavar="FILE",
                   help="add the questions of a Markdown file (e.g. a kept draft); with --edit, edit it first")
    p.set_defaults(func=run)


def _fields_given(args) -> bool:
    return any(getattr(args, k) for k in ("type", "topic", "id", "title", "front", "back", "choice",
                                          "correct", "tolerance", "unit", "tags", "difficulty",
                                          "template", "explanation"))


def run(args: argparse.Namespace) -> int:
    from quizcnn.bank.write import InvalidQuestion
    from quizcnn.termtext import clean

    try:
        if args.edit or args.from_file:
            return _from_text(args)
        if not _fields_given(args):
            if not sys.stdin.isatty():
                print("quizcnn add: give the question as options (see --help), or use --edit",
                      file=sys.stderr)
                return 2
            return _prompt(args)
        return _add(_from_flags(args))
    except InvalidQuestion as e:  # _add and _from_text handle it; this is a last guard
        print(clean(f"quizcnn add: {e}", one_line=True), file=sys.stderr)
        return 1
    except EOFError:
        print("\nquizcnn add: cancelled", file=sys.stderr)
        return 1
    except OSError as e:
        where = getattr(e, "filename", None)
        print(clean(f"quizcnn add: {e.strerror or e}" + (f": {where}" if where else ""),
                    one_line=True), file=sys.stderr)
        return 1


def _from_flags(args):
    from quizcnn.bank.write import NewQuestion

    choices = list(args.choice)
    for c in args.correct:
        if c.strip() not in {x.strip() for x in choices}:
            choices.append(c)
    qtype = args.type or ("choice" if choices else "basic")
    return NewQuestion(
        type=qtype, topic=args.topic or "general", prompt=args.front or "",
        answer=args.back, id=args.id, lang=args.lang, title=args.title, choices=choices,
        correct=list(args.correct), tolerance=args.tolerance, unit=args.unit,
        tags=[t.strip() for t in (args.tags or "").split(",") if t.strip()],
        difficulty=args.difficulty, template=args.template, explanation=args.explanation,
    )


def _add(q) -> int:
    from quizcnn.bank.validate import slug
    from quizcnn.bank.write import InvalidQuestion, add_question, default_title, render

    try:
        path, line = add_question(q)
    except InvalidQuestion as e:
        return _keep_draft(e.text or render(q), e.diagnostics)
    except OSError as e:  # the deck cannot be written: the question is kept, not lost
        from pathlib import Path

        from quizcnn.bank.model import Diagnostic

        return _keep_draft(render(q), [Diagnostic(Path(), 0, "error", str(e.strerror or e))])
    print(f"added '{q.id or slug(default_title(q))}' to {path}:{line}")
    return 0


def _keep_draft(text: str, diagnostics) -> int:
    from quizcnn.bank.write import save_draft
    from quizcnn.termtext import clean

    draft = save_draft(text)
    for d in diagnostics:
        hint = f" ({d.hint})" if d.hint else ""
        print(clean(f"quizcnn add: {d.message}{hint}"), file=sys.stderr)
    print(f"quizcnn add: not saved; your question is kept in {draft}\n"
          f"  fix it with: quizcnn add --edit --from {draft}", file=sys.stderr)
    return 1


def _from_text(args) -> int:
    from pathlib import Path

    from quizcnn.bank.write import InvalidQuestion, add_text, save_draft

    if args.from_file:
        src = Path(args.from_file)
        text = _read_source(src)
        if text is None:
            return 1
        draft = src
    else:
        text = TEMPLATE.format(title=args.title or "Your question", id=args.id or "my-question",
                               type=args.type or "basic", topic=args.topic or "general")
        draft = save_draft(text)
    if args.edit:
        if not _run_editor(draft):
            print(f"quizcnn add: the editor failed; your text is in {draft}", file=sys.stderr)
            return 1
        edited = _read_source(draft)
        if edited is None:
            return 1
        if edited == text and not args.from_file:
            print(f"quizcnn add: the template was not changed; nothing added (it is kept in {draft})",
                  file=sys.stderr)
            return 1
        text = edited
    try:
        placed = add_text(text, topic=args.topic)
    except InvalidQuestion as e:
        if draft != Path(args.from_file or ""):
            draft.write_text(text, encoding="utf-8")
        from quizcnn.termtext import clean

        for d in e.diagnostics:
            hint = f" ({d.hint})" if d.hint else ""
            print(clean(f"quizcnn add: line {d.line}: {d.message}{hint}"), file=sys.stderr)
        print(f"quizcnn add: not saved; your text is kept in {draft}\n"
              f"  fix it with: quizcnn add --edit --from {draft}", file=sys.stderr)
        return 1
    for path, line in placed:
        print(f"added a question to {path}:{line}")
    if not args.from_file:
        draft.unlink(missing_ok=True)
    return 0


def _read_source(path) -> str | None:
    """The text of a question file: a regular file of at most 4 MB, UTF-8 without NUL bytes
    (a FIFO, a device such as /dev/zero or a binary file is refused, naming the path)."""
    from quizcnn.bank.parse import MAX_FILE_BYTES, decode
    from quizcnn.fileio import FileRefused, read_bytes
    from quizcnn.termtext import clean

    try:
        text, problem = decode(read_bytes(path, cap=MAX_FILE_BYTES), path)
    except FileRefused as e:
        print(clean(f"quizcnn add: {e}", one_line=True), file=sys.stderr)
        return None
    if problem is not None:
        print(clean(f"quizcnn add: {path}:{problem.line}: {problem.message} ({problem.hint})",
                    one_line=True), file=sys.stderr)
        return None
    return text


def _run_editor(path) -> bool:
    import os
    import shlex
    import subprocess

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        cmd = shlex.split(editor) + [str(path)]
        return subprocess.run(cmd, check=False).returncode == 0
    except (OSError, ValueError):
        return False


def _ask(label: str, default: str | None = None, required: bool = False) -> str:
    while True:
        shown = f" [{default}]" if default else ""
        value = input(f"{label}{shown}: ").strip()
        if not value and default is not None:
            return default
        if value or not required:
            return value
        print("  (required)")


def _prompt(args) -> int:
    from quizcnn.bank.write import NewQuestion

    qtype = ""
    while qtype not in TYPES:
        qtype = _ask("type (" + "/".join(TYPES) + ")", "basic")
    topic = _ask("topic", "general")
    q = NewQuestion(type=qtype, topic=topic)
    if qtype == "generated":
        q.template = _ask("template", required=True)
        q.difficulty = int(_ask("difficulty (1-3)", "1") or 1)
    else:
        q.prompt = _ask("question" + (" (gaps as {{answer}})" if qtype == "cloze" else ""), required=True)
    if qtype == "basic":
        q.answer = _ask("answer", required=True)
    elif qtype == "numeric":
        q.answer = _ask("answer (a number)", required=True)
        q.tolerance = _ask("tolerance (e.g. 0.5 or 1%, empty for exact)") or None
        q.unit = _ask("unit (optional)") or None
    elif qtype == "choice":
        choices, correct = [], []
        print("options: one per line, prefix right ones with '*'; empty line ends")
        while True:
            line = input("  option: ").strip()
            if not line:
                break
            if line.startswith("*"):
                line = line[1:].strip()
                correct.append(line)
            choices.append(line)
        q.choices, q.correct = choices, correct
    q.id = _ask("id (empty: from the title)") or None
    q.tags = [t.strip() for t in _ask("tags (comma-separated)").split(",") if t.strip()]
    return _add(q)
