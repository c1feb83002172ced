"""A mock interview's report to keep: self-contained HTML, Markdown, or PDF through Typst.

Text from the bank (titles, key points) and from the database is data in every format: it is
first made plain text (math as Unicode, as in the terminal), then escaped for the format:
HTML through MarkupSafe (``Markup.format`` escapes every argument, so markup can only come
from the literals here), Markdown with ``md.esc`` and ``md.line_starts``, Typst as string
literals (``typst_string``). The labels are in the round's language.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from quizcnn import messages
from quizcnn.interview.report import Report
from quizcnn.interview.summary import ended, kind_name, local_date, mmss, pct, trend
from quizcnn.termtext import show_math


class PrintError(Exception):
    """The report cannot be rendered (e.g. no CJK font for a PDF in Chinese); one line."""


def plain(text: object) -> str:
    """Bank Markdown as one line of plain text (math as Unicode, no control characters)."""
    return " ".join(show_math(text).split())


def _rows(report: Report, lang: str) -> dict[str, Any]:
    def t(key: str, **kw: object) -> str:
        return messages.t(key, lang, **kw)

    r = report.round
    return {
        "title": t("iv_report_title"),
        "head": t("iv_report_head", date=local_date(r.started_at), minutes=r.minutes,
                  level=r.level, language=t(f"iv_lang_{r.lang}") if r.lang in ("en", "zh")
                  else plain(r.lang), how=ended(r.ended_by, lang)),
        "overall": t("iv_overall", score=pct(report.score), n=len(report.questions)),
        "topics": [(plain(k), pct(v)) for k, v in report.topics.items()],
        "skills": [(t(f"iv_skill_{k}") if f"iv_skill_{k}" in messages.MESSAGES else plain(k),
                    pct(v)) for k, v in report.skills.items()],
        "questions": [
            (str(q.position), kind_name(q.kind, lang) if f"iv_kind_{q.kind}" in messages.MESSAGES
             else plain(q.kind), plain(q.topic), plain(q.title),
             pct(q.score) + ("" if q.outcome == "answered" or
                             f"iv_outcome_{q.outcome}" not in messages.MESSAGES
                             else f" ({t(f'iv_outcome_{q.outcome}')})"),
             f"{mmss(q.seconds)} / {mmss(q.budget_seconds)}", q.seconds > q.budget_seconds)
            for q in report.questions],
        "missed": [(f"{q.position}. {plain(q.title)}", [plain(m) for m in q.missed])
                   for q in report.questions if q.missed],
        "trend": plain(trend(report, lang)),
        "previous": [pct(s) for _t, s in report.previous],
        "labels": {k: t(f"iv_{k}") for k in ("by_topic", "by_skill", "questions", "missed",
                                             "missed_none", "trend", "comes_back",
                                             "no_questions", "col_n", "col_kind", "col_topic",
                                             "col_question", "col_score", "col_time")},
        "seed": r.seed,
        "lang": r.lang,
        "date": r.started_at.date().isoformat(),
    }


def render(report: Report, fmt: str) -> bytes:
    """``fmt``: html, md or pdf."""
    lang = report.round.lang if report.round.lang in ("en", "zh") else "en"
    rows = _rows(report, lang)
    if fmt == "html":
        return html(rows).encode("utf-8")
    if fmt == "md":
        return markdown(rows).encode("utf-8")
    if fmt == "pdf":
        return pdf(rows)
    raise ValueError(f"unknown report format {fmt!r}")


# -- HTML ---------------------------------------------------------------------------------
CSS = """
body { font: 16px/1.5 "Noto Serif", "Noto Serif CJK SC", Georgia, serif; color: #1d232b;
       max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; border-bottom: 1px solid #d5dae0; padding-bottom: .2rem; }
.meta { color: #5b6570; margin: 0 0 1rem; font-size: .9rem; }
.overall { font-size: 1.3rem; font-weight: bold; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid #d5dae0; padding: .2rem .5rem; text-align: left; vertical-align: top; }
td.num { text-align: right; white-space: nowrap; }
tr.over td.time { color: #a33; }
ul { margin: .2rem 0 .6rem; padding-left: 1.4rem; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; } }
"""


def _table(head: list[str], rows: list[list[Any]], classes: list[str] | None = None,
           row_classes: list[str] | None = None) -> Markup:
    cells = Markup("").join(Markup("<th>{}</th>").format(h) for h in head)
    out = [Markup("<table><tr>{}</tr>").format(cells)]
    for i, row in enumerate(rows):
        tds = Markup("").join(
            Markup('<td class="{}">{}</td>').format((classes or [""] * len(row))[j], c)
            for j, c in enumerate(row))
        cls = (row_classes or [""] * len(rows))[i]
        out.append(Markup('<tr class="{}">{}</tr>').format(cls, tds))
    out.append(Markup("</table>"))
    return Markup("\n").join(out)


def html(rows: dict[str, Any]) -> str:
    lb = rows["labels"]
    body: list[Markup] = [
        Markup("<h1>{}</h1>").format(rows["title"]),
        Markup('<p class="meta">{}</p>').format(rows["head"]),
    ]
    if not rows["questions"]:
        body.append(Markup("<p>{}</p>").format(lb["no_questions"]))
    else:
        body.append(Markup('<p class="overall">{}</p>').format(rows["overall"]))
        body.append(Markup("<h2>{}</h2>").format(lb["by_topic"]))
        body.append(_table([lb["col_topic"], lb["col_score"]], [list(x) for x in rows["topics"]],
                           ["", "num"]))
        body.append(Markup("<h2>{}</h2>").format(lb["by_skill"]))
        body.append(_table(["", lb["col_score"]], [list(x) for x in rows["skills"]], ["", "num"]))
        body.append(Markup("<h2>{}</h2>").format(lb["questions"]))
        body.append(_table(
            [lb["col_n"], lb["col_kind"], lb["col_topic"], lb["col_question"], lb["col_score"],
             lb["col_time"]], [list(q[:6]) for q in rows["questions"]],
            ["num", "", "", "", "num", "num time"],
            ["over" if q[6] else "" for q in rows["questions"]]))
        body.append(Markup("<h2>{}</h2>").format(lb["missed"]))
        if not rows["missed"]:
            body.append(Markup("<p>{}</p>").format(lb["missed_none"]))
        for title, points in rows["missed"]:
            items = Markup("").join(Markup("<li>{}</li>").format(p) for p in points)
            body.append(Markup("<h3>{}</h3><ul>{}</ul>").format(title, items))
        body.append(Markup("<h2>{}</h2>").format(lb["trend"]))
        body.append(Markup("<p>{}</p>").format(rows["trend"]))
        body.append(Markup("<p>{}</p>").format(lb["comes_back"]))
    page = Markup(
        '<!doctype html>\n<html lang="{}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n{}\n</body>\n</html>\n"
    ).format("zh-Hans" if rows["lang"] == "zh" else "en", rows["title"], Markup(CSS),
             Markup("\n").join(body))
    return str(page)


# -- Markdown -----------------------------------------------------------------------------
def _md(text: str) -> str:
    from quizcnn.printing.md import esc, line_starts

    return line_starts(esc(text))


def _md_cell(text: str) -> str:
    from quizcnn.printing.md import esc

    return esc(text)


def markdown(rows: dict[str, Any]) -> str:
    lb = rows["labels"]
    out = [f"# {_md_cell(rows['title'])}", "", _md(rows["head"]), ""]
    if not rows["questions"]:
        return "\n".join([*out, _md(lb["no_questions"]), ""])
    out += [f"**{_md_cell(rows['overall'])}**", ""]

    def table(head: list[str], body: list[list[str]]) -> None:
        out.append("| " + " | ".join(_md_cell(h) or " " for h in head) + " |")
        out.append("|" + "---|" * len(head))
        for row in body:
            out.append("| " + " | ".join(_md_cell(c) for c in row) + " |")
        out.append("")

    out += [f"## {_md_cell(lb['by_topic'])}", ""]
    table([lb["col_topic"], lb["col_score"]], [list(x) for x in rows["topics"]])
    out += [f"## {_md_cell(lb['by_skill'])}", ""]
    table(["", lb["col_score"]], [list(x) for x in rows["skills"]])
    out += [f"## {_md_cell(lb['questions'])}", ""]
    table([lb["col_n"], lb["col_kind"], lb["col_topic"], lb["col_question"], lb["col_score"],
           lb["col_time"]], [list(q[:6]) for q in rows["questions"]])
    out += [f"## {_md_cell(lb['missed'])}", ""]
    if not rows["missed"]:
        out += [_md(lb["missed_none"]), ""]
    for title, points in rows["missed"]:
        out += [f"### {_md_cell(title)}", ""]
        out += [f"- {_md_cell(p)}" for p in points]
        out.append("")
    out += [f"## {_md_cell(lb['trend'])}", "", _md(rows["trend"]), "", _md(lb["comes_back"]), ""]
    return "\n".join(out)


# -- PDF ----------------------------------------------------------------------------------
def typst_source(rows: dict[str, Any], cjk_font: str | None) -> str:
    from quizcnn.printing.texmath import typst_string as s
    from quizcnn.printing.typ import LATIN_FONT

    lb = rows["labels"]
    fonts = ", ".join(s(f) for f in (LATIN_FONT, *([cjk_font] if cjk_font else ())))
    lang = "zh" if rows["lang"] == "zh" else "en"
    out = [
        f"#set document(title: {s(rows['title'])})",
        '#set page(paper: "a4", margin: (x: 18mm, y: 16mm))',
        f'#set text(font: ({fonts},), size: 10.5pt, lang: "{lang}"'
        + (', region: "cn"' if lang == "zh" else "") + ")",
        f"#text(size: 17pt, weight: \"bold\")[#{s(rows['title'])}]",
        "",
        f"#text(size: 9pt, fill: luma(90))[#{s(rows['head'])}]",
        "",
    ]
    if not rows["questions"]:
        out.append(f"#{s(lb['no_questions'])}")
        return "\n".join(out) + "\n"

    def table(head: list[str], body: list[list[str]]) -> None:
        cells = [f"[#strong[#{s(h)}]]" for h in head]
        for row in body:
            cells += [f"[#{s(c)}]" for c in row]
        out.append(f"#table(columns: {len(head)}, stroke: 0.4pt + luma(180), "
                   + ", ".join(cells) + ")")
        out.append("")

    out += [f"#text(size: 13pt, weight: \"bold\")[#{s(rows['overall'])}]", ""]
    out += [f"== #{s(lb['by_topic'])}", ""]
    table([lb["col_topic"], lb["col_score"]], [list(x) for x in rows["topics"]])
    out += [f"== #{s(lb['by_skill'])}", ""]
    table(["", lb["col_score"]], [list(x) for x in rows["skills"]])
    out += [f"== #{s(lb['questions'])}", ""]
    table([lb["col_n"], lb["col_kind"], lb["col_topic"], lb["col_question"], lb["col_score"],
           lb["col_time"]], [list(q[:6]) for q in rows["questions"]])
    out += [f"== #{s(lb['missed'])}", ""]
    if not rows["missed"]:
        out += [f"#{s(lb['missed_none'])}", ""]
    for title, points in rows["missed"]:
        out += [f"#strong[#{s(title)}]", ""]
        out += [f"- #{s(p)}" for p in points]
        out.append("")
    out += [f"== #{s(lb['trend'])}", "", f"#{s(rows['trend'])}", "", f"#{s(lb['comes_back'])}"]
    return "\n".join(out) + "\n"


def pdf(rows: dict[str, Any]) -> bytes:
    import typst

    from quizcnn.printing.typ import compile_pdf, find_cjk_font, font_paths

    paths = font_paths(None)
    cjk = find_cjk_font(paths)
    text = repr(rows)
    if cjk is None and (rows["lang"] == "zh" or any("\u4e00" <= ch <= "\u9fff" for ch in text)):
        raise PrintError("Chinese text needs a CJK font and none was found (Debian/Ubuntu: "
                         "'sudo apt install fonts-noto-cjk', or QUIZCNN_FONT_PATH)")
    try:
        return compile_pdf(typst_source(rows, cjk), date=rows["date"], paths=paths)
    except typst.TypstError as e:
        raise PrintError(f"the PDF could not be typeset: {e}") from None

