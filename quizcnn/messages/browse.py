"""Messages of the Browse screen and its question view (TUI): see quizcnn/messages/__init__.py.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "browse_search": (
        "type to search (id, topic, tag, title, text); Down: the list",
        "输入关键词搜索（编号、主题、标签、标题、正文）；按向下键进入列表",
    ),
    "browse_count": (
        "{n} of {total} questions{more}; Enter opens one",
        "找到 {n} 题（共 {total} 题）{more}；按回车查看",
    ),
    "browse_first_shown": (" (first {limit} shown)", "，只列出前 {limit} 题"),
    "browse_col_id": ("Id", "编号"),
    "browse_col_type": ("Type", "题型"),
    "browse_col_title": ("Title", "标题"),
    "browse_col_topic": ("Topic", "主题"),
    "browse_col_lang": ("Lang", "语言"),
    "browse_lang_en": ("en", "英"),
    "browse_lang_zh": ("zh", "中"),
    "browse_lang_sep": (",", "、"),
    # one question: its text and its review history
    "browse_answer": ("Answer", "答案"),
    "browse_why": ("Why", "解释"),
    "browse_reading": ("Reading history ...", "正在读取复习记录……"),
    "browse_not_studied": ("Not studied yet.", "还没有学过这道题。"),
    "browse_card": (
        "Reviews {reps}, lapses {lapses}, due {due}{flags}",
        "复习 {reps} 次，遗忘 {lapses} 次，下次复习 {due}{flags}",
    ),
    "browse_due_new": ("new", "未学"),
    "browse_suspended": (" SUSPENDED", "【已暂停】"),
    "browse_leech": (" LEECH", "【难记卡】"),
    "browse_right": (" right", " 答对"),
    "browse_wrong": (" wrong", " 答错"),
    "browse_answered": ("  answer: {answer}", "  作答：{answer}"),
    "browse_toggle": ("{keys}: suspend or resume this card", "按 {keys} 暂停或恢复这张卡片"),
    "browse_no_card": (
        "This question has no card yet (or progress is still loading).",
        "这道题还没有卡片（或学习进度仍在加载）。",
    ),
    "browse_now_suspended": ("Suspended.", "已暂停。"),
    "browse_resumed": ("Resumed: it comes back in the drill.", "已恢复：它会重新出现在练习中。"),
    # binding descriptions (the footer, the help screen), by binding id
    "key_browse.search": ("Search", "搜索"),
    "key_browse.suspend": ("Suspend/resume", "暂停/恢复"),
}
