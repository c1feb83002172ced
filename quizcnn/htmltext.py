"""HTML that escapes by construction: the one way quizcnn writes an HTML page.

:class:`Html` is a :class:`markupsafe.Markup` (a ``str`` that is known to be safe HTML).
Write the page's own markup as ``Html`` templates and put data in with

- ``Html("<p>{}</p>").format(text)`` or ``Html('<li id="{id}">').format(id=...)``,
- ``Html("<b>%s</b>") % text``, ``html_value + text``,
- ``Html("\\n").join(parts)``,

and every argument that is not already ``Html`` (or another object with ``__html__``) is
escaped on its way in: bank text, problem text, titles and ids cannot reach the page as
markup because a call was forgotten. Never wrap untrusted text in ``Html(...)`` yourself;
that is the one way to opt out.

Quotes are escaped as the standard library's ``html.escape`` spells them (``&quot;``,
``&#x27;``; MarkupSafe writes ``&#34;``, ``&#39;``), so pages printed before the move to
MarkupSafe come out byte-identical. Use this for every HTML quizcnn writes (practice sets,
reports); Anki fields have their own rules (``printing.anki_html``).
"""

from __future__ import annotations

import html as _stdlib_html
from typing import Self

from markupsafe import Markup

__all__ = ["Html"]


class Html(Markup):
    """Safe HTML; text combined with it (format, %, +, join) is escaped on the way in."""

    __slots__ = ()

    @classmethod
    def escape(cls, s: object, /) -> Self:
        if type(s) is cls:  # already safe: the common case when parts are joined
            return s
        html_of = getattr(s, "__html__", None)
        if html_of is not None:
            return cls(html_of())
        return cls(_stdlib_html.escape(str(s), quote=True))
