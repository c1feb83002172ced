"""Loading the bank: every source folder's decks read, merged into cards, claims verified,
cards whose own block has an error left out of study.

The parts live in their own modules: ``discover`` (which files), ``read`` (one file, cached),
``assemble`` (blocks -> cards) with ``translations``, and ``claims`` (verifying ``check:``).
"""

from __future__ import annotations

import bisect
import gc
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quizcnn.bank.assemble import assemble, path_of
from quizcnn.bank.claims import verify_claims
from quizcnn.bank.discover import discover
from quizcnn.bank.model import Block, Diagnostic, Question
from quizcnn.bank.read import read_file


@dataclass
class Bank:
    questions: list[Question] = field(default_factory=list)
    by_id: dict[str, Question] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    skipped_files: list[Path] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    # ids of questions left out of study because their own block has an error
    excluded: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    def filter(self, topic: str | None = None, tags: str | Sequence[str] | None = None,
               lang: str | None = None, type: str | None = None) -> list[Question]:
        if isinstance(tags, str):
            tags = [t.strip() for t in tags.split(",") if t.strip()]
        out: list[Question] = []
        for q in self.questions:
            if topic and q.topic != topic:
                continue
            if type and q.type != type:
                continue
            if lang and lang not in q.variants:
                continue
            if tags and not set(tags) & set(q.tags):
                continue
            out.append(q)
        return out


def _without_errors(questions: list[Question], entries: list[tuple[Block, str]],
                    diags: list[Diagnostic]) -> tuple[list[Question], list[str]]:
    """Leave out the cards whose own block (or a claim in it) has an error.

    A wrong answer key is worse than a missing card: such a card is not studied until
    'quizcnn bank check' is clean for it.
    """
    errors = [d for d in diags if d.severity == "error"]
    if not errors:
        return questions, []
    starts: dict[str, list[int]] = {}
    for b, _origin in entries:
        starts.setdefault(str(path_of(b.file)), []).append(b.line)
    for starts_in_file in starts.values():
        starts_in_file.sort()
    bad: set[tuple[str, int]] = set()
    for d in errors:
        found = starts.get(str(d.file))
        if not found:
            continue
        i = bisect.bisect_right(found, d.line) - 1
        if i >= 0:
            bad.add((str(d.file), found[i]))
    kept: list[Question] = []
    dropped: list[Question] = []
    for q in questions:
        blocks = {(str(q.file), q.line)} | {(str(v.file), v.line) for v in q.variants.values()}
        (dropped if blocks & bad else kept).append(q)
    return kept, [q.id for q in dropped]


def _shipped_dir() -> Path | None:
    try:
        from quizcnn.resources import questions_dir

        return questions_dir()
    except (FileNotFoundError, OSError):
        return None


def load_sources(sources: Sequence[tuple[Path, str]], *, cache: bool = True,
                 verify: bool = False, _refresh: bool = False) -> Bank:
    # Loading makes many small objects that all survive: the cyclic garbage collector would
    # rescan them again and again (a third of a warm load's time), so pause it meanwhile.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_sources(sources, cache=cache, verify=verify, refresh=_refresh)
    finally:
        if enabled:
            gc.enable()


def _load_sources(sources: Sequence[tuple[Path, str]], *, cache: bool, verify: bool,
                  refresh: bool) -> Bank:
    bank = Bank()
    entries: list[tuple[Block, str]] = []
    diags: list[Diagnostic] = []
    seen: set[Path] = set()
    for root, origin in sources:
        files, found = discover(Path(root))
        diags += found
        for f in files:
            key = f.absolute()
            if key in seen:
                continue
            seen.add(key)
            blocks, fd, skipped = read_file(f, use_cache=cache, refresh=refresh)
            diags += fd
            bank.files.append(key)
            if skipped:
                bank.skipped_files.append(key)
            entries += [(b, origin) for b in blocks]
    try:
        bank.questions = assemble(entries, diags)
        # The shipped bank's claims are verified by CI ('bank check'); the user's own
        # questions are few and may be new: verify theirs on every load.
        verify_claims(bank.questions if verify else
                      [q for q in bank.questions if q.origin != "shipped"], diags)
        bank.questions, bank.excluded = _without_errors(bank.questions, entries, diags)
        bank.by_id = {q.id: q for q in bank.questions}
        bank.diagnostics = sorted(diags, key=lambda d: (str(d.file), d.line))
    except Exception:
        if cache and not refresh:  # a cache entry with well-formed JSON but nonsense inside
            return _load_sources(sources, cache=cache, verify=verify, refresh=True)
        raise
    return bank


def load(paths: Sequence[Path] | None = None, *, user_bank: bool = True, extra: Sequence[Path] = (),
         cache: bool = True, verify_claims: bool = False) -> Bank:
    """Load banks; never raises for bad content (problems land in ``Bank.diagnostics``)."""
    sources: list[tuple[Path, str]] = []
    shipped = _shipped_dir()
    if paths is None:
        if shipped is not None:
            sources.append((shipped, "shipped"))
    else:
        for p in paths:
            p = Path(p)
            inside = shipped is not None and _is_under(p, shipped)
            sources.append((p, "shipped" if inside else "extra"))
    if user_bank:
        from quizcnn.paths import user_bank_dir

        ub = user_bank_dir()
        if ub.is_dir():
            sources.append((ub, "user"))
    sources += [(Path(p), "extra") for p in extra]
    return load_sources(sources, cache=cache, verify=verify_claims)


def _is_under(p: Path, root: Path) -> bool:
    try:
        return p.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return False


def default_bank(args_bank: list[str] | None = None, **kw: bool) -> Bank:
    """Shipped + user bank + ``--bank`` / ``QUIZCNN_BANK`` folders."""
    from quizcnn.paths import extra_bank_dirs

    return load(None, extra=extra_bank_dirs(args_bank), **kw)
