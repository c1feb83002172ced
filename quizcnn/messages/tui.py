"""Messages of the app's screens (Home, Browse, Add, Stats, Summary, help, footer)."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    # the Add form
    "add_unsaved": (
        "Unsaved text: press Esc again to throw it away, or Ctrl+S to save it.",
        "有未保存的内容：再按一次 Esc 放弃，或按 Ctrl+S 保存。",
    ),
}
