"""Where the shipped question bank and reference data live.

In a wheel they sit inside the package (``quizcnn/_shipped/``, put there by hatchling's
force-include); in a source checkout or an editable install they are the top-level
``questions/`` and ``data/`` folders. Both are plain paths next to this file (the bank is
read as files, so a zipped install could not serve it anyway; ``importlib.resources`` would
cost start-up time for nothing).
"""

from __future__ import annotations

from pathlib import Path


def _shipped(name: str) -> Path:
    packaged = Path(__file__).resolve().parent / "_shipped" / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"quizcnn's shipped '{name}' folder is missing from this installation; reinstall quizcnn"
    )


def questions_dir() -> Path:
    """The shipped question bank, as a real directory path."""
    return _shipped("questions")


def data_dir() -> Path:
    """The shipped reference data (architectures, golden tables)."""
    return _shipped("data")
