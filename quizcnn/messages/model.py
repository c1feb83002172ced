"""Messages of drills and problems on the user's own model (`--model`)."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "model_header": (
        "Problems on your model {name}: input {input}, {nodes} nodes, {params} parameters.",
        "关于你的模型 {name} 的题目：输入 {input}，{nodes} 个节点，{params} 个参数。",
    ),
    "model_practice": (
        "A practice session: your model is not in the question bank, so nothing is scheduled "
        "and nothing is written to the review log.",
        "这是练习：你的模型不在题库里，因此不会安排复习，也不会写入复习记录。",
    ),
    "model_note": ("Note: {note}", "注意：{note}"),
    "model_fewer": (
        "Only {n} different problems could be made from this model.",
        "这个模型只能出 {n} 道不同的题。",
    ),
    "model_none": (
        "No problems could be made from this model (it has no layer with a spatial size).",
        "无法根据这个模型出题（它没有带空间尺寸的层）。",
    ),
    "model_intro": (
        "{count} on your model. Type an answer; ? hint, s skip, q quit.",
        "关于你的模型共 {count} 道题。输入答案；? 提示，s 跳过，q 退出。",
    ),
    "model_problem": ("--- {n}/{total} · {title}", "--- {n}/{total} · {title}"),
    "model_skipped": ("Skipped.", "已跳过。"),
    "model_no_undo": (
        "Nothing to undo: a practice session saves nothing.",
        "没有可撤销的操作：练习不会保存任何内容。",
    ),
    "model_summary": (
        "Practice {how}: {answered} answered, {correct} right, {skipped} skipped, in {mins:.1f} "
        "min.",
        "练习{how}：回答 {answered} 道，正确 {correct} 道，跳过 {skipped} 道，用时 {mins:.1f} 分钟。",
    ),
    "model_nothing_saved": (
        "Nothing was saved: your model is not in the bank (run quizcnn drill --model again "
        "for new problems).",
        "没有保存任何内容：你的模型不在题库里（再次运行 quizcnn drill --model 可得到新题）。",
    ),
    "model_not_saved": (
        "Practice: not saved (your model is not in the bank). Space or Enter: next problem.",
        "练习：不保存（你的模型不在题库里）。空格或回车：下一题。",
    ),
    "model_topic": ("your model: {name}", "你的模型：{name}"),
    "model_kind": ("practice", "练习"),
}
