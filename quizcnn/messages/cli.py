"""Messages of the command line (export, import, db, calc, optimize, print, ...).

Over 400 lines because it is data: every message of calc, generate, bank, stats, drill, plan,
interview and the top-level command, each in English and Chinese side by side. The Chinese
for sentences the core writes in English is in ``quizcnn.messages.core_text``.
"""

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
CATALOGUE.update({
    # the top-level command (quizcnn/cli.py)
    "cli_db_empty": (
        "quizcnn: --db needs a file name; an empty path was given",
        "quizcnn：--db 需要一个文件名，给出的路径是空的",
    ),
    "cli_bank_empty": (
        "quizcnn: --bank needs a folder; an empty path was given",
        "quizcnn：--bank 需要一个文件夹，给出的路径是空的",
    ),
    "cli_interrupted": ("interrupted", "已中断"),
    "cli_created_db": (
        "quizcnn: created a new progress database at {path}",
        "quizcnn：已在 {path} 新建进度数据库",
    ),
    "cli_needs_terminal": (
        "quizcnn: the drill app needs a terminal; use 'quizcnn drill --plain' for piped "
        "input, or 'quizcnn --help' for the other commands",
        "quizcnn：练习界面需要在终端里运行；通过管道输入请用 'quizcnn drill --plain'，"
        "其他命令见 'quizcnn --help'",
    ),
    # quizcnn calc: reading the input
    "calc_no_input": (
        "give the input shape, e.g. --input 3x224x224 (no batch dimension)",
        "请给出输入形状，例如 --input 3x224x224（不含批维度）",
    ),
    "calc_no_layers": (
        "give layers as arguments or with --file (see quizcnn calc --help)",
        "请以参数或 --file 给出各层（见 quizcnn calc --help）",
    ),
    "calc_input_bad": ("--input: {message}", "--input：{message}"),
    "calc_stdin": ("stdin", "标准输入"),
    "calc_layer_arg": ("layer argument {n}", "第 {n} 个层参数"),
    "calc_where": ("{where}: {message}", "{where}：{message}"),
    "calc_is_dir": (
        "{name} is a directory, not a file of layers",
        "{name} 是一个文件夹，不是层列表文件",
    ),
    "calc_no_such_file": ("{name}: no such file", "{name}：文件不存在"),
    "calc_permission": ("{name}: permission denied", "{name}：没有读取权限"),
    "calc_cannot_read": ("{name}: cannot read ({why})", "{name}：无法读取（{why}）"),
    "calc_too_big": (
        "{name} is larger than {size} bytes; not a layer list",
        "{name} 超过 {size} 字节，不是层列表",
    ),
    "calc_not_utf8": (
        "{name} is not UTF-8 text (bad byte at offset {offset})",
        "{name} 不是 UTF-8 文本（偏移 {offset} 处有无效字节）",
    ),
    "calc_refused": ("{name}: {why}", "{name}：{why}"),
    "calc_rank_hint": (
        " (--input takes C x H x W for 2-d layers and C x L for 1-d; no batch dimension)",
        "（2 维层的 --input 写作 C x H x W，1 维层写作 C x L；不含批维度）",
    ),
    "calc_layer_at": ("layer {index}", "第 {index} 层"),
    "calc_line_at": ("line {line}", "第 {line} 行"),
    "calc_file_line": ("{source} line {line}{path}: {text}: {message}",
                       "{source} 第 {line} 行{path}：{text}：{message}"),
    "calc_flattened": (
        " (the {shape} map flattened by the Flatten quizcnn inserted before the first Linear)",
        "（即 quizcnn 在第一个 Linear 前自动插入的 Flatten 展平后的 {shape} 特征图）",
    ),
    "calc_forward_hint": (
        ". quizcnn runs print(model) text in printed order; forward() probably does "
        "something the text does not show (a module used twice, a functional call such as "
        "F.max_pool2d or torch.flatten, a torch.cat): {onnx}",
        "。quizcnn 按 print(model) 文本的顺序逐层计算；forward() 里多半有文本看不出来的操作"
        "（同一模块用了两次、F.max_pool2d 或 torch.flatten 之类的函数调用、torch.cat）：{onnx}",
    ),
    "calc_onnx_exact": (
        "an ONNX export of the model gives exact numbers: quizcnn calc model.onnx (see "
        "'Your own model' in the README)",
        "导出为 ONNX 可得到精确结果：quizcnn calc model.onnx（见 README 的 'Your own model' 一节）",
    ),
    "calc_avgpool_note": (
        "print(model) does not show AvgPool's ceil_mode (nor count_include_pad), so "
        "ceil_mode=False was assumed; if your model sets ceil_mode=True, add it to the "
        "AvgPool line (the output size can change).",
        "print(model) 不显示 AvgPool 的 ceil_mode（也不显示 count_include_pad），因此按 "
        "ceil_mode=False 计算；如果你的模型设置了 ceil_mode=True，请把它加到 AvgPool 那一行"
        "（输出尺寸可能改变）。",
    ),
    # notes on a custom class in print(model) text (core.parse.printed.CustomBlock.note)
    "calc_custom_note": (
        "{label} (line {line}) is a custom class: quizcnn ran its modules in the printed "
        "order, which is an assumption. print(model) does not show forward(): a module used "
        "twice (one pool after several convs), a functional call (F.relu, "
        "F.adaptive_avg_pool2d, torch.flatten) or a torch.cat is invisible in it, and the "
        "numbers are then wrong; {onnx}.",
        "{label}（第 {line} 行）是自定义类：quizcnn 按打印顺序运行了它的各个模块，这只是一种"
        "假设。print(model) 不显示 forward()：同一模块用了两次（几个卷积共用一个池化）、函数"
        "调用（F.relu、F.adaptive_avg_pool2d、torch.flatten）或 torch.cat 在其中都看不到，"
        "这时数字就会算错；{onnx}。",
    ),
    "calc_on_line": ("({name}) on line {line}", "第 {line} 行的 ({name})"),
    "calc_and_more": (" and {n} more", "等（另有 {n} 个）"),
    "calc_custom_gate": (
        " {which} looks like a squeeze-excitation gate (a global pool ... Sigmoid): forward() "
        "probably computes x * gate(x), which keeps x's shape; run in printed order, the "
        "layers after it see a 1x1 map instead.",
        "{which} 看起来是 squeeze-excitation 门控（全局池化 ... Sigmoid）：forward() 多半计算 "
        "x * gate(x)，形状与 x 相同；而按打印顺序运行时，它后面的层看到的是 1x1 的特征图。",
    ),
    "calc_custom_plain": (
        " The plain Sequential {which}{more} inside it ran in place, one after another; its "
        "order inside is known, but not how forward() uses it.",
        "其中的普通 Sequential {which}{more} 按原位逐个运行；它内部的顺序是已知的，但 "
        "forward() 怎样使用它并不知道。",
    ),
    "calc_internal": (
        "internal error ({error}); please report it with your layers",
        "内部错误（{error}）；请连同你的层一起报告此问题",
    ),
    # quizcnn calc --rf-at
    "calc_rfat_unreadable": (
        "--rf-at: cannot read {text}; give one output index per spatial axis, counted from 0, "
        "e.g. --rf-at 10,10",
        "--rf-at：无法识别 {text}；请为每个空间轴给出一个输出下标（从 0 开始），"
        "例如 --rf-at 10,10",
    ),
    "calc_rfat_axes": (
        "--rf-at: the last output {shape} has {n} spatial {axes}; give that many indices",
        "--rf-at：最后的输出 {shape} 有 {n} 个空间{axes}，请给出同样多的下标",
    ),
    "calc_axis": ("axis", "轴"),
    "calc_axes": ("axes", "轴"),
    "calc_rfat_no_axes": (
        "--rf-at: the last output {shape} has no spatial axes",
        "--rf-at：最后的输出 {shape} 没有空间轴",
    ),
    "calc_rfat_outside": (
        "--rf-at: position {pos} is outside the last output's spatial size {size} (indices "
        "count from 0)",
        "--rf-at：位置 {pos} 超出了最后输出的空间尺寸 {size}（下标从 0 开始）",
    ),
    # quizcnn calc: the table
    "calc_col_layer": ("layer", "层"),
    "calc_col_output": ("output", "输出"),
    "calc_col_params": ("params", "参数量"),
    "calc_col_rf": ("RF size / jump / start", "感受野 大小 / 步距 / 起点"),
    "calc_row_input": ("input", "输入"),
    "calc_row_total": ("total", "合计"),
    "calc_inserted_mark": (" [inserted]", " [自动插入]"),
    "calc_na": ("n/a", "无"),
    "calc_totals_label": ("Totals", "合计"),
    "calc_totals_main_path": (
        "Totals (main path only: the skipped branches below are not counted)",
        "合计（只算主路径：不含下面列出的跳过的分支）",
    ),
    "calc_totals": (
        "{label}: {params} parameters, {macs} MACs, {flops} FLOPs (batch 1).",
        "{label}：参数 {params} 个，MACs {macs}，FLOPs {flops}（批大小为 1）。",
    ),
    "calc_convention": ("Convention: {convention}.", "计数约定：{convention}。"),
    "calc_convention_core": (
        "FLOPs = 2 x MACs, bias not counted (torch.utils.flop_counter)",
        "FLOPs = 2 × MACs，不计偏置（与 torch.utils.flop_counter 相同）",
    ),
    "calc_rf_legend": (
        "RF: receptive field size in input pixels / jump (input pixels between neighbouring "
        "outputs) / start (input coordinate of the first pixel of output 0's field; negative "
        "= in the padding).",
        "感受野：大小（输入像素数）/ 步距（相邻两个输出之间隔开的输入像素数）/ 起点（输出 0 "
        "的感受野第一个像素的输入坐标；负数表示落在填充区内）。",
    ),
    "calc_rf_na": ("RF n/a at layer {where}: {note}", "第 {where} 层没有感受野数值：{note}"),
    "calc_rfat_suggest": (
        "The exact input box one output position sees can be computed: add --rf-at {middle} "
        "(one index per spatial axis of the last output).",
        "可以算出某一个输出位置看到的精确输入范围：加上 --rf-at {middle}（最后输出的每个空间轴"
        "一个下标）。",
    ),
    "calc_inserted_legend": (
        "[inserted]: a Flatten quizcnn added before the first Linear (forward() flattens "
        "there; print(model) does not show it).",
        "[自动插入]：quizcnn 在第一个 Linear 前加上的 Flatten（forward() 在那里展平，"
        "print(model) 不会显示它）。",
    ),
    "calc_note": ("Note: {note}", "注意：{note}"),
    "calc_skipped": (
        "Skipped residual branches (--main-path; not in the totals): {branches}",
        "跳过的残差分支（--main-path；不计入合计）：{branches}",
    ),
    "calc_box_none": (
        "Output position {where} sees no input pixel (only a bias reaches it).",
        "输出位置 {where} 看不到任何输入像素（只有偏置作用于它）。",
    ),
    "calc_box_span": ("{axis} {lo}..{hi} ({n} px)", "{axis} {lo}..{hi}（{n} 像素）"),
    "calc_box": (
        "Exact field of output position {where}: input {spans}, first..last inclusive; "
        "coordinates outside the input ({inside}) are padding.",
        "输出位置 {where} 的精确感受野：输入 {spans}，首尾都包含在内；超出输入范围"
        "（{inside}）的坐标是填充。",
    ),
    "calc_list_sep": (", ", "，"),
    # quizcnn calc on an ONNX file
    "graph_no_layers": (
        "an ONNX file is the whole network; give no LAYER arguments with it",
        "ONNX 文件就是整个网络，不要再同时给出层参数",
    ),
    "graph_flag": (
        "{flag} works on layer lists, not on ONNX files",
        "{flag} 只用于层列表，不用于 ONNX 文件",
    ),
    "graph_gzip": ("{name} is gzip data but not an ONNX model", "{name} 是 gzip 数据，但不是 ONNX 模型"),
    "graph_internal": (
        "internal error reading {name} ({error}); please report it",
        "读取 {name} 时出现内部错误（{error}）；请报告此问题",
    ),
    "graph_summary": (
        "{name}: input {input} -> output {output}, {nodes} nodes",
        "{name}：输入 {input} -> 输出 {output}，共 {nodes} 个节点",
    ),
    "graph_col_node": ("node", "节点"),
    "graph_col_op": ("op", "算子"),
    "graph_col_stage": ("stage", "阶段"),
    "graph_col_nodes": ("nodes", "节点数"),
    "graph_col_share": ("share", "占比"),
    "graph_col_rf_end": ("RF at its end", "末端感受野"),
    "graph_per_stage": ("Per stage (resolution)", "各阶段（按分辨率）"),
    "graph_top": ("Top {n} nodes by FLOPs", "FLOPs 最多的 {n} 个节点"),
    "graph_head": ("head", "头部"),
    "graph_convention": (
        "Convention: FLOPs = 2 x MACs, bias not counted (torch.utils.flop_counter); merges "
        "(Add, Concat, ...) count 0.",
        "计数约定：FLOPs = 2 × MACs，不计偏置（与 torch.utils.flop_counter 相同）；"
        "合并操作（Add、Concat 等）计为 0。",
    ),
    "graph_feature_map": (
        "Feature map: {node} ({shape}), RF {rf}",
        "特征图：{node}（{shape}），感受野 {rf}",
    ),
    "graph_fm_note": (" ({note})", "（{note}）"),
    "graph_global": (
        "; a global branch (gate or image-level pooling) also reaches it: global context, not "
        "counted in the size",
        "；还有一个全局分支（门控或整图池化）作用于它：这是全局信息，不计入大小",
    ),
    "graph_rf_legend": (
        "RF: size in input pixels / jump / start (input coordinate of the first pixel of "
        "output 0's field), the box covering every path.",
        "感受野：大小（输入像素数）/ 步距 / 起点（输出 0 的感受野第一个像素的输入坐标），"
        "取覆盖所有路径的范围。",
    ),
    "graph_every_node": ("Every node: add --json.", "要看每个节点：加上 --json。"),
})

