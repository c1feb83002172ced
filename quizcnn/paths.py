"""Per-user locations (platformdirs), with environment overrides.

- ``QUIZCNN_HOME``: put data, config and cache under this one folder (tests use it).
- ``QUIZCNN_DB``: the progress database file.
- ``QUIZCNN_BANK``: extra bank folders, separated by ``os.pathsep``.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "quizcnn"


def _home() -> Path | None:
    home = os.environ.get("QUIZCNN_HOME")
    return Path(home).expanduser() if home else None


def data_dir() -> Path:
    home = _home()
    if home:
        return home / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def config_dir() -> Path:
    home = _home()
    if home:
        return home / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def cache_dir() -> Path:
    home = _home()
    if home:
        return home / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def db_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The progress DB: ``--db`` beats ``QUIZCNN_DB`` beats the platform data dir."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get("QUIZCNN_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / "progress.sqlite3"


def user_bank_dir() -> Path:
    """The user's own question folder (created on first use by whoever writes to it)."""
    return data_dir() / "questions"


def extra_bank_dirs(cli: list[str] | None = None) -> list[Path]:
    """Bank folders from ``--bank`` (in order) and then from ``QUIZCNN_BANK``."""
    out = [Path(p).expanduser() for p in (cli or [])]
    env = os.environ.get("QUIZCNN_BANK", "")
    out += [Path(p).expanduser() for p in env.split(os.pathsep) if p.strip()]
    return out
