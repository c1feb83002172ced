"""Output-shape templates: conv, padding='same', pooling, transposed conv.

The answer is the core's output shape; every named wrong answer is the core's output shape of
a variant of the same layers (no dilation, no padding, flipped ceil_mode, ...), except the
single-layer "rounded the other way" and "+1" answers, which move the core's result by one.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from quizcnn.problems.common import (
    L,
    Spec,
    SpecArgs,
    SpecKwargs,
    attempt,
    int_arg,
    pick,
    run,
    set_kw,
    variant,
)
from quizcnn.problems.mistakes import mistake
from quizcnn.problems.model import Misconception
from quizcnn.problems.solutions import join, note, shape_eq, size_steps
from quizcnn.problems.templates import draws
from quizcnn.problems.templates.base import Draft, Template, layers_block

WINDOWED = ("Conv", "MaxPool", "AvgPool")


def _out(x: Sequence[int], specs: Sequence[Spec]) -> tuple[int, ...] | None:
    return attempt(lambda: run(x, specs).output)


def _rounded_up(x: Sequence[int], spec: Spec) -> tuple[int, ...] | None:
    """Output of one floor-mode layer with each axis's division rounded up instead."""
    base = _out(x, [spec])
    if base is None:
        return None
    up = list(base)
    for axis in range(1, len(x)):
        smaller = list(x)
        smaller[axis] -= 1
        other = _out(tuple(smaller), [spec]) if smaller[axis] >= 1 else None
        if other is not None and other[axis] == base[axis]:
            up[axis] += 1  # the division was not exact: ceil is one more than floor
    return tuple(up)


def shape_mistakes(x: Sequence[int], specs: Sequence[Spec],
                   answer: tuple[int, ...]) -> list[Misconception | None]:
    out: list[Misconception | None] = []
    names = [s[0] for s in specs]
    single = len(specs) == 1 and specs[0][0].startswith(WINDOWED)
    if single:
        spec = specs[0]
        if spec[2].get("ceil_mode"):
            floor_spec = (spec[0], spec[1], {k: v for k, v in spec[2].items() if k != "ceil_mode"})
            out.append(mistake("plain-ceil", _rounded_up(x, floor_spec)))
        elif not spec[0].startswith("ConvTranspose"):
            out.append(mistake("ceil-instead-of-floor", _rounded_up(x, spec)))
        if all(v > 1 for v in answer[1:]) and not spec[0].startswith("ConvTranspose"):
            out.append(mistake("forgot-plus-one", (answer[0], *(v - 1 for v in answer[1:]))))
    if any(s[2].get("dilation", 1) != 1 for s in specs):
        out.append(mistake("ignored-dilation", _out(x, set_kw(
            [s for s in specs], ("Conv", "MaxPool"), dilation=1))))

    def no_pad(name: str, args: SpecArgs, kw: SpecKwargs) -> Spec | None:
        if kw.get("padding", 0) not in (0, "same", "valid"):
            kw["padding"] = 0
            return (name, args, kw)
        return None

    if any(s[2].get("padding", 0) not in (0, "same", "valid") for s in specs):
        out.append(mistake("forgot-padding", _out(x, variant(specs, no_pad))))
    if any(s[2].get("padding") == "same" for s in specs):
        out.append(mistake("same-as-valid", _out(x, variant(
            specs, lambda n, a, kw: (n, a, {**kw, "padding": 0}) if kw.get("padding") == "same"
            else None))))
    pools = [s for s in specs if s[0].startswith(("MaxPool", "AvgPool"))]
    if any(s[2].get("ceil_mode") for s in pools):
        out.append(mistake("floor-instead-of-ceil", _out(x, variant(
            specs, lambda n, a, kw: (n, a, {k: v for k, v in kw.items() if k != "ceil_mode"})
            if kw.get("ceil_mode") else None))))
    if any(not s[2].get("ceil_mode") for s in pools):
        out.append(mistake("ceil-instead-of-floor", _out(x, variant(
            specs, lambda n, a, kw: (n, a, {**kw, "ceil_mode": True})
            if n.startswith(("MaxPool", "AvgPool")) else None))))
    if any("stride" not in s[2] for s in pools):
        out.append(mistake("pool-stride-default", _out(x, variant(
            specs, lambda n, a, kw: (n, a, {**kw, "stride": 1})
            if n.startswith(("MaxPool", "AvgPool")) and "stride" not in kw else None))))
    if any(n.startswith("ConvTranspose") for n in names):
        def as_conv(n: str, a: SpecArgs, kw: SpecKwargs) -> Spec | None:
            if n.startswith("ConvTranspose"):
                return (n.replace("ConvTranspose", "Conv"), a,
                        {k: v for k, v in kw.items() if k != "output_padding"})
            return None

        out.append(mistake("conv-formula-for-transposed", _out(x, variant(specs, as_conv))))
        if any(s[2].get("output_padding") for s in specs):
            out.append(mistake("forgot-output-padding", _out(x, variant(
                specs, lambda n, a, kw: (n, a, {k: v for k, v in kw.items()
                                                if k != "output_padding"})))))
    if specs[-1][2].get("padding") == "same" and specs[-1][1][0] != specs[-1][1][1]:
        last = specs[-1]
        kept = (last[0], (last[1][0], last[1][0], *last[1][2:]),
                {k: v for k, v in last[2].items() if k != "groups"})
        out.append(mistake("same-keeps-channels", _out(x, [*specs[:-1], kept])))
    return out


