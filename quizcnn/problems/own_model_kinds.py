"""The kinds of question asked about the user's own network (``own_model``): the output shape
of a named node, the parameters of a block, a stage's share of the FLOPs, the receptive field
of a stage's output, and which node's output takes the most activation memory.

Each builder picks its subject with the session's ``random.Random`` and returns a ``Problem``
(or None when the model has nothing of that kind). Answers and every number in the worked
solutions are read from the core's ``GraphReport`` (per node: shapes, parameters, MACs, the
receptive field) or computed by the core on the node's own layer (``analyze`` for the size
formulas); the steps reuse ``quizcnn.problems.solutions``.

A module a little over 400 lines: five question kinds, each a subject draw, a prompt in two
languages and its worked steps, sharing one Problem builder; splitting them would scatter
that shared part.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from fractions import Fraction

from quizcnn.core.base import Layer, prod
from quizcnn.core.graph import NodeReport
from quizcnn.core.graph_ops import GraphOp
from quizcnn.problems.answers import Answer, shape_example
from quizcnn.problems.common import fmt_answer, fmt_int, fmt_shape, fmt_sig, fmt_tex_shape
from quizcnn.problems.forms import Extra
from quizcnn.problems.model import QUANTITY_KINDS, Misconception, Problem, Step
from quizcnn.problems.own_model import TEMPLATE, OwnModel, Stage, stages
from quizcnn.problems.solutions import (
    both,
    dilation_of,
    join,
    note,
    params_steps,
    ratio_note,
    shape_eq,
    windowed,
)
from quizcnn.problems.templates.base import ORDER_NOTE, RULE_WORDS, _clean, shape_order

TITLES = {
    "shape": ("Your model: output shape of a node", "你的模型：某个节点的输出形状"),
    "block-params": ("Your model: parameters of a block", "你的模型：一个模块的参数量"),
    "stage-flops": ("Your model: a stage's share of the FLOPs", "你的模型：某阶段占 FLOPs 的比例"),
    "stage-rf": ("Your model: receptive field of a stage", "你的模型：某阶段输出的感受野"),
    "memory": ("Your model: the largest activation", "你的模型：最大的激活张量"),
}
OPTION_NOTE = ("Answer with the option's number (1–{n}).", "请回答选项的编号（1–{n}）。")
BYTES_F32 = 4


def _intro(model: OwnModel) -> tuple[str, str]:
    x = fmt_tex_shape(model.report.input)
    return (f"Your model `{model.name}` takes an input of shape $C \\times H \\times W = {x}$ "
            "(batch 1).",
            f"你的模型 `{model.name}` 的输入形状为 $C \\times H \\times W = {x}$（批大小 1）。")


def _op_text(r: NodeReport) -> str:
    op = r.node.op
    return op.text() if isinstance(op, Layer) else op.kind


def _node_text(model: OwnModel, r: NodeReport) -> str:
    label = model.label(r)
    extra = f", node `{r.node.name}`" if label != r.node.name else ""
    return f"`{label}` (`{_op_text(r)}`{extra})"


def _node_text_zh(model: OwnModel, r: NodeReport) -> str:
    label = model.label(r)
    extra = f"，节点 `{r.node.name}`" if label != r.node.name else ""
    return f"`{label}`（`{_op_text(r)}`{extra}）"


def _build(model: OwnModel, kind: str, seed: int, quantity: str, answer: Answer,
           prompt: tuple[str, str], steps: dict[str, list[Step]], hints: tuple[list[str], list[str]],
           mistakes: list[Misconception | None], layers: list[str],
           extra: Extra) -> Problem:
    """A Problem as the templates make them (answer forms, misconceptions, answer text)."""
    ptype = "shape" if isinstance(answer, tuple) else QUANTITY_KINDS[quantity]
    shape = answer if isinstance(answer, tuple) else ()
    extra = {"model": model.name, "kind": kind, **extra}
    if ptype == "shape":
        extra.setdefault("dims", {2: ("C", "L"), 3: ("C", "H", "W"), 4: ("C", "D", "H", "W")}.get(
            len(shape), tuple(str(i) for i in range(len(shape)))))
    wrong = _clean(ptype, answer, [m for m in mistakes if m is not None])
    if ptype == "shape" and tuple(extra["dims"])[:1] == ("C",):
        flipped = tuple(shape[1:]) + (shape[0],)
        if flipped != shape and all(m.value != flipped for m in wrong):
            wrong.append(shape_order(extra["dims"], flipped))
    texts: dict[str, str] = {}
    for i, lang in enumerate(("en", "zh")):
        if quantity == "option":
            tip = OPTION_NOTE[i].format(n=extra["options"])
        else:
            tip = ORDER_NOTE[ptype][i]
            if ptype == "shape":
                ex = shape_example(len(shape))
                parts = ex.split("x")
                tip = tip.format(order="×".join(extra["dims"]), example=ex,
                                 spaced=", ".join(parts), grouped=",".join(parts),
                                 rule=RULE_WORDS[i])
        texts[lang] = prompt[i].rstrip() + "\n\n*" + tip + "*"
    answer_text = fmt_answer(quantity, answer)
    if quantity == "option":
        answer_text = f"{answer} ({extra['answer_label']})"
    return Problem(
        template=TEMPLATE, template_version=1, seed=seed, difficulty=2, quantity=quantity,
        prompt=texts, layers=layers, input_shape=tuple(model.report.input), answer=answer,
        answer_text=answer_text, steps=steps, hints={"en": hints[0], "zh": hints[1]},
        tags=["own-model", f"own-model:{kind}"], misconceptions=wrong,
        title={"en": TITLES[kind][0], "zh": TITLES[kind][1]}, extra=extra)


def problem_key(p: Problem) -> tuple[str | None, str | tuple[str, ...] | None]:
    return (p.extra.get("kind"), p.extra.get("subject"))


def _retitle(steps: dict[str, list[Step]], names: dict[int, str]) -> dict[str, list[Step]]:
    """Put node labels in place of the "Layer i" the shared step builders write."""
    out: dict[str, list[Step]] = {}
    for lang, lst in steps.items():
        fixed = []
        for s in lst:
            title = s.title
            for i, name in names.items():
                for old in (f"Layer {i} (", f"第 {i} 层（", f"MACs of layer {i} ("):
                    if title.startswith(old):
                        title = title.replace(old[:-1].rstrip(), f"`{name}`", 1)
            fixed.append(Step(title, s.formula, s.substitution, s.result))
        out[lang] = fixed
    return out


def _by_name(model: OwnModel) -> dict[str, NodeReport]:
    return {r.node.name: r for r in model.report.nodes}


def _spatial(shape: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(shape[1:])


# -- 1. the output shape of a named node -----------------------------------------------------
def _path(model: OwnModel, target: NodeReport) -> list[NodeReport]:
    """The nodes from the input to ``target`` following each node's first input."""
    by = _by_name(model)
    chain = [target]
    while chain[-1].node.inputs and chain[-1].node.inputs[0] in by:
        chain.append(by[chain[-1].node.inputs[0]])
    return chain[::-1]


