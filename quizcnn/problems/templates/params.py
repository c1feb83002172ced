"""Parameter counts and MACs/FLOPs: the answer is the core's total on the drawn layers; the
named wrong answers are the core's totals on variants (no bias, groups=1, ...)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TYPE_CHECKING

from quizcnn.core.conv import Conv, ConvTranspose
from quizcnn.core.norm import BatchNorm
from quizcnn.problems.common import (
    L,
    Spec,
    SpecArgs,
    SpecKwargs,
    attempt,
    count,
    fmt_int,
    int_arg,
    per_axis,
    pick,
    run,
    variant,
)
from quizcnn.problems.mistakes import mistake
from quizcnn.problems.model import Misconception
from quizcnn.problems.solutions import macs_steps, params_steps
from quizcnn.problems.templates import draws
from quizcnn.problems.templates.base import Draft, Template, layers_block

if TYPE_CHECKING:
    from quizcnn.core.analyze import Report

WEIGHTED = ("Conv", "Linear")


def _total(x: Sequence[int], specs: Sequence[Spec], what: str) -> int | None:
    return attempt(lambda: count(run(x, specs), what))


def _bias_all(specs: Sequence[Spec], value: bool) -> list[Spec]:
    return variant(specs, lambda n, a, kw: (n, a, {**kw, "bias": value})
                   if n.startswith(WEIGHTED) else None)


def _groups_one(specs: Sequence[Spec]) -> list[Spec]:
    def change(n: str, a: SpecArgs, kw: SpecKwargs) -> Spec | None:
        if kw.get("groups", 1) != 1:
            return (n, a, {k: v for k, v in kw.items() if k != "groups"})
        return None

    return variant(specs, change)


def _undilated(specs: Sequence[Spec]) -> list[Spec]:
    """Dilation taken as a bigger kernel: k -> d(k-1)+1 taps (a wrong idea, computed by the core)."""
    def change(n: str, a: SpecArgs, kw: SpecKwargs) -> Spec | None:
        d = kw.get("dilation", 1)
        if d == 1:
            return None
        dd = per_axis(d)
        kk = per_axis(a[2])
        k_eff = tuple(di * (ki - 1) + 1 for di, ki in zip(dd, kk, strict=True))
        rest = {key: v for key, v in kw.items() if key not in ("dilation", "padding")}
        return (n, (a[0], a[1], k_eff), rest)

    return variant(specs, change)


def count_mistakes(x: Sequence[int], specs: Sequence[Spec], what: str,
                   answer: int) -> list[Misconception | None]:
    """Wrong totals for params/macs/flops over ``specs``."""
    out: list[Misconception | None] = []
    has_bias = [s for s in specs if s[0].startswith(WEIGHTED) and s[2].get("bias", True)]
    no_bias = [s for s in specs if s[0].startswith(WEIGHTED) and not s[2].get("bias", True)]
    report = run(x, specs)
    if what == "params":
        if has_bias:
            v = _total(x, _bias_all(specs, False), "params")
            out.append(mistake("forgot-bias", v, diff=fmt_int(answer - v) if v else 0))
        if no_bias and not has_bias:
            v = _total(x, _bias_all(specs, True), "params")
            out.append(mistake("counted-bias", v, diff=fmt_int(v - answer) if v else 0))
        bn = sum(lr.params for lr in report.layers if isinstance(lr.layer, BatchNorm))
        if bn:
            out.append(mistake("bn-running-stats", answer + bn))
        for lr in report.layers:
            t = lr.layer
            if isinstance(t, ConvTranspose) and t.bias and t.in_channels != t.out_channels:
                out.append(mistake("transposed-weight-layout",
                                   answer - t.out_channels + t.in_channels))
        if any(s[2].get("dilation", 1) != 1 for s in specs):
            out.append(mistake("dilation-adds-weights", _total(x, _undilated(specs), "params")))
    else:
        if what == "flops":
            out.append(mistake("macs-for-flops", report.macs))
        else:
            out.append(mistake("flops-for-macs", report.flops))
        adds = sum(_prod(lr.output) for lr in report.layers
                   if isinstance(lr.layer, Conv | ConvTranspose) and lr.layer.bias)
        if adds:
            out.append(mistake("counted-bias-compute", answer + adds))
        out.append(_torchinfo(x, specs, report, what))
        if len(specs) == 1 and specs[0][0].startswith("Conv2d") and specs[0][2].get("stride", 1) != 1:
            name, args, kw = specs[0]
            d = kw.get("dilation", 1)
            dense = (name, args, {**{k: v for k, v in kw.items() if k not in ("stride", "padding")},
                                  "padding": "same"})
            v = _total(x, [dense], what) if int_arg(specs[0], 2) % 2 == 1 or d == 1 else None
            out.append(mistake("macs-input-positions", v))
    if any(s[2].get("groups", 1) != 1 for s in specs):
        out.append(mistake("forgot-groups", _total(x, _groups_one(specs), what)))
    return out


def _prod(shape: Sequence[int]) -> int:
    n = 1
    for v in shape:
        n *= v
    return n


def _torchinfo(x: Sequence[int], specs: Sequence[Spec], report: Report,
               what: str) -> Misconception | None:
    """Transposed convs counted over output positions: the same kernel run as a stride-1 conv
    over the transposed conv's output (computed by the core)."""
    if not any(s[0].startswith("ConvTranspose") for s in specs):
        return None
    total = 0
    for lr in report.layers:
        layer = lr.layer
        if isinstance(layer, ConvTranspose):
            twin = L(layer.kind.replace("ConvTranspose", "Conv"), layer.in_channels,
                     layer.out_channels, layer.kernel_size, padding="same", groups=layer.groups)
            shape = (layer.in_channels, *lr.output[1:])
            macs = _total(shape, [twin], "macs")
            if macs is None:
                return None
            total += macs
        else:
            total += lr.macs
    return mistake("transposed-output-positions", total if what == "macs" else 2 * total)


