"""Receptive-field templates: size, position of an output pixel's field, stacked 3x3 convs.

Sizes and starts come from the core's report / ``rf_box``; wrong answers are the core's
numbers for variants of the same layers (strides set to 1, dilation 1, pools removed, no
padding).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from fractions import Fraction

from quizcnn.problems.common import (
    L,
    Spec,
    SpecArgs,
    SpecKwargs,
    attempt,
    field_of,
    int_arg,
    pick,
    run,
    spec_text,
    variant,
)
from quizcnn.problems.forms import Extra
from quizcnn.problems.mistakes import mistake
from quizcnn.problems.model import Problem, Verdict
from quizcnn.problems.solutions import (
    hand_rf_steps,
    join,
    note,
    ratio_note,
    rf_steps,
    signed,
)
from quizcnn.problems.templates import draws
from quizcnn.problems.templates.base import Draft, Template, layers_block

POOLS = ("MaxPool", "AvgPool")


def _stride_one(specs: Sequence[Spec]) -> list[Spec]:
    def change(n: str, a: SpecArgs, kw: SpecKwargs) -> Spec | None:
        if n.startswith(POOLS):
            return (n, a, {**kw, "stride": 1})
        if "stride" in kw:
            return (n, a, {k: v for k, v in kw.items() if k != "stride"})
        return None

    return variant(specs, change)


def _no_dilation(specs: Sequence[Spec]) -> list[Spec]:
    return variant(specs, lambda n, a, kw: (n, a, {k: v for k, v in kw.items() if k != "dilation"})
                   if "dilation" in kw else None)


def _no_pools(specs: Sequence[Spec]) -> list[Spec]:
    return [s for s in specs if not s[0].startswith(POOLS)]


def _no_padding(specs: Sequence[Spec]) -> list[Spec]:
    return variant(specs, lambda n, a, kw: (n, a, {k: v for k, v in kw.items() if k != "padding"})
                   if "padding" in kw else None)


def _rf_size(x: Sequence[int], specs: Sequence[Spec],
             as_tuple: bool) -> int | tuple[int, ...] | None:
    rf = attempt(lambda: run(x, specs).rf)
    if rf is None:
        return None
    return tuple(rf.size) if as_tuple else rf.size[0]


def _stack(rng: random.Random, x: Sequence[int], level: int) -> list[Spec]:
    """Layers whose field is one number per axis (no transposed conv, no Linear)."""
    c = x[0]
    if level == 1:
        a = draws.conv(rng, c, kernels=(3, 5, 7), strides=(1, 2))
        return [a, draws.pool(rng, ceil=False, avg=False)]
    if level == 2:
        specs = [draws.conv(rng, c, kernels=(3, 5, 7), strides=(1, 2))]
        specs.append(draws.pool(rng, ceil=False, avg=False))
        specs.append(draws.conv(rng, int_arg(specs[0], 1), kernels=(3,), strides=(1,),
                                dilations=(2, 3)))
        if rng.random() < 0.6:
            specs.append(draws.conv(rng, int_arg(specs[-1], 1), kernels=(3,), strides=(1, 2)))
        return specs
    a = draws.nonsquare_conv(rng, c, dilation=False, groups=(1,))
    c1 = int_arg(a, 1)
    c2 = draws.pick_channels(rng, 32, 512)
    b = draws.pool(rng, ceil=True, overlap=True, avg=False)
    cc = draws.conv(rng, c1, kernels=(3,), strides=(1, 2), dilations=(2, 3), cout=c2,
                    groups=(draws.divisor_groups(rng, c1, c2),))
    return [a, b, cc]


class ReceptiveFieldSize(Template):
    id = "receptive-field-size"
    title = {"en": "Receptive field size", "zh": "感受野大小"}
    quantity = "rf_size"
    tags = ("receptive-field",)
    knobs = {
        1: {"layers": 2, "stack": "conv + pool", "stride": (1, 2), "dilation": (1,),
            "square": True},
        2: {"layers": "3-4", "stack": "conv, pool, dilated conv, strided conv",
            "dilation": (2, 3), "square": True},
        3: {"layers": 3, "mix": "non-square kernel/stride, ceil_mode pool, dilated grouped conv",
            "answer": "H×W", "square": False},
    }

    def draw(self, rng: random.Random, level: int) -> Draft | None:
        x = draws.input_shape(rng, square=level < 3)
        specs = _stack(rng, x, level)
        report = run(x, specs)
        as_tuple = level == 3
        size = field_of(report).size
        answer = tuple(size) if as_tuple else size[0]
        if as_tuple and size[0] == size[1]:
            return None
        block_en, block_zh = layers_block(specs, x)
        if as_tuple:
            q = ("How large is the receptive field of one output pixel of the last layer, "
                 "in input pixels (height × width)?",
                 "最后一层一个输出像素的感受野有多大（以输入像素计，高 × 宽）？")
        else:
            q = ("How large (in input pixels, per side) is the receptive field of one output "
                 "pixel of the last layer?",
                 "最后一层一个输出像素的感受野边长是多少个输入像素？")
        texts = [spec_text(s) for s in specs]
        steps = hand_rf_steps(texts, 0, ("height", "高度") if as_tuple else None)
        if as_tuple:
            steps = join(steps, hand_rf_steps(texts, 1, ("width", "宽度")),
                         note("Receptive field (height × width)", "感受野（高 × 宽）",
                              f"$r = {size[0]} \\times {size[1]}$"))
        mistakes = [
            mistake("rf-no-jumps", _rf_size(x, _stride_one(specs), as_tuple)),
            mistake("rf-ignored-dilation", _rf_size(x, _no_dilation(specs), as_tuple))
            if any("dilation" in s[2] for s in specs) else None,
            mistake("rf-ignored-pooling", _rf_size(x, _no_pools(specs), as_tuple)),
        ]
        hints = {
            "en": [r"$r = 1 + \sum_l (k'_l - 1) j_{l-1}$, where $k' = d(k-1)+1$ is a layer's "
                   r"dilated kernel span and $j_{l-1}$ the product of the strides before layer $l$.",
                   "Pools count like convs; padding does not change the size."],
            "zh": [r"$r = 1 + \sum_l (k'_l - 1) j_{l-1}$，其中 $k' = d(k-1)+1$ 是该层空洞卷积核的跨度，"
                   r"$j_{l-1}$ 是第 $l$ 层之前各层步长之积。",
                   "池化层与卷积一样计算；填充不改变感受野大小。"],
        }
        extra: Extra = {"dims": ("H", "W")} if as_tuple else {}
        return Draft(specs=specs, input_shape=x, quantity="rf_size", answer=answer,
                     prompt={"en": f"{block_en}\n\n{q[0]}", "zh": f"{block_zh}\n\n{q[1]}"},
                     steps=steps, hints=hints, mistakes=mistakes, extra=extra)


class ReceptiveFieldPosition(Template):
    id = "receptive-field-position"
    title = {"en": "Where is the receptive field?", "zh": "感受野在哪里？"}
    quantity = "rf_start"
    tags = ("receptive-field", "padding")
    knobs = {
        1: {"layers": 1, "kernel": (3, 5, 7), "stride": (2, 4), "padding": True, "square": True},
        2: {"layers": "3-4", "stack": "conv, pool, dilated conv", "square": True},
        3: {"layers": 3, "mix": "non-square kernel/stride, ceil_mode pool, dilated grouped conv",
            "axis": "height", "square": False},
    }

    def draw(self, rng: random.Random, level: int) -> Draft | None:
        from quizcnn.core import rf_box

        x = draws.input_shape(rng, square=level < 3)
        if level == 1:
            k = pick(rng, (3, 5, 7))
            specs = [L("Conv2d", x[0], draws.pick_channels(rng), k, stride=pick(rng, (2, 2, 4)),
                       padding=pick(rng, (k // 2, k // 2, 1)))]
        else:
            specs = _stack(rng, x, level)
        report = run(x, specs)
        out = report.output
        i = rng.randrange(min(out[1], 40))
        j = rng.randrange(out[2])
        box = rf_box(x, [spec_text(s) for s in specs], (i, j))
        if box is None:  # no input pixel reaches it (only a transposed conv can do that)
            return None
        answer = box[0][0]
        rf = field_of(report)
        block_en, block_zh = layers_block(specs, x)
        q = (f"Rows are counted from 0 at the top of the input; padding rows have negative "
             f"numbers. Which input row is the **first** (top) row of the receptive field of the "
             f"output pixel at row {i}, column {j} of the last layer?",
             f"输入的行从顶部的 0 开始编号，填充行为负数。最后一层第 {i} 行、第 {j} 列的输出像素，"
             f"其感受野的**第一行**（最上面一行）是输入的第几行？")
        wrong_pad = attempt(lambda: rf_box(x, [spec_text(s) for s in _no_padding(specs)], (i, j)))
        mistakes = [
            mistake("rf-ignored-padding", None if wrong_pad is None else wrong_pad[0][0]),
            mistake("rf-forgot-jump", rf.start[0] + i) if rf.jump[0] != 1 else None,
            mistake("rf-last-pixel", box[0][1]),
        ]
        n = len(specs)
        start_step = note(
            f"Output row i = {i}, with the last layer's j and start",
            f"输出第 i = {i} 行，用最后一层的 j 和 start",
            f"$\\text{{first}} = {answer}$",
            rf"$\text{{first}} = i \cdot j_{{{n}}} + \text{{start}}_{{{n}}}$",
            f"$\\text{{first}} = {i} \\cdot {rf.jump[0]} + {signed(rf.start[0])}$")
        hints = {
            "en": ["Output position i starts at i × jump + start, where jump is the product of "
                   "the strides.", "Each layer's padding p moves the start by −p × (the jump "
                   "before that layer)."],
            "zh": ["输出位置 i 的感受野从 i × jump + start 开始，jump 是各层步长之积。",
                   "每层的填充 p 让起点移动 −p ×（该层之前的 jump）。"],
        }
        return Draft(specs=specs, input_shape=x, quantity="rf_start", answer=answer,
                     prompt={"en": f"{block_en}\n\n{q[0]}", "zh": f"{block_zh}\n\n{q[1]}"},
                     steps=join(rf_steps(report, 0), start_step), hints=hints, mistakes=mistakes,
                     extra={"position": (i, j), "axis": 0})


class Stacked3x3(Template):
    id = "stacked-3x3"
    title = {"en": "Stacked 3×3 convolutions", "zh": "堆叠 3×3 卷积"}
    quantity = "hyperparameter"
    tags = ("receptive-field", "vgg", "parameters")
    knobs = {
        1: {"ask": "how many 3×3 layers (stride 1) match one k×k", "k": (5, 7, 9, 11)},
        2: {"ask": "parameter ratio: n stacked 3×3 vs one k×k (C_in→C_out, then C_out→C_out)",
            "k": (5, 7, 9), "channels": "16..512", "bias": (True, False)},
        3: {"ask": "how many dilated depthwise 3×3 layers after a strided stem (conv with a "
            "possibly non-square kernel, ceil_mode max pool) reach a receptive field R",
            "dilation": (2, 3, 4), "groups": "depthwise", "square": False},
    }

    @staticmethod
    def _stack(c: int, n: int, d: int = 1, depthwise: bool = False) -> list[Spec]:
        kw: SpecKwargs = {"padding": d}
        if d != 1:
            kw["dilation"] = d
        if depthwise:
            kw["groups"] = c
        return [L("Conv2d", c, c, 3, **kw) for _ in range(n)]

    def draw(self, rng: random.Random, level: int) -> Draft | None:
        c = draws.pick_channels(rng, 16, 512)
        size = pick(rng, (28, 56, 112, 224))
        x = (c, size, size)
        hints = {
            "en": ["Each 3×3 stride-1 layer adds 2 to the field (2d with dilation d).",
                   "Two 3×3 layers see 5×5, three see 7×7 (VGG's argument)."],
            "zh": ["每个步长为 1 的 3×3 层让感受野加 2（空洞为 d 时加 2d）。",
                   "两层 3×3 看到 5×5，三层看到 7×7（VGG 的论点）。"],
        }
        if level == 2:
            n = pick(rng, (2, 3, 4))
            cout = draws.pick_channels(rng, 16, 512)
            bias = rng.random() < 0.4
            off: SpecKwargs = {} if bias else {"bias": False}
            stack = [L("Conv2d", c if i == 0 else cout, cout, 3, padding=1, **off)
                     for i in range(n)]
            k = field_of(run(x, stack)).size[0]
            big = [L("Conv2d", c, cout, k, padding=k // 2, **off)]
            num, den = run(x, stack).params, run(x, big).params
            answer = Fraction(num, den)
            one = run(x, stack[:1]).params
            code = "\n".join(spec_text(s) for s in stack)
            en = (f"A stack of {n} layers\n\n```python\n{code}\n```\n\nhas the receptive field of "
                  f"one `{spec_text(big[0])}`. What is the ratio of their parameter counts "
                  f"(stack ÷ single layer)?")
            zh = (f"下面 {n} 层的堆叠\n\n```python\n{code}\n```\n\n与一个 `{spec_text(big[0])}` 的感受野"
                  f"相同。二者参数量之比（堆叠 ÷ 单层）是多少？")
            from quizcnn.problems.solutions import params_steps

            steps = join(params_steps(run(x, stack), ("Stack", "堆叠")),
                         params_steps(run(x, big), ("Single layer", "单层")),
                         ratio_note(("stack", "堆叠"), ("single", "单层"), num, den, answer))
            return Draft(specs=stack + big, input_shape=None, quantity="ratio", answer=answer,
                         prompt={"en": en, "zh": zh}, steps=steps, hints=hints,
                         mistakes=[mistake("inverted-ratio", Fraction(den, num)),
                                   mistake("stacked-one-layer", Fraction(one, den))],
                         extra={"ratio_of": "params", "num_layers": tuple(map(spec_text, stack)),
                                "den_layers": tuple(map(spec_text, big)), "num_input": x,
                                "den_input": x})
        if level == 3:
            return self._after_downsampling(rng, hints)
        d = 1
        n = pick(rng, (2, 3, 4, 5, 6, 7))
        stack = self._stack(c, n, d)
        k = field_of(run(x, stack)).size[0]
        single = L("Conv2d", c, c, k, padding=k // 2)
        en = (f"How many stacked 3×3 stride-1 convolutions have the same receptive field as "
              f"one `{spec_text(single)}`?")
        zh = f"需要堆叠多少个步长为 1 的 3×3 卷积，才能与一个 `{spec_text(single)}` 的感受野相同？"
        report = run(x, stack)
        steps = join(rf_steps(report, 0),
                     note(f"{n} layers reach {k}", f"{n} 层达到 {k}", f"$n = {n}$"))
        return Draft(specs=[single], input_shape=x, quantity="hyperparameter", answer=(n,),
                     prompt={"en": en, "zh": zh}, steps=steps, hints=hints,
                     mistakes=[mistake("stacked-count-off-by-one", (n + 1,))],
                     extra={"names": ("count",), "target_rf": k, "channels": c,
                            "dilation": d, "prefix": (),
                            "solution_layers": tuple(map(spec_text, stack)),
                            "target": (c, size, size)})

    def _after_downsampling(self, rng: random.Random,
                            hints: dict[str, list[str]]) -> Draft | None:
        """A strided stem (conv + ceil_mode pool), then n dilated depthwise 3x3 layers."""
        c = draws.pick_channels(rng, 32, 512)
        h, w = pick(rng, ((224, 224), (256, 192), (320, 240), (192, 256), (160, 224)))
        x = (3, h, w)
        d = pick(rng, (2, 3, 4))
        n = pick(rng, (2, 3, 4, 5))
        kernels: tuple[int | tuple[int, int], ...] = (3, 5, 7, (3, 5), (5, 3))
        k1 = pick(rng, kernels)
        pad1 = tuple(v // 2 for v in k1) if isinstance(k1, tuple) else k1 // 2
        prefix = [L("Conv2d", 3, c, k1, stride=2, padding=pad1, bias=False),
                  L("MaxPool2d", 3, stride=2, padding=1, ceil_mode=True)]
        stack = self._stack(c, n, d, depthwise=True)
        report = run(x, prefix + stack)
        rf_size = field_of(report).size
        if rf_size[0] != rf_size[1]:
            return None  # a non-square stem kernel: keep the target one number
        r = rf_size[0]
        one = stack[0]
        code = "\n".join(spec_text(sp) for sp in prefix)
        en = (f"```python\n{code}\n```\n\nis followed by n copies of `{spec_text(one)}`. "
              f"How many copies are needed for one output pixel to see ${r} \\times {r}$ "
              "input pixels?")
        zh = (f"```python\n{code}\n```\n\n后面接 n 个 `{spec_text(one)}`。需要多少个，"
              f"才能让一个输出像素看到 ${r} \\times {r}$ 个输入像素？")
        r0 = field_of(run(x, prefix)).size[0]
        mistakes = [mistake("stacked-count-after-stem", (n + 1,), r0=r0, add=(r - r0) // n)]
        steps = join(rf_steps(report, 0),
                     note(f"{n} dilated layers reach {r}", f"{n} 个空洞层达到 {r}", f"$n = {n}$"))
        hints = {
            "en": ["After the stem the jump is the product of its strides; each 3×3 layer with "
                   "dilation d then adds 2d × jump to the field.",
                   "Find the stem's field first, then count the dilated layers."],
            "zh": ["经过主干部分后，jump 是其步长之积；之后每个空洞为 d 的 3×3 层让感受野增加 2d × jump。",
                   "先求出主干部分的感受野，再数空洞层。"],
        }
        return Draft(specs=prefix + [one], input_shape=x, quantity="hyperparameter",
                     answer=(n,), prompt={"en": en, "zh": zh}, steps=steps, hints=hints,
                     mistakes=mistakes,
                     extra={"names": ("count",), "target_rf": r, "channels": c, "dilation": d,
                            "prefix": tuple(map(spec_text, prefix)), "depthwise": True,
                            "solution_layers": tuple(map(spec_text, prefix + stack)),
                            "target": tuple(report.output)})

    def check_values(self, problem: Problem, values: tuple[int, ...]) -> Verdict:
        from quizcnn.core import analyze

        (n,) = values
        e = problem.extra
        if not 1 <= n <= 100:
            return problem.verdict(False, values, detail={
                "en": "Give a count between 1 and 100.", "zh": "请给出 1 到 100 之间的层数。"})
        stack = self._stack(e["channels"], n, e["dilation"], depthwise=e.get("depthwise", False))
        rf = field_of(analyze(problem.input_shape,
                              [*e.get("prefix", ()), *map(spec_text, stack)])).size[0]
        if rf == e["target_rf"]:
            return problem.verdict(True, values)
        for m in problem.misconceptions:
            if m.value == tuple(values):
                return problem.verdict(False, values, misconception=m)
        return problem.verdict(False, values, detail={
            "en": f"With {n} such layers one output pixel sees {rf}×{rf} pixels, not "
                  f"{e['target_rf']}×{e['target_rf']}.",
            "zh": f"用 {n} 层这样的卷积，一个输出像素看到 {rf}×{rf} 个像素，而不是 "
                  f"{e['target_rf']}×{e['target_rf']}。"})


TEMPLATES = [ReceptiveFieldSize(), ReceptiveFieldPosition(), Stacked3x3()]