def shape_problem(model: OwnModel, rng: random.Random, seed: int) -> Problem | None:
    from quizcnn.core.analyze import analyze
    from quizcnn.problems.solutions import size_steps

    rank = len(model.report.input)
    picks = [r for r in model.report.nodes
             if len(r.output) == rank and rank >= 2 and r.field.state == "spatial"
             and (hasattr(r.node.op, "kernel_size") or r.node.op.kind == "Concat")]
    if not picks:
        return None
    target = picks[rng.randrange(len(picks))]
    answer = tuple(target.output)
    en: list[Step] = [Step("The input", "", "", shape_eq(model.report.input))]
    zh: list[Step] = [Step("输入", "", "", shape_eq(model.report.input))]
    steps = both(en, zh)
    for r in _path(model, target):
        if _spatial(r.output) == _spatial(r.inputs[0]):
            continue
        op = r.node.op
        name = model.label(r)
        if isinstance(op, Layer) and len(r.inputs[0]) == rank:
            part = _retitle(size_steps(analyze(r.inputs[0], [op])), {1: name})
        else:
            part = note(f"`{name}` ({op.kind}): {fmt_shape(r.inputs[0])} → {fmt_shape(r.output)}",
                        f"`{name}`（{op.kind}）：{fmt_shape(r.inputs[0])} → {fmt_shape(r.output)}",
                        shape_eq(r.output))
        steps = join(steps, part)
    op = target.node.op
    c = answer[0]
    if op.kind == "Concat":
        parts = " + ".join(str(s[0]) for s in target.inputs)
        chan = note("Channels: a concatenation adds its inputs' channels",
                    "通道数：拼接把各输入的通道数相加", f"$C = {c}$", "", f"$C = {parts}$")
    elif hasattr(op, "out_channels"):
        chan = note("Channels: the layer's out_channels", "通道数：该层的 out_channels", f"$C = {c}$")
    else:
        chan = note("Channels: unchanged by this layer", "通道数：该层不改变通道数", f"$C = {c}$")
    steps = join(steps, chan, note("Output shape", "输出形状", shape_eq(answer)))
    node_en, node_zh = _node_text(model, target), _node_text_zh(model, target)
    intro = _intro(model)
    prompt = (f"{intro[0]}\n\nWhat is the shape of the output of {node_en}?",
              f"{intro[1]}\n\n{node_zh} 的输出形状是什么？")
    hints = (["Only strided layers, pools and padding that differs from the kernel change H and W;"
              " follow them from the input.",
              r"Conv/pool size: $\left\lfloor \frac{n + 2p - d(k-1) - 1}{s} \right\rfloor + 1$."],
             ["只有带步幅的层、池化层以及填充与卷积核不匹配的层会改变 H 和 W；从输入开始依次计算。",
              r"卷积/池化尺寸：$\left\lfloor \frac{n + 2p - d(k-1) - 1}{s} \right\rfloor + 1$。"])
    return _build(model, "shape", seed, "output_shape", answer, prompt, steps, hints, [],
                  [op.text()], {"subject": target.node.name, "node": target.node.name})