CATALOGUE.update({
    # quizcnn generate
    "gen_count": ("--count must be between 1 and {most}, got {n}",
                  "--count 应在 1 到 {most} 之间，实际为 {n}"),
    "gen_input_needs_model": (
        "--input goes with --model (the input shape of a layer-text model file)",
        "--input 要和 --model 一起用（给层文本模型文件指定输入形状）",
    ),
    "gen_fewer": (
        "note: only {n} different problems of this template and difficulty turned up",
        "注意：这个题型和难度只出得了 {n} 道不同的题",
    ),
    "gen_seed_again": (
        "(seed {seed}: add --seed {seed} to get these problems again)",
        "（种子 {seed}：加上 --seed {seed} 可再次得到这些题）",
    ),
    "gen_template_and_model": (
        "--template and --model do not go together (--model asks about your model)",
        "--template 和 --model 不能同时使用（--model 针对你自己的模型出题）",
    ),
    "gen_list_item": ("{id}  ({title}; asks: {quantity})", "{id}（{title}；所求：{quantity}）"),
    # quizcnn drill (the command's own messages)
    "drill_needs_terminal": (
        "quizcnn: the drill app needs a terminal; use 'quizcnn drill --plain' for piped input",
        "quizcnn：练习界面需要在终端里运行；通过管道输入请用 'quizcnn drill --plain'",
    ),
    "drill_model_needs_terminal": (
        "quizcnn: the drill app needs a terminal; use 'quizcnn drill --model FILE --plain' for "
        "piped input",
        "quizcnn：练习界面需要在终端里运行；通过管道输入请用 'quizcnn drill --model FILE "
        "--plain'",
    ),
    "drill_flag_vs_model": (
        "{flag} selects bank cards; --model asks about your model",
        "{flag} 用于挑选题库里的卡片，而 --model 针对你自己的模型出题",
    ),
    "drill_input_seed": ("--input and --seed go with --model", "--input 和 --seed 要和 --model 一起用"),
    "drill_bank_skipped_one": (
        "{n} problem in the question bank was skipped; see 'quizcnn bank check'",
        "题库中有 {n} 处问题，相关内容已跳过；详见 'quizcnn bank check'",
    ),
    "drill_bank_skipped": (
        "{n} problems in the question bank were skipped; see 'quizcnn bank check'",
        "题库中有 {n} 处问题，相关内容已跳过；详见 'quizcnn bank check'",
    ),
    "cli_kept": (
        "{error} (answers reported as saved before this are kept)",
        "{error}（此前提示已保存的答案都还在）",
    ),
    "cli_not_whole": ("not a whole number: {text}", "不是整数：{text}"),
    "cli_at_least_1": ("must be at least 1: {n}", "应至少为 1，实际为 {n}"),
})

