"""Errors the store raises: one readable line each, naming the file."""

from __future__ import annotations


class StoreError(Exception):
    """The progress database cannot be used; ``str(e)`` is a one-line message for the user."""


class DatabaseBusy(StoreError):
    """Another process held the database lock for longer than the busy timeout."""


class NewerSchema(StoreError):
    """The file was written by a newer quizcnn; it is left untouched."""


def translate(exc: BaseException, path: object, doing: str, timeout: float = 5.0) -> StoreError:
    """Turn an sqlite3/SQLAlchemy error into a one-line StoreError naming the file."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).lower()
    if "locked" in text or "busy" in text:
        return DatabaseBusy(
            f"database busy: {path} is in use by another program (waited {timeout:g} s); try again"
        )
    if "disk is full" in text or "database or disk is full" in text:
        return StoreError(f"disk full: could not write to {path}; the last change was not saved")
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return StoreError(
            f"{path} is damaged ({orig}); it was left untouched. "
            "Restore a copy from its backups/ folder or run 'quizcnn db check'"
        )
    if "readonly" in text or "read-only" in text:
        return StoreError(f"cannot {doing} {path}: the file or its folder is read-only")
    if "unable to open" in text:
        return StoreError(f"cannot open {path}: the folder is missing or not writable")
    return StoreError(f"cannot {doing} {path}: {orig}")
