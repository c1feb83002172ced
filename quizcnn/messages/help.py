"""Messages of the Help screen and key help (TUI): see quizcnn/messages/__init__.py."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    # the Help screen (?): one paragraph a message; the screen wraps them
    "help_intro": (
        "quizcnn: a daily drill of CNN interview questions.",
        "quizcnn：每天练一练 CNN 面试题。",
    ),
    "help_typed": (
        "Typed answers (numbers, shapes, gaps): type and press Enter. The line under the input "
        "shows how your answer is read (\"= 12,544\") or why it cannot be read (then nothing "
        "is recorded).",
        "需要输入的答案（数字、形状、填空）：输入后按回车。输入框下方一行显示你的答案被读成什么"
        "（“= 12,544”），或者为什么读不懂（这时不会记录任何内容）。",
    ),
    "help_typed_keys": (
        "On a typed card, Esc leaves the input so single-letter keys work; i or Enter goes back. "
        "Typing ? (hint), u (undo), s (skip) or q (quit) alone and Enter also works.",
        "在需要输入的卡片上，按 Esc 离开输入框，单字母按键即可使用；按 i 或回车回到输入框。"
        "单独输入 ?（提示）、u（撤销）、s（跳过）或 q（退出）再按回车也可以。",
    ),
    "help_basic": (
        "Basic cards: Space shows the answer, then 1-4 rate Again/Hard/Good/Easy (each shows "
        "when the card comes back). Choice cards: number keys toggle options, Enter submits.",
        "问答卡：按空格显示答案，再用 1-4 自评：重来/困难/良好/简单（每项都写着卡片何时再来）。"
        "选择题：数字键勾选选项，回车提交。",
    ),
    "help_browse": (
        "Browse: typing goes to the search box; Down or Enter moves to the list, where j/k move, "
        "Enter opens a question, and / or any other letter goes back to the search. Esc leaves.",
        "浏览：输入的文字进入搜索框；按下方向键或回车进入列表，用 j/k 移动，回车打开题目，"
        "按 / 或其他字母回到搜索框。按 Esc 离开。",
    ),
    "help_saved": (
        "Every answer is saved when \"Saved\" appears; quitting at any time loses nothing.",
        "出现“已保存”时答案即已存好；随时退出都不会丢失任何内容。",
    ),
    "help_palette": (
        "Command palette: {keys}. Remap keys in {path} (the ids are below).",
        "命令面板：{keys}。可在 {path} 中改键（按键编号见下）。",
    ),
    "help_col_keys": ("Keys", "按键"),
    "help_col_does": ("Does", "作用"),
    "help_col_id": ("Id (keymap.toml)", "编号（keymap.toml）"),
    "help_sec_app": ("Everywhere", "所有界面"),
    "help_sec_home": ("Home", "首页"),
    "help_sec_drill": ("Drill", "练习"),
    "help_sec_rate": (
        "Rating (basic cards) / options (choice cards)",
        "自评（问答卡）/ 选项（选择题）",
    ),
    "help_sec_lists": ("Lists", "列表"),
    "help_sec_screens": ("Other screens", "其他界面"),
    "help_sec_interview": ("Mock interview", "模拟面试"),
    # the command palette (ctrl+p): the app's own commands
    "cmd_drill": ("Start the drill", "开始练习"),
    "cmd_drill_help": ("Study today's due and new cards", "学习今天到期的卡片和新卡片"),
    "cmd_browse": ("Browse the bank", "浏览题库"),
    "cmd_browse_help": ("Search questions and see their history", "搜索题目，查看作答记录"),
    "cmd_add": ("Add a question", "添加题目"),
    "cmd_add_help": ("Write a new question to your own bank", "在你自己的题库里写一道新题"),
    "cmd_stats": ("Statistics", "统计"),
    "cmd_stats_help": ("Heatmap, retention, forecast, mastery", "热力图、记忆保持率、预测、掌握程度"),
    "cmd_help": ("Help", "帮助"),
    "cmd_help_help": ("Keys and how answers are read", "按键说明，以及答案如何被读取"),
    "cmd_home": ("Home", "首页"),
    "cmd_home_help": ("Back to today's overview", "回到今天的概览"),
    "cmd_placeholder": ("Search for commands ...", "搜索命令……"),
    "cmd_no_match": ("No command matches", "没有找到匹配的命令"),
    "cmd_themes_placeholder": ("Search for themes ...", "搜索配色主题……"),
    # Textual's own commands in the palette, by their English title
    "cmd_sys_theme": ("Theme", "配色主题"),
    "cmd_sys_theme_help": ("Change the current theme", "更换当前的配色主题"),
    "cmd_sys_quit": ("Quit", "退出"),
    "cmd_sys_quit_help": ("Quit the application as soon as possible", "立即退出程序"),
    "cmd_sys_keys": ("Keys", "按键面板"),
    "cmd_sys_keys_help": (
        "Show or hide a summary of the keys available here",
        "显示或隐藏当前可用按键的一览",
    ),
    "cmd_sys_maximize": ("Maximize", "最大化"),
    "cmd_sys_maximize_help": ("Maximize the focused widget", "最大化当前控件"),
    "cmd_sys_minimize": ("Minimize", "还原"),
    "cmd_sys_minimize_help": (
        "Minimize the widget and restore to normal size",
        "把最大化的控件还原为正常大小",
    ),
    "cmd_sys_screenshot": ("Screenshot", "截图"),
    "cmd_sys_screenshot_help": (
        "Save an SVG 'screenshot' of the current screen",
        "把当前画面存为 SVG 截图",
    ),
}