CATALOGUE.update({
    # quizcnn bank
    "bank_no_such_path": ("no such file or folder: {path}", "没有这个文件或文件夹：{path}"),
    "bank_severity_error": ("error", "错误"),
    "bank_severity_warning": ("warning", "警告"),
    "bank_finding": ("{where}: {severity}: {message}{hint}", "{where}：{severity}：{message}{hint}"),
    "bank_hint": (" ({hint})", "（{hint}）"),
    "bank_more": (
        "... and {n} more {what} like: {first} (--all prints every one)",
        "……另有 {n} 条同类{what}，例如：{first}（--all 可全部列出）",
    ),
    "bank_more_errors": ("errors", "错误"),
    "bank_more_warnings": ("warnings", "警告"),
    "bank_summary": (
        "{files} files, {questions} questions: {errors} errors, {warnings} warnings",
        "{files} 个文件，{questions} 道题：{errors} 个错误，{warnings} 个警告",
    ),
    "bank_listed": ("{n} questions", "共 {n} 道题"),
    "bank_stats_head": (
        "{n} questions ({files} files, {errors} errors, {warnings} warnings)",
        "共 {n} 道题（{files} 个文件，{errors} 个错误，{warnings} 个警告）",
    ),
    "bank_by_topic": ("by topic:", "按主题："),
    "bank_by_type": ("by type:", "按题型："),
    "bank_by_language": ("by language:", "按语言："),
    "bank_by_origin": ("by origin:", "按来源："),
    "bank_origin_shipped": ("shipped", "自带题库"),
    "bank_origin_user": ("user", "你的题目"),
    "bank_origin_extra": ("extra", "额外题库"),
})

