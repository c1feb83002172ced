"""Bars, a calendar heatmap and a column chart drawn with coloured spaces (no block glyphs,
which are ambiguous-width in CJK terminals)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Static

from quizcnn.messages import t

RAMP = ("$panel", "$success 25%", "$success 50%", "$success 75%", "$success")


def ljust(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal cells (a CJK character takes two)."""
    return text + " " * max(0, width - cell_len(text))


def bar(fraction: float, width: int, style: str = "$primary") -> Content:
    """A horizontal bar ``width`` cells wide, filled to ``fraction``."""
    fraction = max(0.0, min(1.0, fraction))
    full = round(fraction * width)
    return Content(" " * full).stylize(f"on {style}") + Content(" " * (width - full)).stylize(
        "on $panel"
    )


class BarList(Static):
    """Labelled horizontal bars, one per line: (label, fraction, text after the bar)."""

    def __init__(self, rows: list[tuple[str, float, str]] | None = None, *, width: int = 30,
                 style: str = "$primary", **kw: Any) -> None:
        super().__init__("", **kw)
        self.bar_width = width
        self.style = style
        self.set_rows(rows or [])

    def set_rows(self, rows: list[tuple[str, float, str]], lang: str = "en") -> None:
        if not rows:
            self.update(t("stats_nothing", lang))
            return
        pad = max(cell_len(r[0]) for r in rows)
        lines = [Content(ljust(label, pad) + " ") + bar(frac, self.bar_width, self.style)
                 + Content(f" {tail}") for label, frac, tail in rows]
        self.update(Content("\n").join(lines))


class Heatmap(Static):
    """Reviews per study day as a calendar: one column per week, Monday at the top."""

    def __init__(self, **kw: Any) -> None:
        super().__init__("", **kw)

    def set_days(self, counts: dict[date, int], today: date, weeks: int = 26,
                 lang: str = "en") -> None:
        start = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
        top = max(counts.values(), default=0)
        rows = []
        names = [t(f"stats_{d}", lang) if d else "" for d in ("mon", "", "wed", "", "fri", "",
                                                              "sun")]
        side = max(cell_len(n) for n in names) + 1
        for wd, name in enumerate(names):
            cells = [Content(ljust(name, side))]
            for w in range(weeks):
                d = start + timedelta(days=7 * w + wd)
                if d > today:
                    cells.append(Content("  "))
                    continue
                n = counts.get(d, 0)
                level = 0 if n == 0 or top == 0 else 1 + min(3, int(4 * (n - 1) / top))
                cells.append(Content("  ").stylize(f"on {RAMP[level]}"))
            rows.append(Content("").join(cells))
        legend = Content(" " * side + t("stats_less", lang) + " ") + Content("").join(
            Content("  ").stylize(f"on {s}") for s in RAMP) + Content(" " + t("stats_more", lang))
        total = sum(n for d, n in counts.items() if d >= start)
        from quizcnn.store.words import plural

        reviews = plural(total, "review") if lang != "zh" else str(total)
        rows.append(legend + Content("   " + t("stats_total", lang, weeks=weeks,
                                               reviews=reviews)))
        self.update(Content("\n").join(rows))


class Columns(Static):
    """A small column chart (e.g. cards due on each of the next days), height in rows."""

    def __init__(self, height: int = 6, **kw: Any) -> None:
        super().__init__("", **kw)
        self.rows = height

    def set_values(self, values: list[int], labels: tuple[str, str] = ("", "")) -> None:
        top = max(values, default=0)
        lines = []
        for r in range(self.rows, 0, -1):
            line = [Content(f"{top if r == self.rows else '':>5} ")]
            for v in values:
                filled = top and v * self.rows / top >= r - 0.5
                line.append(Content("  ").stylize("on $accent") if filled else Content("  "))
            lines.append(Content("").join(line))
        axis = f"{'':>5} {labels[0]}"
        gap = 2 * len(values) - cell_len(labels[0]) - cell_len(labels[1])
        axis += " " * max(1, gap) + labels[1]
        lines.append(Content(axis))
        self.update(Content("\n").join(lines))
