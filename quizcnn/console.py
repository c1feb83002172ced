"""The process's standard streams, set up once for any terminal encoding.

``quizcnn`` prints Chinese, math symbols (×, →, ⌊⌋) and box drawing. Under a terminal or pipe
whose encoding cannot hold them (``PYTHONIOENCODING=ascii`` or ``latin-1``, a C locale),
:func:`setup_streams` makes every write put ``?`` in their place instead of raising
``UnicodeEncodeError``, for every command at once; input that cannot be decoded reads as U+FFFD.
:func:`json_ascii` tells JSON writers to escape non-ASCII text (``\\u00d7``), which loses
nothing, when the output cannot hold it as it is.
"""

from __future__ import annotations

import codecs
import sys
from typing import TextIO


def setup_streams() -> None:
    """stdout/stderr replace what their encoding cannot hold; stdin replaces bad bytes."""
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "replace"),
                           (sys.stdin, "replace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None or _is_utf(stream):
            continue
        try:
            reconfigure(errors=errors)
        except (ValueError, OSError):  # a closed or detached stream: leave it
            pass


def _is_utf(stream: TextIO) -> bool:
    try:
        return codecs.lookup(stream.encoding or "ascii").name.startswith("utf")
    except LookupError:
        return False


def json_ascii(stream: TextIO | None = None) -> bool:
    """Whether JSON for ``stream`` (stdout by default) should escape non-ASCII characters."""
    return not _is_utf(stream or sys.stdout)
