"""Finding deck files, reading them (through the cache) and merging blocks into cards."""

from __future__ import annotations

import bisect
import gc
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

from quizcnn.bank import cache as _cache
from quizcnn.bank.lint import allowed
from quizcnn.bank.model import (
    ROW_FIELDS,
    Block,
    Choice,
    Claim,
    Diagnostic,
    NumericAnswer,
    Question,
    Variant,
)
from quizcnn.bank.parse import MAX_FILE_BYTES, PARSER_VERSION, decode, parse_text
from quizcnn.bank.validate import did_you_mean, validate_block

ROW_FIELDS_LIST = list(ROW_FIELDS)

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

    def filter(self, topic=None, tags=None, lang=None, type=None) -> list[Question]:
        if isinstance(tags, str):
            tags = [t.strip() for t in tags.split(",") if t.strip()]
        out = []
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


def template_ids() -> tuple[str, ...]:
    """The problem template ids a ``generated`` question may name."""
    from quizcnn.problems.registry import TEMPLATE_IDS

    return TEMPLATE_IDS


# ---------------------------------------------------------------- files

@lru_cache(maxsize=1)
def code_stamp() -> str:
    """A digest of the code that builds cached blocks: editing it invalidates the cache."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha1()
    for name in ("parse.py", "validate.py", "model.py", "cloze.py", "numbers.py", "claims.py"):
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    try:
        digest.update((here.parent / "mathtext.py").read_bytes())
    except OSError:
        pass
    return digest.hexdigest()[:16]


def discover(root: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Deck files under root: ``*.md`` except README.md (documentation), no hidden folders,
    no symlink leading outside root. A file given directly is always read."""
    if root.is_file():
        return [root], []
    if not root.is_dir():
        return [], [Diagnostic(root, 0, "warning", "bank folder not found", "check the path")]
    base = root.resolve()
    files: list[Path] = []
    diags: list[Diagnostic] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        for name in sorted(filenames):
            if not name.lower().endswith(".md") or name.lower() == "readme.md" or name.startswith("."):
                continue
            path = Path(dirpath) / name
            if path.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    diags.append(Diagnostic(path, 0, "warning", "broken symbolic link", "remove it"))
                    continue
                if not target.is_relative_to(base):
                    diags.append(Diagnostic(path, 0, "warning", "symbolic link leads outside the bank folder; skipped",
                                            "copy the file into the folder instead"))
                    continue
            files.append(path)
    return files, diags


def read_file(path: Path, use_cache: bool = True, refresh: bool = False
              ) -> tuple[list[Block], list[Diagnostic], bool]:
    """(blocks, diagnostics, skipped) for one deck; never raises. ``refresh``: ignore the
    cached entry (and replace it)."""
    try:
        path = path.absolute()
        st = path.stat()
    except OSError as e:
        return [], [Diagnostic(path, 0, "error", f"cannot read: {e.strerror or e}", "check the path")], True
    key = [PARSER_VERSION, code_stamp(), str(path), st.st_mtime_ns, st.st_size]
    if use_cache and not refresh:
        hit = _cache.get(path, key)
        if hit is not None:
            try:
                if hit["fields"] == ROW_FIELDS_LIST:
                    name = str(path)
                    return ([Block.from_row(name, row) for row in hit["blocks"]],
                            [Diagnostic.from_dict(d) for d in hit["diags"]], bool(hit["skipped"]))
            except (KeyError, TypeError, ValueError):
                pass
    blocks, diags, skipped = _read_uncached(path, st.st_size)
    if use_cache:
        _cache.put(path, key, {"fields": ROW_FIELDS_LIST, "blocks": [b.to_row() for b in blocks],
                               "diags": [d.to_dict() for d in diags], "skipped": skipped})
    return blocks, diags, skipped


def _read_uncached(path: Path, size: int) -> tuple[list[Block], list[Diagnostic], bool]:
    if size > MAX_FILE_BYTES:
        return [], [Diagnostic(path, 1, "error", f"file is too large ({size / 2**20:.1f} MB; the limit is "
                               f"{MAX_FILE_BYTES // 2**20} MB)", "split the deck into several files")], True
    try:
        data = path.read_bytes()
    except OSError as e:
        return [], [Diagnostic(path, 0, "error", f"cannot read: {e.strerror or e}", "check permissions")], True
    text, problem = decode(data, path)
    if problem is not None:
        return [], [problem], True
    try:
        blocks, diags = parse_text(text, path)
        for b in blocks:
            validate_block(b, diags)
    except RecursionError:
        return [], [Diagnostic(path, 1, "error", "the file is nested too deeply to read",
                               "simplify deeply nested lists or quotes")], True
    except Exception as e:  # last line of defence: one odd file never stops the rest
        return [], [Diagnostic(path, 1, "error", f"could not read this file ({type(e).__name__}: {e})"[:200],
                               "please report this as a bug in quizcnn")], True
    return blocks, diags, False