class ConvParams(Template):
    id = "conv-params"
    title = {"en": "Count the parameters", "zh": "计算参数量"}
    quantity = "params"
    tags = ("parameters",)
    knobs = {
        1: {"layers": 1, "kind": "Conv2d", "kernel": (1, 3, 5, 7), "bias": (True, False),
            "groups": (1,), "square": True},
        2: {"layers": (1, 2), "kind": ("grouped", "depthwise", "depthwise separable",
                                       "ConvTranspose2d"), "bias": (True, False)},
        3: {"layers": "3-5", "mix": "non-square kernel, BatchNorm2d, dilation, groups, "
            "ConvTranspose2d", "square": False},
    }

    def draw(self, rng: random.Random, level: int) -> Draft | None:
        hints = {
            "en": [r"Conv weight (kernel $k_1 \times k_2$): "
                   r"$C_{out} \cdot \frac{C_{in}}{g} \cdot k_1 k_2$; plus $C_{out}$ "
                   "biases unless bias=False.",
                   r"ConvTranspose weight: $C_{in} \cdot \frac{C_{out}}{g} \cdot k_1 k_2$. "
                   "Pools and activations have none; BatchNorm learns 2C."],
            "zh": [r"卷积权重（卷积核 $k_1 \times k_2$）："
                   r"$C_{out} \cdot \frac{C_{in}}{g} \cdot k_1 k_2$；除非 bias=False，"
                   r"还有 $C_{out}$ 个偏置。",
                   r"转置卷积权重：$C_{in} \cdot \frac{C_{out}}{g} \cdot k_1 k_2$。池化和激活没有参数；"
                   "BatchNorm 学 2C 个。"],
        }
        if level == 1:
            x = draws.input_shape(rng, square=True)
            specs = [draws.conv(rng, x[0], kernels=(1, 3, 5, 7), strides=(1, 2))]
        elif level == 2:
            x = draws.input_shape(rng, square=True, image=False)
            c = x[0]
            kind = pick(rng, ("grouped", "depthwise", "separable", "transposed"))
            if kind == "grouped":
                cout = draws.pick_channels(rng, 32, 1024)
                g = draws.divisor_groups(rng, c, cout)
                specs = [draws.conv(rng, c, kernels=(3, 5), groups=(g,), cout=cout)]
            elif kind == "depthwise":
                specs = [draws.conv(rng, c, kernels=(3, 5, 7), groups=("depthwise",))]
            elif kind == "separable":
                dw = draws.conv(rng, c, kernels=(3, 5), groups=("depthwise",))
                pw = draws.conv(rng, c, kernels=(1,), strides=(1,), cout=draws.pick_channels(rng))
                specs = [dw, pw]
            else:
                k = pick(rng, (2, 3, 4))
                kw: SpecKwargs = {"stride": 2}
                if k > 2 and rng.random() < 0.5:
                    kw["padding"] = 1
                if rng.random() < 0.5:
                    kw["bias"] = False
                specs = [L("ConvTranspose2d", c, draws.pick_channels(rng, 16, 512), k, **kw)]
        else:
            x = draws.input_shape(rng, square=False)
            a = draws.nonsquare_conv(rng, x[0], dilation=False, groups=(1,))
            c1 = int_arg(a, 1)
            specs = [a, L("BatchNorm2d", c1), L("ReLU")]
            c2 = draws.pick_channels(rng, 32, 1024)
            g = draws.divisor_groups(rng, c1, c2)
            specs.append(draws.conv(rng, c1, kernels=(3,), dilations=(2, 3), groups=(g,),
                                    cout=c2))
            if rng.random() < 0.5:
                k = pick(rng, (2, 4))
                specs.append(L("ConvTranspose2d", c2, draws.pick_channels(rng, 16, 256), k,
                               stride=2, **({"padding": 1} if k == 4 else {})))
        report = run(x, specs)
        answer = report.params
        if answer <= 0:
            return None
        block_en, block_zh = layers_block(specs, x)
        n = len(specs)
        q_en = ("How many learnable parameters (weights and biases) does this layer have?" if n == 1
                else "How many learnable parameters (weights and biases) do these layers have "
                     "in total?")
        q_zh = "这一层有多少个可学习参数（权重和偏置）？" if n == 1 else "这些层一共有多少个可学习参数（权重和偏置）？"
        return Draft(specs=specs, input_shape=x, quantity="params", answer=answer,
                     prompt={"en": f"{block_en}\n\n{q_en}", "zh": f"{block_zh}\n\n{q_zh}"},
                     steps=params_steps(report), hints=hints,
                     mistakes=count_mistakes(x, specs, "params", answer))


