"""``quizcnn db check|backup|path|settings|optimize``: look after the progress database.

Everything it writes is in the command line's language (``backup_common.tr``; the store's
errors through ``backup.store_errors``); paths and values stay data.
"""

from __future__ import annotations

import argparse

from quizcnn.commands.backup_common import fail, tr


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "db",
        help="check or back up the progress database; study settings (new cards a day, ...)",
        description="check: integrity, foreign keys and schema, reported in words (read-only).\n"
        "backup: a consistent copy into backups/ next to the database (the last 3 are kept).\n"
        "path: where the database is.\n"
        "settings [NAME VALUE]: list the study settings, or change one:\n"
        "  quizcnn db settings new_per_day 30      new cards a day (default 20)\n"
        "  quizcnn db settings reviews_per_day 300 reviews a day (default 200)\n"
        "  quizcnn db settings desired_retention 0.85\n"
        "  quizcnn db settings rollover_hour 4     when the study day starts (local time)\n"
        "optimize [--reset]: fit FSRS's 21 memory parameters to your own reviews (needs at least\n"
        "  400 reviews on a later day than the card's previous one); shows how well the defaults\n"
        "  and the fit predict your most recent fifth of reviews, and schedules with the fit from\n"
        "  then on. --reset goes back to the default parameters.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("action", choices=["check", "backup", "path", "settings", "optimize"])
    p.add_argument("name", nargs="?", help="settings: the setting to change")
    p.add_argument("value", nargs="?", help="settings: its new value (JSON, e.g. 0.85 or [1,10])")
    p.add_argument("--reset", action="store_true",
                   help="optimize: go back to FSRS's default parameters")
    p.set_defaults(func=run)


def clean(text: object) -> str:
    from quizcnn.termtext import clean as _clean

    return _clean(text, one_line=True)


def run(args: argparse.Namespace) -> int:
    from quizcnn.paths import db_path

    path = db_path(args.db)
    if args.action == "path":
        print(clean(path))  # a path is data: no escape sequence reaches the terminal
        return 0
    if args.action == "backup":
        return _backup(path)
    if args.action == "settings":
        return _settings(args)
    if args.reset and args.action != "optimize":
        fail("db", tr("db_reset_alone"))
        return 2
    if args.action == "optimize":
        return _optimize(args)
    return _check(path)


def _backup(path) -> int:
    from quizcnn.store import StoreError
    from quizcnn.store.db import backup_file, probe

    try:
        if probe(path) in ("missing", "empty"):
            fail("db", tr("db_nothing_to_back_up", path=path))
            return 1
        dest = backup_file(path, "manual")
    except StoreError as e:
        fail("db", e)
        return 1
    print(clean(tr("db_backed_up", path=path, dest=dest)))
    return 0


def _check(path) -> int:
    """Read-only: never migrates or repairs."""
    import sqlite3

    from quizcnn.store import StoreError, readonly
    from quizcnn.store.db import probe
    from quizcnn.store.errors import translate
    from quizcnn.store.version import HEAD, REVISIONS

    try:
        rev = probe(path)
    except StoreError as e:
        fail("db", e)
        return 1
    if rev == "missing":
        print(clean(tr("db_no_db_yet", path=path)))
        return 0
    if rev == "empty":
        print(clean(tr("db_empty_db", path=path)))
        return 0
    problems: list[str] = []
    try:
        con = readonly.connect(path, 5.0, untouched=True)  # creates nothing next to it
    except sqlite3.DatabaseError as e:
        fail("db", translate(e, path, "read"))
        return 1
    try:
        rows = [r[0] for r in con.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            problems += rows
        for table, rowid, parent, _ in con.execute("PRAGMA foreign_key_check"):
            problems.append(tr("db_fk_problem", table=table, rowid=rowid, parent=parent))
        counts = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("cards", "reviews")
        }
        orphans = con.execute("SELECT count(*) FROM cards WHERE in_bank = 0").fetchone()[0]
    except sqlite3.DatabaseError as e:
        problems.append(str(e))
        counts, orphans = {}, 0
    finally:
        con.close()
    from quizcnn.backup.msg import count

    print(clean(tr("db_database", path=path)))
    if rev == HEAD:
        print(clean(tr("db_schema_current", rev=rev)))
    elif rev in REVISIONS:
        print(clean(tr("db_schema_older", rev=rev)))
    else:
        print(clean(tr("db_schema_newer", rev=rev)))
    if counts:
        print(tr("db_contents", cards=count(counts["cards"], "bk_n_card"),
                 reviews=count(counts["reviews"], "bk_n_review"),
                 orphans=count(orphans, "db_n_orphan")))
    if problems:
        print(tr("db_problems", n=len(problems)) if len(problems) > 1 else tr("db_problem"))
        for p in problems[:20]:
            print("  " + clean(p))
        print(tr("db_problems_what_now"))
        return 1
    print(tr("db_integrity_ok"))
    return 0


