"""What one section of a backup is: the ``Section`` base class, the context it works in, errors.

A section handles one kind of data (cards, question files, the keymap, ...). The archive
(``archive.py``) and the importer (``run.py``) know nothing about any kind: they call these
methods on each registered section, in the registry's order (``registry.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from quizcnn.backup.msg import Msg

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from quizcnn.store.db import Store

Mode = Literal["new", "merge", "force"]
SHOWN = 20  # lines listed per section before "... and N more"


class BackupError(Exception):
    """The backup cannot be written or read; ``str(e)`` is one line naming the file (its
    argument is a ``Msg``, said in the user's language with ``quizcnn.backup.msg.said``)."""


@dataclass(frozen=True)
class Home:
    """Where one user's things live (all under ``QUIZCNN_HOME`` when it is set)."""

    store: Store
    bank_dir: Path  # the user bank: <data dir>/questions
    drafts_dir: Path  # questions 'quizcnn add' could not save yet: <data dir>/drafts
    config_dir: Path  # keymap.toml, app.json

    @classmethod
    def current(cls, store: Store) -> Home:
        from quizcnn.paths import config_dir, data_dir, user_bank_dir

        return cls(store, user_bank_dir(), data_dir() / "drafts", config_dir())


@dataclass
class Context:
    """Handed to every method of a section during one export or import.

    ``db`` is the open database session: read-only while exporting and comparing, and while
    restoring the single write transaction shared by every section with ``in_db = True``
    (None for the other sections while restoring). ``ids`` lets one section hand id maps to
    a later one (``ids["cards"][id in the file] = id here``). ``notes`` and ``refused`` are what
    the user is told: notes of what was done or kept, and entries not restored (each naming
    the entry and why); a refusal makes the import exit non-zero. ``skipped``: parts of a section
    this quizcnn does not know (a newer one wrote them), named; not an error. ``parsed`` holds what every
    section of the file parsed to, for a section that needs to look at another's.
    """

    home: Home
    db: Session | None = None
    mode: Mode = "new"
    ids: dict[str, dict[int, int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # parts a newer quizcnn wrote, not known here
    parsed: dict[str, Any] = field(default_factory=dict)  # every section's parsed data
    stamp: str = ""  # this import's time, for names of files set aside (YYYYmmddTHHMMSS)

    def session(self) -> Session:
        if self.db is None:
            raise RuntimeError("this section needs the database session")  # a wiring bug
        return self.db


class Section:
    """One kind of data in a backup. Subclass it, set the class attributes, implement the methods.

    - ``name``: the key under ``"sections"`` in the file (never reused for other data).
    - ``version``: the layout this quizcnn writes; it reads every layout up to this one. Change
      the layout in a way an older reader would misread (a new field it would drop) and bump
      it: older quizcnn versions then skip the section and say so, instead of losing the field.
    - ``holds``: one line saying what the section holds (shown by ``import`` when skipping).
    - ``in_db``: restored inside the one database transaction (all or nothing).
    - ``requires``: sections this one refers to; when one of them is skipped, so is this one.
    """

    name: ClassVar[str]
    version: ClassVar[int] = 1
    holds: ClassVar[str]
    in_db: ClassVar[bool] = False
    requires: ClassVar[tuple[str, ...]] = ()

    def export(self, ctx: Context) -> Any:
        """This section's data from the home, as JSON values (None: nothing to write)."""
        raise NotImplementedError

    def count(self, data: Any) -> int:
        """How many things ``data`` (as exported) holds, for the export's summary line."""
        if isinstance(data, list | dict):
            return len(data)
        return 0 if data is None else 1

    def parse(self, ctx: Context, data: Any, version: int, where: str) -> Any:
        """Check the data read from a file (``version`` <= ``self.version``); return what
        ``restore`` takes. Raise BackupError for a section that cannot be used at all; refuse
        single bad entries by adding to ``ctx.refused`` and leaving them out; name what a newer
        quizcnn wrote that this one does not know in ``ctx.skipped``. Writes nothing."""
        raise NotImplementedError

    def has_data(self, ctx: Context) -> bool:
        """Whether the home holds something of this kind that an import could change."""
        raise NotImplementedError

    def differences(self, ctx: Context, parsed: Any) -> list[str]:
        """Lines saying how the home differs from ``parsed`` ([] when it holds the same)."""
        raise NotImplementedError

    def restore(self, ctx: Context, parsed: Any) -> None:
        """Write ``parsed`` into the home as ``ctx.mode`` says: "new" (the home has none of
        this kind), "merge" (add what is missing; keep the user's where they differ and note
        each such conflict) or "force" (replace; set aside what is replaced)."""
        raise NotImplementedError


def entries(ctx: Context, data: Any, where: str, name: str,
            entry: Callable[[Any, str], dict[str, Any]]) -> list[dict[str, Any]]:
    """A section's list of entries, each checked by ``entry(e, where)``; an entry it refuses
    (ValueError) is named in ``ctx.refused`` and left out, the others are kept. ``None`` (an
    older backup without the section) is no entries; anything but a list is refused whole."""
    if data is None:
        return []
    if not isinstance(data, list):
        raise BackupError(Msg("bk_must_be_list", where=where))
    out = []
    for i, e in enumerate(data):
        try:
            out.append(entry(e, f"{where}[{i}]"))
        except ValueError as err:
            ctx.refused.append(Msg("bk_entry_refused", name=section_name(name),
                                   error=err.args[0] if err.args else err))
    return out


def shown(text: str, limit: int = 200) -> str:
    """Text from a backup file (a path, a key) on one line and safe to print, cut at ``limit``
    characters (``quizcnn.termtext.clean`` removes escape sequences and control characters)."""
    from quizcnn.termtext import clean

    out = clean(text, one_line=True)
    return out[:limit] + ("..." if len(out) > limit else "")


def listed(lines: list[str], shown: int = SHOWN) -> list[str]:
    """At most ``shown`` lines, then one saying how many more there are."""
    if len(lines) <= shown:
        return lines
    return [*lines[:shown], Msg("bk_more", n=len(lines) - shown)]


def section_name(name: str) -> str:
    """A section's name (the key in the file) as the user reads it ("cards": "卡片")."""
    from quizcnn.messages import MESSAGES

    key = f"bk_sec_{name}"
    return Msg(key) if key in MESSAGES else name
