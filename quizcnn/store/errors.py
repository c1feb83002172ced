"""Errors the store raises: one readable line each, naming the file."""

from __future__ import annotations


class StoreError(Exception):
    """The progress database cannot be used; ``str(e)`` is a one-line message for the user."""


class DatabaseBusy(StoreError):
    """Another process held the database lock for longer than the busy timeout."""


class NewerSchema(StoreError):
    """The file was written by a newer quizcnn; it is left untouched."""
