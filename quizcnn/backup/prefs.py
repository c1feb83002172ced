"""The preferences section: the app's small remembered choices (theme, language, filters).

They live in the config dir's ``app.json``, one JSON object; the section holds that object as it
is (null when there is none), so a preference added later travels without a change here.
Merging adds the keys you do not have and keeps your value where both have one (named);
``--force`` takes the backup's value (named too).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from quizcnn.backup.files import FileRefused, read_regular, reason_of, target_kind, write_file
from quizcnn.backup.msg import Msg, reason
from quizcnn.backup.section import BackupError, Context, Section, section_name, shown

MAX_BYTES = 1024 * 1024
FILE = "app.json"


def _read(path: Path) -> dict[str, Any] | None:
    """The object in ``path``; None when there is none. FileRefused when it cannot be used."""
    if target_kind(path) == "missing":
        return None
    data = read_regular(path, MAX_BYTES)
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise FileRefused(Msg("bk_not_json_object")) from None
    if not isinstance(value, dict):
        raise FileRefused(Msg("bk_not_json_object"))
    return value


def _show(value: Any) -> str:
    return shown(json.dumps(value, ensure_ascii=False), 60)


class Preferences(Section):
    name = "preferences"
    holds = "preferences: theme, language, filters and other choices the app remembers (app.json)"

    def _path(self, ctx: Context) -> Path:
        return ctx.home.config_dir / FILE

    def _mine(self, ctx: Context, notes: list[str] | None = None) -> dict[str, Any] | None:
        try:
            return _read(self._path(ctx))
        except FileRefused as e:
            if notes is not None:
                notes.append(Msg("bk_not_exported", where=f"config/{FILE}", error=reason_of(e)))
            return None

    def export(self, ctx: Context) -> dict[str, Any] | None:
        return self._mine(ctx, ctx.notes)

    def parse(self, ctx: Context, data: Any, version: int, where: str) -> dict[str, Any]:
        if data is None:
            return {}
        if not isinstance(data, dict):
            raise BackupError(Msg("bk_must_be_object", where=where))
        if len(json.dumps(data, ensure_ascii=False).encode("utf-8")) > MAX_BYTES:
            raise BackupError(Msg("bk_larger_kb", where=where, n=MAX_BYTES // 1024))
        return data

    def has_data(self, ctx: Context) -> bool:
        return bool(self._mine(ctx))

    def differences(self, ctx: Context, parsed: dict[str, Any]) -> list[str]:
        mine = self._mine(ctx) or {}
        out: list[str] = []
        for key in sorted(set(mine) | set(parsed)):
            a, b = mine.get(key), parsed.get(key)
            if a != b:
                out.append(Msg(
                    "bk_pref_differs", name=section_name(self.name), key=shown(key, 60),
                    mine=_show(a) if key in mine else Msg("bk_unset"),
                    theirs=_show(b) if key in parsed else Msg("bk_unset"),
                ))
        return out

    def restore(self, ctx: Context, parsed: dict[str, Any]) -> None:
        if not parsed:
            return
        path = self._path(ctx)
        try:
            mine = _read(path)
        except FileRefused as e:
            ctx.refused.append(Msg("bk_pref_yours_bad", where=f"config/{FILE}", error=reason_of(e)))
            return
        merged = dict(mine or {})
        changed = 0
        for key, value in parsed.items():
            if key not in merged:
                merged[key] = value
                changed += 1
            elif merged[key] != value:
                if ctx.mode == "force":
                    ctx.notes.append(Msg(
                        "bk_setting_replaced", name=section_name(self.name), key=shown(key, 60),
                        value=_show(value), mine=_show(merged[key]),
                    ))
                    merged[key] = value
                    changed += 1
                else:
                    ctx.notes.append(Msg(
                        "bk_setting_kept", name=section_name(self.name), key=shown(key, 60),
                        mine=_show(merged[key]), value=_show(value),
                    ))
        if not changed:
            return
        text = json.dumps(merged, ensure_ascii=False, indent=1).encode("utf-8")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_file(path, text, replace=mine is not None)
        except (FileRefused, OSError) as e:
            why = reason(e.strerror) if isinstance(e, OSError) and e.strerror else reason_of(e)
            ctx.refused.append(Msg("bk_pref_not_restored", where=f"config/{FILE}", error=why))
            return
        ctx.notes.append(Msg("bk_prefs_restored", name=section_name(self.name), n=changed))


PREFERENCES = Preferences()
