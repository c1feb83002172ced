"""The HTML printer escapes by construction: every field of a set that comes from a bank file or
a problem reaches the page escaped, each checked on its own marker (so dropping the escaping
of any one field fails here), and ``Html`` escapes what is combined with it."""

from __future__ import annotations

import re

import pytest

from quizcnn.htmltext import Html
from quizcnn.printing import html
from quizcnn.printing.model import Item, PracticeSet, Step, Text2

# what each field carries: a tag, both quotes and an ampersand
EVIL = '<script>alert("{0}")</script> & \'{0}\''
ESCAPED = "&lt;script&gt;alert(&quot;{0}&quot;)&lt;/script&gt; &amp; &#x27;{0}&#x27;"

FIELDS = {
    "title": None, "version": None, "date": None,
    "prompt-para": "{}", "prompt-code": "`{}`", "prompt-heading": "# {}",
    "prompt-list": "- {}", "prompt-quote": "> {}", "prompt-table": "| h |\n|---|\n| {} |",
    "prompt-strong": "**{}**", "prompt-emph": "*{}*", "prompt-link": "[{}](http://e.x/?a=1&b=2)",
    "choice": None, "answer": None, "answer-rest": None, "step-title": None,
    "step-formula": None, "step-result": None, "key-point": None, "explanation": None,
    "codeblock": "```\n{}\n```",
}


def evil_set(lang: str = "en") -> PracticeSet:
    e = EVIL.format
    prompt = "\n\n".join(tpl.format(e(name)) for name, tpl in FIELDS.items()
                         if tpl is not None)
    # math is shown as Unicode text (TeX's alignment & is dropped there)
    prompt += '\n\n$a<b \\text{"m1"}$\n\n$$\nx<y "m2"\n$$\n'
    basic = Item(ref="evil", kind="basic",
                 prompt=Text2({lang: prompt}),
                 answer=Text2({lang: e("answer") + "\n\n" + e("answer-rest")}),
                 steps={lang: (Step(e("step-title"), e("step-formula"), "", e("step-result")),)},
                 explanation=Text2({lang: e("explanation")}),
                 key_points={lang: (e("key-point"),)})
    choice = Item(ref="evil-choice", kind="choice", prompt=Text2({lang: "Pick"}),
                  answer=Text2({lang: "A"}), choices={lang: (e("choice"), "plain")})
    return PracticeSet(e("title"), e("date"), 3, e("version"), lang, (basic, choice))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_bank_field_is_escaped(lang):
    page = html.render(evil_set(lang))
    body = page.split("</style>", 1)[1]
    assert "<script" not in body and "</script" not in body
    for name in FIELDS:
        assert ESCAPED.format(name) in body, name
        assert EVIL.format(name) not in body, name
    # the <title> too (the title and version are in it, escaped)
    head = page.split("</title>", 1)[0]
    assert "<script" not in head and ESCAPED.format("title") in head
    assert '<span class="url">(http://e.x/?a=1&amp;b=2)</span>' in body  # a link's address
    assert '<span class="math">a&lt;b &quot;m1&quot;</span>' in body
    assert '<p class="math math-block">x&lt;y &quot;m2&quot;</p>' in body
    # no stray ampersand: every & in the body starts an entity
    assert not re.search(r"&(?!(amp|lt|gt|quot|#x27);)", body)


def test_page_markup_is_not_escaped():
    page = html.render(evil_set())
    assert page.startswith('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')
    assert '<li class="problem" id="p&lt;script&gt;' in page  # the version, escaped in an id
    assert '<div class="work" style="height: 9.0rem"></div>' in page
    assert '<ol class="choices">' in page and 'font: 16px/1.5 "Noto Serif"' in page


def test_html_escapes_what_is_combined_with_it():
    evil = '<b a="1">&\'</b>'
    want = "&lt;b a=&quot;1&quot;&gt;&amp;&#x27;&lt;/b&gt;"
    assert Html("<p>{}</p>").format(evil) == f"<p>{want}</p>"
    assert Html("<p>{x}</p>").format(x=evil) == f"<p>{want}</p>"
    assert Html("<p>%s</p>") % evil == f"<p>{want}</p>"
    assert Html("<p>") + evil == f"<p>{want}"
    assert evil + Html("<p>") == f"{want}<p>"
    assert Html("<br>").join([evil, Html("<i>ok</i>")]) == f"{want}<br><i>ok</i>"
    assert Html("{:.1f}").format(1.25) == "1.2"
    # already-safe HTML passes through once, never escaped twice
    inner = Html("<i>{}</i>").format("&")
    assert Html("<p>{}</p>").format(inner) == "<p><i>&amp;</i></p>"
    assert isinstance(Html("{}").format("x"), Html)
