"""Messages of the command line (export, import, db, calc, optimize, print, ...)."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    # quizcnn drill --plain: the choices remembered from the app
    "plain_saved": (
        "From last time: {choices} (--lang, --topic, --tag override).",
        "沿用上次的选择：{choices}（可用 --lang、--topic、--tag 覆盖）。",
    ),
    "plain_saved_lang": ("language {value}", "语言 {value}"),
    "plain_saved_topics": ("topics {value}", "主题 {value}"),
    "plain_saved_tags": ("tags {value}", "标签 {value}"),
}
