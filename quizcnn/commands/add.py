"""``quizcnn add``: write a question to your user bank (flags, prompts or $EDITOR).

What it says (and asks, and the --edit template's prose) is in the command line's language
(``quizcnn.tui.prefs.cli_lang``: QUIZCNN_LANG, else the app's last language); what the bank's
checks say about a question is theirs."""

from __future__ import annotations

import argparse
import sys

TYPES = ("basic", "cloze", "choice", "numeric", "generated")

# the headings and field names are the bank's syntax (English in both languages)
TEMPLATE = """\
## {title}
id: {id}
type: {type}
topic: {topic}
{lang_line}tags:
difficulty: 2

{body}

### Answer
{answer}

### Choices
- [x] {right}
- [ ] {wrong}

### Explanation
{why}
"""


def template(lang: str, title: str, id: str, type: str, topic: str, card_lang: str = "en") -> str:
    """The --edit template, its prose in ``lang``, for a card in ``card_lang``."""
    from quizcnn.messages import t

    lang_line = f"lang: {card_lang}\n" if card_lang != "en" else ""
    return TEMPLATE.format(title=title, id=id, type=type, topic=topic, lang_line=lang_line,
                           body=t("add_tpl_body", lang), answer=t("add_tpl_answer", lang),
                           right=t("add_tpl_right", lang), wrong=t("add_tpl_wrong", lang),
                           why=t("add_tpl_why", lang))


def _lang() -> str:
    from quizcnn.tui.prefs import cli_lang

    return cli_lang()


def _say(key: str, **fmt: object) -> str:
    from quizcnn.messages import t

    return t(key, _lang(), **fmt)


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "add", help="add a question to your own bank",
        description="Add a question to your user bank. With no options on a terminal, asks for "
                    "each field; --edit opens $EDITOR on a template. Invalid questions are kept "
                    "as drafts, never lost.")
    p.add_argument("--type", choices=TYPES)
    p.add_argument("--topic")
    p.add_argument("--id")
    p.add_argument("--lang", choices=("en", "zh"),
                   help="the question's language (with options: en unless given; asked or "
                        "edited: the language quizcnn speaks)")
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
                print(f"quizcnn add: {_say('add_cli_how')}", file=sys.stderr)
                return 2
            return _prompt(args)
        return _add(_from_flags(args))
    except InvalidQuestion as e:  # _add and _from_text handle it; this is a last guard
        print(clean(f"quizcnn add: {e}", one_line=True), file=sys.stderr)
        return 1
    except EOFError:
        print(f"\nquizcnn add: {_say('add_cli_cancelled')}", file=sys.stderr)
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
        answer=args.back, id=args.id, lang=args.lang or "en", title=args.title, choices=choices,
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
    print(_say("add_cli_added", id=q.id or slug(default_title(q)), where=f"{path}:{line}"))
    return 0


def _keep_draft(text: str, diagnostics) -> int:
    from quizcnn.bank.write import save_draft
    from quizcnn.termtext import clean

    draft = save_draft(text)
    for d in diagnostics:
        hint = f" ({d.hint})" if d.hint else ""
        print(clean(f"quizcnn add: {d.message}{hint}"), file=sys.stderr)
    print(f"quizcnn add: {_say('add_cli_kept', draft=draft)}\n"
          f"  {_say('add_cli_fix', command=f'quizcnn add --edit --from {draft}')}",
          file=sys.stderr)
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
        lang = _lang()
        text = template(lang, title=args.title or _say("add_tpl_title"),
                        id=args.id or "my-question", type=args.type or "basic",
                        topic=args.topic or "general", card_lang=args.lang or lang)
        draft = save_draft(text)
    if args.edit:
        if not _run_editor(draft):
            print(f"quizcnn add: {_say('add_cli_editor_failed', draft=draft)}", file=sys.stderr)
            return 1
        edited = _read_source(draft)
        if edited is None:
            return 1
        if edited == text and not args.from_file:
            print(f"quizcnn add: {_say('add_cli_unchanged', draft=draft)}", file=sys.stderr)
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
            said = _say("add_cli_line", line=d.line, message=f"{d.message}{hint}")
            print(clean(f"quizcnn add: {said}"), file=sys.stderr)
        print(f"quizcnn add: {_say('add_cli_text_kept', draft=draft)}\n"
              f"  {_say('add_cli_fix', command=f'quizcnn add --edit --from {draft}')}",
              file=sys.stderr)
        return 1
    for path, line in placed:
        print(_say("add_cli_added_one", where=f"{path}:{line}"))
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
        zh = _lang() == "zh"
        shown = (f"[{default}]" if zh else f" [{default}]") if default else ""
        value = input(f"{label}{shown}{'：' if zh else ': '}").strip()
        if not value and default is not None:
            return default
        if value or not required:
            return value
        print("  " + _say("add_cli_required"))


def _prompt(args) -> int:
    from quizcnn.bank.write import NewQuestion

    qtype = ""
    while qtype not in TYPES:
        qtype = _ask(_say("add_ask_type", types="/".join(TYPES)), "basic")
    topic = _ask(_say("add_ask_topic"), "general")
    # asked in Chinese, the answers make a Chinese card (unless --lang says otherwise)
    q = NewQuestion(type=qtype, topic=topic, lang=args.lang or _lang())
    if qtype == "generated":
        q.template = _ask(_say("add_ask_template"), required=True)
        q.difficulty = int(_ask(_say("add_ask_difficulty"), "1") or 1)
    else:
        q.prompt = _ask(_say("add_ask_question_cloze" if qtype == "cloze" else "add_ask_question"),
                        required=True)
    if qtype == "basic":
        q.answer = _ask(_say("add_ask_answer"), required=True)
    elif qtype == "numeric":
        q.answer = _ask(_say("add_ask_number"), required=True)
        q.tolerance = _ask(_say("add_ask_tolerance")) or None
        q.unit = _ask(_say("add_ask_unit")) or None
    elif qtype == "choice":
        choices, correct = [], []
        print(_say("add_ask_options"))
        while True:
            line = input(f"  {_say('add_ask_option')}{'：' if _lang() == 'zh' else ': '}").strip()
            if not line:
                break
            if line.startswith("*"):
                line = line[1:].strip()
                correct.append(line)
            choices.append(line)
        q.choices, q.correct = choices, correct
    q.id = _ask(_say("add_ask_id")) or None
    q.tags = [t.strip() for t in _ask(_say("add_ask_tags")).split(",") if t.strip()]
    return _add(q)
