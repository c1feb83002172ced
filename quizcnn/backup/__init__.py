"""Backups: everything a user has, in one JSON file that later features extend by sections.

A backup (``quizcnn export``) holds, one named section per kind of data:

- ``settings``: study settings; ``cards``: one row per question with its schedule and its
  suspended / buried / leech state; ``sessions``: drill sessions; ``reviews``: every answer
  (``progress.py``);
- ``shipped_bank``: the quizcnn version, a digest and the ids of the shipped questions (their
  text comes with the app) (``shipped.py``);
- ``user_questions``: your question files, byte for byte with relative paths; ``drafts``:
  questions ``quizcnn add`` kept because they had errors; ``keymap``: ``keymap.toml``
  (``files.py``); ``preferences``: ``app.json`` (theme, language, filters) (``prefs.py``);
- ``fsrs_parameters``: the FSRS parameters ``db optimize`` fitted, and which is in use
  (``fsrs_params.py``);
- ``interviews``: mock interview rounds and their questions (``interviews.py``).

The file is ``{"format": "quizcnn-progress", "format_version": 2, "exported_at", "quizcnn",
"sections": {NAME: {"version": N, "data": ...}}}`` (``archive.py``; format 1, the files of
quizcnn 0.1.0, is still read). ``run.py`` exports and imports every registered section;
``section.py`` says what a section is.

Adding a section (say, FSRS parameters):

1. Write a subclass of ``quizcnn.backup.section.Section`` in the module that owns the data, or
   in a new module here: set ``name`` (the key in the file, never reused), ``version = 1``,
   ``holds`` (one line), ``in_db = True`` if its data is in the progress database (it is then
   restored in the same transaction as the cards), ``requires`` (sections it refers to), and
   implement ``export``, ``parse``, ``has_data``, ``differences`` and ``restore`` (for the
   modes "new", "merge" and "force"). Make one instance at module level.
2. Add ``"module.path:INSTANCE"`` to ``registry.SECTIONS`` (after the sections it requires).
3. Test it: a round trip, a merge done twice, and that parse refuses bad data.

Nothing else changes: an older quizcnn reading the file names the new section as not known to
it and restores the rest (likewise a setting or a table column it does not know). Change a section's layout in a way an older reader would misread and
bump its ``version``: older readers then skip it by name instead of losing what they ignore.

API: ``export_backup(store, path, force=False) -> ExportReport``;
``import_backup(store, path, merge=False, force=False) -> ImportReport`` (raises
``BackupError`` for an unusable file, ``HomeNotEmpty`` with ``.differences``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quizcnn.backup.section import BackupError

if TYPE_CHECKING:
    from quizcnn.backup.run import (
        ExportReport,
        HomeNotEmpty,
        ImportReport,
        export_backup,
        import_backup,
    )

__all__ = ["BackupError", "ExportReport", "HomeNotEmpty", "ImportReport", "export_backup",
           "import_backup"]


def __getattr__(name: str) -> object:
    if name in ("HomeNotEmpty", "export_backup", "import_backup", "ExportReport", "ImportReport"):
        from quizcnn.backup import run

        return getattr(run, name)
    raise AttributeError(f"module 'quizcnn.backup' has no attribute {name!r}")
