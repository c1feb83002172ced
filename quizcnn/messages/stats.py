"""Messages of the Stats screen (TUI): see quizcnn/messages/__init__.py.

A count field holds the count with its noun in English ("3 reviews", ``store.words.plural``)
and the bare number in Chinese, which has no plural (``{reviews}``: "3 reviews" / "3")."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "stats_head_days": ("Reviews per day", "每日复习量"),
    "stats_head_forecast": ("Due in the next 30 days", "未来 30 天的到期卡片"),
    "stats_head_mastery": (
        "Mastery by topic (mean recall probability now)",
        "各主题掌握度（当前平均记住的概率）",
    ),
    "stats_reading": ("Reading your history ...", "正在读取学习记录……"),
    "stats_no_history": (
        "No history yet: study a little first.",
        "还没有学习记录：先去学几张卡片吧。",
    ),
    "stats_cannot_read": ("Cannot read stats: {error}", "无法读取统计数据：{error}"),
    "stats_retention_none": (
        "Retention: nothing to measure yet (no reviews of learned cards in 30 days).",
        "记忆保持率：暂时无从计算（近 30 天没有复习过已学会的卡片）。",
    ),
    "stats_retention": (
        "Retention (30 days): {pct} of {reviews} of learned cards were recalled.",
        "记忆保持率（近 30 天）：已学会卡片的 {reviews} 次复习中，记起了 {pct}。",
    ),
    "stats_streak": ("Streak: {days}.", "连续学习 {days} 天。"),
    "stats_recent": (
        "Last 7 days: {pct} of {answers} right or recalled.",
        "近 7 天：{answers} 次作答中，答对或记起了 {pct}。",
    ),
    "stats_today": ("today", "今天"),
    "stats_studied": ("{pct}  {studied}/{cards} studied", "{pct}  已学 {studied}/{cards}"),
    "stats_nothing": ("(nothing yet)", "（暂无数据）"),
    # the heatmap: weekday names down the side (Monday at the top), the legend
    "stats_mon": ("Mon", "周一"),
    "stats_wed": ("Wed", "周三"),
    "stats_fri": ("Fri", "周五"),
    "stats_sun": ("Sun", "周日"),
    "stats_less": ("less", "少"),
    "stats_more": ("more", "多"),
    "stats_total": ("{reviews} in {weeks} weeks", "{weeks} 周共复习 {reviews} 次"),
}