CATALOGUE.update({
    # quizcnn stats (quizcnn.store.stats.render)
    "stats_cli_title": ("Progress on {day}", "{day} 的学习进度"),
    "stats_cli_cards": (
        "  cards {cards}: new {new}, learning {learning}, review {review}, suspended "
        "{suspended}, leeches {leeches}, orphaned {orphaned}",
        "  卡片 {cards} 张：新卡片 {new}，学习中 {learning}，复习中 {review}，已暂停 "
        "{suspended}，难记卡 {leeches}，题目已不在题库 {orphaned}",
    ),
    "stats_cli_due": ("  due today {due}; streak {streak}", "  今天到期 {due} 张；已连续学习 {streak} 天"),
    "stats_cli_retention_none": (
        "  true retention (30 days): no reviews of mature cards yet",
        "  真实保持率（30 天）：还没有成熟卡片的复习记录",
    ),
    "stats_cli_retention": (
        "  true retention (30 days): {pct} of {answers}",
        "  真实保持率（30 天）：{pct}，共 {answers} 次回答",
    ),
    "stats_cli_accuracy": (
        "  recent accuracy ({days} days): {pct} of {answers} right or recalled",
        "  近期正确率（{days} 天）：{answers} 次回答中 {pct} 答对或想起",
    ),
    "stats_cli_per_day": ("Reviews per day (last 30 days)", "每日复习数（最近 30 天）"),
    "stats_cli_forecast": ("Due in the next 30 days", "未来 30 天的到期数"),
    "stats_cli_mastery": (
        "Mastery by topic (mean recall probability now)",
        "各主题掌握度（当前的平均回忆概率）",
    ),
    "stats_cli_no_cards": ("  no cards yet", "  还没有卡片"),
    "stats_cli_topic": (
        "  {topic}  {pct}  {bar}  {studied}/{cards} studied",
        "  {topic}  {pct}  {bar}  已学 {studied}/{cards}",
    ),
})

