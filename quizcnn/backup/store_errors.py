"""Errors from below the backup package and the commands, sayable in the user's language.

``quizcnn.store`` and ``quizcnn.fileio`` raise one-line English messages (``StoreError``,
``ValueError`` from a setting's check, ``NotEnoughHistory``, ``FileRefused``) and know nothing
of languages. :func:`store_message` turns such a message into a ``quizcnn.backup.msg.Msg``
when its form is one of those listed here (each form's words are in the catalogue,
``quizcnn/messages/backup.py``, keys ``st_*``), the English unchanged; :func:`localized` is
what a command calls to print any of them in its language (an unknown form stays English).
Paths and values inside a message stay data: they are copied, never translated.
"""

from __future__ import annotations

import re
from functools import cache

# (the English form as a regular expression, its catalogue key); named groups are the fields,
# the first form that matches the whole message wins
_FORMS: tuple[tuple[str, str], ...] = (
    (r"database busy: (?P<path>.+) is in use by another program \(waited (?P<s>[\d.]+) s\); "
     r"try again", "st_busy"),
    (r"disk full: could not write to (?P<path>.+); the last change was not saved", "st_disk_full"),
    (r"(?P<path>.+) is damaged \((?P<why>.*)\); it was left untouched\. Restore a copy from its "
     r"backups/ folder or run 'quizcnn db check'", "st_damaged"),
    (r"cannot (?P<doing>read|write|open) (?P<path>.+): the file or its folder is read-only",
     "st_read_only"),
    (r"cannot open (?P<path>.+): the folder is missing or not writable", "st_cannot_open"),
    (r"(?P<path>.+) is a broken symbolic link; pass --db FILE", "st_broken_link"),
    (r"(?P<path>.+) is a folder, not a progress database; pass --db FILE", "st_folder"),
    (r"(?P<path>.+) is (?P<what>a [^,]+), not a progress database; it was left untouched "
     r"\(pass --db FILE\)", "st_not_regular"),
    (r"(?P<path>.+) is not an SQLite database; it was left untouched \(move it away or choose "
     r"another file with --db\)", "st_not_sqlite"),
    (r"(?P<path>.+) is an SQLite database but not a quizcnn one; it was left untouched",
     "st_not_quizcnn"),
    (r"could not back up (?P<path>.+) to (?P<folder>.+) \((?P<why>.*)\); the database was not "
     r"changed", "st_backup_failed"),
    (r"(?P<path>.+) was written by a newer quizcnn \(schema (?P<rev>.+); this one knows up to "
     r"(?P<head>.+)\); it was left untouched: upgrade quizcnn to use it", "st_newer"),
    (r"(?P<path>.+): no progress database; nothing was read or created \(check --db or "
     r"QUIZCNN_DB; a new database is made when you first study\)", "st_none_read"),
    (r"(?P<path>.+): an empty file; nothing was read or created \(check --db or "
     r"QUIZCNN_DB; a new database is made when you first study\)", "st_empty_read"),
    (r"(?P<path>.+) needs an upgrade \(schema (?P<rev>.+) to (?P<head>.+)\) and its folder is "
     r"not writable; open it once where it can be written", "st_needs_upgrade"),
    (r"cannot create the folder for (?P<path>.+): (?P<why>.+)", "st_cannot_mkdir"),
    (r"cannot (?P<doing>read|write|open) (?P<path>.+?): (?P<why>.+)", "st_cannot"),
    # a study setting refused (quizcnn.store.settings.validate)
    (r"unknown setting '(?P<name>.+)' \(known: (?P<known>.+)\)", "st_unknown_setting"),
    (r"bad value for setting '(?P<name>.+)': (?P<value>.*) \(expected (?P<wanted>.+)\)",
     "st_bad_setting"),
    # db optimize (quizcnn.store.optimize.NotEnoughHistory)
    (r"(?P<n>\d+) reviews on a later day than the card's previous review; db optimize needs at "
     r"least (?P<least>\d+) \(.+\)", "st_few_reviews"),
    (r"the FSRS optimizer could not fit this history: (?P<why>.+)", "st_fit_failed"),
    # FSRS parameters refused (quizcnn.store.params.check)
    (r"FSRS parameters must be a list of (?P<n>\d+) numbers", "st_params_list"),
    (r"FSRS parameter (?P<i>\d+) is not a finite number: (?P<v>.*)", "st_param_not_finite"),
    (r"FSRS parameter (?P<i>\d+) = (?P<v>.*) is outside py-fsrs's range \[(?P<lo>.*), "
     r"(?P<hi>.*)\]", "st_param_range"),
    # a row of a backup refused (quizcnn.store.export)
    (r"(?P<where>.+): (?P<table>\w+)\[(?P<i>\d+)\] has the same bank id '(?P<id>.*)' as "
     r"(?P=table)\[(?P<j>\d+)\]; an export has each only once, .+", "st_repeat_bank_id"),
    (r"(?P<where>.+): (?P<table>\w+)\[(?P<i>\d+)\] has the same id (?P<id>.*) as "
     r"(?P=table)\[(?P<j>\d+)\]; an export has each only once, .+", "st_repeat_id"),
    (r"(?P<where>.+): expected an object", "st_expected_object"),
    (r"(?P<where>.+): missing field '(?P<name>.+)'", "st_missing_field"),
    (r"(?P<where>.+): '(?P<name>\w+)' is not a date-time: (?P<value>.*)", "st_not_datetime"),
    (r"(?P<where>.+): bad value for '(?P<name>\w+)': (?P<value>.*)", "st_bad_field"),
)
# what a setting's value must be (quizcnn.store.settings._WANTED), said in Chinese
_WANTED_KEYS = {
    "a number from 0.7 to 0.99": "st_w_retention",
    "a list of minutes, each 1 to 1440, e.g. [1, 10]": "st_w_learning_steps",
    "a list of minutes, each 1 to 1440, e.g. [10]": "st_w_relearning_steps",
    "a whole number of days from 1 to 36500": "st_w_max_interval",
    "true or false": "st_w_bool",
    "a whole number from 0 to 9999": "st_w_new_per_day",
    "a whole number from 0 to 99999": "st_w_reviews_per_day",
    "a whole hour from 0 to 23": "st_w_rollover",
    "a whole number from 1 to 999": "st_w_leech",
    "a whole number of minutes from 0 to 1440": "st_w_learn_ahead",
}
_DOING = {"read": "st_doing_read", "write": "st_doing_write", "open": "st_doing_open"}


