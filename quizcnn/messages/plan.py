"""Messages of the interview-date planner and its simulator (`quizcnn plan`, Home's plan panel)."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    # refused input (quizcnn.plan.spec.PlanError keys)
    "plan_bad_date": (
        "not a date: '{text}' (expected YYYY-MM-DD, e.g. 2027-01-15)",
        "不是日期：“{text}”（应为 YYYY-MM-DD，如 2027-01-15）",
    ),
    "plan_past_date": (
        "the interview date {day} is not after today ({today}): give a date in the future",
        "面试日期 {day} 不在今天（{today}）之后：请给一个将来的日期",
    ),
    "plan_far_date": (
        "the interview date {day} is more than {most} days away",
        "面试日期 {day} 距今超过 {most} 天",
    ),
    "plan_bad_minutes": (
        "minutes a day must be a whole number from {lo} to {hi}, not {value}",
        "每天的分钟数必须是 {lo} 到 {hi} 之间的整数，而不是 {value}",
    ),
    "plan_bad_target": (
        "the target recall must be a number from {lo} to {hi}, not {value}",
        "目标回忆率必须是 {lo} 到 {hi} 之间的数，而不是 {value}",
    ),
    "plan_unknown_topic": (
        "no card in the bank has the topic '{topic}' (see 'quizcnn bank list')",
        "题库中没有主题为“{topic}”的卡片（见 'quizcnn bank list'）",
    ),
    "plan_empty_scope": (
        "the plan's topics hold no card to study (suspended, or missing from the bank)",
        "计划所选主题中没有可学习的卡片（已暂停或不在题库中）",
    ),
    "plan_bad_runs": (
        "--runs must be a whole number from 1 to 1000, not {value}",
        "--runs 必须是 1 到 1000 之间的整数，而不是 {value}",
    ),
    "plan_needs_date": (
        "--minutes, --topic and --target change a plan: set the date first with "
        "--interview YYYY-MM-DD",
        "--minutes、--topic 和 --target 用于修改计划：请先用 --interview YYYY-MM-DD 设定日期",
    ),
    "plan_clear_and_set": (
        "--clear removes the plan: it cannot be combined with other options",
        "--clear 会删除计划，不能与其他选项一起使用",
    ),
    # the plan shown
    "plan_none": (
        "No interview date set. Set one: quizcnn plan --interview YYYY-MM-DD "
        "[--minutes 40] [--topic T ...] [--target 0.9]",
        "尚未设定面试日期。设定方法：quizcnn plan --interview YYYY-MM-DD "
        "[--minutes 40] [--topic T ...] [--target 0.9]",
    ),
    "plan_saved": ("Interview date set: {day}.", "已设定面试日期：{day}。"),
    "plan_cleared": (
        "Interview plan cleared: FSRS's own schedule applies again (your history is kept).",
        "已清除面试计划：恢复 FSRS 自己的复习安排（学习记录全部保留）。",
    ),
    "plan_nothing_to_clear": ("No interview plan to clear.", "没有可清除的面试计划。"),
    "plan_passed": (
        "The interview date {day} has passed: FSRS's own schedule applies again. "
        "'quizcnn plan --clear' removes the plan; --interview sets a new date.",
        "面试日期 {day} 已过：恢复 FSRS 自己的复习安排。'quizcnn plan --clear' 删除计划；"
        "--interview 设定新日期。",
    ),
    "plan_header": (
        "Interview on {day}: {left}, {minutes} minutes a day, target recall {target:.0%}",
        "面试日期 {day}：{left}，每天 {minutes} 分钟，目标回忆率 {target:.0%}",
    ),
    "plan_days_left": ("{n} days left", "还剩 {n} 天"),
    "plan_day_left": ("1 day left", "还剩 1 天"),
    "plan_scope": (
        "Scope: {topics}; {learned} of {cards} cards learned",
        "范围：{topics}；{cards} 张卡片中已学 {learned} 张",
    ),
    "plan_all_topics": ("all topics", "全部主题"),
    "plan_recall": (
        "Predicted recall on the morning of the date: {recall:.0%} (a card never studied counts 0)",
        "预计面试当天早上的回忆率：{recall:.0%}（从未学过的卡片记为 0）",
    ),
    "plan_today": (
        "Today: {new} new cards, {reviews} reviews, about {minutes} minutes",
        "今天：新卡片 {new} 张，复习 {reviews} 次，约 {minutes} 分钟",
    ),
    "plan_pacing": (
        "New cards are spread over the days up to {last} (the core 'seed' cards first). The last "
        "{keep} days before the date are for reviews: FSRS brings a card back 2-3 days after it "
        "is learned, so every card gets a review after the day it was learned and a slip is "
        "caught before the interview.",
        "新卡片平均分配到 {last} 之前的各天（核心 'seed' 卡片优先）。面试前的最后 {keep} 天只复习："
        "FSRS 会在学会一张卡片 2-3 天后安排复习，这样每张卡片在学会之后都至少复习一次，"
        "遗忘能在面试之前被发现。",
    ),
    "plan_pacing_tight": (
        "Time is short for this scope: new cards (the core 'seed' cards first) are learned as "
        "early as each day's minutes allow, the last on {last}; a new card is worth far more "
        "recall on the day than a review.",
        "对这个范围来说时间紧张：新卡片（核心 'seed' 卡片优先）在每天的时间允许范围内尽早学习，"
        "最后一批在 {last}；对面试当天的回忆率而言，学一张新卡片远比多复习一次更有价值。",
    ),
    "plan_fits": (
        "It fits: all {cards} cards learned, predicted recall {recall:.0%} on the day "
        "(target {target:.0%}).",
        "可以完成：{cards} 张卡片全部学完，预计当天回忆率 {recall:.0%}（目标 {target:.0%}）。",
    ),
    "plan_not_fit": (
        "It does not fit: {fits} of {cards} cards can be learned by the date and the predicted "
        "recall is {recall:.0%} (target {target:.0%}). What would fit:",
        "无法完成：到面试日期只能学完 {cards} 张卡片中的 {fits} 张，预计回忆率 {recall:.0%}"
        "（目标 {target:.0%}）。以下任一做法可以完成：",
    ),
    "plan_fix_minutes": ("  - {minutes} minutes a day", "  - 每天 {minutes} 分钟"),
    "plan_fix_minutes_none": (
        "  - (more minutes alone: not even {most} a day)",
        "  - （只增加时间不够：每天 {most} 分钟也不行）",
    ),
    "plan_fix_date": ("  - a later date: {day}", "  - 推迟面试日期到：{day}"),
    "plan_fix_date_none": (
        "  - (a later date alone: not within a year)",
        "  - （只推迟日期不够：一年之内都不行）",
    ),
    "plan_fix_topics": (
        "  - fewer topics: leave out {topics} ({cards} cards)",
        "  - 减少主题：去掉 {topics}（{cards} 张卡片）",
    ),
    # the simulator
    "sim_header": (
        "Simulated {runs} learners (seed {seed}), today to the morning of {day}: {cards} cards "
        "in scope, {minutes} minutes a day. Costs per answer: fsrs-rs-python's simulator "
        "defaults (about {new:.0f} s per new card with its learning steps, {review:.0f} s per "
        "review).",
        "模拟 {runs} 名学习者（种子 {seed}），从今天到 {day} 早上：范围内 {cards} 张卡片，"
        "每天 {minutes} 分钟。每次作答的耗时取 fsrs-rs-python 模拟器的默认值"
        "（每张新卡片连同当天的学习步骤约 {new:.0f} 秒，每次复习约 {review:.0f} 秒）。",
    ),
    "sim_columns": (
        "           with the plan              plain FSRS ({new_per_day} new a day)",
        "           按计划                     普通 FSRS（每天 {new_per_day} 张新卡片）",
    ),
    "sim_columns2": (
        "day  date        new  reviews  minutes   new  reviews  minutes",
        " 天  日期         新卡    复习     分钟    新卡    复习     分钟",
    ),
    "sim_result": (
        "{who}: expected recall on the day {recall:.2f}, {reviews} reviews, {minutes} minutes "
        "in all, at most {most} minutes a day",
        "{who}：当天预期回忆率 {recall:.2f}，复习 {reviews} 次，共 {minutes} 分钟，"
        "单日最多 {most} 分钟",
    ),
    "sim_planner": ("With the plan", "按计划"),
    "sim_baseline": ("Plain FSRS", "普通 FSRS"),
    "sim_no_plan": (
        "No interview date set: the simulator runs a plan. Set one with --interview "
        "YYYY-MM-DD (with --simulate to try it first: nothing is saved).",
        "尚未设定面试日期：模拟器需要一个计划。用 --interview YYYY-MM-DD 设定"
        "（与 --simulate 一起使用可先试算，不会保存）。",
    ),
    # Home's plan panel
    "panel_none": (
        "Interview date: none ({shortcut}: set one)",
        "面试日期：未设定（{shortcut}：设定）",
    ),
    "panel_plan": (
        "Interview {day}: {left}   Learned {learned}/{cards}   Recall on the day {recall:.0%}"
        "   Today {minutes} min   ({shortcut}: change)",
        "面试 {day}：{left}   已学 {learned}/{cards}   当天回忆率 {recall:.0%}"
        "   今天 {minutes} 分钟   （{shortcut}：修改）",
    ),
    "panel_passed": (
        "Interview {day} has passed: plain FSRS again ({shortcut}: change or clear)",
        "面试日期 {day} 已过：恢复普通 FSRS（{shortcut}：修改或清除）",
    ),
    "panel_not_fit": (
        "Does not fit: {fits}/{cards} cards learned by the date, target {target:.0%} "
        "('quizcnn plan' says what would fit)",
        "无法完成：到面试日期只能学完 {fits}/{cards} 张，目标 {target:.0%}"
        "（'quizcnn plan' 给出调整建议）",
    ),
    "panel_working": ("Interview plan: working it out ...", "面试计划：计算中……"),
    "dialog_title": ("Interview date", "面试日期"),
    "dialog_date": ("Date (YYYY-MM-DD)", "日期（YYYY-MM-DD）"),
    "dialog_minutes": ("Minutes a day", "每天分钟数"),
    "dialog_save": ("Save", "保存"),
    "dialog_clear": ("Clear the plan", "清除计划"),
    "dialog_cancel": ("Cancel", "取消"),
    "dialog_not_number": ("minutes: not a whole number: '{text}'", "分钟数不是整数：“{text}”"),
}
