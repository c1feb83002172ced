"""The shipped-bank section: which shipped questions the backup's cards refer to.

Shipped questions come with the app, so their text is not copied; the section records the
quizcnn version, a digest of the shipped question files and the ids of the shipped questions,
so an import can say which of the backup's cards this quizcnn has no question for (they keep
their history, as orphans, until a version with the question is installed). Nothing is written.
"""

from __future__ import annotations

import hashlib
from typing import Any

from quizcnn.backup.msg import Joined, Msg
from quizcnn.backup.section import BackupError, Context, Section, listed, shown


def _shipped() -> tuple[str, list[str]]:
    """(digest of the shipped question files, sorted ids of the shipped questions)."""
    from quizcnn.bank.load import load
    from quizcnn.resources import questions_dir

    root = questions_dir()
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.md")):
        if path.is_file() and not path.is_symlink():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    ids = sorted(q.id for q in load(None, user_bank=False).questions)
    return digest.hexdigest()[:16], ids


class ShippedBank(Section):
    name = "shipped_bank"
    holds = "shipped bank: the quizcnn version, the shipped questions' digest and ids (no text)"

    def export(self, ctx: Context) -> dict[str, Any]:
        from quizcnn import __version__

        digest, ids = _shipped()
        return {"quizcnn": __version__, "digest": digest, "ids": ids}

    def count(self, data: Any) -> int:
        return len(data["ids"])

    def parse(self, ctx: Context, data: Any, version: int, where: str) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise BackupError(Msg("bk_must_be_object", where=where))
        ids = data.get("ids")
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise BackupError(Msg("bk_shipped_ids", where=where))
        return {"quizcnn": str(data.get("quizcnn", "?")), "digest": str(data.get("digest", "")),
                "ids": ids}

    def has_data(self, ctx: Context) -> bool:
        return False  # nothing of the user's: it comes with the app

    def differences(self, ctx: Context, parsed: dict[str, Any]) -> list[str]:
        return []

    def restore(self, ctx: Context, parsed: dict[str, Any]) -> None:
        digest, ids = _shipped()
        if parsed["digest"] == digest:
            return
        have = set(ids)
        cards = {c["bank_id"] for c in ctx.parsed.get("cards") or []}
        missing = sorted(i for i in parsed["ids"] if i not in have and i in cards)
        name, version = Msg("bk_what_shipped_bank"), shown(parsed["quizcnn"], 40)
        if missing:
            ctx.notes.append(Msg("bk_shipped_missing", name=name, version=version,
                                 n=len(missing),
                                 ids=Joined(listed([shown(m, 60) for m in missing], 10))))
        else:
            ctx.notes.append(Msg("bk_shipped_differs", name=name, version=version))


SHIPPED_BANK = ShippedBank()
