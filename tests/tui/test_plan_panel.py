"""Home's interview plan panel: set a date in the dialog, see the plan, change it, clear it."""

from __future__ import annotations

from textual.widgets import Input

from tests.tui.conftest import pilot_test, until


def panel(app) -> str:
    return str(app.screen.query_one("#plan").render())


@pilot_test
async def test_set_change_and_clear_the_interview_date_on_home(make_app):
    app = make_app(topics=())
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.store is not None)
        await until(pilot, lambda: "Interview date: none (d: set one)" in panel(app), timeout=60)
        await pilot.press("d")
        await until(pilot, lambda: app.screen.__class__.__name__ == "PlanDialog")
        dialog = app.screen
        await until(pilot, lambda: dialog.focused is dialog.query_one("#date", Input))
        await pilot.press(*"2026-05-01", "enter")  # before NOW (2026-06-01): refused
        await until(pilot, lambda: "is not after today" in str(dialog.query_one("#error").render()))
        dialog.query_one("#date", Input).value = "2026-06-11"
        dialog.query_one("#minutes", Input).value = "20"
        await pilot.press("enter")
        await until(pilot, lambda: "Interview 2026-06-11: 10 days left" in panel(app), timeout=60)
        text = panel(app)
        assert "Learned 0/7" in text and "Recall on the day" in text and "Today" in text
        await pilot.press("d")
        await until(pilot, lambda: app.screen.__class__.__name__ == "PlanDialog")
        dialog = app.screen
        await until(pilot, lambda: dialog.query_one("#date", Input).value == "2026-06-11")
        dialog.query_one("#date", Input).value = "2026-06-04"
        await pilot.press("enter")
        await until(pilot, lambda: "Interview 2026-06-04: 3 days left" in panel(app), timeout=60)
        await pilot.press("d")
        await until(pilot, lambda: app.screen.__class__.__name__ == "PlanDialog")
        await pilot.click("#clear")
        await until(pilot, lambda: "Interview date: none" in panel(app), timeout=60)
