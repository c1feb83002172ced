"""Reading one deck file into raw blocks and diagnostics, through the parse cache."""

from __future__ import annotations

import hashlib
import stat
from functools import lru_cache
from pathlib import Path

from quizcnn.bank import cache as _cache
from quizcnn.bank.model import ROW_FIELDS, Block, Diagnostic
from quizcnn.bank.parse import MAX_FILE_BYTES, PARSER_VERSION, decode, parse_text
from quizcnn.bank.validate import validate_block
from quizcnn.fileio import FileRefused, kind, read_bytes

ROW_FIELDS_LIST = list(ROW_FIELDS)


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """A digest of the code that builds cached blocks: editing it invalidates the cache."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha1()
    for name in ("read.py", "parse.py", "validate.py", "model.py", "cloze.py", "numbers.py",
                 "claims.py"):
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    try:
        digest.update((here.parent / "mathtext.py").read_bytes())
    except OSError:
        pass
    return digest.hexdigest()[:16]


def read_file(path: Path, use_cache: bool = True, refresh: bool = False
              ) -> tuple[list[Block], list[Diagnostic], bool]:
    """(blocks, diagnostics, skipped) for one deck; never raises. ``refresh``: ignore the
    cached entry (and replace it)."""
    try:
        path = path.absolute()
        st = path.stat()
    except OSError as e:
        return [], [Diagnostic(path, 0, "error", f"cannot read: {e.strerror or e}", "check the path")], True
    if not stat.S_ISREG(st.st_mode):  # a FIFO would block the read, a device never end it
        return [], [Diagnostic(path, 0, "warning", f"{kind(st.st_mode)}, not a regular file; skipped",
                               "a deck is a regular Markdown file")], True
    key = [PARSER_VERSION, code_stamp(), str(path), st.st_mtime_ns, st.st_size]
    if use_cache and not refresh:
        hit = _cache.get(path, key)
        if hit is not None:
            try:
                if hit["fields"] == ROW_FIELDS_LIST:
                    name = str(path)
                    return ([Block.from_row(name, row) for row in hit["blocks"]],
                            [Diagnostic.from_dict(d) for d in hit["diags"]], bool(hit["skipped"]))
            except (KeyError, TypeError, ValueError):
                pass
    blocks, diags, skipped = _read_uncached(path, st.st_size)
    if use_cache:
        _cache.put(path, key, {"fields": ROW_FIELDS_LIST, "blocks": [b.to_row() for b in blocks],
                               "diags": [d.to_dict() for d in diags], "skipped": skipped})
    return blocks, diags, skipped


def _read_uncached(path: Path, size: int) -> tuple[list[Block], list[Diagnostic], bool]:
    if size > MAX_FILE_BYTES:
        return [], [Diagnostic(path, 1, "error", f"file is too large ({size / 2**20:.1f} MB; the limit is "
                               f"{MAX_FILE_BYTES // 2**20} MB)", "split the deck into several files")], True
    try:
        data = read_bytes(path, cap=MAX_FILE_BYTES)
    except FileRefused as e:
        return [], [Diagnostic(path, 0, "error", f"cannot read: {e.reason}", "check the file")], True
    text, problem = decode(data, path)
    if problem is not None or text is None:
        return [], [problem] if problem is not None else [], True
    try:
        blocks, diags = parse_text(text, path)
        for b in blocks:
            validate_block(b, diags)
    except RecursionError:
        return [], [Diagnostic(path, 1, "error", "the file is nested too deeply to read",
                               "simplify deeply nested lists or quotes")], True
    except Exception as e:  # last line of defence: one odd file never stops the rest
        return [], [Diagnostic(path, 1, "error", f"could not read this file ({type(e).__name__}: {e})"[:200],
                               "please report this as a bug in quizcnn")], True
    return blocks, diags, False