# ---------------------------------------------------------------- cards

@lru_cache(maxsize=4096)
def _path(name: str) -> Path:
    return Path(name)


def _variant(b: Block) -> Variant:
    return Variant(lang=b.lang, title=b.title, prompt=b.prompt, answer=b.answer,
                   explanation=b.explanation, hints=tuple(b.hints),
                   choices=tuple(Choice(t, bool(c)) for t, c in b.choices), gaps=tuple(b.gaps),
                   file=_path(b.file), line=b.line, key_points=tuple(b.key_points),
                   lint_allow=allowed(b.meta["lint"]) if "lint" in b.meta else ())


def _numeric(b: Block) -> NumericAnswer | None:
    if not b.numeric:
        return None
    num, den, tolerance, relative, unit, text = b.numeric
    return NumericAnswer(value=Fraction(num, den), tolerance=tolerance, relative=relative,
                         unit=unit, text=text)


def _card(b: Block, origin: str, translations: dict[str, Block]) -> Question:
    variants = {b.lang: _variant(b)}
    for lang, tb in translations.items():
        variants[lang] = _variant(tb)
    claims = [Claim(t, _path(b.file), line) for t, line in b.checks]
    for tb in translations.values():
        claims += [Claim(t, _path(tb.file), line) for t, line in tb.checks]
    meta = b.meta
    return Question(
        id=b.id, type=b.type, topic=meta.get("topic", "").strip() or "general", tags=tuple(b.tags),
        difficulty=b.difficulty, source=meta.get("source", "").strip() or None,
        file=_path(b.file), line=b.line, origin=origin,
        template=meta.get("template", "").strip() or None if b.type == "generated" else None,
        numeric=_numeric(b) if b.type == "numeric" else None, checks=tuple(claims),
        variants=variants, lang=b.lang,
    )


def _where(b: Block) -> str:
    return f"{b.file}:{b.line}"


def _translation_problems(tb: Block, target: Block) -> list[tuple[int, str, str]]:
    from quizcnn.bank.numbers import parse_number

    out = []
    if tb.lang == target.lang:
        out.append((tb.mline("lang"), f"a translation in the same language ({tb.lang}) as '{target.id}'",
                    "set 'lang:' to the other language"))
    if tb.type and target.type and tb.type != target.type:
        out.append((tb.mline("type"), f"type '{tb.type}' differs from '{target.id}' ({target.type})",
                    "a translation has the same type as its question"))
    if target.type == "numeric" and "answer" in tb.meta:
        a, b = parse_number(tb.meta["answer"]), parse_number(target.meta.get("answer", ""))
        if a is not None and b is not None and a != b:
            out.append((tb.mline("answer"), f"answer {tb.meta['answer']} differs from '{target.id}' ({target.meta.get('answer')})",
                        "a translation has the same answer; or drop 'answer:' here"))
    if target.type == "choice":
        mine = [bool(c) for _t, c in tb.choices]
        theirs = [bool(c) for _t, c in target.choices]
        if mine != theirs:
            out.append((tb.section_lines.get("choices", tb.line),
                        f"the options ({len(mine)}, correct {_marks(mine)}) differ from '{target.id}' "
                        f"({len(theirs)}, correct {_marks(theirs)})",
                        "translate the options in the same order with the same [x] marks"))
    return out


def _marks(flags: list[bool]) -> str:
    return ",".join(str(i + 1) for i, f in enumerate(flags) if f) or "none"


