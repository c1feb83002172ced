"""A few SVG snapshots of the main screens at 80x24 (fixed clock, seeds and bank).

Update after an intended change with ``pytest tests/tui/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from textual.widgets import Input

from tests.tui.conftest import until


def _steady(app) -> None:
    for box in app.screen.query(Input):
        box.cursor_blink = False


async def _drill_ready(pilot) -> None:
    app = pilot.app
    await until(pilot, lambda: app.store is not None)
    await pilot.press("s")
    await until(pilot, lambda: getattr(app.screen, "state", "") == "ask"
                and app.screen.card.item is not None)
    _steady(app)


def test_home(make_app, snap_compare):
    app = make_app(topics=())

    async def ready(pilot):
        await until(pilot, lambda: app.store is not None and app.stats is not None)
        # the interview plan panel has its text (it is worked out on the database thread)
        await until(pilot, lambda: "Interview date" in str(app.screen.query_one("#plan").render()))
        await pilot.pause(0.1)

    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)


def test_drill_numeric_preview(make_app, snap_compare):
    app = make_app(topics=("t-numeric",))

    async def ready(pilot):
        await _drill_ready(pilot)
        await pilot.press(*"12,544")
        await pilot.pause(0.1)

    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)


def test_drill_misconception_feedback(make_app, snap_compare):
    app = make_app(topics=("t-gen",))

    async def ready(pilot):
        await _drill_ready(pilot)
        slip = app.screen.card.problem.misconceptions[0]
        await pilot.press(*"x".join(str(v) for v in slip.value), "enter")
        await until(pilot, lambda: app.screen.state == "feedback")
        await pilot.pause(0.2)

    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)


def test_drill_basic_revealed(make_app, snap_compare):
    app = make_app(topics=("t-basic",))

    async def ready(pilot):
        await _drill_ready(pilot)
        await pilot.press("space")
        await until(pilot, lambda: app.screen.state == "revealed"
                    and "m" in str(app.screen.query_one("#rate1").label)[7:])
        await pilot.pause(0.1)

    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)
