"""``quizcnn export --anki FILE.apkg``: the bank as an Anki deck (see ``printing.anki``)."""

from __future__ import annotations

import argparse
from pathlib import Path

STATE_FILE = "anki-export.json"


def add_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("Anki (with --anki)")
    g.add_argument("--anki", metavar="FILE.apkg",
                   help="write the question bank as an Anki package instead of a backup")
    g.add_argument("--lang", choices=("en", "zh", "both"), default="both",
                   help="languages on the notes (default both: Chinese below English)")
    g.add_argument("--topic", action="append", metavar="T",
                   help="only these topics (repeatable; default all)")
    g.add_argument("--problems", type=int, default=0, metavar="N",
                   help="add N fixed instances of every problem template at every level")


def run(args: argparse.Namespace) -> int:
    from quizcnn.backup.msg import Joined, Msg, count
    from quizcnn.commands.backup_common import clean, lang, said, tr
    from quizcnn.commands.backup_common import fail as _fail
    from quizcnn.fileio import FileRefused, check_target, write_atomic
    from quizcnn.paths import data_dir
    from quizcnn.printing import anki, apkg

    speak = lang()

    def fail(msg: object) -> int:
        _fail("export", msg, speak)
        return 2

    target = Path(args.anki)
    if target.suffix.lower() != ".apkg":
        return fail(Msg("anki_not_apkg", target=target))
    if args.problems < 0 or args.problems > 100:
        return fail(Msg("anki_bad_problems", n=args.problems))
    try:
        check_target(target, force=args.force)
    except FileRefused as e:
        return fail(e)

    from quizcnn.bank import default_bank

    bank = default_bank(args.bank)
    questions = [q for q in bank.questions if q.id not in set(bank.excluded)]
    if args.topic:
        known = sorted({q.topic for q in questions})
        unknown = [t for t in args.topic if t not in known]
        if unknown:
            return fail(Msg("anki_no_topic", names=Joined(unknown), known=Joined(known)))
        questions = [q for q in questions if q.topic in args.topic]
    langs = ("en", "zh") if args.lang == "both" else (args.lang,)
    notes = anki.card_notes(questions, langs)
    if args.problems:
        notes += anki.problem_notes(args.problems)
    if not notes:
        return fail(Msg("anki_no_card"))

    state_path = data_dir() / STATE_FILE
    state = anki.ExportState(state_path if state_path.exists() else None)
    mods = [state.mod_time(n, anki.source_time(n, apkg.ID_START_MS // 1000)) for n in notes]
    data = apkg.build_apkg(notes, mods)
    try:
        write_atomic(target, data, force=args.force)
    except FileRefused as e:
        return fail(e)
    try:
        state_path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(state_path, state.dumps())
    except (FileRefused, OSError) as e:
        _fail("export", Msg("anki_not_recorded", error=said(e, speak)), speak)
    counts: dict[str, int] = {}
    for n in notes:
        counts[n.note_type] = counts.get(n.note_type, 0) + 1
    from quizcnn.messages import MESSAGES

    kinds = Joined([Msg("export_count", name=Msg(f"qtype_{k}") if f"qtype_{k}" in MESSAGES else k,
                        n=v) for k, v in sorted(counts.items())])
    decks = len({n.deck for n in notes})
    print(clean(tr("anki_wrote", speak, notes=count(len(notes), "anki_n_note"), kinds=kinds,
                   decks=count(decks, "anki_n_deck"), target=target)))
    return 0
