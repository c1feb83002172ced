"""What the backup package tells the user, sayable in English and Chinese.

A :class:`Msg` is a ``str`` holding the English text (so ``str(e)``, ``in`` and ``==`` see
exactly the English the package always wrote) that also carries its message-catalogue key
(``quizcnn.messages.backup``) and fields, so the command that prints it can say it in the
user's language with :func:`said`. A field may itself be a Msg (said in the same language);
anything else is data and is printed as it is (paths, keys, text from a file).

Notes, refusals, differences and error messages are made here rather than formatted in English
deep down; the commands choose the language at the point where they print.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = ["Joined", "Msg", "count", "said"]


def _say(key: str, lang: str, fields: Mapping[str, object]) -> str:
    from quizcnn.messages import t

    text = t(key, lang)  # as quizcnn.messages.t formats it (a field may be named "key" here)
    return text.format_map({k: said(v, lang) for k, v in fields.items()}) if fields else text


class Msg(str):
    """Catalogue message ``key`` with ``fields``; its value as a ``str`` is the English text."""

    key: str
    fields: dict[str, object]

    def __new__(cls, key: str, /, **fields: object) -> Msg:
        self = super().__new__(cls, _say(key, "en", fields))
        self.key = key
        self.fields = fields
        return self

    def in_lang(self, lang: str) -> str:
        """This message in ``lang`` (``zh`` or English)."""
        return _say(self.key, lang, self.fields)


def said(text: object, lang: str) -> str:
    """``text`` in ``lang`` when it is a Msg (also inside an exception's first argument);
    anything else as ``str(text)``."""
    if isinstance(text, Msg):
        return text.in_lang(lang)
    if isinstance(text, BaseException) and len(text.args) == 1 and isinstance(text.args[0], Msg):
        return text.args[0].in_lang(lang)
    return str(text)


def count(n: int, key: str) -> Msg:
    """``n`` things in words: the catalogue has ``key`` for many ("{n} cards") and
    ``key + "_1"`` for exactly one ("{n} card")."""
    return Msg(key + "_1" if n == 1 else key, n=n)


class Joined(Msg):
    """Items in a row, separated by the language's list separator (catalogue ``sep``:
    ``", "`` in English, ``"、"`` in Chinese)."""

    items: Sequence[object]

    def __new__(cls, items: Sequence[object], sep: str = "bk_sep") -> Joined:
        from quizcnn.messages import t

        self = str.__new__(cls, t(sep, "en").join(said(i, "en") for i in items))
        self.key, self.fields, self.items = sep, {}, list(items)
        return self

    def in_lang(self, lang: str) -> str:
        from quizcnn.messages import t

        return t(self.key, lang).join(said(i, lang) for i in self.items)


# Why quizcnn.fileio refused a path (FileRefused.reason, English from a module below the
# catalogue): each known form and the catalogue key that says it, its groups as fields.
_REASONS: tuple[tuple[str, str], ...] = (
    (r"(?P<what>.+), not a regular file; not read", "bk_r_not_regular_read"),
    (r"(?P<what>.+), not a regular file; only regular files are written, so it was left as "
     r"it is", "bk_r_not_regular_write"),
    (r"too large \((?P<size>.+); the limit is (?P<cap>.+)\)", "bk_r_too_large"),
    (r"too large \(over (?P<cap>.+)\)", "bk_r_too_large_over"),
    (r"not UTF-8 text \(bad byte at offset (?P<n>\d+)\)", "bk_r_not_utf8_at"),
    (r"not UTF-8 text", "bk_r_not_utf8"),
    (r"(?P<what>.+), not a regular file", "bk_r_not_regular"),
    (r"a folder; give a file name inside it", "bk_r_folder_target"),
    (r"no such folder; create it first", "bk_r_no_folder"),
    (r"not a folder", "bk_r_not_folder"),
    (r"already exists; it was left as it is \(use --force to replace it\)", "bk_r_exists"),
    (r"folder not writable", "bk_r_folder_not_writable"),
    (r"cannot write \((?P<why>.+)\)", "bk_r_cannot_write"),
    (r"no such file or directory", "bk_r_missing"),
    (r"permission denied", "bk_r_permission"),
    (r"is a directory", "bk_r_is_dir"),
    (r"not a directory", "bk_r_not_dir"),
    (r"read-only file system", "bk_r_read_only_fs"),
    (r"no space left on device", "bk_r_disk_full"),
)
_KINDS = {
    "a regular file": "bk_k_file",
    "a folder": "bk_k_folder",
    "a symbolic link": "bk_k_symlink",
    "a FIFO (named pipe)": "bk_k_fifo",
    "a socket": "bk_k_socket",
    "a device": "bk_k_device",
    "not a regular file": "bk_k_other",
}


def reason(text: str) -> str:
    """A refusal's reason from ``quizcnn.fileio`` (or an OS error's text) as a Msg when its
    form is known (the English unchanged), else the text itself."""
    import re

    if isinstance(text, Msg):
        return text
    for pattern, key in _REASONS:
        m = re.fullmatch(pattern, text, re.IGNORECASE)
        if m:
            fields: dict[str, object] = dict(m.groupdict())
            for name in ("why",):
                if name in fields:
                    fields[name] = reason(str(fields[name]))
            if "what" in fields:
                fields["what"] = thing(str(fields["what"]))
            return Msg(key, **fields)
    return text


def thing(what: str) -> str:
    """``quizcnn.fileio.kind``'s words ("a folder", "a FIFO (named pipe)") as a Msg."""
    key = _KINDS.get(what)
    return Msg(key) if key else what


def refused(e: BaseException) -> Msg:
    """A ``quizcnn.fileio.FileRefused`` ("PATH: reason") as a Msg; the path stays data."""
    return Msg("bk_path_reason", path=_path_shown(e), reason=reason(str(getattr(e, "reason", e))))


def _path_shown(e: BaseException) -> str:
    text = str(e)
    why = str(getattr(e, "reason", ""))
    return text[: -len(why) - 2] if why and text.endswith(": " + why) else text
