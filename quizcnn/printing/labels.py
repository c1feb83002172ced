"""The fixed words of a printed set (title, header, footer, key heading), from the catalogue.

Every word a set writes itself comes from ``quizcnn.messages`` (part ``printing``), in the
set's language. A bilingual set (``--lang both``) gives each fixed phrase in both languages,
English first and Chinese after " / ", the order its problems use (each problem is asked in
English with its Chinese translation under it), so a reader of either language finds every
label in theirs; each phrase stays whole in its own language (no word-by-word mixing), and
the header's line of facts (version, seed, date, count) is given once per language. Inside a
problem or an answer, each language's part uses its own words ("Answer: " / "答案：").
"""

from __future__ import annotations

from quizcnn.messages import t
from quizcnn.printing.model import PracticeSet

BETWEEN_LANGS = " / "
SEP = " · "


def say(key: str, langs: tuple[str, ...], **fmt: object) -> str:
    """``key`` in each of ``langs``, joined by " / "."""
    return BETWEEN_LANGS.join(t(key, lang, **fmt) for lang in langs)


def colon(lang: str) -> str:
    return t("print_colon", lang)


def answer(lang: str) -> str:
    """"Answer: " / "答案：", before an answer's first line."""
    return t("print_answer", lang) + colon(lang)


def key_points(lang: str) -> str:
    return t("print_key_points", lang)


def title(ps: PracticeSet) -> str:
    """The title given with ``--title``, else "CNN practice set" in the set's language(s)."""
    return ps.title or say("print_title", ps.langs)


def version(ps: PracticeSet) -> str:
    return say("print_version", ps.langs, version=ps.version)


def heading(ps: PracticeSet, key_only: bool) -> str:
    """The set's big title; a separate key's says it is the key."""
    return title(ps) + (SEP + say("print_key", ps.langs) if key_only else "")


def facts(ps: PracticeSet) -> list[str]:
    """Under the title, one line per language: version, seed, date, number of problems."""
    n = len(ps.items)
    return [SEP.join((t("print_version", lang, version=ps.version),
                      t("print_seed", lang, seed=ps.seed), ps.date,
                      t("print_count_one" if n == 1 else "print_count", lang, n=n)))
            for lang in ps.langs]


def name(ps: PracticeSet) -> str:
    """"Name: " before the line to write one's name on."""
    return say("print_name", ps.langs) + colon(ps.langs[-1])


def footer(ps: PracticeSet) -> str:
    """The PDF's footer (the page number follows it)."""
    return title(ps) + SEP + BETWEEN_LANGS.join(
        t("print_version", lang, version=ps.version) + SEP + t("print_seed", lang, seed=ps.seed)
        for lang in ps.langs)


def key_heading(ps: PracticeSet) -> str:
    """The answer key's heading: "Answer key · Version A"."""
    return BETWEEN_LANGS.join(
        t("print_key", lang) + SEP + t("print_version", lang, version=ps.version)
        for lang in ps.langs)


def html_title(ps: PracticeSet) -> str:
    """The HTML page's <title>: "CNN practice set (Version A)"."""
    return t("print_html_title", ps.langs[0], title=title(ps), version=version(ps))
