"""Block templates: BatchNorm folding and MobileNetV2's inverted residual (squeeze-and-excitation
and DenseNet channel growth are in ``channels.py``). Answers come from ``quizcnn.core.blocks``; the calls that give each
answer are kept in ``extra["core"]`` (function, arguments, field; several calls are summed) so
anyone can recompute them.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypedDict

from quizcnn.problems.common import L, Spec, SpecKwargs, fmt_int, pick, spec_text
from quizcnn.problems.forms import CallArg, CoreCall
from quizcnn.problems.mistakes import mistake
from quizcnn.problems.model import Misconception, Step
from quizcnn.problems.solutions import Steps, both, join
from quizcnn.problems.templates.base import Draft, Template


class FoldedConv(TypedDict):
    """The arguments of ``quizcnn.core.bn_fold`` for one conv + BatchNorm."""

    in_ch: int
    out_ch: int
    kernel: int | tuple[int, int]
    groups: int
    bias: bool


def code_block(specs: Sequence[Spec]) -> str:
    return "```python\n" + "\n".join(spec_text(s) for s in specs) + "\n```"


def call(fn: str, **args: CallArg) -> CoreCall:
    return {"fn": fn, "args": args}


def core_value(calls: Sequence[CoreCall], field: str) -> int:
    """Sum of ``field`` over the core calls (the same reading the tests repeat)."""
    import quizcnn.core as core

    # the functions and fields are named by data (extra["core"]); every field read is an int
    total: int = sum(getattr(getattr(core, c["fn"])(**c["args"]), field) for c in calls)
    return total


def eq(en: str, zh: str, lhs: str, formula: str, sub: str, value: int) -> Steps:
    """One step: ``lhs = formula``, ``lhs = numbers``, ``lhs = value``."""
    f = f"${lhs} = {formula}$" if formula else ""
    s = f"${lhs} = {sub}$" if sub else ""
    r = f"${lhs} = {fmt_int(value)}$"
    return both([Step(en, f, s, r)], [Step(zh, f, s, r)])


def nums(*values: int) -> str:
    return r" \cdot ".join(fmt_int(v) for v in values)


def _k(k: int | tuple[int, int]) -> tuple[int, int]:
    return (k, k) if isinstance(k, int) else (k[0], k[1])


# -- BatchNorm folding ----------------------------------------------------------------------
class BNFolding(Template):
    id = "bn-folding"
    title = {"en": "Folding BatchNorm into the conv", "zh": "把 BatchNorm 折叠进卷积"}
    quantity = "params"
    tags = ("batchnorm", "bn-folding", "parameters", "inference")
    knobs = {
        1: {"layers": "Conv2d(bias=False) + BatchNorm2d", "ask": "parameters after folding"},
        2: {"layers": "Conv2d (bias either way, maybe depthwise) + BatchNorm2d",
            "ask": "parameters removed by folding"},
        3: {"layers": "depthwise + pointwise conv, each with BatchNorm2d",
            "ask": "parameters after folding both"},
    }

    def _steps(self, conv: FoldedConv, i: int | None = None) -> Steps:
        cin, cout, k, g, bias = (conv["in_ch"], conv["out_ch"], _k(conv["kernel"]),
                                 conv["groups"], conv["bias"])
        from quizcnn.core import bn_fold

        f = bn_fold(cin, cout, conv["kernel"], groups=g, bias=bias)
        w = cout * (cin // g) * k[0] * k[1]
        tag_en, tag_zh = (f" (conv {i})", f"（第 {i} 个卷积）") if i else ("", "")
        per = f"\\frac{{{cin}}}{{{g}}}" if g != 1 else str(cin)
        parts = [eq(f"Conv weights{tag_en}", f"卷积权重{tag_zh}", r"\text{W}",
                    r"C_{out} \cdot \frac{C_{in}}{g} \cdot k_1 k_2",
                    rf"{cout} \cdot {per} \cdot {k[0]} \cdot {k[1]}", w),
                 eq(f"Before: conv{' + bias' if bias else ''} + BatchNorm's gamma and beta"
                    f"{tag_en}", f"折叠前：卷积{'加偏置' if bias else ''}，再加 BatchNorm 的 "
                    f"γ 和 β{tag_zh}", r"\text{before}",
                    r"\text{W}" + (" + C_{out}" if bias else "") + r" + 2 \cdot C_{out}",
                    f"{fmt_int(w)}" + (f" + {cout}" if bias else "") + f" + 2 \\cdot {cout}",
                    f.before),
                 eq(f"After: the same weights and one bias per channel (beta and the old bias "
                    f"merge){tag_en}", f"折叠后：权重个数不变，每个通道一个偏置（β 与原偏置合并）"
                    f"{tag_zh}", r"\text{after}", r"\text{W} + C_{out}",
                    f"{fmt_int(w)} + {cout}", f.after)]
        return join(*parts)

    def draw(self, rng: random.Random, level: int) -> Draft | None:
        hints = {
            "en": [r"Inference BN is an affine map per channel: $y = \gamma \frac{x - \mu}"
                   r"{\sqrt{\sigma^2 + \epsilon}} + \beta$; it scales each filter and shifts "
                   "its output.",
                   "Running mean and variance are buffers, not learnable parameters."],
            "zh": [r"推理时 BN 是逐通道的仿射变换：$y = \gamma \frac{x - \mu}"
                   r"{\sqrt{\sigma^2 + \epsilon}} + \beta$；它缩放每个卷积核，并平移其输出。",
                   "滑动均值和方差是缓冲区，不是可学习参数。"],
        }
        cin = pick(rng, (3, 16, 24, 32, 48, 64, 96, 128, 256, 512))
        cout = pick(rng, (16, 24, 32, 48, 64, 96, 128, 256, 512))
        kernels: tuple[int | tuple[int, int], ...] = (1, 3, 3, 5, 7, (1, 7), (7, 1), (1, 3), (3, 1))
        k = pick(rng, kernels)
        stride = pick(rng, (1, 1, 2))
        if level == 1:
            convs = [FoldedConv(in_ch=cin, out_ch=cout, kernel=k, groups=1, bias=False)]
        elif level == 2:
            if rng.random() < 0.3 and cin > 3:
                convs = [FoldedConv(in_ch=cin, out_ch=cin, kernel=pick(rng, (3, 5)), groups=cin,
                              bias=rng.random() < 0.5)]
            else:
                convs = [FoldedConv(in_ch=cin, out_ch=cout, kernel=k, groups=1,
                              bias=rng.random() < 0.5)]
        else:
            c = pick(rng, (32, 64, 96, 128, 144, 192, 256, 384, 512))
            kd = pick(rng, (3, 5, 7))
            convs = [FoldedConv(in_ch=c, out_ch=c, kernel=kd, groups=c, bias=False),
                     FoldedConv(in_ch=c, out_ch=cout, kernel=1, groups=1, bias=rng.random() < 0.3)]
        specs: list[Spec] = []
        for cv in convs:
            kw: SpecKwargs = {}
            kk = cv["kernel"]
            if _k(kk) != (1, 1):
                if stride != 1:
                    kw["stride"] = stride
                kw["padding"] = kk // 2 if isinstance(kk, int) else tuple(v // 2 for v in kk)
            if cv["groups"] != 1:
                kw["groups"] = cv["groups"]
            if not cv["bias"]:
                kw["bias"] = False
            specs += [L("Conv2d", cv["in_ch"], cv["out_ch"], kk, **kw),
                      L("BatchNorm2d", cv["out_ch"])]
        calls = [call("bn_fold", **cv) for cv in convs]
        before, after = core_value(calls, "before"), core_value(calls, "after")
        buffers = core_value(calls, "bn_buffers")
        couts = sum(cv["out_ch"] for cv in convs)
        steps = join(*(self._steps(cv, i + 1 if len(convs) > 1 else None)
                       for i, cv in enumerate(convs)))
        code = code_block(specs)
        if level == 2:
            answer = before - after
            steps = join(steps, eq("Removed by folding", "折叠去掉的参数", r"\text{removed}",
                                   r"\text{before} - \text{after}",
                                   f"{fmt_int(before)} - {fmt_int(after)}", answer))
            cv = convs[0]
            wrong: list[Misconception | None] = [mistake("fold-extra-bias", answer - cv["out_ch"]) if cv["bias"] else
                     mistake("fold-all-bn-saved", answer + cv["out_ch"]),
                     mistake("bn-running-stats", answer + buffers)]
            en = (f"{code}\n\nFor inference the BatchNorm is folded into the conv (one conv "
                  "remains). How many learnable parameters does folding remove?")
            zh = (f"{code}\n\n推理时把 BatchNorm 折叠进卷积（只剩一个卷积）。折叠一共去掉了多少个"
                  "可学习参数？")
        else:
            answer = after
            if level == 3:
                steps = join(steps, eq("Both folded convs", "两个折叠后的卷积合计",
                                       r"\text{after}", "", " + ".join(
                                           fmt_int(core_value([c], "after")) for c in calls),
                                       answer))
            wrong = [mistake("fold-no-bias", after - couts, diff=fmt_int(couts)),
                     mistake("fold-kept-bn", before),
                     mistake("bn-running-stats", before + buffers)]
            what = "does the conv have" if level == 1 else "do the two convs have together"
            en = (f"{code}\n\nFor inference each BatchNorm is folded into the conv before it. "
                  f"How many learnable parameters {what} after folding?")
            zh = (f"{code}\n\n推理时把每个 BatchNorm 折叠进它前面的卷积。折叠之后"
                  f"{'这个卷积' if level == 1 else '两个卷积一共'}有多少个可学习参数？")
        return Draft(specs=specs, input_shape=None, quantity="params", answer=answer,
                     prompt={"en": en, "zh": zh}, steps=steps, hints=hints, mistakes=wrong,
                     extra={"core": {"calls": calls, "field": "saved" if level == 2
                                     else "after"}})


# -- MobileNetV2 inverted residual --------------------------------------------------------
class InvertedResidualTemplate(Template):
    id = "inverted-residual"
    title = {"en": "MobileNetV2 inverted residual", "zh": "MobileNetV2 倒残差块"}
    quantity = "params"
    tags = ("mobilenet", "inverted-residual", "depthwise-separable", "parameters")
    knobs = {
        1: {"ask": "parameters of one block", "expand": (1, 6, 6, 4)},
        2: {"ask": "MACs of one block", "stride": (1, 2)},
        3: {"ask": "parameters of a stage (t, c, n, s) as in MobileNetV2's table"},
    }

    def _block_steps(self, cin: int, cout: int, t: int, s: int, h: int, w: int, macs: bool,
                     tag: tuple[str, str] = ("", "")) -> Steps:
        from quizcnn.core import inverted_residual

        b = inverted_residual(cin, cout, t, s, h, w)
        hid, (ho, wo) = b.hidden, b.out_hw
        parts = [eq(f"Hidden width{tag[0]}", f"扩展后的宽度{tag[1]}", r"\text{hidden}",
                    r"t \cdot C_{in}", f"{t} \\cdot {cin}", hid)]
        if macs:
            if t != 1:
                parts.append(eq(f"1×1 expansion at {h}×{w}{tag[0]}", f"1×1 扩展卷积，在 {h}×{w} 上"
                                f"{tag[1]}", r"\text{M}", r"H W \cdot C_{in} \cdot \text{hidden}",
                                nums(h, w, cin, hid), h * w * cin * hid))
            parts += [eq(f"3×3 depthwise, stride {s}, at {ho}×{wo}{tag[0]}",
                         f"3×3 逐通道卷积，步长 {s}，在 {ho}×{wo} 上{tag[1]}", r"\text{M}",
                         r"H' W' \cdot \text{hidden} \cdot 9", nums(ho, wo, hid, 9),
                         ho * wo * hid * 9),
                      eq(f"1×1 projection at {ho}×{wo}{tag[0]}", f"1×1 投影卷积，在 {ho}×{wo} 上"
                         f"{tag[1]}", r"\text{M}", r"H' W' \cdot \text{hidden} \cdot C_{out}",
                         nums(ho, wo, hid, cout), ho * wo * hid * cout),
                      eq(f"Block MACs (BN and ReLU6 count 0){tag[0]}", f"整个块的 MACs（BN 和 "
                         f"ReLU6 不计）{tag[1]}", r"\text{MACs}", "",
                         " + ".join(fmt_int(v) for v in ([h * w * cin * hid] if t != 1 else [])
                                    + [ho * wo * hid * 9, ho * wo * hid * cout]), b.macs)]
            return join(*parts)
        convs = ([cin * hid] if t != 1 else []) + [hid * 9, hid * cout]
        bns = ([hid] if t != 1 else []) + [hid, cout]
        parts += [eq(f"Conv weights: {'1×1 expand + ' if t != 1 else ''}3×3 depthwise + 1×1 "
                     f"project (no bias){tag[0]}", f"卷积权重：{'1×1 扩展 + ' if t != 1 else ''}"
                     f"3×3 逐通道 + 1×1 投影（无偏置）{tag[1]}", r"\text{W}", "",
                     " + ".join(fmt_int(v) for v in convs), b.conv_params),
                  eq(f"BatchNorm gamma and beta after each conv{tag[0]}",
                     f"每个卷积后 BatchNorm 的 γ 和 β{tag[1]}", r"\text{B}", "",
                     r"2 \cdot (" + " + ".join(map(str, bns)) + ")", b.bn_params),
                  eq(f"Block parameters{tag[0]}", f"整个块的参数{tag[1]}", r"\text{P}",
                     r"\text{W} + \text{B}", f"{fmt_int(b.conv_params)} + {fmt_int(b.bn_params)}",
                     b.params)]
        return join(*parts)

    def draw(self, rng: random.Random, level: int) -> Draft | None:
        from quizcnn.core import inverted_residual

        hints = {
            "en": ["torchvision: 1×1 expand conv to t·C_in (skipped when t = 1), 3×3 depthwise "
                   "conv (carries the stride), 1×1 linear projection to C_out; each conv has "
                   "no bias and is followed by BatchNorm.",
                   r"A depthwise conv has $C \cdot k^2$ weights; a 1×1 conv $C_{in} C_{out}$."],
            "zh": ["torchvision 的结构：1×1 扩展卷积到 t·C_in（t = 1 时省略），3×3 逐通道卷积（带"
                   "步长），1×1 线性投影到 C_out；每个卷积都无偏置，后接 BatchNorm。",
                   r"逐通道卷积有 $C \cdot k^2$ 个权重；1×1 卷积有 $C_{in} C_{out}$ 个。"],
        }
        cin = pick(rng, (16, 24, 32, 40, 48, 64, 80, 96, 112, 160))
        cout = pick(rng, (16, 24, 32, 40, 48, 64, 80, 96, 112, 160, 320))
        t = pick(rng, (1, 6, 6, 6, 4, 3))
        s = pick(rng, (1, 2))
        n = pick(rng, (7, 14, 28, 56, 112))
        desc_en = (f"A MobileNetV2 inverted residual block as torchvision builds it, "
                   f"`InvertedResidual(inp={cin}, oup={cout}, stride={s}, expand_ratio={t})`")
        desc_zh = (f"一个按 torchvision 方式构建的 MobileNetV2 倒残差块 "
                   f"`InvertedResidual(inp={cin}, oup={cout}, stride={s}, expand_ratio={t})`")
        b = inverted_residual(cin, cout, t, s, n, n)
        hid = b.hidden
        if level == 1:
            calls = [call("inverted_residual", in_ch=cin, out_ch=cout, expand=t, stride=s,
                          h=n, w=n)]
            answer = b.params
            en = f"{desc_en}. How many learnable parameters does it have?"
            zh = f"{desc_zh}。它有多少个可学习参数？"
            steps = self._block_steps(cin, cout, t, s, n, n, False)
            wrong: list[Misconception | None] = [mistake("ir-forgot-bn", b.conv_params, diff=fmt_int(b.bn_params)),
                     mistake("ir-depthwise-full", answer + hid * 9 * (hid - 1)),
                     mistake("ir-expand-when-t1", answer + cin * cin + 2 * cin) if t == 1
                     else None]
            field = "params"
        elif level == 2:
            calls = [call("inverted_residual", in_ch=cin, out_ch=cout, expand=t, stride=s,
                          h=n, w=n)]
            answer = b.macs
            en = (f"{desc_en}, on a ${cin} \\times {n} \\times {n}$ input. How many "
                  "multiply-accumulates (MACs) does it take at batch 1?")
            zh = (f"{desc_zh}，输入为 ${cin} \\times {n} \\times {n}$。批大小为 1 时它需要多少次"
                  "乘加（MACs）？")
            steps = self._block_steps(cin, cout, t, s, n, n, True)
            ho, wo = b.out_hw
            exp = cin * hid if t != 1 else 0
            wrong = [mistake("ir-stride-ignored", n * n * (exp + hid * 9 + hid * cout)),
                     mistake("ir-stride-everywhere", ho * wo * (exp + hid * 9 + hid * cout)),
                     mistake("ir-depthwise-full", answer + ho * wo * hid * 9 * (hid - 1))]
            field = "macs"
        else:
            reps = pick(rng, (2, 3, 4))
            calls = [call("inverted_residual", in_ch=cin, out_ch=cout, expand=t, stride=s,
                          h=n, w=n)]
            ho = b.out_hw[0]
            calls += [call("inverted_residual", in_ch=cout, out_ch=cout, expand=t, stride=1,
                           h=ho, w=ho)] * (reps - 1)
            answer = core_value(calls, "params")
            rest = inverted_residual(cout, cout, t, 1, ho, ho)
            en = (f"A stage of MobileNetV2 given as (t, c, n, s) = ({t}, {cout}, {reps}, {s}): "
                  f"{reps} torchvision `InvertedResidual` blocks with expand_ratio {t}, the first "
                  f"taking {cin} channels to {cout} with stride {s}, the others {cout} to {cout} "
                  "with stride 1. How many learnable parameters does the stage have?")
            zh = (f"MobileNetV2 的一段，按 (t, c, n, s) = ({t}, {cout}, {reps}, {s}) 给出：{reps} 个 "
                  f"torchvision 的 `InvertedResidual` 块，expand_ratio 为 {t}，第一个块把 {cin} 个"
                  f"通道变为 {cout} 个、步长 {s}，其余块 {cout} 到 {cout}、步长 1。这一段一共有多少个"
                  "可学习参数？")
            steps = join(self._block_steps(cin, cout, t, s, n, n, False, (" (first block)",
                                                                          "（第一个块）")),
                         self._block_steps(cout, cout, t, 1, ho, ho, False,
                                           (" (each repeat)", "（每个重复块）")),
                         eq("Stage", "整段", r"\text{P}", "",
                            f"{fmt_int(b.params)} + {reps - 1} \\cdot {fmt_int(rest.params)}",
                            answer))
            wrong = [mistake("ir-repeat-same-input", reps * b.params),
                     mistake("ir-forgot-bn", core_value(calls, "conv_params"),
                             diff=fmt_int(core_value(calls, "bn_params")))]
            field = "params"
        return Draft(specs=[], input_shape=None, quantity="macs" if level == 2 else "params",
                     answer=answer, prompt={"en": en, "zh": zh}, steps=steps, hints=hints,
                     mistakes=wrong, extra={"core": {"calls": calls, "field": field}})


TEMPLATES = [BNFolding(), InvertedResidualTemplate()]