# -- 2. the parameters of a block --------------------------------------------------------------
def _blocks(model: OwnModel) -> dict[str, list[NodeReport]]:
    """Module-path prefixes holding 2..16 nodes with parameters (``layer1.0``, ``features.3``)."""
    found: dict[str, list[NodeReport]] = {}
    for r in model.report.nodes:
        label = model.label(r)
        if not r.params or "." not in label or label.startswith("/"):
            continue
        parts = label.split(".")
        for n in range(1, len(parts)):
            found.setdefault(".".join(parts[:n]), []).append(r)
    return {k: v for k, v in found.items() if 2 <= len(v) <= 16}


def block_params_problem(model: OwnModel, rng: random.Random, seed: int) -> Problem | None:
    blocks = _blocks(model)
    if not blocks:
        return None
    names = sorted(blocks)
    block = names[rng.randrange(len(names))]
    members = [r for r in model.report.nodes
               if model.label(r) == block or model.label(r).startswith(block + ".")]
    answer = sum(r.params for r in members)
    weighted = [r for r in members if r.params]

    class _Rep:  # what params_steps reads: .layers (layer, index, params) and .params
        def __init__(self) -> None:
            self.layers = [_Row(r.node.op, i, r.params) for i, r in enumerate(weighted)]
            self.params = answer

    steps = _retitle(params_steps(_Rep()), {i + 1: model.label(r) for i, r in enumerate(weighted)})
    mistakes: list[Misconception | None] = []
    norms = sum(r.params for r in weighted if "Norm" in r.node.op.kind)
    if norms:
        mistakes.append(Misconception("own-norm-forgotten", {
            "en": "That leaves out the normalisation layers: BatchNorm has 2C learnable "
                  "parameters (γ and β).",
            "zh": "这漏掉了归一化层：BatchNorm 有 2C 个可学习参数（γ 和 β）。"}, answer - norms))
    branch = sum(r.params for r in weighted
                 if any(w in model.label(r) for w in ("downsample", "shortcut")))
    if branch:
        mistakes.append(Misconception("own-branch-forgotten", {
            "en": "That is the main path only: the block's shortcut (downsample) branch has "
                  "parameters too.",
            "zh": "这只算了主路径：该模块的捷径（downsample）分支也有参数。"}, answer - branch))
    intro = _intro(model)
    listing = "\n".join(f"- `{model.label(r)}`: `{r.node.op.text()}`" for r in members
                        if isinstance(r.node.op, Layer))
    prompt = (f"{intro[0]}\n\nThe block `{block}` holds these layers:\n\n{listing}\n\n"
              "How many learnable parameters does the block have?",
              f"{intro[1]}\n\n模块 `{block}` 包含以下各层：\n\n{listing}\n\n这个模块一共有多少个可学习参数？")
    hints = (["Conv weights: $C_{out} \\cdot \\frac{C_{in}}{g} \\cdot k^2$, plus $C_{out}$ with "
              "a bias; BatchNorm: 2C; activations and pools: 0."],
             ["卷积权重：$C_{out} \\cdot \\frac{C_{in}}{g} \\cdot k^2$，有偏置再加 $C_{out}$；"
              "BatchNorm：2C；激活和池化：0。"])
    return _build(model, "block-params", seed, "params", answer, prompt, steps, hints, mistakes,
                  [r.node.op.text() for r in weighted],
                  {"subject": block, "block": block, "nodes": [r.node.name for r in members]})