CATALOGUE.update({
    # quizcnn plan / quizcnn interview (their own catalogues hold the rest)
    "cli_not_number": ("not a number: {text}", "不是数字：{text}"),
    "cli_minutes_range": ("must be 1 to 180 minutes: {n}", "分钟数应在 1 到 180 之间，实际为 {n}"),
    "iv_json_needs_history": (
        "--json goes with --history (the round's own report: --json-report FILE)",
        "--json 要和 --history 一起用（本轮自己的报告请用 --json-report FILE）",
    ),
    "iv_needs_terminal": (
        "the interview screen needs a terminal; use 'quizcnn interview --plain' for piped input",
        "面试界面需要在终端里运行；通过管道输入请用 'quizcnn interview --plain'",
    ),
    "iv_no_topic": ("no questions with topic '{topic}' (topics: {known})",
                    "没有主题为 '{topic}' 的题（已有主题：{known}）"),
    "iv_cannot_write": ("{path}: cannot write ({why})", "{path}：无法写入（{why}）"),
    "iv_round_saved": (
        "{error} (the round is saved: 'quizcnn interview --history --report FILE' prints it "
        "again)",
        "{error}（本轮已保存：'quizcnn interview --history --report FILE' 可重新生成报告）",
    ),
    "iv_nothing_to_report": ("no interview to report yet", "还没有可以生成报告的面试"),
    "iv_unknown_format": (
        "{path}: unknown report format '{suffix}'; end the name with .html, .pdf or .md",
        "{path}：未知的报告格式 '{suffix}'；文件名请以 .html、.pdf 或 .md 结尾",
    ),
    "iv_no_suffix": ("(none)", "（无）"),
    "iv_same_file": ("--json-report and --report name the same file",
                     "--json-report 和 --report 指向同一个文件"),
})