def _settings(args: argparse.Namespace) -> int:
    import json

    from quizcnn.store import StoreError, open_store
    from quizcnn.store.db import announce_if_created
    from quizcnn.store.settings import Settings, as_dict, validate

    if args.name is not None and args.value is None:
        fail("db", tr("db_settings_args"))
        return 2
    value = None
    if args.name is not None:
        try:
            value = json.loads(args.value)
        except json.JSONDecodeError:
            value = args.value
        try:  # before the database is opened: a typo creates nothing
            value = validate(args.name, value)
        except ValueError as e:
            fail("db", e)
            return 1
    if args.name is None:
        from quizcnn.paths import db_path
        from quizcnn.store.db import probe

        try:
            missing = probe(db_path(args.db)) == "missing"
        except StoreError as e:
            fail("db", e)
            return 1
        if missing:  # listing creates nothing: the defaults are what a new database gets
            fail("db", tr("db_settings_defaults", path=db_path(args.db)))
            for name, default in as_dict(Settings()).items():
                print(f"{name} = {json.dumps(default)}")
            return 0
    try:
        with open_store(args.db, read_only=args.name is None) as store:
            announce_if_created(store, args.db)
            if args.name is not None:
                store.set_setting(args.name, value)
            current = as_dict(store.settings())
    except (StoreError, ValueError) as e:
        fail("db", e)
        return 1
    defaults = as_dict(Settings())
    for name, value in current.items():
        mark = "" if value == defaults[name] else tr("db_setting_default",
                                                     value=json.dumps(defaults[name]))
        print(f"{name} = {json.dumps(value)}{mark}")
    return 0


def _optimize(args: argparse.Namespace) -> int:
    from quizcnn.store import StoreError, open_store
    from quizcnn.store.db import probe

    try:
        if probe(db_path_of(args)) in ("missing", "empty"):
            if args.reset:
                print(tr("db_fsrs_already_default"))
                return 0
            fail("db", tr("db_nothing_to_fit", path=db_path_of(args)))
            return 1
        with open_store(args.db) as store:
            return _reset(store) if args.reset else _fit(store)
    except StoreError as e:
        fail("db", e)
        return 1


def db_path_of(args: argparse.Namespace):
    from quizcnn.paths import db_path

    return db_path(args.db)


def _reset(store) -> int:
    from quizcnn.store import params

    if params.reset(store):
        print(tr("db_fsrs_reset"))
    else:
        print(tr("db_fsrs_already_default"))
    return 0


def _fit(store) -> int:
    from quizcnn.store import optimize, params

    try:
        report = optimize.optimize(store)
    except optimize.NotEnoughHistory as e:
        fail("db", e)
        return 1
    fit, d, f = report.fit, report.default, report.fitted
    print(tr("db_fit_on", n=fit.reviews))
    print(tr("db_fit_predicting", held_out=fit.held_out, train=report.train))
    print(tr("db_fit_log_loss", default=f"{d.log_loss:.4f}", fitted=f"{f.log_loss:.4f}"))
    print(tr("db_fit_rmse", default=f"{d.rmse:.4f}", fitted=f"{f.rmse:.4f}"))
    if not report.better:
        print(tr("db_fit_kept_defaults"))
        return 0
    params.save(store, fit)
    print(tr("db_fit_stored"))
    print(tr("db_fit_parameters", values=", ".join(f"{v:g}" for v in fit.parameters)))
    return 0
