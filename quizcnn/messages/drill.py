"""Messages of the drills: the line-mode drill, the app's drill screen, self-ratings."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    # the line-mode drill (quizcnn.drill.plain)
    "unreadable": ("Could not read that: {why}. Try again.", "无法读取这个答案：{why}。请再试一次。"),
    "unreadable_bare": ("Could not read that. Try again.", "无法读取这个答案，请再试一次。"),
    "not_number": ("'{text}' is not a number", "“{text}”不是一个数"),
    "letters": ("answer with the letters shown ({shown})", "请用上面列出的字母作答（{shown}）"),
    "empty": (
        "No answer given: type an answer, or s to skip / q to quit",
        "没有输入答案：请输入答案，或输入 s 跳过 / q 退出",
    ),
    "right": ("Right.", "正确。"),
    "wrong": ("Not quite. Expected: {expected}", "不对。正确答案：{expected}"),
    "slip": ("Likely slip: {msg}", "可能的错误：{msg}"),
    "worked": ("Worked solution:", "解题步骤："),
    "hint": ("Hint: {hint}", "提示：{hint}"),
    "no_more_hints": ("No more hints.", "没有更多提示了。"),
    "no_hint": ("No hint for this one.", "这道题没有提示。"),
    "answer": ("Answer:", "答案："),
    "why": ("Why:", "解释："),
    "show_answer": ("Press Enter to show the answer: ", "按回车显示答案："),
    "gaps": ("Gaps (separated by ;), or Enter to reveal: ", "填空（用 ; 分隔），或按回车显示答案："),
    "answer_prompt": ("Answer: ", "答案："),
    "answer_unit": ("Answer ({unit}): ", "答案（{unit}）："),
    "choice_many": ("Your choices, e.g. a c: ", "你的选择（可多选，如 a c）："),
    "choice_one": ("Your choice: ", "你的选择："),
    # what the grader says about a wrong typed answer
    "grade_off_by": ("off by {diff}", "相差 {diff}"),
    "grade_gaps_right": ("{right} of {gaps} gaps right", "{gaps} 个空答对了 {right} 个"),
    # the app's marks on a choice card's options once it is answered
    "choice_mark_right": ("  (right)", " （正确）"),
    "choice_mark_missed": ("  (right, not chosen)", " （正确，但没选）"),
    "choice_mark_wrong": ("  (wrong)", " （错误）"),
    "rate": ("Rate 1-4: ", "自评 1-4："),
    "rate_again": (
        "Please type 1, 2, 3 or 4 (or u to undo, q to quit).",
        "请输入 1、2、3 或 4（或 u 撤销，q 退出）。",
    ),
    "saved": ("saved: {rating}, next in {interval}.", "已保存：{rating}，下次复习在 {interval} 后。"),
    "saved_cram": (
        "saved: {rating} (study ahead: schedule unchanged).",
        "已保存：{rating}（提前学习：复习计划不变）。",
    ),
    "leech": (
        " This card is now a leech (forgotten many times).",
        " 这张卡片已被标记为难记卡（多次遗忘）。",
    ),
    "skipped": ("Skipped until tomorrow.", "已跳过，明天再学。"),
    "nothing_undo": ("Nothing to undo.", "没有可以撤销的操作。"),
    "undone_answer": (
        "Undone: your answer to {bank_id} was taken back; answer it again.",
        "已撤销：你对 {bank_id} 的回答已收回，请重新作答。",
    ),
    "undone_suspend": (
        "Undone: {bank_id} is no longer suspended.",
        "已撤销：{bank_id} 不再暂停。",
    ),
    "undone_skip": (
        "Undone: {bank_id} is no longer skipped.",
        "已撤销：{bank_id} 不再跳过。",
    ),
    "suspended": (
        "Suspended: it will not come up again (u undoes; Browse in the app lists it).",
        "已暂停：它不会再出现（u 撤销；可在应用的浏览页找到它）。",
    ),
    "nothing": (
        "Nothing to study now: no cards are due and no new cards are left today.",
        "现在没有要学的：没有到期的卡片，今天的新卡片也学完了。",
    ),
    "cram": (
        "Studying ahead: answers are logged but do not change when cards are due.",
        "提前学习：回答会被记录，但不会改变卡片的复习时间。",
    ),
    "intro": (
        "{count} to study. Commands: ? hint, u undo, s skip until tomorrow, "
        "suspend, q quit. "
        "End of input also ends the session; answers are saved as you go.",
        "本次要学 {count}。命令：? 提示，u 撤销，s 跳到明天，suspend 暂停，q 退出。"
        "输入结束也会结束学习；每个回答都会立即保存。",
    ),
    "kind_new": ("new", "新卡片"),
    "kind_learning": ("learning", "学习中"),
    "kind_review": ("review", "复习"),
    "kind_leech": (" · leech (often forgotten)", " · 难记卡（常被遗忘）"),
    "summary": (
        "Session {how}: {reviewed} answered ({new} new), {correct} right, {again} again, "
        "in {mins:.1f} min.",
        "学习{how}：回答 {reviewed} 张（新卡片 {new} 张），正确 {correct} 张，重来 {again} 张，"
        "用时 {mins:.1f} 分钟。",
    ),
    "ended": ("ended", "已结束"),
    "done": ("done", "完成"),
    "summary_skipped": ("{n} skipped until tomorrow.", "{n} 张已跳到明天。"),
    "come_back": (
        "Cards in learning come back at {when}: run the drill again then.",
        "学习中的卡片将在 {when} 回来：到时再运行一次练习。",
    ),
    "all_saved": ("Everything answered is saved.", "所有回答都已保存。"),
    "no_template": (
        "Cannot make a problem from template '{template}': {error}",
        "无法用模板“{template}”生成题目：{error}",
    ),
    "key_points": ("Key points (tick off the ones you said):", "要点（逐条对照你说到的）："),
    "why_hint": (" (a hint was shown)", "（看了提示）"),
    "why_slow": (" (over twice your usual time)", "（用时超过平时的两倍）"),
    # the app's drill screen (quizcnn.tui.screens.drill)
    "tui_nothing_undo_yet": ("Nothing to undo yet.", "还没有可以撤销的操作。"),
    "tui_unreadable": (
        "Could not read that: {why}. Nothing was recorded; try again.",
        "无法读取这个答案：{why}。没有记录任何内容，请再试一次。",
    ),
    "new_limit": (
        "Today's new-card limit ({per_day}) is reached; {waiting} new cards wait. "
        "To see more today: quizcnn db settings new_per_day {more}",
        "今天的新卡片上限（{per_day} 张）已用完，还有 {waiting} 张新卡片在等待。"
        "今天想多学：quizcnn db settings new_per_day {more}",
    ),
    "edit_cannot": ("Cannot edit this question: {error}", "无法编辑这道题：{error}"),
    "edit_no_editor": (
        "Could not run the editor '{editor}': {error}; the question is at {where}",
        "无法运行编辑器“{editor}”：{error}；题目在 {where}",
    ),
    "edit_unchanged": (
        "No change: nothing was saved (the shipped question stays as it is).",
        "没有改动：没有保存任何内容（内置题目保持原样）。",
    ),
    "edit_draft": (
        "Not saved: the edited question has errors; your text is kept as a draft in {path} "
        "(quizcnn add --from it after fixing).",
        "未保存：改后的题目有错误；你的文本已存为草稿 {path}（改好后可用 quizcnn add --from 导入）。",
    ),
    "edit_gone": (
        "The question is no longer in the bank (its id changed?).",
        "这道题已不在题库中（id 改了吗？）。",
    ),
    "edit_reloaded": ("Reloaded {name}.", "已重新载入 {name}。"),
    # self-ratings (FSRS): the drills and the app
    "rating_1": ("Again", "重来"),
    "rating_2": ("Hard", "困难"),
    "rating_3": ("Good", "良好"),
    "rating_4": ("Easy", "简单"),
}
