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


def collect(args: argparse.Namespace) -> _Collected:
    from quizcnn.core.errors import ParseError
    from quizcnn.core.parse import parse_shape

    if not args.input:
        raise InputError("give the input shape, e.g. --input 3x224x224 (no batch dimension)")
    if not args.layers and not args.file:
        raise InputError("give layers as arguments or with --file (see quizcnn calc --help)")
    try:
        shape = parse_shape(args.input)
    except ParseError as e:
        raise InputError(f"--input: {e.message}") from None
    got = _Collected(shape)
    texts: list[str] = []
    customs: list[Any] = []
    if args.file:
        name = "stdin" if args.file == "-" else clean(args.file)
        try:
            texts.append(_read(args.file))
            customs += _add(got, texts[-1], args.main_path, name)
        except ParseError as e:
            raise InputError(f"{name}: {e.plain()}") from None
    for i, text in enumerate(args.layers, start=1):
        texts.append(text)
        try:
            customs += _add(got, text, args.main_path, f"layer argument {i}")
        except ParseError as e:
            if "\n" not in text.strip():
                e.line = None
            raise InputError(f"layer argument {i}: {e.plain()}") from None
    got.notes = [*(c.note() for c in customs), *_notes(texts)]
    return got


def _add(got: _Collected, text: str, main_path: bool, source: str) -> list[Any]:
    """Parse ``text`` into ``got``; the custom classes it holds (for the notes)."""
    from quizcnn.core.parse import parse_text

    parsed = parse_text(text, main_path)
    got.layers += parsed.layers
    got.wheres += [_Where(source, o, parsed.printed) for o in parsed.origins]
    got.skipped += parsed.skipped
    return list(parsed.custom)


ONNX_EXACT = (
    "an ONNX export of the model gives exact numbers: quizcnn calc model.onnx (see "
    "'Your own model' in the README)"
)


def _notes(texts: list[str]) -> list[str]:
    """What the input could not say and was assumed."""
    from quizcnn.core.parse import hidden_avgpool_options

    if any(hidden_avgpool_options(t) for t in texts):
        return [
            "print(model) does not show AvgPool's ceil_mode (nor count_include_pad), so "
            "ceil_mode=False was assumed; if your model sets ceil_mode=True, add it to the "
            "AvgPool line (the output size can change)."
        ]
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


def located(err: Any, got: _Collected) -> str:
    """A layer error from analysing the stack, located by file line and the layer as
    written (print(model) text), with what forward() may be doing."""
    index = err.index
    if index is None or not 0 <= index < len(got.wheres):
        return with_hint(err)
    where = got.wheres[index]
    origin = where.origin
    if origin.line is None:
        return with_hint(err)
    at = f" ({origin.path})" if origin.path else ""
    text = f"{where.source} line {origin.line}{at}: {origin.text}: {err.message}"
    flat = _inserted_before(got, index)
    if flat is not None:
        from quizcnn.core.analyze import analyze

        try:
            from quizcnn.commands.calc import shape_text

            before = analyze(got.shape, got.layers[:flat]).output
            text += (f" (the {shape_text(before)} map flattened by the Flatten quizcnn inserted "
                     "before the first Linear)")
        except Exception:  # the error itself is what matters
            pass
    if where.printed and index > 0:  # the first layer meets --input, not forward()
        text += (
            ". quizcnn runs print(model) text in printed order; forward() probably does "
            "something the text does not show (a module used twice, a functional call such as "
            f"F.max_pool2d or torch.flatten, a torch.cat): {ONNX_EXACT}"
        )
    return text


def _read(path: str) -> str:
    from pathlib import Path

    shown = "stdin" if path == "-" else clean(path)
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
                raise InputError(f"{shown} is a directory, not a file of layers")
            from quizcnn.fileio import FileRefused, read_bytes

            try:  # a regular file only: a FIFO would block, a device never end
                raw = read_bytes(p, cap=MAX_FILE_BYTES)
            except FileRefused as e:
                if not p.exists() and not p.is_symlink():
                    raise FileNotFoundError(path) from None
                raise InputError(clean(str(e))) from None
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file") from None
    except PermissionError:
        raise InputError(f"{shown}: permission denied") from None
    except OSError as e:
        raise InputError(f"{shown}: cannot read ({e.strerror or type(e).__name__})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(f"{shown} is larger than {MAX_FILE_BYTES:,} bytes; not a layer list")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"{shown} is not UTF-8 text (bad byte at offset {e.start})") from None


def with_hint(err: Any) -> str:
    text: str = err.plain()  # the rule id stays on the exception; people get words
    if err.rule == "input-rank":
        text += " (--input takes C x H x W for 2-d layers and C x L for 1-d; no batch dimension)"
    return text