def finish_shape(x: Sequence[int], specs: Sequence[Spec], prompt_q: tuple[str, str],
                 hints: dict[str, list[str]], tags: Sequence[str] = ()) -> Draft:
    report = run(x, specs)
    answer = report.output
    block_en, block_zh = layers_block(specs, x)
    prompt = {"en": f"{block_en}\n\n{prompt_q[0]}", "zh": f"{block_zh}\n\n{prompt_q[1]}"}
    final = note("Output shape", "输出形状", shape_eq(answer))
    return Draft(specs=list(specs), input_shape=tuple(x), quantity="output_shape",
                 answer=tuple(answer), prompt=prompt, steps=join(size_steps(report), final),
                 hints=hints, mistakes=shape_mistakes(x, specs, answer), tags=list(tags))


ONE = ("What is the shape of this layer's output?", "这一层输出的形状是什么？")
STACK = ("The layers run in order. What is the shape of the final output?",
         "这些层依次执行。最终输出的形状是什么？")
H_CONV = {
    "en": [r"Per spatial axis: $o = \left\lfloor \frac{n + 2p - d(k-1) - 1}{s} \right\rfloor + 1$.",
           "The number of channels out is the layer's out_channels."],
    "zh": [r"每个空间维度：$o = \left\lfloor \frac{n + 2p - d(k-1) - 1}{s} \right\rfloor + 1$。",
           "输出通道数就是该层的 out_channels。"],
}


class ConvOutputSize(Template):
    id = "conv-output-size"
    title = {"en": "Conv output shape", "zh": "卷积输出形状"}
    quantity = "output_shape"
    tags = ("conv-arithmetic", "output-size")
    knobs = {
        1: {"layers": 1, "kernel": (1, 3, 5, 7, 11), "stride": (1, 2, 4), "dilation": (1,),
            "groups": (1,), "square": True},
        2: {"layers": (1, 2), "kernel": (3, 5), "stride": (1, 2, 3), "dilation": (2, 3),
            "groups": (1,), "square": True},
        3: {"layers": 3, "kernel": "non-square + square", "stride": "non-square",
            "dilation": (2, 3), "groups": (2, 4, 8, "depthwise"), "ceil_mode": True,
            "square": False},
    }

    def draw(self, rng: random.Random, level: int) -> Draft | None:
        if level == 1:
            x = draws.input_shape(rng, square=True)
            spec = draws.conv(rng, x[0], kernels=(1, 3, 5, 7, 11), strides=(1, 2, 2, 4))
            if spec[2].get("stride") == 4 and int_arg(spec, 2) < 7:
                return None
            return finish_shape(x, [spec], ONE, H_CONV)
        if level == 2:
            x = draws.input_shape(rng, square=True)
            specs = [draws.conv(rng, x[0], kernels=(3, 5), strides=(1, 2), dilations=(2, 3))]
            if rng.random() < 0.5:
                specs.append(draws.conv(rng, int_arg(specs[0], 1), kernels=(1, 3, 5), strides=(1, 2, 3)))
            return finish_shape(x, specs, ONE if len(specs) == 1 else STACK, H_CONV)
        x = draws.input_shape(rng, square=False)
        a = draws.nonsquare_conv(rng, x[0], dilation=rng.random() < 0.5, groups=(1,))
        c_mid = int_arg(a, 1)
        b = draws.pool(rng, ceil=True, overlap=True, avg=False)
        c_out = draws.pick_channels(rng, 16, 1024)
        group_options: tuple[int | str, ...] = (draws.divisor_groups(rng, c_mid, c_out), "depthwise")
        g = pick(rng, group_options)
        c = draws.conv(rng, c_mid, kernels=(3, 5), strides=(1, 2), dilations=(2, 3),
                       groups=(g,), cout=None if g == "depthwise" else c_out)
        specs = [a, b, c] if rng.random() < 0.5 else [a, c, b]
        return finish_shape(x, specs, STACK, H_CONV)


