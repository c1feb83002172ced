"""Architecture files named by ``check: file data/architectures/NAME @ INPUT: ...`` claims.

A claim names a whole network by a path relative to the bank root, always inside
``data/architectures/``. The bank root of a deck is the nearest folder above the deck that has
a ``data/architectures`` folder (in a source checkout: the repository; in a wheel: the
package's ``_shipped`` folder, where ``questions/`` and ``data/`` sit side by side).

The path is refused when it is absolute, has a ``..`` part, leaves ``data/architectures/``, or
passes through a symbolic link; the file must be a regular file, read with a size cap
(``quizcnn.fileio``). Formats are the ones ``quizcnn calc --file`` reads, with its code:
ONNX (``.onnx`` or gzipped ``.onnx.gz``: ``quizcnn.onnx_reader``) and layer text (``.txt``:
PyTorch constructor calls or print(model) text, ``quizcnn.core.parse.parse_layers``, analysed
as a chain by ``quizcnn.core.graph``). Either way the result is a ``GraphReport``, so the
feature map (the last node with spatial size, before global pooling) is defined for both.
Each (file, input) is analysed once per process.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath
from typing import Any

ARCH_DIR = ("data", "architectures")
SUFFIXES = (".onnx.gz", ".onnx", ".txt")
MAX_TEXT_BYTES = 2_000_000  # as `quizcnn calc --file` for layer text
MAX_ONNX_FILE_BYTES = 64 * 2**20  # graph-only files are a few hundred KB


class ArchFileError(ValueError):
    """An architecture file that cannot be used; the text is one line naming the file."""


def check_path(text: str) -> PurePosixPath:
    """The claim's path, checked as text: relative, no '..', under data/architectures/, a
    known suffix. Raises ArchFileError."""
    shown = text if text.isprintable() else repr(text)
    if not text:
        raise ArchFileError("no file name after 'file'")
    if "\\" in text:
        raise ArchFileError(f"{shown}: write the path with '/'")
    p = PurePosixPath(text)
    if p.is_absolute() or (len(text) > 1 and text[1] == ":"):
        raise ArchFileError(f"{shown}: an absolute path; give it relative to the bank root, "
                            "e.g. data/architectures/resnet50.onnx.gz")
    if ".." in p.parts:
        raise ArchFileError(f"{shown}: '..' is not allowed in the path")
    if p.parts[:2] != ARCH_DIR or len(p.parts) < 3:
        raise ArchFileError(f"{shown}: architecture files must be inside data/architectures/")
    if not p.name.endswith(SUFFIXES):
        raise ArchFileError(f"{shown}: unknown format; use .onnx, .onnx.gz or .txt (layer "
                            "text)")
    return p


def bank_root(deck: Path) -> Path | None:
    """The nearest folder above ``deck`` with a data/architectures folder (not a link)."""
    here = Path(os.path.abspath(deck)).parent
    for folder in (here, *here.parents):
        arch = folder.joinpath(*ARCH_DIR)
        try:
            if stat.S_ISDIR(os.lstat(arch).st_mode) and not os.path.islink(folder / ARCH_DIR[0]):
                return folder
        except OSError:
            continue
    return None


def resolve(text: str, root: Path) -> Path:
    """The file ``text`` names under ``root``; every part from data/ down must be a real
    folder (no symbolic link) and the file a regular file. Raises ArchFileError."""
    rel = check_path(text)
    path = root
    for i, part in enumerate(rel.parts):
        path = path / part
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            raise ArchFileError(f"{rel}: no such file (looked in {root})") from None
        except OSError as e:
            raise ArchFileError(f"{rel}: cannot read ({e.strerror or type(e).__name__})") from None
        last = i == len(rel.parts) - 1
        if stat.S_ISLNK(st.st_mode):
            raise ArchFileError(f"{rel}: {'' if last else 'a folder in the path is '}a symbolic "
                                "link; architecture files are read only as regular files")
        if last and not stat.S_ISREG(st.st_mode):
            from quizcnn.fileio import kind

            raise ArchFileError(f"{rel}: {kind(st.st_mode)}, not a regular file; not read")
        if not last and not stat.S_ISDIR(st.st_mode):
            raise ArchFileError(f"{rel}: {path.name} is not a folder")
    return path


_CACHE: dict[tuple[str, int, int, str], Any] = {}


def analyze_file(text: str, root: Path, shape: tuple[int, ...]) -> Any:
    """The ``GraphReport`` of the architecture file ``text`` (relative to ``root``) on an input
    of ``shape`` (no batch). Raises ArchFileError for the file, ValueError (LayerError) when
    the core cannot analyse it."""
    path = resolve(text, root)
    st = os.stat(path)
    key = (str(path), st.st_mtime_ns, st.st_size, "x".join(map(str, shape)))
    if key not in _CACHE:
        if len(_CACHE) > 64:
            _CACHE.clear()
        _CACHE[key] = _analyze(path, str(check_path(text)), shape)
    return _CACHE[key]


def _read(path: Path, shown: str, cap: int) -> bytes:
    from quizcnn.fileio import FileRefused, read_bytes

    try:
        return read_bytes(path, cap=cap, follow_symlinks=False)
    except FileRefused as e:
        raise ArchFileError(f"{shown}: {e.reason}") from None


def _analyze(path: Path, shown: str, shape: tuple[int, ...]) -> Any:
    if path.name.endswith(".txt"):
        return _analyze_text(path, shown, shape)
    return _analyze_onnx(path, shown, shape)


def _analyze_text(path: Path, shown: str, shape: tuple[int, ...]) -> Any:
    from quizcnn.core.errors import ParseError
    from quizcnn.core.graph import analyze_graph, chain_nodes
    from quizcnn.core.parse import parse_layers

    raw = _read(path, shown, MAX_TEXT_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ArchFileError(f"{shown}: not UTF-8 text (bad byte at offset {e.start})") from None
    try:
        layers = parse_layers(text)
    except ParseError as e:
        raise ArchFileError(f"{shown}: {e.plain()}") from None
    if not layers:
        raise ArchFileError(f"{shown}: no layers in the file")
    return analyze_graph(shape, chain_nodes(layers))


def _analyze_onnx(path: Path, shown: str, shape: tuple[int, ...]) -> Any:
    import gzip
    import io

    from quizcnn.onnx_reader import MAX_GZIP_BYTES, OnnxError, analyze_onnx, load, looks_like_onnx

    data = _read(path, shown, MAX_ONNX_FILE_BYTES)
    if path.name.endswith(".gz"):
        if data[:2] != b"\x1f\x8b":
            raise ArchFileError(f"{shown}: named .gz but not gzip data")
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
                data = gz.read(MAX_GZIP_BYTES + 1)
        except (OSError, EOFError) as e:
            raise ArchFileError(f"{shown}: broken gzip data ({e})") from None
        if len(data) > MAX_GZIP_BYTES:
            raise ArchFileError(f"{shown}: unpacks to more than {MAX_GZIP_BYTES:,} bytes")
    if not looks_like_onnx(data[:64]):
        raise ArchFileError(f"{shown}: not an ONNX model")
    try:
        return analyze_onnx(load(data, shown), shape).report
    except OnnxError as e:
        msg = str(e).replace("--input ", "the input ")
        raise ArchFileError(msg if msg.startswith(shown) else f"{shown}: {msg}") from None
