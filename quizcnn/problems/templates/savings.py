"""Savings templates: grouped / depthwise-separable vs standard conv, and conv vs fully connected.

Ratios come from ``quizcnn.core.savings`` or from two core reports; the layers behind each
count are kept in ``extra`` (``num_layers``/``den_layers`` or ``answer_layers``/``minus_layers``)
so anyone can recompute them.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from fractions import Fraction

from quizcnn.problems.common import L, Spec, count, fmt_int, pick, run, spec_text
from quizcnn.problems.forms import Extra
from quizcnn.problems.mistakes import mistake
from quizcnn.problems.model import Misconception
from quizcnn.problems.solutions import join, macs_steps, note, params_steps, ratio_note
from quizcnn.problems.templates import draws
from quizcnn.problems.templates.base import Draft, Template

STD, SEP, GROUPED = ("Standard", "标准卷积"), ("Separable", "可分离"), ("Grouped", "分组卷积")
FC, CONV = ("Fully connected", "全连接"), ("Convolution", "卷积")


def _code(specs: Sequence[Spec]) -> str:
    return "```python\n" + "\n".join(spec_text(s) for s in specs) + "\n```"


def _ratio_extra(what: str, num: Sequence[Spec], den: Sequence[Spec], x: Sequence[int]) -> Extra:
    return {"ratio_of": what, "num_layers": tuple(map(spec_text, num)),
            "den_layers": tuple(map(spec_text, den)), "num_input": tuple(x), "den_input": tuple(x)}


class GroupedSavings(Template):
    id = "grouped-savings"
    title = {"en": "Grouped and depthwise-separable savings", "zh": "分组与深度可分离卷积的节省"}
    quantity = "ratio"
    tags = ("grouped-conv", "depthwise-separable", "parameters", "mobilenet")
    knobs = {
        1: {"compare": "groups=g vs groups=1", "groups": (2, 4, 8, 16, 32), "bias": False,
            "answer": "ratio"},
        2: {"compare": "depthwise separable vs standard", "kernel": (3, 5, 7), "bias": False,
            "answer": "ratio"},
        3: {"compare": "depthwise separable (with bias) vs standard, non-square kernel",
            "answer": "parameters saved"},
    }

    def draw(self, rng: random.Random, level: int) -> Draft | None:
        from quizcnn.core import grouped_ratio, separable_ratio

        cin = draws.pick_channels(rng, 32, 1024)
        cout = draws.pick_channels(rng, 32, 1024)
        n = pick(rng, (7, 14, 28, 56))
        x = (cin, n, n)
        hints = {
            "en": [r"Grouped: each filter sees $C_{in}/g$ channels, so weights shrink by $g$.",
                   r"Depthwise separable: $k^2 C_{in} + C_{in} C_{out}$ vs $k^2 C_{in} C_{out}$, "
                   r"a ratio of $\frac{1}{C_{out}} + \frac{1}{k^2}$."],
            "zh": [r"分组卷积：每个卷积核只看 $C_{in}/g$ 个通道，权重缩小为 $1/g$。",
                   r"深度可分离：$k^2 C_{in} + C_{in} C_{out}$ 对 $k^2 C_{in} C_{out}$，"
                   r"比值为 $\frac{1}{C_{out}} + \frac{1}{k^2}$。"],
        }
        if level == 1:
            k = pick(rng, (1, 3, 5))
            g = draws.divisor_groups(rng, cin, cout)
            if g == 1:
                return None
            pad = {"padding": k // 2} if k > 1 else {}
            grouped = [L("Conv2d", cin, cout, k, **pad, groups=g, bias=False)]
            dense = [L("Conv2d", cin, cout, k, **pad, bias=False)]
            answer = grouped_ratio(cin, cout, k, g, bias=False)
            en = (f"{_code(grouped)}\n\nreplaces\n\n{_code(dense)}\n\nWhat fraction of the "
                  "standard layer's parameters does the grouped layer have (grouped ÷ standard)?")
            zh = (f"{_code(grouped)}\n\n替换\n\n{_code(dense)}\n\n分组卷积的参数量是标准卷积的几分之几"
                  "（分组 ÷ 标准）？")
            num, den = grouped, dense
            wrong: list[Misconception | None] = [mistake("inverted-ratio", 1 / answer)]
        elif level == 2:
            k = pick(rng, (3, 5, 7))
            dw = L("Conv2d", cin, cin, k, padding=k // 2, groups=cin, bias=False)
            pw = L("Conv2d", cin, cout, 1, bias=False)
            dense = [L("Conv2d", cin, cout, k, padding=k // 2, bias=False)]
            num, den = [dw, pw], dense
            answer = separable_ratio(cin, cout, k, bias=False)
            en = (f"A depthwise-separable block\n\n{_code(num)}\n\nreplaces\n\n{_code(dense)}\n\n"
                  "What is the ratio of their parameter counts (separable ÷ standard)?")
            zh = (f"深度可分离模块\n\n{_code(num)}\n\n替换\n\n{_code(dense)}\n\n"
                  "二者参数量之比（可分离 ÷ 标准）是多少？")
            den_p = run(x, dense).params
            wrong = [mistake("inverted-ratio", 1 / answer),
                     mistake("depthwise-only", Fraction(run(x, [dw]).params, den_p))]
        else:
            kernels: tuple[int | tuple[int, int], ...] = (3, 5, (3, 5), (1, 7), (7, 1), (5, 3))
            kk = pick(rng, kernels)
            pads = tuple(v // 2 for v in kk) if isinstance(kk, tuple) else kk // 2
            dw = L("Conv2d", cin, cin, kk, padding=pads, groups=cin)
            pw = L("Conv2d", cin, cout, 1)
            dense = [L("Conv2d", cin, cout, kk, padding=pads)]
            sep = [dw, pw]
            a, b = run(x, dense), run(x, sep)
            saved = a.params - b.params
            en = (f"A depthwise-separable block (with biases)\n\n{_code(sep)}\n\nreplaces\n\n"
                  f"{_code(dense)}\n\nHow many parameters does the swap save?")
            zh = (f"带偏置的深度可分离模块\n\n{_code(sep)}\n\n替换\n\n{_code(dense)}\n\n"
                  "这样替换能省下多少个参数？")
            nobias = run(x, [(n_, a_, {**kw, "bias": False}) for n_, a_, kw in dense]).params - run(
                x, [(n_, a_, {**kw, "bias": False}) for n_, a_, kw in sep]).params
            wrong = [mistake("forgot-bias-saved", nobias, diff=fmt_int(abs(saved - nobias))),
                     mistake("depthwise-only", a.params - run(x, [dw]).params)]
            steps = join(params_steps(a, STD), params_steps(b, SEP),
                         note("Saved (standard − separable)", "节省（标准 − 可分离）",
                              f"$\\text{{saved}} = {fmt_int(saved)}$",
                              r"$\text{saved} = \text{standard} - \text{separable}$",
                              f"$\\text{{saved}} = {fmt_int(a.params)} - {fmt_int(b.params)}$"))
            return Draft(specs=dense + sep, input_shape=x, quantity="params", answer=saved,
                         prompt={"en": en, "zh": zh}, steps=steps, hints=hints, mistakes=wrong,
                         extra={"answer_layers": tuple(map(spec_text, dense)),
                                "minus_layers": tuple(map(spec_text, sep)), "answer_input": x})
        rn, rd = run(x, num), run(x, den)
        steps = join(params_steps(rn, SEP if level == 2 else GROUPED), params_steps(rd, STD),
                     ratio_note(("separable", "可分离") if level == 2 else ("grouped", "分组"),
                                ("standard", "标准"), rn.params, rd.params, answer))
        return Draft(specs=num + den, input_shape=x, quantity="ratio", answer=answer,
                     prompt={"en": en, "zh": zh}, steps=steps, hints=hints, mistakes=wrong,
                     extra=_ratio_extra("params", num, den, x))


class ConvVsFc(Template):
    id = "conv-vs-fc"
    title = {"en": "Convolution vs fully connected", "zh": "卷积与全连接"}
    quantity = "params"
    tags = ("conv-vs-fc", "weight-sharing", "parameters")
    knobs = {
        1: {"ask": "parameters of the Linear layer doing the same mapping", "input": "small "
            "square maps (7..32)", "bias": True},
        2: {"ask": "ratio FC ÷ conv parameters", "bias": True, "square": True},
        3: {"ask": "ratio FC ÷ conv MACs", "kernel": "non-square", "stride": (1, 2),
            "square": False},
    }

    def draw(self, rng: random.Random, level: int) -> Draft | None:
        c = pick(rng, (1, 3, 8, 16, 24, 32, 48, 64))
        cout = pick(rng, (8, 16, 24, 32, 48, 64))
        if level < 3:
            n = pick(rng, (4, 6, 7, 8, 10, 12, 14, 16, 20, 28, 32))
            x = (c, n, n)
            k = pick(rng, (1, 3, 5))
            conv = L("Conv2d", c, cout, k, padding=k // 2)
        else:
            h, w = pick(rng, ((16, 12), (28, 20), (32, 24), (14, 10), (24, 32), (12, 8), (20, 16),
                              (10, 14), (8, 6)))
            x = (c, h, w)
            kt = pick(rng, ((3, 5), (5, 3), (1, 3), (3, 1)))
            conv = L("Conv2d", c, cout, kt, stride=pick(rng, (1, 2)),
                     padding=tuple(v // 2 for v in kt))
        rc = run(x, [conv])
        out = rc.output
        n_in = x[0] * x[1] * x[2]
        n_out = out[0] * out[1] * out[2]
        fc = [L("Flatten"), L("Linear", n_in, n_out)]
        rf = run(x, fc)
        shape_en = r" \times ".join(map(str, x))
        out_en = r" \times ".join(map(str, out))
        intro_en = (f"{_code([conv])}\n\nmaps a ${shape_en}$ input to a "
                    f"${out_en}$ output. A fully connected layer could do "
                    f"the same mapping on the flattened tensors:\n\n{_code(fc)}\n\n")
        intro_zh = (f"{_code([conv])}\n\n把 ${shape_en}$ 的输入映射为 "
                    f"${out_en}$ 的输出。全连接层也可以在展平后的张量上"
                    f"做同样的映射：\n\n{_code(fc)}\n\n")
        if level < 3:  # parameters
            hints = {
                "en": [r"Linear: $n_{in} \cdot n_{out} + n_{out}$ with $n = C \cdot H \cdot W$.",
                       "The conv reuses one small set of weights at every position (weight sharing)."],
                "zh": [r"全连接：$n_{in} \cdot n_{out} + n_{out}$，其中 $n = C \cdot H \cdot W$。",
                       "卷积在每个位置复用同一小组权重（权值共享）。"],
            }
        else:  # MACs (bias adds none)
            hints = {
                "en": [r"Linear: one multiply-accumulate per weight, $n_{in} \cdot n_{out}$ MACs "
                       r"with $n = C \cdot H \cdot W$ (the bias adds no MACs).",
                       r"Conv: $C_{out} H_{out} W_{out} \cdot C_{in} k_1 k_2$ MACs: every weight "
                       "is used once at each output position (weight sharing)."],
                "zh": [r"全连接：每个权重做一次乘加，共 $n_{in} \cdot n_{out}$ 次 MACs，"
                       r"其中 $n = C \cdot H \cdot W$（偏置不计入 MACs）。",
                       r"卷积：$C_{out} H_{out} W_{out} \cdot C_{in} k_1 k_2$ 次 MACs：每个权重在"
                       "每个输出位置各用一次（权值共享）。"],
            }
        if level == 1:
            answer = rf.params
            nob = run(x, [fc[0], L("Linear", n_in, n_out, bias=False)]).params
            return Draft(specs=[conv, *fc], input_shape=x, quantity="params", answer=answer,
                         prompt={"en": intro_en + "How many parameters does the Linear layer have?",
                                 "zh": intro_zh + "这个全连接层有多少个参数？"},
                         steps=join(params_steps(rf, FC), params_steps(rc, CONV)), hints=hints,
                         mistakes=[mistake("forgot-bias", nob, diff=fmt_int(answer - nob)),
                                   mistake("fc-no-sharing", rc.params * out[1] * out[2])],
                         extra={"answer_layers": tuple(map(spec_text, fc)), "answer_input": x})
        what = "params" if level == 2 else "macs"
        ratio = Fraction(count(rf, what), count(rc, what))
        if level == 2:
            q = ("How many times more parameters does the fully connected layer have "
                 "(FC ÷ conv)?", "全连接层的参数量是卷积层的多少倍（全连接 ÷ 卷积）？")
            nb_fc = run(x, [fc[0], L("Linear", n_in, n_out, bias=False)]).params
            nb_conv = run(x, [(conv[0], conv[1], {**conv[2], "bias": False})]).params
            wrong: list[Misconception | None] = [mistake("inverted-ratio", 1 / ratio),
                     mistake("forgot-bias-ratio", Fraction(nb_fc, nb_conv))]
            steps = join(params_steps(rf, FC), params_steps(rc, CONV))
        else:
            q = ("Counting multiply-accumulates at batch 1, how many times more MACs does the "
                 "fully connected layer need (FC ÷ conv)?",
                 "按批大小 1 的乘加次数计，全连接层的 MACs 是卷积层的多少倍（全连接 ÷ 卷积）？")
            wrong = [mistake("inverted-ratio", 1 / ratio)]
            steps = join(macs_steps(rf, flops=False, who=FC), macs_steps(rc, flops=False, who=CONV))
        steps = join(steps, ratio_note(("FC", "全连接"), ("conv", "卷积"), count(rf, what),
                                       count(rc, what), ratio))
        return Draft(specs=[conv, *fc], input_shape=x, quantity="ratio", answer=ratio,
                     prompt={"en": intro_en + q[0], "zh": intro_zh + q[1]}, steps=steps,
                     hints=hints, mistakes=wrong,
                     extra={"ratio_of": what, "num_layers": tuple(map(spec_text, fc)),
                            "den_layers": (spec_text(conv),), "num_input": x, "den_input": x})


TEMPLATES = [GroupedSavings(), ConvVsFc()]