class ConvSamePadding(Template):
    id = "conv-same-padding"
    title = {"en": "padding='same'", "zh": "padding='same'"}
    quantity = "output_shape"
    tags = ("conv-arithmetic", "padding", "output-size")
    knobs = {
        1: {"layers": 1, "kernel": (3, 5, 7), "dilation": (1,), "square": True},
        2: {"layers": 2, "kernel": (2, 3, 4, 5), "dilation": (1, 2, 3),
            "then": "a strided conv or pool", "square": True},
        3: {"layers": 3, "kernel": "non-square", "dilation": (2, 3), "groups": (2, 4, 8),
            "ceil_mode": True, "square": False},
    }

    def _same(self, rng: random.Random, cin: int, kernels: Sequence[int],
              dilations: Sequence[int], groups: int = 1) -> Spec:
        k = pick(rng, kernels)
        kw: SpecKwargs = {"padding": "same"}
        d = pick(rng, dilations)
        if d != 1:
            kw["dilation"] = d
        cout = draws.pick_channels(rng, 16, 1024)
        if groups != 1:
            g = draws.divisor_groups(rng, cin, cout)
            if g != 1:
                kw["groups"] = g
        return L("Conv2d", cin, cout, k, **kw)

    def draw(self, rng: random.Random, level: int) -> Draft | None:
        q_en = "What is the shape of the output?"
        q_zh = "输出的形状是什么？"
        hints = {
            "en": ["padding='same' needs stride 1 and keeps H and W; it pads d(k−1) in total "
                   "(the odd pixel goes right/bottom).", "The channels become out_channels."],
            "zh": ["padding='same' 要求 stride 为 1，保持 H、W 不变；总共填充 d(k−1)"
                   "（多出的一个像素在右/下）。", "通道数变成 out_channels。"],
        }
        if level == 1:
            x = draws.input_shape(rng, square=True)
            return finish_shape(x, [self._same(rng, x[0], (3, 5, 7), (1,))], (q_en, q_zh), hints)
        if level == 2:
            x = draws.input_shape(rng, square=True)
            first = self._same(rng, x[0], (2, 3, 4, 5), (1, 2, 3))
            second = (draws.conv(rng, int_arg(first, 1), kernels=(3, 5), strides=(2, 3))
                      if rng.random() < 0.5 else draws.pool(rng))
            return finish_shape(x, [first, second], (q_en, q_zh), hints)
        x = draws.input_shape(rng, square=False)
        k = pick(rng, draws.NONSQUARE_KERNELS)
        d = pick(rng, (2, 3))
        cout = draws.pick_channels(rng, 16, 512)
        a = L("Conv2d", x[0], cout, k, padding="same", dilation=d)
        b = draws.pool(rng, ceil=True, overlap=True, avg=False)
        c = self._same(rng, cout, (3, 5), (1, 2), groups=2)
        return finish_shape(x, [a, b, c], (q_en, q_zh), hints)


class PoolOutputSize(Template):
    id = "pool-output-size"
    title = {"en": "Pooling output shape", "zh": "池化输出形状"}
    quantity = "output_shape"
    tags = ("pooling", "output-size")
    knobs = {
        1: {"layers": 1, "pool": ("MaxPool2d", "AvgPool2d"), "kernel": (2, 3, 4),
            "stride": "kernel (default) or 2", "ceil_mode": False, "square": True},
        2: {"layers": 1, "pool": ("MaxPool2d", "AvgPool2d"), "kernel": (2, 3, 4), "stride": 2,
            "overlapping": True, "ceil_mode": True, "last-window rule": "1 in 4",
            "square": True},
        3: {"layers": 3, "mix": "conv with non-square stride, pools with ceil_mode and "
                               "dilation, grouped conv", "square": False},
    }

    def draw(self, rng: random.Random, level: int) -> Draft | None:
        hints = {
            "en": ["A pool uses the conv formula; its stride defaults to the kernel size.",
                   "ceil_mode=True rounds up, but a last window starting in the right padding "
                   "is dropped. Pools keep the channels."],
            "zh": ["池化用与卷积相同的公式；stride 默认等于 kernel_size。",
                   "ceil_mode=True 向上取整，但从右侧填充里开始的最后一个窗口会被丢掉。池化不改变通道数。"],
        }
        if level == 1:
            x = draws.input_shape(rng, square=True, image=False)
            return finish_shape(x, [draws.pool(rng, ceil=False)], ONE, hints)
        if level == 2:
            x = draws.input_shape(rng, square=True, image=False)
            if rng.random() < 0.25:
                # the trap: with padding, ceil_mode's extra window may start in the padding
                n = pick(rng, (7, 13, 15, 19, 27, 31, 55, 57, 63))
                x = (x[0], n, n)
                spec = L(pick(rng, ("MaxPool2d", "AvgPool2d")), 2, stride=2, padding=1,
                         ceil_mode=True)
            else:
                spec = draws.pool(rng, ceil=True, overlap=rng.random() < 0.7,
                                  dilation=rng.random() < 0.2)
            return finish_shape(x, [spec], ONE, hints)
        x = draws.input_shape(rng, square=False)
        a = draws.nonsquare_conv(rng, x[0], dilation=False, groups=(1,))
        b = draws.pool(rng, ceil=True, overlap=True, avg=False, dilation=rng.random() < 0.5)
        cmid = int_arg(a, 1)
        c2 = draws.pick_channels(rng, 16, 1024)
        c = draws.conv(rng, cmid, kernels=(3,), strides=(1, 2), dilations=(1, 2),
                       groups=(draws.divisor_groups(rng, cmid, c2),), cout=c2)
        d = draws.pool(rng, ceil=rng.random() < 0.5)
        return finish_shape(x, [a, b, c, d], STACK, hints)


