"""Messages of adding questions (the Add screen and `quizcnn add`): see quizcnn/messages/__init__.py."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    # the Add screen's form
    "add_type": ("Card type", "题型"),
    "add_lang": ("Language", "语言"),
    "add_topic": ("Topic (the deck it goes to)", "主题（题目放进哪一组）"),
    "add_topic_ph": ("e.g. receptive-field", "例如 receptive-field"),
    "add_title": ("Title (optional; shown in lists)", "标题（可不填；显示在列表里）"),
    "add_prompt": (
        "Question (Markdown; $...$ for math; cloze gaps as {{answer}})",
        "题目（Markdown；公式写在 $...$ 中；填空题的空写成 {{答案}}）",
    ),
    "add_answer": (
        "Answer (basic: the back; numeric: the number, e.g. 12544)",
        "答案（问答题：背面内容；数值题：数字，例如 12544）",
    ),
    "add_choices": (
        "Choices (choice cards: one per line, start right ones with [x])",
        "选项（选择题：每行一个，正确的选项以 [x] 开头）",
    ),
    "add_tolerance_ph": ("tolerance (numeric), e.g. 1%", "允许误差（数值题），例如 1%"),
    "add_unit_ph": ("unit (numeric)", "单位（数值题）"),
    "add_tags_id": ("Tags (comma-separated), id (optional)", "标签（用逗号分隔）、编号（可不填）"),
    "add_tags_ph": ("tags", "标签"),
    "add_id_ph": ("id (made from the title if empty)", "编号（不填则由标题生成）"),
    "add_hints": ("Hints (one per line) and explanation", "提示（每行一条）和解析"),
    "add_hints_ph": ("hints, one per line", "提示，每行一条"),
    "add_explanation_ph": ("explanation (why)", "解析（为什么）"),
    "add_not_saved": ("Not saved:", "未保存："),
    "add_not_saved_why": ("Not saved: {error}", "未保存：{error}"),
    "add_saved_to": ("Saved to {where}", "已保存到 {where}"),
    "add_added": ("Question added", "题目已添加"),
    "add_no_topic": (
        "the topic is empty: give one, e.g. receptive-field",
        "主题是空的：请填写一个，例如 receptive-field",
    ),
    "add_no_prompt": ("the question text is empty", "题目内容是空的"),
    # quizcnn add on the command line
    "add_cli_how": (
        "give the question as options (see --help), or use --edit",
        "请用选项给出题目（见 --help），或使用 --edit",
    ),
    "add_cli_cancelled": ("cancelled", "已取消"),
    "add_cli_added": ("added '{id}' to {where}", "已把“{id}”添加到 {where}"),
    "add_cli_added_one": ("added a question to {where}", "已添加一道题到 {where}"),
    "add_cli_kept": (
        "not saved; your question is kept in {draft}",
        "未保存；你的题目保存在 {draft}",
    ),
    "add_cli_text_kept": (
        "not saved; your text is kept in {draft}",
        "未保存；你写的内容保存在 {draft}",
    ),
    "add_cli_fix": ("fix it with: {command}", "修改后再添加：{command}"),
    "add_cli_editor_failed": (
        "the editor failed; your text is in {draft}",
        "编辑器运行失败；你写的内容在 {draft}",
    ),
    "add_cli_unchanged": (
        "the template was not changed; nothing added (it is kept in {draft})",
        "模板没有改动，没有添加任何题目（模板保存在 {draft}）",
    ),
    "add_cli_line": ("line {line}: {message}", "第 {line} 行：{message}"),
    "add_cli_required": ("(required)", "（必填）"),
    "add_ask_type": ("type ({types})", "题型（{types}）"),
    "add_ask_topic": ("topic", "主题"),
    "add_ask_template": ("template", "模板"),
    "add_ask_difficulty": ("difficulty (1-3)", "难度（1-3）"),
    "add_ask_question": ("question", "题目"),
    "add_ask_question_cloze": ("question (gaps as {{answer}})", "题目（空写成 {{答案}}）"),
    "add_ask_answer": ("answer", "答案"),
    "add_ask_number": ("answer (a number)", "答案（一个数）"),
    "add_ask_tolerance": (
        "tolerance (e.g. 0.5 or 1%, empty for exact)",
        "允许误差（例如 0.5 或 1%，留空表示必须完全相等）",
    ),
    "add_ask_unit": ("unit (optional)", "单位（可不填）"),
    "add_ask_options": (
        "options: one per line, prefix right ones with '*'; empty line ends",
        "选项：每行一个，正确的选项前加 *；空行结束",
    ),
    "add_ask_option": ("option", "选项"),
    "add_ask_id": ("id (empty: from the title)", "编号（留空则由标题生成）"),
    "add_ask_tags": ("tags (comma-separated)", "标签（用逗号分隔）"),
    # the --edit template's prose (its headings are the bank's syntax and stay English)
    "add_tpl_title": ("Your question", "你的题目"),
    "add_tpl_body": (
        "Write the question here. Math: $\\lfloor (n + 2p - k)/s \\rfloor + 1$.\n"
        "(cloze: put gaps as {{answer}}; numeric: add 'answer: 42' above; generated: "
        "'template: NAME')",
        "在这里写题目。公式：$\\lfloor (n + 2p - k)/s \\rfloor + 1$。\n"
        "（填空题：把空写成 {{答案}}；数值题：在上面加一行 'answer: 42'；随机生成题："
        "'template: 模板名'）",
    ),
    "add_tpl_answer": ("The answer (basic questions).", "答案（问答题）。"),
    "add_tpl_right": (
        "a right option (choice questions; delete this section otherwise)",
        "一个正确选项（选择题用；其他题型请删掉这一节）",
    ),
    "add_tpl_wrong": ("a wrong option", "一个错误选项"),
    "add_tpl_why": ("Optional: why.", "可不填：为什么。"),
}
