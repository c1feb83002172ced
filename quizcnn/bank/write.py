"""Writing questions to the user bank (``quizcnn add`` and the app's Add form).

A question is rendered as a ``##`` block, parsed and validated exactly as the loader would
read it, and appended to ``<user bank>/<topic>.md`` only if it reads back as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quizcnn.bank.model import Block, Diagnostic


class InvalidQuestion(ValueError):
    """The question has errors; ``.diagnostics`` says which, ``.text`` is its Markdown."""

    def __init__(self, diagnostics: list[Diagnostic], text: str) -> None:
        self.diagnostics = diagnostics
        self.text = text
        first = diagnostics[0] if diagnostics else None
        super().__init__(first.message if first else "invalid question")


@dataclass
class NewQuestion:
    type: str
    topic: str
    prompt: str = ""
    answer: str | None = None  # basic: the back; numeric: the number
    id: str | None = None
    lang: str = "en"
    title: str | None = None
    choices: Sequence[str] = ()
    correct: Sequence[str] = ()
    tolerance: str | None = None
    unit: str | None = None
    tags: Sequence[str] = ()
    difficulty: int | None = None
    template: str | None = None
    explanation: str | None = None
    hints: Sequence[str] = field(default_factory=tuple)
    translation_of: str | None = None


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def default_title(q: NewQuestion) -> str:
    if q.title and q.title.strip():
        return _one_line(q.title)
    first = next((line.strip() for line in q.prompt.splitlines() if line.strip()), "")
    if not first and q.template:
        first = f"{q.template} drill"
    first = first.lstrip("#>-*+ ").strip() or "Untitled question"
    return first if len(first) <= 70 else first[:67].rstrip() + "..."


def render(q: NewQuestion) -> str:
    """The question as a Markdown ``##`` block in the bank format."""
    from quizcnn.bank.validate import slug

    title = default_title(q)
    qid = q.id.strip() if q.id and q.id.strip() else None
    meta: list[tuple[str, str]] = []
    if q.translation_of:
        meta.append(("translation_of", q.translation_of.strip()))
    else:
        meta.append(("id", qid or slug(title)))
    meta.append(("type", q.type.strip()))
    meta.append(("topic", q.topic.strip()))
    if q.lang and q.lang != "en":
        meta.append(("lang", q.lang))
    tags = [_one_line(t) for t in q.tags if _one_line(t)]
    if tags:
        meta.append(("tags", ", ".join(tags)))
    if q.difficulty is not None:
        meta.append(("difficulty", str(q.difficulty)))
    if q.type == "numeric" and q.answer is not None:
        meta.append(("answer", _one_line(q.answer)))
    if q.tolerance:
        meta.append(("tolerance", _one_line(q.tolerance)))
    if q.unit:
        meta.append(("unit", _one_line(q.unit)))
    if q.template:
        meta.append(("template", _one_line(q.template)))
    lines = [f"## {title}"] + [f"{k}: {v}" for k, v in meta] + [""]
    if q.prompt.strip():
        lines += [q.prompt.strip(), ""]
    if q.type == "basic" and q.answer and q.answer.strip():
        lines += ["### Answer", q.answer.strip(), ""]
    if q.type == "choice":
        correct = {c.strip() for c in q.correct}
        lines.append("### Choices")
        for c in q.choices:
            mark = "x" if c.strip() in correct else " "
            lines.append(f"- [{mark}] {_one_line(c)}")
        lines.append("")
    if q.hints:
        lines += ["### Hints"] + [f"- {_one_line(h)}" for h in q.hints] + [""]
    if q.explanation and q.explanation.strip():
        lines += ["### Explanation", q.explanation.strip(), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def parse_blocks(text: str, file: Path) -> tuple[list[Block], list[Diagnostic]]:
    from quizcnn.bank.parse import parse_text
    from quizcnn.bank.validate import validate_block

    blocks, diags = parse_text(text, file)
    for b in blocks:
        validate_block(b, diags)
    return blocks, diags


def _readback_problems(q: NewQuestion, b: Block, file: Path) -> list[Diagnostic]:
    """Differences between what was asked for and what a reader would see."""
    problems = []
    checks: list[tuple[str, object, object]] = [("prompt", q.prompt.strip(), b.prompt.strip())]
    if q.type == "basic":
        checks.append(("answer", (q.answer or "").strip(), (b.answer or "").strip()))
    if q.explanation:
        checks.append(("explanation", q.explanation.strip(), (b.explanation or "").strip()))
    if q.type == "choice":
        checks.append(("choices", [_one_line(c) for c in q.choices], [t for t, _ok in b.choices]))
    for name, want, got in checks:
        if want != got:
            problems.append(Diagnostic(file, b.line, "error",
                                       f"the {name} would not read back as written",
                                       "avoid lines that start with '#' headings or 'key:' at the top"))
    return problems


def validate_new(q: NewQuestion, file: Path, existing: Sequence[tuple[Block, str]] | None = None
                 ) -> tuple[str, Block]:
    """Render and validate; raise InvalidQuestion with diagnostics on any error."""
    from quizcnn.bank.assemble import assemble, template_ids

    text = render(q)
    blocks, diags = parse_blocks(text, file)
    if len(blocks) != 1:
        diags.append(Diagnostic(file, 1, "error", "the text contains '## ' heading lines",
                                "use '####' or bold text for headings inside a question"))
        raise InvalidQuestion([d for d in diags if d.severity == "error"], text)
    block = blocks[0]
    diags += _readback_problems(q, block, file)
    if q.template and q.template.strip() not in template_ids():
        from quizcnn.bank.validate import did_you_mean

        diags.append(Diagnostic(file, block.mline("template"), "error",
                                f"unknown problem template '{q.template}'",
                                did_you_mean(q.template, template_ids()) or "see 'quizcnn generate --list'"))
    if existing is not None:
        entries = [(b, o) for b, o in existing] + [(block, "user")]
        cross: list[Diagnostic] = []
        assemble(entries, cross)
        diags += [d for d in cross if Path(d.file) == file and d.severity == "error"]
    errors = [d for d in diags if d.severity == "error"]
    if errors:
        raise InvalidQuestion(errors, text)
    return text, block


def _existing_blocks(bank_dir: Path) -> list[tuple[Block, str]]:
    from quizcnn.bank.discover import discover
    from quizcnn.bank.load import _shipped_dir
    from quizcnn.bank.read import read_file

    out: list[tuple[Block, str]] = []
    for root, origin in ((_shipped_dir(), "shipped"), (bank_dir, "user")):
        if root is None or not Path(root).is_dir():
            continue
        files, _ = discover(Path(root))
        for f in files:
            blocks, _d, _s = read_file(f)
            out += [(b, origin) for b in blocks]
    return out


def deck_path(bank_dir: Path, topic: str) -> Path:
    from quizcnn.bank.validate import slug

    return bank_dir / f"{slug(topic)}.md"


def append_block(path: Path, text: str) -> int:
    """Append a block to a deck (atomically); return the line its heading lands on.

    The deck must be a regular UTF-8 file or a new name (a FIFO, device or symbolic link is
    refused with an OSError naming it, and left as it is)."""
    from quizcnn.bank.parse import MAX_FILE_BYTES
    from quizcnn.fileio import FileRefused, read_text, target_kind, write_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        old = read_text(path, cap=MAX_FILE_BYTES) if target_kind(path) == "file" else ""
    except FileRefused as e:
        raise OSError(str(e)) from None
    if old and not old.endswith("\n"):
        old += "\n"
    sep = "\n" if old.strip() else ""
    if not old.strip():
        old = ""
    new = old + sep + text
    line = new[: len(old) + len(sep)].count("\n") + 1
    try:
        write_atomic(path, new.encode("utf-8"))
    except FileRefused as e:
        raise OSError(str(e)) from None
    return line


def add_question(q: NewQuestion | None = None, *, bank_dir: Path | None = None, **fields: Any) -> tuple[Path, int]:
    """Validate and append a question to the user bank; returns (file, line of its heading).

    Raises InvalidQuestion (nothing written) when it has errors.
    """
    from quizcnn.paths import user_bank_dir

    if q is None:
        q = NewQuestion(**fields)
    bank_dir = Path(bank_dir) if bank_dir is not None else user_bank_dir()
    path = deck_path(bank_dir, q.topic or "general")
    text, _block = validate_new(q, path, existing=_existing_blocks(bank_dir))
    line = append_block(path, text)
    return path, line


def _with_front_matter(chunk: str, b: Block, topic: str) -> str:
    """A block cut out of its file, with the values its file's front matter gave it written in."""
    rows = chunk.split("\n")
    own = {k for k, line in b.meta_lines.items() if line > b.line}
    if "tags" in own and b.meta.get("tags"):
        rows[b.meta_lines["tags"] - b.line] = f"tags: {b.meta['tags']}"  # file tags + own tags
    extra = [] if "topic" in own else [f"topic: {topic}"]
    extra += [f"{k}: {b.meta[k]}" for k in ("tags", "difficulty", "lang", "source")
              if k not in own and b.meta.get(k, "").strip()]
    return "\n".join(rows[:1] + extra + rows[1:])


def add_text(text: str, *, bank_dir: Path | None = None, topic: str | None = None) -> list[tuple[Path, int]]:
    """Append the ``##`` blocks of a Markdown text (an edited draft) after validating all of them."""
    from quizcnn.bank.assemble import assemble
    from quizcnn.paths import user_bank_dir

    bank_dir = Path(bank_dir) if bank_dir is not None else user_bank_dir()
    probe = bank_dir / "draft.md"
    blocks, diags = parse_blocks(text, probe)
    if not blocks:
        diags.append(Diagnostic(probe, 1, "error", "no question in the text", "start it with '## title'"))
    cross: list[Diagnostic] = []
    assemble(_existing_blocks(bank_dir) + [(b, "user") for b in blocks], cross)
    diags += [d for d in cross if Path(d.file) == probe]
    errors = [d for d in diags if d.severity == "error"]
    if errors:
        raise InvalidQuestion(errors, text)
    lines = text.split("\n")
    starts = [b.line - 1 for b in blocks] + [len(lines)]
    out = []
    for k, b in enumerate(blocks):
        chunk = "\n".join(lines[starts[k]:starts[k + 1]]).rstrip("\n") + "\n"
        meta_topic = b.meta.get("topic", "").strip() or topic or "general"
        chunk = _with_front_matter(chunk, b, meta_topic)
        path = deck_path(bank_dir, meta_topic)
        out.append((path, append_block(path, chunk)))
    return out


def save_draft(text: str) -> Path:
    """Keep a question that could not be saved, so it is never lost; returns the file."""
    import time

    from quizcnn.paths import data_dir

    folder = data_dir() / "drafts"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    path = folder / f"draft-{stamp}.md"
    n = 2
    while path.exists():
        path = folder / f"draft-{stamp}-{n}.md"
        n += 1
    path.write_text(text, encoding="utf-8")
    return path