class TransposedOutputSize(Template):
    id = "transposed-output-size"
    title = {"en": "Transposed conv output shape", "zh": "转置卷积输出形状"}
    quantity = "output_shape"
    tags = ("transposed-conv", "output-size")
    knobs = {
        1: {"layers": 1, "kernel": (2, 3, 4), "stride": (1, 2), "output_padding": 0,
            "dilation": (1,), "square": True},
        2: {"layers": 1, "kernel": (3, 4, 5), "stride": (2, 3), "output_padding": "0..s-1",
            "dilation": (1, 2), "square": True},
        3: {"layers": 3, "kernel": "non-square", "stride": "non-square", "dilation": (2,),
            "groups": (2, 4), "output_padding": True, "square": False},
    }

    def _tconv(self, rng: random.Random, cin: int, kernels: Sequence[int], strides: Sequence[int],
               dilations: Sequence[int], op: bool, groups: int = 1) -> Spec:
        k = pick(rng, kernels)
        s = pick(rng, strides)
        d = pick(rng, dilations)
        cout = draws.pick_channels(rng, 16, 512)
        kw: SpecKwargs = {"stride": s}
        p = rng.randint(0, max(0, d * (k - 1) // 2))
        if p:
            kw["padding"] = p
        if op and max(s, d) > 1:
            o = rng.randint(0, max(s, d) - 1)
            if o:
                kw["output_padding"] = o
        if d != 1:
            kw["dilation"] = d
        if groups != 1:
            g = draws.divisor_groups(rng, cin, cout)
            if g != 1:
                kw["groups"] = g
        return L("ConvTranspose2d", cin, cout, k, **kw)

    def draw(self, rng: random.Random, level: int) -> Draft | None:
        hints = {
            "en": [r"Per axis: $o = (n-1)s - 2p + d(k-1) + p_{out} + 1$.",
                   "A transposed conv grows the map: it runs the conv formula backwards."],
            "zh": [r"每个维度：$o = (n-1)s - 2p + d(k-1) + p_{out} + 1$。",
                   "转置卷积把特征图变大：它把卷积的公式反过来用。"],
        }
        small = (4, 7, 8, 13, 14, 16, 28, 32, 56, 64)
        if level == 1:
            n = pick(rng, small)
            x = (draws.pick_channels(rng, 32, 1024), n, n)
            return finish_shape(x, [self._tconv(rng, x[0], (2, 3, 4), (1, 2, 2), (1,), False)],
                                ONE, hints)
        if level == 2:
            n = pick(rng, small)
            x = (draws.pick_channels(rng, 32, 1024), n, n)
            spec = self._tconv(rng, x[0], (3, 4, 5), (2, 3), (1, 2), True)
            return finish_shape(x, [spec], ONE, hints)
        h, w = pick(rng, ((7, 5), (8, 6), (14, 10), (16, 12), (28, 20), (12, 16), (10, 7)))
        x = (draws.pick_channels(rng, 64, 1024), h, w)
        k = pick(rng, draws.NONSQUARE_KERNELS[:6] + ((3, 4), (4, 3)))
        s = pick(rng, ((2, 1), (1, 2), (2, 2)))
        cout = draws.pick_channels(rng, 32, 512)
        pad = tuple(rng.randint(0, (ki - 1) // 2) for ki in k)
        kw: SpecKwargs = {"stride": s}
        if any(pad):
            kw["padding"] = pad
        op = tuple(rng.randint(0, si - 1) for si in s)
        if any(op):
            kw["output_padding"] = op
        a = L("ConvTranspose2d", x[0], cout, k, **kw)
        b = draws.conv(rng, cout, kernels=(3,), strides=(1,), dilations=(1, 2))
        c = self._tconv(rng, int_arg(b, 1), (3, 4), (2,), (1, 2), True, groups=2)
        return finish_shape(x, [a, b, c], STACK, hints)


TEMPLATES = [ConvOutputSize(), ConvSamePadding(), PoolOutputSize(), TransposedOutputSize()]
