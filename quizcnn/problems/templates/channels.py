"""Channel templates: squeeze-and-excitation parameters and DenseNet channel growth. Answers
come from ``quizcnn.core.blocks``; the calls behind each answer are kept in ``extra["core"]``.
"""

from __future__ import annotations

import random
from fractions import Fraction

from quizcnn.problems.common import L, fmt_int, pick, run, spec_text
from quizcnn.problems.mistakes import mistake
from quizcnn.problems.solutions import Steps, join, ratio_note
from quizcnn.problems.templates.base import Draft, Template
from quizcnn.problems.templates.blocks import call, code_block, eq


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

    def _se_steps(self, c: int, r: int, tag: tuple[str, str] = ("", "")) -> Steps:
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

    def draw(self, rng: random.Random, level: int) -> Draft | None:
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
        ratio = Fraction(se.params, rep.params)
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
                                ratio))
        wrong = [mistake("inverted-ratio", 1 / ratio),
                 mistake("se-forgot-bias", Fraction(se.weights, rep.params),
                         diff=fmt_int(se.biases))]
        return Draft(specs=block, input_shape=(cin, 14, 14), quantity="ratio", answer=ratio,
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

    def draw(self, rng: random.Random, level: int) -> Draft | None:
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


TEMPLATES = [SqueezeExcitationTemplate(), DenseNetChannels()]