class ConvMacsFlops(Template):
    id = "conv-macs-flops"
    title = {"en": "Count MACs / FLOPs", "zh": "计算 MACs / FLOPs"}
    quantity = "flops"
    tags = ("flops", "macs", "compute")
    knobs = {
        1: {"layers": 1, "kind": "Conv2d", "ask": ("macs", "flops"), "square": True},
        2: {"layers": (1, 2), "kind": ("grouped", "depthwise", "ConvTranspose2d", "conv + pool"),
            "ask": ("macs", "flops"), "square": True},
        3: {"layers": "3-4", "mix": "non-square kernels/strides, dilation, groups, ceil_mode "
            "pool, ConvTranspose2d", "ask": ("macs", "flops"), "square": False},
    }
    CONVENTION = {
        "macs": ("Count **MACs** (multiply-accumulates) at batch size 1; bias additions are not "
                 "counted; pools and activations count 0.",
                 "计算 **MACs**（乘加次数），批大小为 1；不计偏置加法；池化和激活计 0。"),
        "flops": ("Count **FLOPs** as 2 × MACs (one multiply and one add), at batch size 1, as "
                  "torch.utils.flop_counter does: bias additions are not counted; pools and "
                  "activations count 0.",
                  "按 torch.utils.flop_counter 的约定计算 **FLOPs** = 2 × MACs（一次乘法加一次加法），"
                  "批大小为 1；不计偏置加法；池化和激活计 0。"),
    }

    def draw(self, rng: random.Random, level: int) -> Draft | None:
        what = pick(rng, ("macs", "flops"))
        hints = {
            "en": [r"Conv MACs: $C_{out} \cdot H_{out} W_{out} \cdot \frac{C_{in}}{g} \cdot k_1 k_2$.",
                   r"ConvTranspose MACs run over the input positions: "
                   r"$C_{in} \cdot H_{in} W_{in} \cdot \frac{C_{out}}{g} \cdot k_1 k_2$."],
            "zh": [r"卷积 MACs：$C_{out} \cdot H_{out} W_{out} \cdot \frac{C_{in}}{g} \cdot k_1 k_2$。",
                   r"转置卷积按输入位置计：$C_{in} \cdot H_{in} W_{in} \cdot \frac{C_{out}}{g} \cdot k_1 k_2$。"],
        }
        if level == 1:
            x = draws.input_shape(rng, square=True)
            specs = [draws.conv(rng, x[0], kernels=(1, 3, 5, 7), strides=(1, 2))]
        elif level == 2:
            x = draws.input_shape(rng, square=True, image=False)
            c = x[0]
            kind = pick(rng, ("grouped", "depthwise", "transposed", "pool"))
            if kind == "grouped":
                cout = draws.pick_channels(rng, 32, 1024)
                specs = [draws.conv(rng, c, kernels=(3, 5), cout=cout,
                                    groups=(draws.divisor_groups(rng, c, cout),))]
            elif kind == "depthwise":
                specs = [draws.conv(rng, c, kernels=(3, 5), groups=("depthwise",))]
            elif kind == "transposed":
                k = pick(rng, (2, 3, 4))
                pad = {"padding": 1} if k > 2 and rng.random() < 0.5 else {}
                specs = [L("ConvTranspose2d", c, draws.pick_channels(rng, 16, 512), k, stride=2,
                           **pad)]
            else:
                specs = [draws.conv(rng, c, kernels=(3,)), draws.pool(rng)]
        else:
            x = draws.input_shape(rng, square=False)
            a = draws.nonsquare_conv(rng, x[0], dilation=True, groups=(1,))
            c1 = int_arg(a, 1)
            c2 = draws.pick_channels(rng, 32, 512)
            b = draws.pool(rng, ceil=True, overlap=True, avg=False)
            third = draws.conv(rng, c1, kernels=(3,), dilations=(1, 2), cout=c2,
                               groups=(draws.divisor_groups(rng, c1, c2),))
            specs = [a, b, third]
            if rng.random() < 0.5:
                specs.append(L("ConvTranspose2d", c2, draws.pick_channels(rng, 16, 256), 2,
                               stride=2))
        report = run(x, specs)
        answer = count(report, what)
        if answer <= 0:
            return None
        block_en, block_zh = layers_block(specs, x)
        conv_en, conv_zh = self.CONVENTION[what]
        word = "MACs" if what == "macs" else "FLOPs"
        q_en = f"{conv_en}\n\nHow many {word} does a forward pass through {'this layer' if len(specs) == 1 else 'these layers'} take?"
        q_zh = f"{conv_zh}\n\n前向计算{'这一层' if len(specs) == 1 else '这些层'}需要多少 {word}？"
        return Draft(specs=specs, input_shape=x, quantity=what, answer=answer,
                     prompt={"en": f"{block_en}\n\n{q_en}", "zh": f"{block_zh}\n\n{q_zh}"},
                     steps=macs_steps(report, flops=what == "flops"), hints=hints,
                     mistakes=count_mistakes(x, specs, what, answer))


TEMPLATES = [ConvParams(), ConvMacsFlops()]