class _Row:
    def __init__(self, layer: Layer | GraphOp, index: int, params: int) -> None:
        self.layer, self.index, self.params = layer, index, params


# -- 3. a stage's share of the FLOPs ---------------------------------------------------------------
def _stage_name(model: OwnModel, st: Stage) -> tuple[str, str]:
    first, last = model.label(st.nodes[0]), model.label(st.nodes[-1])
    return (f"the {st.key} stage (the {len(st.nodes)} nodes from `{first}` to `{last}`)",
            f"{st.key} 阶段（从 `{first}` 到 `{last}` 的 {len(st.nodes)} 个节点）")


def stage_flops_problem(model: OwnModel, rng: random.Random, seed: int) -> Problem | None:
    all_stages = stages(model.report)
    total = model.report.flops
    picks = [st for st in all_stages if st.key != "head" and st.flops]
    if len(picks) < 2 or not total:
        return None
    st = picks[rng.randrange(len(picks))]
    answer = Fraction(st.flops, total)
    ranked = sorted((r for r in st.nodes if r.flops), key=lambda r: (-r.flops, r.index))
    shown, rest = ranked[:5], ranked[5:]
    terms = [fmt_int(r.flops) for r in shown] + ([fmt_int(sum(r.flops for r in rest))] if rest else [])
    listed = ", ".join(f"`{model.label(r)}`" for r in shown)
    f = r"$\text{FLOPs}_{stage} = \sum_{nodes} 2 \cdot \text{MACs}$"
    sub = r"$\text{FLOPs}_{stage} = " + " + ".join(terms) + "$"
    res = rf"$\text{{FLOPs}}_{{stage}} = {fmt_int(st.flops)}$"
    more_en = f" and the other {len(rest)} together" if rest else ""
    more_zh = f"，以及其余 {len(rest)} 个节点之和" if rest else ""
    steps = join(
        both([Step(f"FLOPs of the stage: {listed}{more_en}", f, sub, res)],
             [Step(f"该阶段的 FLOPs：{listed}{more_zh}", f, sub, res)]),
        note("FLOPs of the whole network (every stage and the head)",
             "整个网络的 FLOPs（所有阶段加上头部）", rf"$\text{{FLOPs}} = {fmt_int(total)}$",
             r"$\text{FLOPs} = \sum_{stages} \text{FLOPs}_{stage}$",
             r"$\text{FLOPs} = " + " + ".join(fmt_int(s.flops) for s in all_stages) + "$"),
        ratio_note(("stage", "该阶段"), ("network", "整个网络"), st.flops, total, answer))
    mistakes: list[Misconception | None] = []
    if model.report.params and st.params:
        mistakes.append(Misconception("own-params-share", {
            "en": "That is the stage's share of the parameters; compute follows the feature map "
                  "size, parameters do not.",
            "zh": "这是该阶段占参数量的比例；计算量随特征图尺寸变化，参数量则不然。"},
            Fraction(st.params, model.report.params)))
    where_en, where_zh = _stage_name(model, st)
    intro = _intro(model)
    prompt = (f"{intro[0]} Its nodes at one spatial resolution form a stage.\n\nWhat share of "
              f"the network's FLOPs (batch 1) is spent in {where_en}?",
              f"{intro[1]}同一空间分辨率上的节点构成一个阶段。\n\n{where_zh}占整个网络 FLOPs"
              "（批大小 1）的比例是多少？")
    hints = (["A conv's MACs: output positions × $C_{out}$ × $\\frac{C_{in}}{g} k^2$; "
              "FLOPs = 2 × MACs; pools, norms and activations count 0."],
             ["卷积的 MACs：输出位置数 × $C_{out}$ × $\\frac{C_{in}}{g} k^2$；FLOPs = 2 × MACs；"
              "池化、归一化和激活计 0。"])
    return _build(model, "stage-flops", seed, "ratio", answer, prompt, steps, hints, mistakes,
                  [], {"subject": st.key, "stage": st.key,
                       "nodes": [r.node.name for r in st.nodes],
                       "stage_flops": st.flops, "total_flops": total})


