"""``quizcnn calc`` on layer text: reading the input (a file, stdin, arguments) into one stack,
with where each layer came from, the notes on what print(model) text cannot show, and layer
errors located at the file line and the layer as written (issue 20)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from typing import Any

from quizcnn import termtext

MAX_FILE_BYTES = 2_000_000


class InputError(Exception):
    """A problem with the command line or a file (not with a layer)."""


def clean(text: object) -> str:
    """One line of user-derived text, safe for a terminal (see ``quizcnn.termtext``)."""
    return termtext.clean(text, one_line=True)


def is_file(text: str) -> bool:
    """A lone argument naming an existing file (not a layer: no layer text is a file name)."""
    import os

    if "(" in text or "\n" in text or len(text) > 4096:
        return False
    try:
        return os.path.isfile(text)
    except (OSError, ValueError):
        return False


@dataclass
class _Where:
    """Where one layer of the stack came from (see ``quizcnn.core.parse.Origin``)."""

    source: str  # "net.txt", "stdin", "layer argument 2"
    origin: Any
    printed: bool


@dataclass
class _Collected:
    shape: tuple[int, ...]
    layers: list[Any] = field(default_factory=list)
    wheres: list[_Where] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def collect(args: argparse.Namespace, lang: str = "en") -> _Collected:
    from quizcnn.core.errors import ParseError
    from quizcnn.core.parse import parse_shape
    from quizcnn.messages import t

    if not args.input:
        raise InputError(t("calc_no_input", lang))
    if not args.layers and not args.file:
        raise InputError(t("calc_no_layers", lang))
    try:
        shape = parse_shape(args.input)
    except ParseError as e:
        raise InputError(t("calc_input_bad", lang, message=detail(e.message, lang))) from None
    got = _Collected(shape)
    texts: list[str] = []
    customs: list[Any] = []
    if args.file:
        name = t("calc_stdin", lang) if args.file == "-" else clean(args.file)
        try:
            texts.append(_read(args.file, lang))
            customs += _add(got, texts[-1], args.main_path, name)
        except ParseError as e:
            raise InputError(t("calc_where", lang, where=name, message=plain(e, lang))) from None
    for i, text in enumerate(args.layers, start=1):
        texts.append(text)
        where = t("calc_layer_arg", lang, n=i)
        try:
            customs += _add(got, text, args.main_path, where)
        except ParseError as e:
            if "\n" not in text.strip():
                e.line = None
            raise InputError(t("calc_where", lang, where=where, message=plain(e, lang))) from None
    got.notes = [*(custom_note(c, lang) for c in customs), *_notes(texts, lang)]
    return got


def _add(got: _Collected, text: str, main_path: bool, source: str) -> list[Any]:
    """Parse ``text`` into ``got``; the custom classes it holds (for the notes)."""
    from quizcnn.core.parse import parse_text

    parsed = parse_text(text, main_path)
    got.layers += parsed.layers
    got.wheres += [_Where(source, o, parsed.printed) for o in parsed.origins]
    got.skipped += parsed.skipped
    return list(parsed.custom)


def custom_note(block: Any, lang: str) -> str:
    """The note on a custom class of print(model) text (``CustomBlock.note()`` in English)."""
    if lang != "zh":
        return str(block.note())
    from quizcnn.messages import t

    sep = t("calc_list_sep", lang)
    text = t("calc_custom_note", lang, label=block.label, line=block.line,
             onnx=t("calc_onnx_exact", lang))
    gates = [(n, ln) for n, ln, gate in block.nested if gate]
    plain = [(n, ln) for n, ln, gate in block.nested if not gate]
    if gates:
        which = sep.join(t("calc_on_line", lang, name=n, line=ln) for n, ln in gates[:3])
        text += t("calc_custom_gate", lang, which=which)
    if plain:
        which = sep.join(t("calc_on_line", lang, name=n, line=ln) for n, ln in plain[:3])
        more = t("calc_and_more", lang, n=len(plain) - 3) if len(plain) > 3 else ""
        text += t("calc_custom_plain", lang, which=which, more=more)
    return text


def _notes(texts: list[str], lang: str = "en") -> list[str]:
    """What the input could not say and was assumed."""
    from quizcnn.core.parse import hidden_avgpool_options
    from quizcnn.messages import t

    if any(hidden_avgpool_options(text) for text in texts):
        return [t("calc_avgpool_note", lang)]
    return []


def _inserted_before(got: _Collected, index: int) -> int | None:
    """The index of a Flatten quizcnn inserted that feeds layer ``index`` (through layers
    that keep the shape), or None."""
    for j in range(index - 1, -1, -1):
        if got.wheres[j].origin.inserted:
            return j
        if got.layers[j].kind in ("Flatten", "Linear"):
            return None
    return None


def located(err: Any, got: _Collected, lang: str = "en") -> str:
    """A layer error from analysing the stack, located by file line and the layer as
    written (print(model) text), with what forward() may be doing."""
    from quizcnn.messages import t

    index = err.index
    if index is None or not 0 <= index < len(got.wheres):
        return with_hint(err, lang)
    where = got.wheres[index]
    origin = where.origin
    if origin.line is None:
        return with_hint(err, lang)
    at = ""
    if origin.path:
        at = f"（{origin.path}）" if lang == "zh" else f" ({origin.path})"
    text = t("calc_file_line", lang, source=where.source, line=origin.line, path=at,
             text=origin.text, message=detail(err.message, lang))
    flat = _inserted_before(got, index)
    if flat is not None:
        from quizcnn.core.analyze import analyze

        try:
            from quizcnn.commands.calc import shape_text

            before = analyze(got.shape, got.layers[:flat]).output
            text += t("calc_flattened", lang, shape=shape_text(before))
        except Exception:  # the error itself is what matters
            pass
    if where.printed and index > 0:  # the first layer meets --input, not forward()
        text += t("calc_forward_hint", lang, onnx=t("calc_onnx_exact", lang))
    return text


def _read(path: str, lang: str = "en") -> str:
    from pathlib import Path

    from quizcnn.messages import t

    shown = t("calc_stdin", lang) if path == "-" else clean(path)
    try:
        if path == "-":
            stream = getattr(sys.stdin, "buffer", None)
            if stream is None:
                raw = sys.stdin.read(MAX_FILE_BYTES + 1).encode("utf-8", "surrogateescape")
            else:
                raw = stream.read(MAX_FILE_BYTES + 1)
        else:
            p = Path(path)
            if p.is_dir():
                raise InputError(t("calc_is_dir", lang, name=shown))
            from quizcnn.fileio import FileRefused, read_bytes

            try:  # a regular file only: a FIFO would block, a device never end
                raw = read_bytes(p, cap=MAX_FILE_BYTES)
            except FileRefused as e:
                if not p.exists() and not p.is_symlink():
                    raise FileNotFoundError(path) from None
                raise InputError(clean(detail(str(e), lang))) from None
    except FileNotFoundError:
        raise InputError(t("calc_no_such_file", lang, name=shown)) from None
    except PermissionError:
        raise InputError(t("calc_permission", lang, name=shown)) from None
    except OSError as e:
        raise InputError(t("calc_cannot_read", lang, name=shown,
                           why=e.strerror or type(e).__name__)) from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(t("calc_too_big", lang, name=shown, size=f"{MAX_FILE_BYTES:,}"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(t("calc_not_utf8", lang, name=shown, offset=e.start)) from None


def plain(err: Any, lang: str = "en") -> str:
    """A core ``LayerError``'s one line (where and what, no rule id) in ``lang``: the same
    words as ``err.plain()`` in English."""
    if lang != "zh":
        return str(err.plain())
    from quizcnn.messages import t

    where = ""
    if err.index is not None:
        where = t("calc_layer_at", lang, index=err.index)
    if err.layer:
        where = f"{where} {err.layer}" if where else err.layer
    text = detail(err.message, lang)
    if where:
        text = t("calc_where", lang, where=where, message=text)
    line = getattr(err, "line", None)
    if line is not None:
        text = t("calc_where", lang, where=t("calc_line_at", lang, line=line), message=text)
    return text


def detail(text: str, lang: str) -> str:
    """A message of the core (or of a reader below the command line) in ``lang``: Chinese
    for the sentences ``quizcnn.messages.core_text`` knows, else unchanged."""
    if lang != "zh":
        return text
    from quizcnn.messages.core_text import to_zh

    return to_zh(text)


def with_hint(err: Any, lang: str = "en") -> str:
    from quizcnn.messages import t

    text: str = plain(err, lang)  # the rule id stays on the exception; people get words
    if err.rule == "input-rank":
        text += t("calc_rank_hint", lang)
    return text
