"""The Textual app (``quizcnn`` with no subcommand). Screens in ``screens/``, widgets in ``widgets/``.

Only ``app.run`` is imported at start-up; the ORM and Alembic load in a worker after the
first paint (see ``app.py``).
"""


from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizcnn.tui.app import QuizApp


def launch(args: object, app_class: Callable[[], type[QuizApp]] | None = None) -> int:
    """Run the app (``quizcnn`` and ``quizcnn drill``).

    The garbage collector is off from here until the bank and the store are loaded:
    importing Textual and building the first screen make some 40,000 long-lived objects,
    and each full collection over them costs ~20 ms, paid two or three times before anything
    is shown (later, over a big bank, ~130 ms that a keypress would wait for). The app
    freezes those objects and turns collection back on (``QuizApp.started``, ``settled``).

    ``app_class``: returns a ``QuizApp`` subclass to run instead (a benchmark's probe); it is
    called after the collector is off, so Textual is imported in the same order."""
    import gc

    gc.disable()
    from quizcnn.tui.app import run

    return int(run(args, app_class()) if app_class else run(args))