# -- 4. the receptive field of a stage's output -------------------------------------------------
def _field_size(r: NodeReport | None, axis: int) -> tuple[int, int]:
    """(size, jump) of a node's field along ``axis`` (the input: one pixel, jump 1)."""
    if r is None:
        return 1, 1
    f = r.field
    return f.hi[axis] - f.lo[axis] + 1, f.jump[axis]


def _widest_path(model: OwnModel, target: NodeReport, axis: int) -> list[NodeReport]:
    """From the input to ``target``, through the input with the widest field at each merge."""
    by = _by_name(model)
    chain = [target]
    while chain[-1].node.inputs:
        ins = [by.get(n) for n in chain[-1].node.inputs]
        spatial = [r for r in ins if r is not None and r.field.state == "spatial"]
        if not spatial:
            break
        chain.append(max(spatial, key=lambda r: (_field_size(r, axis)[0], -r.index)))
    return chain[::-1]


F_RF = r"$r = r' + d(k-1) \cdot j', \quad j = j' \cdot s$"


def stage_rf_problem(model: OwnModel, rng: random.Random, seed: int) -> Problem | None:
    picks = [st for st in stages(model.report)
             if st.key != "head" and st.nodes[-1].rf is not None
             and st.nodes[-1].field.state == "spatial"]
    if not picks:
        return None
    st = picks[rng.randrange(len(picks))]
    target = st.nodes[-1]
    rf = target.rf
    assert rf is not None
    answer = rf.size[0]
    en: list[Step] = []
    zh: list[Step] = []
    prev: NodeReport | None = None
    naive = 1
    for r in _widest_path(model, target, 0):
        r0, j0 = _field_size(prev, 0)
        size, jump = _field_size(r, 0)
        op = r.node.op
        name = model.label(r)
        prev = r
        if (size, jump) == (r0, j0):
            continue
        win = windowed(op) if isinstance(op, Layer) else None  # a layer with a kernel window
        if win is not None and len(r.inputs) == 1:
            k = win.kernel_size
            d = dilation_of(win)[0]
            s = win.stride[0]
            naive += d * (k[0] - 1)
            if r0 + d * (k[0] - 1) * j0 == size and j0 * s == jump:
                sub = f"$r = {r0} + {d} \\cdot ({k[0]}-1) \\cdot {j0}, \\quad j = {j0} \\cdot {s}$"
                res = f"$r = {size}, \\quad j = {jump}$"
                en.append(Step(f"`{name}` ({op.kind}, k={k[0]}, s={s})", F_RF, sub, res))
                zh.append(Step(f"`{name}`（{op.kind}，k={k[0]}，s={s}）", F_RF, sub, res))
                continue
        res = f"$r = {size}, \\quad j = {jump}$"
        en.append(Step(f"`{name}` ({op.kind}): the field covering all its inputs' paths",
                       "", "", res))
        zh.append(Step(f"`{name}`（{op.kind}）：覆盖其所有输入路径的感受野", "", "", res))
    start = Step("Start from one input pixel", "", "", r"$r = 1, \quad j = 1$")
    steps = {"en": [start, *en], "zh": [Step("从一个输入像素出发", "", "", r"$r = 1, \quad j = 1$"), *zh]}
    mistakes: list[Misconception | None] = [Misconception("own-rf-no-jump", {
        "en": "The kernels were added without the jump: each layer adds $d(k-1)$ times the "
              "product of the strides before it.",
        "zh": "把卷积核尺寸直接相加而没有乘以跳步：每层增加 $d(k-1)$ 乘以它之前各层步幅之积。"},
        naive)] if naive != answer else []
    where_en, where_zh = _stage_name(model, st)
    square = len(set(rf.size)) == 1
    intro = _intro(model)
    prompt = (f"{intro[0]}\n\nWhat is the receptive field size (in input pixels, along the "
              f"height{', equal to the width' if square else ''}) of the output of {where_en}, "
              f"that is of {_node_text(model, target)}? Count every path through the network.",
              f"{intro[1]}\n\n{where_zh}的输出，即 {_node_text_zh(model, target)}，感受野沿高度"
              f"{'（与宽度相同）' if square else ''}有多少个输入像素？请考虑网络中的所有路径。")
    hints = (["$r_l = r_{l-1} + d(k-1) \\cdot j_{l-1}$ with the jump $j$ the product of the "
              "strides so far; where paths merge, take the widest."],
             ["$r_l = r_{l-1} + d(k-1) \\cdot j_{l-1}$，跳步 $j$ 是此前各层步幅之积；多条路径"
              "汇合处取最宽的。"])
    return _build(model, "stage-rf", seed, "rf_size", answer, prompt, steps, hints, mistakes,
                  [], {"subject": st.key, "stage": st.key, "node": target.node.name})


