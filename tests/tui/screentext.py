"""The text a pilot app shows on its screen right now, one string per row."""

from __future__ import annotations

from textual.app import App


def screen_text(app: App) -> str:
    """Every row of the current screen as plain text (wide characters once each)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)
