"""Key bindings, each with an id, and user overrides from ``<config dir>/keymap.toml``.

The file maps binding ids to keys (comma-separated for several)::

    [keys]
    "drill.hint" = "h,f1"
    "home.start" = "enter"

Bad entries (unknown id, a value that is not a string of keys) are reported, never fatal.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.binding import BindingType
    from textual.dom import DOMNode


@dataclass(frozen=True)
class Key:
    id: str
    keys: str
    action: str
    description: str
    show: bool = True
    priority: bool = False


APP = [
    Key("app.help", "question_mark", "app.show_help", "Help"),
    Key("app.quit", "ctrl+q", "app.quit", "Quit", show=False),
    # the command palette's key, named in the app's language (Textual adds its own English
    # "palette" binding only when the app has none for the palette); the footer shows it
    # on the right
    Key("app.palette", "ctrl+p", "app.command_palette", "Commands", show=False, priority=True),
]
HOME = [
    Key("home.start", "enter,s", "start", "Start"),
    # the filter keys are shown on Home's filter line, next to each filter
    Key("home.lang", "l", "cycle_lang", "Language", show=False),
    Key("home.topic", "t", "pick_topics", "Topics", show=False),
    Key("home.tags", "f", "pick_tags", "Tags", show=False),
    Key("home.browse", "b", "browse", "Browse"),
    Key("home.add", "a", "add", "Add"),
    Key("home.stats", "g", "stats", "Stats"),
    Key("home.interview", "i", "interview", "Interview"),
    # the interview-date panel names its key ("d: set one"): the footer keeps room at 80 columns
    Key("home.plan", "d", "plan", "Interview date", show=False),
    Key("home.why", "w", "why_skipped", "Why skipped", show=False),
    Key("home.quit", "q", "app.quit", "Quit"),
]
DRILL = [
    Key("drill.reveal", "space", "reveal", "Reveal"),
    Key("drill.next", "space", "next", "Next"),  # after an answer
    Key("drill.submit", "enter", "submit", "Submit/next", show=False),
    Key("drill.hint", "h", "hint", "Hint"),
    Key("drill.undo", "u", "undo", "Undo"),
    Key("drill.skip", "s", "skip", "Skip"),
    Key("drill.suspend", "x", "suspend", "Suspend"),
    Key("drill.edit", "e", "edit", "Edit"),
    Key("drill.lang", "l", "toggle_lang", "Lang"),
    Key("drill.solution", "w", "toggle_solution", "Solution", show=False),
    Key("drill.type", "i", "focus_input", "Type", show=False),
    Key("drill.blur", "escape", "blur_input", "Keys"),
    Key("drill.quit", "q", "end_session", "Quit"),
]
RATE = [Key(f"drill.rate{n}", str(n), f"number({n})", name, show=False)
        for n, name in ((1, "Again"), (2, "Hard"), (3, "Good"), (4, "Easy"))]
CHOICE = [Key(f"drill.choice{n}", str(n), f"number({n})", f"Option {n}", show=False)
          for n in range(5, 10)]
LIST = [
    Key("list.down", "j", "cursor_down", "Down", show=False),
    Key("list.up", "k", "cursor_up", "Up", show=False),
]
SCREEN = [Key("screen.back", "escape,q", "back", "Back")]
INTERVIEW = [
    Key("interview.skip", "ctrl+s", "skip", "Skip"),
    Key("interview.end", "escape", "end_round", "End round"),
    Key("interview.up", "pageup", "page_up", "Scroll up", show=False),
    Key("interview.down", "pagedown", "page_down", "Scroll down", show=False),
]

ALL = APP + HOME + DRILL + RATE + CHOICE + LIST + SCREEN + INTERVIEW
BY_ID = {k.id: k for k in ALL}
# Bindings active at the same time (the app's own plus one screen's): a key may do one thing
# in each. Reveal and Next share Space by design (one before the answer, one after).
SCOPES = (APP + HOME + LIST, APP + DRILL + RATE + CHOICE, APP + SCREEN + LIST, APP + INTERVIEW)
MAX_FILE = 64 * 1024
_KEY = re.compile(r"^[a-z0-9_+]+$")


def bindings(keys: list[Key]) -> list[BindingType]:
    from textual.binding import Binding

    return [Binding(k.keys, k.action, k.description, show=k.show, id=k.id, priority=k.priority)
            for k in keys]


def keymap_path() -> Path:
    from quizcnn.paths import config_dir

    return config_dir() / "keymap.toml"


def load_overrides(path: Path | None = None, lang: str = "en"
                   ) -> tuple[dict[str, str], list[str]]:
    """(binding id -> keys, problems, said in ``lang``) from the keymap file; a missing file is
    no problem."""
    from quizcnn.messages import t

    path = path or keymap_path()
    if not os.path.lexists(path):
        return {}, []
    import tomllib  # only when there is a file to read (start-up time)

    from quizcnn.fileio import FileRefused, read_text

    try:
        data = tomllib.loads(read_text(path, cap=MAX_FILE))
    except FileRefused as e:
        return {}, [t("keymap_cannot_read", lang, path=e.path, reason=e.reason)]
    except tomllib.TOMLDecodeError as e:
        return {}, [t("keymap_not_toml", lang, path=path, error=e)]
    table = data.get("keys", data)
    if not isinstance(table, dict):
        return {}, [t("keymap_not_table", lang, path=path)]
    out: dict[str, str] = {}
    problems: list[str] = []
    for kid, value in table.items():
        if kid not in BY_ID:
            problems.append(t("keymap_unknown_id", lang, path=path, id=kid))
            continue
        if not isinstance(value, str) or not value.strip():
            problems.append(t("keymap_not_string", lang, path=path, id=kid))
            continue
        keys = [k.strip().lower() for k in value.split(",") if k.strip()]
        bad = [k for k in keys if not _KEY.match(k)]
        if bad or not keys:
            problems.append(t("keymap_not_key", lang, path=path, id=kid,
                              bad=", ".join(bad) or repr(value)))
            continue
        out[kid] = ",".join(keys)
    return _without_conflicts(out, problems, path, lang)


def _without_conflicts(out: dict[str, str], problems: list[str], path: Path, lang: str = "en"
                       ) -> tuple[dict[str, str], list[str]]:
    """Drop each override that would give one key two actions on the same screen (naming both
    and the key); the binding keeps its default key. Repeated until nothing clashes."""
    def keys(kid: str, table: dict[str, str]) -> list[str]:
        return (table.get(kid) or BY_ID[kid].keys).split(",")

    while True:
        clash = None
        for scope in SCOPES:
            owner: dict[str, str] = {}
            for k in scope:
                for key in keys(k.id, out):
                    other = owner.setdefault(key, k.id)
                    if other == k.id or key in keys(other, {}) and key in keys(k.id, {}):
                        continue  # the same binding, or a pair that shares the key by default
                    clash = (other, k.id, key)
                    break
                if clash:
                    break
            if clash:
                break
        if clash is None:
            return out, problems
        first, second, key = clash
        # drop the override that moved a binding onto this key (not one that kept its default)
        moved = [kid for kid in (second, first) if kid in out and key not in keys(kid, {})]
        for kid in (moved or [kid for kid in (second, first) if kid in out])[:1]:
            del out[kid]
            from quizcnn.messages import t

            problems.append(t("keymap_clash", lang, path=path, first=first, second=second,
                              name=keys_for_key(key), kept=kid, default=keys_for(kid)))


def keys_for_key(key: str) -> str:
    return key.replace("question_mark", "?")


def keys_for(kid: str, overrides: dict[str, str] | None = None) -> str:
    """The keys bound to an id, as shown to the user."""
    keys = (overrides or {}).get(kid) or BY_ID[kid].keys
    return keys.replace("question_mark", "?")


def apply(node: DOMNode, overrides: dict[str, str] | None = None,
          lang: str | None = None) -> None:
    """Move ``node``'s bindings to the user's keys and describe them in the app's language
    (call right after ``__init__``); without ``overrides`` / ``lang``, the running app's
    ``key_overrides`` / ``ui_lang``.

    Done per node, on Textual's private ``node._bindings``, rather than with the public
    ``App.set_keymap``, which does not do the job here (Textual 8.2; both pinned by tests in
    tests/tui/test_textual_private.py, which fail when Textual changes):

    - it applies the keymap after dropping the bindings of keys a focused Input consumes
      (letters), so a remapped letter binding (``drill.hint``: h -> f1) would be lost while an
      answer is being typed;
    - remapping one of two bindings that share a key (``drill.reveal`` and ``drill.next`` on
      Space) removes the other from that key too.
    """
    if overrides is None or lang is None:
        from textual.types import NoActiveAppError

        try:
            app = node.app
        except NoActiveAppError:
            app = None
        if overrides is None:
            overrides = getattr(app, "key_overrides", None)
        if lang is None:
            lang = getattr(app, "ui_lang", None)
    if lang:
        relabel(node, lang)
    if not overrides:
        return
    table = node._bindings.key_to_bindings  # private: see above
    moved = []
    for key, blist in list(table.items()):
        keep = [b for b in blist if b.id not in overrides]
        moved += [b for b in blist if b.id in overrides]
        if keep:
            table[key] = keep
        else:
            del table[key]
    seen = set()
    for b in moved:
        if b.id is None or b.id in seen:
            continue
        seen.add(b.id)
        for key in overrides[b.id].split(","):
            table.setdefault(key, []).insert(0, b.with_key(key=key, key_display=None))


def describe(kid: str, lang: str, default: str = "") -> str:
    """What a binding does, in ``lang`` (the footer, the help screen)."""
    from quizcnn.messages import MESSAGES, t

    key = f"key_{kid}"
    if key in MESSAGES:
        return t(key, lang)
    return BY_ID[kid].description if kid in BY_ID else default


def relabel(node: DOMNode, lang: str) -> None:
    """Describe each of ``node``'s bindings in ``lang`` (the footer shows the descriptions);
    call ``refresh_bindings`` after a change of language."""
    from dataclasses import replace

    table = node._bindings.key_to_bindings
    for key, blist in table.items():
        table[key] = [replace(b, description=describe(b.id, lang, b.description)) if b.id else b
                      for b in blist]