# -- 5. which node's output takes the most activation memory ----------------------------------------
def memory_problem(model: OwnModel, rng: random.Random, seed: int) -> Problem | None:
    layers = list(model.report.nodes)  # a concatenation can be the largest of all
    if not layers:
        return None
    top = max(prod(r.output) for r in layers)
    best = [r for r in layers if prod(r.output) == top]
    best_convs = [r for r in best if hasattr(r.node.op, "kernel_size")] or best
    winner = best_convs[rng.randrange(len(best_convs))]
    by_size: dict[int, list[NodeReport]] = {}
    for r in layers:
        if prod(r.output) < top:
            by_size.setdefault(prod(r.output), []).append(r)
    sizes = sorted(by_size)
    if len(sizes) < 2:
        return None
    chosen = rng.sample(sizes, min(3, len(sizes)))
    others = [by_size[n][rng.randrange(len(by_size[n]))] for n in chosen]
    options = [winner, *others]
    rng.shuffle(options)
    answer = options.index(winner) + 1
    lines_en, lines_zh, steps_en, steps_zh = [], [], [], []
    mistakes: list[Misconception | None] = []
    for i, r in enumerate(options, 1):
        n = prod(r.output)
        lines_en.append(f"{i}. {_node_text(model, r)}")
        lines_zh.append(f"{i}. {_node_text_zh(model, r)}")
        f = r"$N = C \cdot H \cdot W, \quad B = 4N$" if len(r.output) == 3 else r"$B = 4N$"
        dims = r" \cdot ".join(map(str, r.output))
        sub = f"$N = {dims}, \\quad B = 4 \\cdot {fmt_int(n)}$"
        res = f"$N = {fmt_int(n)}, \\quad B = {fmt_int(BYTES_F32 * n)}$"
        steps_en.append(Step(f"Option {i}: `{model.label(r)}`, output {fmt_shape(r.output)}",
                             f, sub, res))
        steps_zh.append(Step(f"选项 {i}：`{model.label(r)}`，输出 {fmt_shape(r.output)}",
                             f, sub, res))
        if r is not winner:
            mistakes.append(Misconception(f"own-option-{i}", {
                "en": f"Option {i} (`{model.label(r)}`) holds {fmt_int(n)} values; option "
                      f"{answer} holds {fmt_int(top)}.",
                "zh": f"选项 {i}（`{model.label(r)}`）有 {fmt_int(n)} 个值；选项 {answer} 有 "
                      f"{fmt_int(top)} 个。"}, i))
    steps = join(both(steps_en, steps_zh), note(
        f"The largest: option {answer} ({fmt_sig(BYTES_F32 * top)}B in float32)",
        f"最大的是选项 {answer}（float32 下 {fmt_sig(BYTES_F32 * top)}B）",
        f"$N = {fmt_int(top)}$"))
    intro = _intro(model)
    prompt = (f"{intro[0]}\n\nWhich of these nodes' output tensor takes the most memory "
              "(float32, batch 1)?\n\n" + "\n".join(lines_en),
              f"{intro[1]}\n\n下面哪个节点的输出张量占用的内存最多（float32，批大小 1）？\n\n"
              + "\n".join(lines_zh))
    hints = (["An output holds $C \\cdot H \\cdot W$ values of 4 bytes each: early, high-resolution"
              " layers are often the largest even with few channels."],
             ["输出张量有 $C \\cdot H \\cdot W$ 个值，每个 4 字节：前面分辨率高的层即使通道少也常常最大。"])
    return _build(model, "memory", seed, "option", answer, prompt, steps, hints, mistakes,
                  [r.node.op.text() for r in options],
                  {"subject": tuple(sorted(r.node.name for r in options)),
                   "options": len(options), "answer_label": model.label(winner),
                   "option_nodes": [r.node.name for r in options], "elements": top})


KINDS: dict[str, Callable[[OwnModel, random.Random, int], Problem | None]] = {
    "shape": shape_problem,
    "block-params": block_params_problem,
    "stage-flops": stage_flops_problem,
    "stage-rf": stage_rf_problem,
    "memory": memory_problem,
}
