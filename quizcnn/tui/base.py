"""Screens that know which app they run in, so that mypy checks a screen's ``self.app.x``.

Textual types ``self.app`` as ``App[object]``, where the app's own state (``bank``,
``store``, ``in_db``, ``ui_lang``, ...) is unknown. Subclass these instead of Textual's
``Screen`` / ``ModalScreen``:

- ``QuizScreen`` / ``QuizModal``: screens of ``QuizApp`` only (Home, browse, stats, ...);
- ``SharedScreen`` / ``SharedModal``: screens that also run in the practice app
  (``quizcnn drill --model``: the drill, its summary, help); their ``app`` is either app, so
  mypy checks that both have what the screen uses.

For mypy each is a subclass whose ``app`` property returns that app. At run time the names
*are* Textual's ``Screen`` and ``ModalScreen``: no class joins a screen's ancestry (its CSS
type names, bindings and behaviour stay Textual's own), and the app modules are imported by
the type checker only (no import cycle, nothing more to import at start-up).

The one ``type: ignore[override]`` per class: ``App`` is invariant in its return type, so
``QuizApp`` (an ``App[None]``) is not an ``App[object]`` to mypy, although a narrower app is
exactly what ``self.app`` is at run time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.screen import ModalScreen, Screen

ResultT = TypeVar("ResultT")

if TYPE_CHECKING:
    from typing import TypeAlias

    from typing_extensions import TypeIs

    from quizcnn.tui.app import QuizApp
    from quizcnn.tui.practice import PracticeApp

    AnyApp: TypeAlias = QuizApp | PracticeApp

    class QuizScreen(Screen[ResultT]):
        @property
        def app(self) -> QuizApp: ...  # type: ignore[override]  # see the module's docstring

    class QuizModal(ModalScreen[ResultT]):
        @property
        def app(self) -> QuizApp: ...  # type: ignore[override]  # see the module's docstring

    class SharedScreen(Screen[ResultT]):
        @property
        def app(self) -> AnyApp: ...  # type: ignore[override]  # see the module's docstring

    class SharedModal(ModalScreen[ResultT]):
        @property
        def app(self) -> AnyApp: ...  # type: ignore[override]  # see the module's docstring

else:
    QuizScreen = SharedScreen = Screen
    QuizModal = SharedModal = ModalScreen


def is_quiz_app(app: AnyApp) -> TypeIs[QuizApp]:
    """True in ``QuizApp``, False in the practice app (``drill --model``: no bank, no store,
    no filters; its ``practice`` flow is set)."""
    return getattr(app, "practice", None) is None