@cache
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(p, re.DOTALL), key) for p, key in _FORMS)


def localized(error: object, lang: str) -> str:
    """``error`` (a message or an exception) as one text in ``lang``."""
    from quizcnn.backup.msg import Msg, refused, said
    from quizcnn.fileio import FileRefused

    if isinstance(error, FileRefused):
        return refused(error).in_lang(lang)
    text = said(error, lang)
    if lang != "zh" or isinstance(error, Msg) or (
            isinstance(error, BaseException) and error.args and isinstance(error.args[0], Msg)):
        return text
    found = store_message(text)
    return found.in_lang(lang) if isinstance(found, Msg) else text


def store_message(text: str) -> object:
    """The store's English message ``text`` as a ``Msg`` when its form is known (else the text)."""
    from quizcnn.backup.msg import Msg, reason, thing

    for pattern, key in _compiled():
        m = pattern.fullmatch(text)
        if not m:
            continue
        fields: dict[str, object] = dict(m.groupdict())
        if "why" in fields:
            fields["why"] = reason(str(fields["why"]))
        if "what" in fields:
            fields["what"] = thing(str(fields["what"]))
        if "doing" in fields:
            fields["doing"] = Msg(_DOING[str(fields["doing"])])
        if key == "st_bad_setting" and fields["wanted"] in _WANTED_KEYS:
            fields["wanted"] = Msg(_WANTED_KEYS[str(fields["wanted"])])
        return Msg(key, **fields)
    return text