def assemble(entries: list[tuple[Block, str]], diags: list[Diagnostic]) -> list[Question]:
    cards: dict[str, tuple[Block, str]] = {}
    overridden: set[str] = set()
    pending: list[tuple[Block, str]] = []
    for b, origin in entries:
        if b.meta.get("translation_of", "").strip():
            pending.append((b, origin))
            continue
        if not b.has_id and b.id in cards:
            n = 2
            while f"{b.id}-{n}" in cards:
                n += 1
            b.id = f"{b.id}-{n}"
        prev = cards.get(b.id)
        if prev is None:
            cards[b.id] = (b, origin)
        elif prev[1] == "shipped" and origin != "shipped" and b.id not in overridden:
            diags.append(Diagnostic(Path(b.file), b.mline("id"), "info",
                                    f"'{b.id}' overrides the shipped question at {_where(prev[0])}",
                                    "this is how you adapt a shipped question"))
            cards[b.id] = (b, origin)
            overridden.add(b.id)
        else:
            diags.append(Diagnostic(Path(b.file), b.mline("id"), "error",
                                    f"duplicate id '{b.id}': also at {_where(prev[0])}",
                                    "give one of them another id"))
    trans: dict[tuple[str, str], tuple[Block, str]] = {}
    for tb, origin in pending:
        tid = tb.meta["translation_of"].strip()
        target = cards.get(tid)
        if target is None:
            diags.append(Diagnostic(Path(tb.file), tb.mline("translation_of"), "error",
                                    f"translation_of '{tid}' matches no question",
                                    did_you_mean(tid, cards) or "use the id of the question it translates"))
            continue
        stale = tid in overridden and origin == "shipped" and target[1] != "shipped"
        problems = _translation_problems(tb, target[0])
        if problems:
            for line, msg, hint in problems:
                if stale:
                    diags.append(Diagnostic(Path(tb.file), line, "info",
                                            f"shipped translation not used with your version of '{tid}': {msg}", hint))
                else:
                    diags.append(Diagnostic(Path(tb.file), line, "error", msg, hint))
            continue
        key = (tid, tb.lang)
        if key in trans:
            other, other_origin = trans[key]
            if other_origin == "shipped" and origin != "shipped":
                trans[key] = (tb, origin)
                continue
            diags.append(Diagnostic(Path(tb.file), tb.line, "error",
                                    f"a second '{tb.lang}' translation of '{tid}': the first is at {_where(other)}",
                                    "keep one of them"))
            continue
        trans[key] = (tb, origin)
    by_target: dict[str, dict[str, Block]] = {}
    for (tid, lang), (tb, _o) in trans.items():
        by_target.setdefault(tid, {})[lang] = tb
    known_templates = template_ids()
    questions = []
    for qid, (b, origin) in cards.items():
        if b.type == "generated":
            tmpl = b.meta.get("template", "").strip()
            if tmpl and tmpl not in known_templates:
                diags.append(Diagnostic(Path(b.file), b.mline("template"), "error",
                                        f"unknown problem template '{tmpl}'",
                                        did_you_mean(tmpl, known_templates) or "see 'quizcnn generate --list'"))
        if b.type not in ("basic", "cloze", "choice", "numeric", "generated"):
            continue  # already reported; a card of unknown type cannot be studied
        if b.type == "numeric" and _numeric(b) is None:
            continue
        questions.append(_card(b, origin, by_target.get(qid, {})))
    return questions


def verify_claims(questions: list[Question], diags: list[Diagnostic]) -> None:
    from quizcnn.bank import claims

    all_claims = [c for q in questions for c in q.checks]
    if not all_claims:
        return
    for c in all_claims:
        try:
            claims.parse_claim(c.text)
        except claims.ClaimSyntaxError:
            continue  # the validator already reported the claim's syntax at this line
        ok, detail = claims.verify(c.text)
        if ok is None:
            hint = ("fix the layers or the input shape" if detail.startswith("the core")
                    else "format: LAYERS @ CxHxW: QUANTITY = VALUE")
            diags.append(Diagnostic(c.file, c.line, "error", f"check: {detail}", hint))
        elif not ok:
            parsed = claims.parse_claim(c.text)
            diags.append(Diagnostic(c.file, c.line, "error",
                                    f"check: claim is false: {parsed.quantity} is {detail}, not {parsed.value}",
                                    "fix the number in the claim and in the text"))


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
        starts.setdefault(str(_path(b.file)), []).append(b.line)
    for lines in starts.values():
        lines.sort()
    bad: set[tuple[str, int]] = set()
    for d in errors:
        lines = starts.get(str(d.file))
        if not lines:
            continue
        i = bisect.bisect_right(lines, d.line) - 1
        if i >= 0:
            bad.add((str(d.file), lines[i]))
    kept, dropped = [], []
    for q in questions:
        blocks = {(str(q.file), q.line)} | {(str(v.file), v.line) for v in q.variants.values()}
        (dropped if blocks & bad else kept).append(q)
    return kept, [q.id for q in dropped]


# ---------------------------------------------------------------- entry points

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


def default_bank(args_bank: list[str] | None = None, **kw) -> Bank:
    """Shipped + user bank + ``--bank`` / ``QUIZCNN_BANK`` folders."""
    from quizcnn.paths import extra_bank_dirs

    return load(None, extra=extra_bank_dirs(args_bank), **kw)
