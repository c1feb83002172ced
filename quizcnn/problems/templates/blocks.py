"""Block templates: BatchNorm folding, MobileNetV2's inverted residual, squeeze-and-excitation,
DenseNet channel growth. Answers come from ``quizcnn.core.blocks``; the calls that give each
answer are kept in ``extra["core"]`` (function, arguments, field; several calls are summed) so
anyone can recompute them.
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any

from quizcnn.problems.common import L, Spec, fmt_int, pick, run, spec_text
from quizcnn.problems.mistakes import mistake
from quizcnn.problems.model import Step
from quizcnn.problems.solutions import both, join, ratio_note
from quizcnn.problems.templates.base import Draft, Template


def code_block(specs: list[Spec]) -> str:
    return "```python\n" + "\n".join(spec_text(s) for s in specs) + "\n```"


def call(fn: str, **args: Any) -> dict:
    return {"fn": fn, "args": args}


def core_value(calls: list[dict], field: str) -> Any:
    """Sum of ``field`` over the core calls (the same reading the tests repeat)."""
    import quizcnn.core as core

    return sum(getattr(getattr(core, c["fn"])(**c["args"]), field) for c in calls)


def eq(en: str, zh: str, lhs: str, formula: str, sub: str, value: int) -> dict:
    """One step: ``lhs = formula``, ``lhs = numbers``, ``lhs = value``."""
    f = f"${lhs} = {formula}$" if formula else ""
    s = f"${lhs} = {sub}$" if sub else ""
    r = f"${lhs} = {fmt_int(value)}$"
    return both([Step(en, f, s, r)], [Step(zh, f, s, r)])


def nums(*values: int) -> str:
    return r" \cdot ".join(fmt_int(v) for v in values)


def _k(k: Any) -> tuple[int, int]:
    return (k, k) if isinstance(k, int) else tuple(k)


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

    def _steps(self, conv: dict, i: int | None = None) -> dict:
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

    def draw(self, rng: random.Random, level: int):
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
        k = pick(rng, (1, 3, 3, 5, 7, (1, 7), (7, 1), (1, 3), (3, 1)))
        stride = pick(rng, (1, 1, 2))
        if level == 1:
            convs = [dict(in_ch=cin, out_ch=cout, kernel=k, groups=1, bias=False)]
        elif level == 2:
            if rng.random() < 0.3 and cin > 3:
                convs = [dict(in_ch=cin, out_ch=cin, kernel=pick(rng, (3, 5)), groups=cin,
                              bias=rng.random() < 0.5)]
            else:
                convs = [dict(in_ch=cin, out_ch=cout, kernel=k, groups=1,
                              bias=rng.random() < 0.5)]
        else:
            c = pick(rng, (32, 64, 96, 128, 144, 192, 256, 384, 512))
            kd = pick(rng, (3, 5, 7))
            convs = [dict(in_ch=c, out_ch=c, kernel=kd, groups=c, bias=False),
                     dict(in_ch=c, out_ch=cout, kernel=1, groups=1, bias=rng.random() < 0.3)]
        specs = []
        for cv in convs:
            kw: dict = {}
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
            wrong = [mistake("fold-extra-bias", answer - cv["out_ch"]) if cv["bias"] else
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

    def _block_steps(self, cin, cout, t, s, h, w, macs: bool, tag=("", "")) -> dict:
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

    def draw(self, rng: random.Random, level: int):
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
            wrong = [mistake("ir-forgot-bn", b.conv_params, diff=fmt_int(b.bn_params)),
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


# -- squeeze-and-excitation ------------------------------------------------------------------
class SqueezeExcitationTemplate(Template):
    id = "squeeze-excitation"
    title = {"en": "Squeeze-and-excitation parameters", "zh": "SE（挤压-激励）模块的参数"}
    quantity = "params"
    tags = ("squeeze-excitation", "attention", "parameters", "senet")
    knobs = {
        1: {"ask": "parameters of one SE block", "reduction": (4, 8, 16)},
        2: {"ask": "SE parameters added to a ResNet bottleneck stage (r = 16)"},
        3: {"ask": "ratio SE ÷ bottleneck block parameters"},
    }

    def _se_steps(self, c: int, r: int, tag=("", "")) -> dict:
        from quizcnn.core import squeeze_excite

        se = squeeze_excite(c, r)
        s = se.squeeze
        return join(eq(f"Squeezed channels{tag[0]}", f"压缩后的通道数{tag[1]}", r"\text{s}",
                       r"\left\lfloor \frac{C}{r} \right\rfloor",
                       f"\\left\\lfloor \\frac{{{c}}}{{{r}}} \\right\\rfloor", s),
                    eq(f"Reduce C → s and expand s → C, each with bias{tag[0]}",
                       f"压缩 C → s 与激励 s → C，各带偏置{tag[1]}", r"\text{P}",
                       r"(C s + s) + (s C + C)", f"({c} \\cdot {s} + {s}) + ({s} \\cdot {c} + {c})",
                       se.params))

    def draw(self, rng: random.Random, level: int):
        from quizcnn.core import squeeze_excite

        hints = {
            "en": ["SE: global average pool (no parameters), then C → C/r and C/r → C, each a "
                   "1×1 conv (or Linear) with bias, ReLU between, sigmoid at the end.",
                   "Pooling and the sigmoid have no parameters."],
            "zh": ["SE 块：全局平均池化（无参数），然后 C → C/r、C/r → C 两层，各是带偏置的 1×1 卷积"
                   "（或 Linear），中间 ReLU，最后 sigmoid。",
                   "池化和 sigmoid 都没有参数。"],
        }
        if level == 1:
            r = pick(rng, (4, 8, 16))
            c = pick(rng, [v for v in range(16, 2049, 8) if v % r == 0])
            se = squeeze_excite(c, r)
            calls = [call("squeeze_excite", channels=c, reduction=r)]
            en = (f"A squeeze-and-excitation block on {c} channels with reduction ratio r = {r}, "
                  f"as torchvision builds it: `SqueezeExcitation({c}, {c // r})`. How many "
                  "learnable parameters does it have?")
            zh = (f"一个作用在 {c} 个通道上的 SE 块，缩减比 r = {r}，按 torchvision 的方式构建："
                  f"`SqueezeExcitation({c}, {c // r})`。它有多少个可学习参数？")
            steps = self._se_steps(c, r)
            wrong = [mistake("se-forgot-bias", se.weights, diff=fmt_int(se.biases)),
                     mistake("se-one-layer", c * se.squeeze + se.squeeze),
                     mistake("se-times-r", 2 * c * c * r + c * r + c)]
            return Draft(specs=[], input_shape=None, quantity="params", answer=se.params,
                         prompt={"en": en, "zh": zh}, steps=steps, hints=hints, mistakes=wrong,
                         extra={"core": {"calls": calls, "field": "params"}})
        width = pick(rng, range(16, 1025, 16))
        nblocks = pick(rng, (2, 3, 4, 6, 8, 12, 23, 36))
        expansion = pick(rng, (4, 4, 2))
        cout = expansion * width
        r = pick(rng, (16, 16, 8, 4, 32))
        groups = pick(rng, (1, 32)) if width % 32 == 0 else 1
        se = squeeze_excite(cout, r)
        calls = [call("squeeze_excite", channels=cout, reduction=r)] * nblocks
        if level == 2:
            answer = nblocks * se.params
            en = (f"An SE-ResNet stage has {nblocks} bottleneck blocks of width {width} (1×1, 3×3, "
                  f"1×1 convs; expansion {expansion}, so each block outputs {cout} channels). Each block gets a "
                  f"squeeze-and-excitation block with r = {r} on its output, before the residual "
                  "add. How many learnable parameters do the SE blocks add to the stage?")
            zh = (f"一个 SE-ResNet 的阶段有 {nblocks} 个宽度为 {width} 的瓶颈块（1×1、3×3、1×1 卷积；"
                  f"扩展倍数 {expansion}，每块输出 {cout} 个通道）。每个块在残差相加之前对输出加一个 r = {r} 的 SE 块。"
                  "这些 SE 块一共给这一段增加了多少个可学习参数？")
            steps = join(self._se_steps(cout, r, (" (one block)", "（一个块）")),
                         eq("All blocks", "所有块", r"\text{P}", "",
                            f"{nblocks} \\cdot {fmt_int(se.params)}", answer))
            on_w = squeeze_excite(width, r) if width % r == 0 else None
            wrong = [mistake("se-forgot-bias", nblocks * se.weights,
                             diff=fmt_int(se.biases)),
                     mistake("se-on-width", nblocks * on_w.params) if on_w else None,
                     mistake("se-one-layer", nblocks * (cout * se.squeeze + se.squeeze))]
            return Draft(specs=[], input_shape=None, quantity="params", answer=answer,
                         prompt={"en": en, "zh": zh}, steps=steps, hints=hints, mistakes=wrong,
                         extra={"core": {"calls": calls, "field": "params"}})
        cin = cout
        block = [L("Conv2d", cin, width, 1, bias=False), L("BatchNorm2d", width),
                 L("Conv2d", width, width, 3, padding=1,
                                         **({"groups": groups} if groups > 1 else {}), bias=False), L("BatchNorm2d", width),
                 L("Conv2d", width, cout, 1, bias=False), L("BatchNorm2d", cout)]
        rep = run((cin, 14, 14), block)
        answer = Fraction(se.params, rep.params)
        en = (f"A ResNet{'' if groups == 1 else 'Xt'} bottleneck block (identity shortcut, ReLUs left out):\n\n"
              f"{code_block(block)}\n\ngets a squeeze-and-excitation block with r = {r} on its "
              f"{cout}-channel output. What fraction of the bottleneck's parameters does the SE "
              "block add (SE ÷ bottleneck)?")
        zh = (f"一个 ResNet{'' if groups == 1 else 'Xt'} 瓶颈块（恒等捷径，省略了 ReLU）：\n\n{code_block(block)}\n\n在它 "
              f"{cout} 通道的输出上加一个 r = {r} 的 SE 块。SE 块的参数量是瓶颈块的几分之几"
              "（SE ÷ 瓶颈块）？")
        steps = join(self._se_steps(cout, r),
                     eq("Bottleneck block (convs + BatchNorms)", "瓶颈块（卷积 + BatchNorm）",
                        r"\text{B}", "", " + ".join(fmt_int(lr.params) for lr in rep.layers),
                        rep.params),
                     ratio_note(("SE", "SE"), ("bottleneck", "瓶颈块"), se.params, rep.params,
                                answer))
        wrong = [mistake("inverted-ratio", 1 / answer),
                 mistake("se-forgot-bias", Fraction(se.weights, rep.params),
                         diff=fmt_int(se.biases))]
        return Draft(specs=block, input_shape=(cin, 14, 14), quantity="ratio", answer=answer,
                     prompt={"en": en, "zh": zh}, steps=steps, hints=hints, mistakes=wrong,
                     extra={"core": {"calls": calls[:1], "field": "params",
                                     "den_layers": tuple(map(spec_text, block)),
                                     "den_input": (cin, 14, 14)}})


# -- DenseNet channels -------------------------------------------------------------------------
class DenseNetChannels(Template):
    id = "densenet-channels"
    title = {"en": "DenseNet channel growth", "zh": "DenseNet 的通道增长"}
    quantity = "channels"
    tags = ("densenet", "dense-block", "growth-rate", "channels")
    knobs = {
        1: {"ask": "channels after one dense block"},
        2: {"ask": "channels after a dense block and its transition", "theta": ("1/2", "3/4")},
        3: {"ask": "channels at the end of several blocks (no transition after the last)"},
    }

    def draw(self, rng: random.Random, level: int):
        from quizcnn.core import densenet_channels

        hints = {
            "en": [r"Each layer of a dense block adds $k$ channels (the growth rate) and the "
                   r"block concatenates them onto its input: $C_0 + L k$.",
                   r"A transition layer (1×1 conv + 2×2 average pool) keeps "
                   r"$\lfloor \theta C \rfloor$ channels."],
            "zh": [r"稠密块的每一层新增 $k$ 个通道（增长率），并拼接到块的输入上："
                   r"$C_0 + L k$。",
                   r"过渡层（1×1 卷积 + 2×2 平均池化）保留 $\lfloor \theta C \rfloor$ 个通道。"],
        }
        k = pick(rng, (12, 16, 24, 32, 40, 48))
        c0 = pick(rng, (16, 24, 32, 48, 64, 96, 128, 2 * k))
        if level == 1:
            n = rng.randint(3, 32)
            d = densenet_channels(c0, k, n, 1, last_transition=False)
            calls = [call("densenet_channels", c0=c0, growth=k, layers=n, compression=1,
                          last_transition=False)]
            en = (f"A DenseNet dense block with growth rate k = {k} and {n} layers gets "
                  f"{c0} input channels. How many channels does it output?")
            zh = (f"一个 DenseNet 稠密块，增长率 k = {k}，共 {n} 层，输入 {c0} 个通道。它输出多少个"
                  "通道？")
            steps = eq("Concatenated output", "拼接后的输出", "C", r"C_0 + L \cdot k",
                       f"{c0} + {n} \\cdot {k}", d.out)
            wrong = [mistake("dense-forgot-input", n * k), mistake("dense-last-layer-only", k),
                     mistake("dense-off-by-one", c0 + (n - 1) * k)]
        elif level == 2:
            n = rng.randint(3, 32)
            theta = pick(rng, ("1/2", "1/2", "3/4"))
            th = Fraction(theta)
            d = densenet_channels(c0, k, n, th)
            calls = [call("densenet_channels", c0=c0, growth=k, layers=n, compression=theta)]
            en = (f"A dense block (growth rate k = {k}, {n} layers, {c0} input channels) is "
                  f"followed by a transition layer with compression θ = {theta}. How many "
                  "channels leave the transition?")
            zh = (f"一个稠密块（增长率 k = {k}，{n} 层，输入 {c0} 个通道）后面接一个压缩率 "
                  f"θ = {theta} 的过渡层。过渡层输出多少个通道？")
            mid = d.after_blocks[0]
            frac = f"\\frac{{{th.numerator}}}{{{th.denominator}}}"
            steps = join(eq("After the dense block", "稠密块之后", "C", r"C_0 + L \cdot k",
                            f"{c0} + {n} \\cdot {k}", mid),
                         eq("After the transition", "过渡层之后", "C'",
                            r"\left\lfloor \theta \cdot C \right\rfloor",
                            f"\\left\\lfloor {frac} \\cdot {mid} \\right\\rfloor", d.out))
            wrong = [mistake("dense-forgot-compression", mid, theta=theta),
                     mistake("dense-forgot-input", (th * n * k).__floor__())]
        else:
            blocks = tuple(pick(rng, (2, 4, 6, 8, 12, 16, 24, 32, 48)) for _ in range(
                pick(rng, (3, 4))))
            theta = "1/2"
            d = densenet_channels(c0, k, blocks, theta, last_transition=False)
            calls = [call("densenet_channels", c0=c0, growth=k, layers=blocks,
                          compression=theta, last_transition=False)]
            en = (f"A DenseNet-BC has growth rate k = {k}, a stem giving {c0} channels, and "
                  f"dense blocks of {', '.join(map(str, blocks))} layers, with a transition "
                  f"(θ = {theta}) between consecutive blocks. How many channels leave the last "
                  "dense block?")
            zh = (f"一个 DenseNet-BC 的增长率 k = {k}，stem 输出 {c0} 个通道，稠密块依次有 "
                  f"{'、'.join(map(str, blocks))} 层，相邻两个稠密块之间有一个 θ = {theta} 的过渡层。"
                  "最后一个稠密块输出多少个通道？")
            parts = []
            c = c0
            for i, n in enumerate(blocks):
                b = d.after_blocks[i]
                parts.append(eq(f"Dense block {i + 1}", f"第 {i + 1} 个稠密块", "C",
                                r"C_0 + L \cdot k", f"{c} + {n} \\cdot {k}", b))
                if i < len(blocks) - 1:
                    c = d.after_transitions[i]
                    parts.append(eq(f"Transition {i + 1}", f"第 {i + 1} 个过渡层", "C'",
                                    r"\left\lfloor \theta \cdot C \right\rfloor",
                                    f"\\left\\lfloor \\frac{{1}}{{2}} \\cdot {b} \\right\\rfloor",
                                    c))
            steps = join(*parts)
            wrong = [mistake("dense-forgot-compression", c0 + k * sum(blocks), theta=theta),
                     mistake("dense-transition-after-last", d.out // 2)]
        return Draft(specs=[], input_shape=None, quantity="channels", answer=d.out,
                     prompt={"en": en, "zh": zh}, steps=steps, hints=hints, mistakes=wrong,
                     extra={"core": {"calls": calls, "field": "out"}})


TEMPLATES = [BNFolding(), InvertedResidualTemplate(), SqueezeExcitationTemplate(),
             DenseNetChannels()]
