"""Words of printed practice sets (PDF, HTML, Markdown) and of ``quizcnn print``: see
quizcnn/messages/__init__.py.

The set's words are in the set's language (``--lang``; both languages for ``--lang both``, as
``quizcnn.printing.labels`` puts them together); the command's own messages are in the
command line's language (``QUIZCNN_LANG``, else the app's last language).
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    # ---- on the printed set ----------------------------------------------------------------
    "print_title": ("CNN practice set", "CNN 练习题"),
    # a randomized version of the set (A, B, ...): a Chinese paper's "A 卷", "B 卷"
    "print_version": ("Version {version}", "{version} 卷"),
    "print_seed": ("seed {seed}", "种子 {seed}"),
    "print_count_one": ("{n} problem", "共 {n} 题"),
    "print_count": ("{n} problems", "共 {n} 题"),
    "print_name": ("Name", "姓名"),
    "print_colon": (": ", "："),
    "print_key": ("Answer key", "参考答案"),
    "print_answer": ("Answer", "答案"),
    "print_key_points": ("Key points", "要点"),
    "print_explanation": ("Explanation", "解析"),  # a label on Anki cards
    # between the letters of a choice question's right answers, between a cloze's gaps
    "print_choice_sep": (", ", "、"),
    "print_gap_sep": ("; ", "；"),
    "print_html_title": ("{title} ({version})", "{title}（{version}）"),
    # ---- the command's own messages --------------------------------------------------------
    # the program's name, as Unix tools prefix their messages (the same in both languages)
    "print_fail": ("quizcnn print: {message}", "quizcnn print: {message}"),
    "print_typesetting": ("Typesetting", "排版中"),
    "print_is_dir": (
        "{path}: is a directory; give a file name such as {example}",
        "{path}：这是一个文件夹；请给出文件名，例如 {example}",
    ),
    "print_unknown_format": (
        "{path}: unknown format '{suffix}'; end the name with .pdf, .html or .md",
        "{path}：未知格式“{suffix}”；文件名请以 .pdf、.html 或 .md 结尾",
    ),
    "print_no_suffix": ("(none)", "（无）"),
    "print_no_dir": (
        "{path}: no such directory; create it first or choose another -o",
        "{path}：没有这个文件夹；请先创建它，或换一个 -o",
    ),
    "print_not_dir": ("{path}: not a directory", "{path}：不是文件夹"),
    "print_exists": (
        "{path}: already exists; add --force to overwrite it",
        "{path}：文件已存在；加 --force 可覆盖",
    ),
    "print_not_writable": ("{path}: not writable", "{path}：没有写入权限"),
    "print_cannot_write": ("{path}: cannot write ({reason})", "{path}：无法写入（{reason}）"),
    "print_os_error": ("{path}: {reason}", "{path}：{reason}"),
    "print_as_is": ("{message}", "{message}"),  # a message from the file layer or the store
    "print_no_cjk_font": (
        "Chinese text needs a CJK font and none was found. Install one (Debian/Ubuntu: "
        "'sudo apt install fonts-noto-cjk'; macOS and Windows ship one) or point "
        "--font-path / QUIZCNN_FONT_PATH at a folder holding e.g. NotoSerifCJK-Regular.ttc",
        "中文需要 CJK 字体，但没有找到。请安装一个（Debian/Ubuntu："
        "“sudo apt install fonts-noto-cjk”；macOS 和 Windows 自带），或用 --font-path / "
        "QUIZCNN_FONT_PATH 指向存放字体（例如 NotoSerifCJK-Regular.ttc）的文件夹",
    ),
    "print_typeset_failed": (
        "{path}: the PDF could not be typeset: {error}",
        "{path}：PDF 排版失败：{error}",
    ),
    "print_unknown_template": (
        "unknown template {names}; known: {known}",
        "没有这个题目模板：{names}；可用的有：{known}",
    ),
    "print_nothing": (
        "no question matches {what} (mix: {mix}); nothing was written",
        "没有符合 {what} 的题目（题目来源：{mix}）；什么也没有写入",
    ),
    "print_mix_generated": ("generated", "生成的题"),
    "print_mix_bank": ("bank", "题库的题"),
    "print_mix_both": ("both", "题库和生成的题"),
    "print_nothing_these": ("these options", "这些选项"),
    "print_what_sep": ("; ", "；"),
    "print_what_topic": ("topic {names}", "主题 {names}"),
    "print_what_tag": ("tag {names}", "标签 {names}"),
    "print_what_template": ("template {names}", "模板 {names}"),
    "print_what_difficulty": ("difficulty {n}", "难度 {n}"),
    "print_what_lang": ("language {language}", "语言 {language}"),
    "print_what_due": ("due today", "今天到期"),
    "print_not_number": ("not a whole number: {text}", "不是整数：{text}"),
    "print_range": (
        "{what} must be between {low} and {high}",
        "{what}必须在 {low} 到 {high} 之间",
    ),
    "print_range_count": ("the count", "题目数量"),
    "print_range_versions": ("the number of versions (A to Z)", "版本数（A 到 Z）"),
    "print_not_date": (
        "not a date in YYYY-MM-DD form: {text}",
        "不是 YYYY-MM-DD 格式的日期：{text}",
    ),
}
