"""Worked-solution steps (formula, substitution, result) in English and Chinese.

Every ``result`` is read from the core's report; the formula and the substitution only show
the layer's own numbers in place. Each piece is a whole equation with the same left side
(``o = <formula>``, ``o = <numbers>``, ``o = 32``), so a display may put them on separate
lines or join them with arrows and still read true. Math is kept to what the terminal
renderer (``quizcnn.mathtext``) shows cleanly: no multi-letter sub/superscripts it cannot
lower or raise (``k'`` rather than ``k_{eff}``).

A module a little over 400 lines: one builder per quantity (size, parameters, MACs/FLOPs,
receptive field) and the small helpers they share, each in two languages; splitting them would
separate the steps from the helpers that keep their wording the same across quantities.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Protocol, TypeAlias

from quizcnn.core.conv import Conv, ConvTranspose
from quizcnn.core.linear import Linear
from quizcnn.core.norm import BatchNorm
from quizcnn.core.pool import AvgPool, MaxPool
from quizcnn.problems.common import fmt_int, fmt_tex_shape
from quizcnn.problems.model import Step

if TYPE_CHECKING:
    from quizcnn.core.analyze import LayerReport, Report
    from quizcnn.core.base import Layer
    from quizcnn.core.graph_ops import GraphOp

# the layers with a kernel window (kernel_size, stride, padding)
Windowed: TypeAlias = Conv | ConvTranspose | MaxPool | AvgPool

Steps: TypeAlias = dict[str, list[Step]]  # language -> the steps of a worked solution


class LayerCount(Protocol):
    """What ``params_steps`` reads of one layer: a core LayerReport, or a row made from a
    model graph's node (``own_model_kinds``)."""

    @property
    def layer(self) -> Layer | GraphOp: ...
    @property
    def index(self) -> int: ...
    @property
    def params(self) -> int: ...


class ParamCount(Protocol):
    """What ``params_steps`` reads of a stack: its layers and their total."""

    @property
    def layers(self) -> Sequence[LayerCount]: ...
    @property
    def params(self) -> int: ...

AXES = {1: ("L",), 2: ("H", "W"), 3: ("D", "H", "W")}
AXIS_WORDS = {
    "H": ("height", "高度"), "W": ("width", "宽度"), "L": ("length", "长度"), "D": ("depth", "深度"),
    "HW": ("height and width", "高度和宽度"), "DHW": ("all axes", "各个维度"),
}
SHAPE_NAMES = {1: "n", 2: r"C \times L", 3: r"C \times H \times W", 4: r"C \times D \times H \times W"}

F_CONV = r"$o = \left\lfloor \frac{n + 2p - d(k-1) - 1}{s} \right\rfloor + 1$"
F_SAME = r"$o = \left\lfloor \frac{n + p_l + p_r - d(k-1) - 1}{s} \right\rfloor + 1$"
F_CEIL = r"$o = \left\lceil \frac{n + 2p - d(k-1) - 1}{s} \right\rceil + 1$"
F_CEIL_DROP = r"$o = \left\lceil \frac{n + 2p - d(k-1) - 1}{s} \right\rceil + 1 - 1$"
F_TRANS = r"$o = (n-1)s - 2p + d(k-1) + p_{out} + 1$"


def both(en: list[Step], zh: list[Step]) -> dict[str, list[Step]]:
    return {"en": en, "zh": zh}


def shape_eq(shape: Sequence[int]) -> str:
    """A shape with its symbol, as math: ``C × H × W = 64 × 56 × 56``."""
    names = SHAPE_NAMES.get(len(shape), r"\text{shape}")
    return f"${names} = {fmt_tex_shape(shape)}$"


def windowed(layer: Layer) -> Windowed | None:
    """``layer`` when it has a kernel window (a conv, transposed conv, max or avg pool)."""
    return layer if isinstance(layer, Conv | ConvTranspose | MaxPool | AvgPool) else None


def dilation_of(layer: Windowed) -> tuple[int, ...]:
    return (1,) * len(layer.kernel_size) if isinstance(layer, AvgPool) else layer.dilation


def _pads(layer: Windowed, axis: int) -> tuple[int, int]:
    """The padding before and after ``axis`` (uneven for padding='same')."""
    if isinstance(layer, ConvTranspose):
        return (layer.padding[axis],) * 2
    return layer.pads(axis)


def _axis_groups(lr: LayerReport) -> list[tuple[str, list[int]]]:
    """Axes with identical numbers are solved once: [("HW", [0, 1])] or [("H", [0]), ("W", [1])]."""
    layer = lr.layer
    nd = len(lr.input) - 1
    names = AXES.get(nd, tuple(str(i) for i in range(nd)))

    def key(axis: int) -> tuple[object, ...]:
        vals: list[object] = [lr.input[axis + 1]]
        for attr in ("kernel_size", "stride", "padding", "dilation", "output_padding"):
            v = getattr(layer, attr, None)
            if isinstance(v, tuple):
                vals.append(v[axis])
        if hasattr(layer, "pads"):
            vals.append(layer.pads(axis))
        return tuple(vals)

    if nd > 1 and len({key(a) for a in range(nd)}) == 1:
        return [("".join(names), list(range(nd)))]
    return [(names[a], [a]) for a in range(nd)]


def signed(v: int) -> str:
    """A number for a sum: negative ones in parentheses."""
    return str(v) if v >= 0 else f"({v})"


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def size_steps(report: Report, *, label_offset: int = 1) -> Steps:
    """One step per layer (and per axis where the axes differ) for the output size."""
    en: list[Step] = []
    zh: list[Step] = []
    for lr in report.layers:
        layer = lr.layer
        kind = layer.kind
        i = lr.index + label_offset
        win = windowed(layer)
        if win is None:
            if kind.startswith("Adaptive"):
                en.append(Step(f"Layer {i} ({kind}): output_size sets the size", "", "",
                               shape_eq(lr.output)))
                zh.append(Step(f"第 {i} 层（{kind}）：尺寸由 output_size 决定", "", "",
                               shape_eq(lr.output)))
            elif kind in ("Linear", "Flatten"):
                en.append(Step(f"Layer {i} ({kind})", "", "", shape_eq(lr.output)))
                zh.append(Step(f"第 {i} 层（{kind}）", "", "", shape_eq(lr.output)))
            continue  # activations, norms, dropout: the shape does not change
        for name, axes in _axis_groups(lr):
            a = axes[0]
            n = lr.input[a + 1]
            k = win.kernel_size[a]
            s = win.stride[a]
            d = dilation_of(win)[a]
            out = lr.output[a + 1]
            result = f"$o = {out}$"
            en_axis, zh_axis = AXIS_WORDS.get(name, (name, name))
            title_en = f"Layer {i} ({kind}), {en_axis}"
            title_zh = f"第 {i} 层（{kind}），{zh_axis}"
            if isinstance(win, ConvTranspose):
                op = win.output_padding[a]
                p = win.padding[a]
                sub = f"$o = ({n}-1) \\cdot {s} - 2 \\cdot {p} + {d} \\cdot ({k}-1) + {op} + 1$"
                en.append(Step(title_en, F_TRANS, sub, result))
                zh.append(Step(title_zh, F_TRANS, sub, result))
                continue
            left, right = win.pads(a)
            ceil = isinstance(win, MaxPool | AvgPool) and win.ceil_mode
            if isinstance(win, Conv) and win.padding_str == "same":
                sub = (f"$o = \\left\\lfloor \\frac{{{n} + {left} + {right} - {d} \\cdot ({k}-1) - 1}}"
                       f"{{{s}}} \\right\\rfloor + 1$")
                pads = r"$p_l + p_r = d(k-1)$"
                en.append(Step(f"{title_en}, padding='same' ({pads})", F_SAME, sub, result))
                zh.append(Step(f"{title_zh}，padding='same'（{pads}）", F_SAME, sub, result))
                continue
            span = n + left + right - d * (k - 1) - 1
            if ceil:
                # PyTorch drops a last window that would start in the right padding: the core's
                # result is then one less than the ceil formula, and the step says so.
                drop = _ceil_div(span, s) + 1 != out
                sub = (f"$o = \\left\\lceil \\frac{{{n} + 2 \\cdot {left} - {d} \\cdot ({k}-1) - 1}}"
                       f"{{{s}}} \\right\\rceil + 1" + (" - 1$" if drop else "$"))
                if drop:
                    en.append(Step(title_en + ", ceil_mode=True; the last window would start in "
                                   "the right padding, so it is dropped (−1)", F_CEIL_DROP, sub,
                                   result))
                    zh.append(Step(title_zh + "，ceil_mode=True；最后一个窗口会从右侧填充里开始，"
                                   "因此丢掉（−1）", F_CEIL_DROP, sub, result))
                else:
                    en.append(Step(title_en + ", ceil_mode=True", F_CEIL, sub, result))
                    zh.append(Step(title_zh + "，ceil_mode=True", F_CEIL, sub, result))
                continue
            sub = (f"$o = \\left\\lfloor \\frac{{{n} + 2 \\cdot {left} - {d} \\cdot ({k}-1) - 1}}"
                   f"{{{s}}} \\right\\rfloor + 1$")
            en.append(Step(title_en, F_CONV, sub, result))
            zh.append(Step(title_zh, F_CONV, sub, result))
    return both(en, zh)


def _kernel(k: Sequence[int]) -> tuple[str, str]:
    """The kernel's number of taps as symbols and numbers: ``k^2``/``3^2`` for a square
    kernel, ``k_1 k_2``/``1 \\cdot 7`` otherwise, ``k``/``3`` in 1-D."""
    if len(k) == 1:
        return "k", str(k[0])
    if len(set(k)) == 1:
        return f"k^{len(k)}", f"{k[0]}^{len(k)}"
    return (" ".join(f"k_{i + 1}" for i in range(len(k))),
            " \\cdot ".join(str(v) for v in k))


def _positions(shape: Sequence[int], where: str) -> tuple[str, str]:
    """Spatial positions as symbols and numbers: ``H_{out} W_{out}`` and ``56 \\cdot 56``."""
    names = AXES.get(len(shape), tuple(f"n_{i + 1}" for i in range(len(shape))))
    return (" ".join(f"{a}_{{{where}}}" for a in names), " \\cdot ".join(str(v) for v in shape))


def _per_group(c_in: int, groups: int, sym: str) -> tuple[str, str]:
    """``\\frac{C_{in}}{g}`` and its numbers; just ``C_{in}`` when groups is 1."""
    if groups == 1:
        return sym, str(c_in)
    return f"\\frac{{{sym}}}{{g}}", f"\\frac{{{c_in}}}{{{groups}}}"


def _weights(layer: Conv | ConvTranspose) -> tuple[str, str]:
    """Weight count of a conv as (symbols, numbers)."""
    k_sym, k_num = _kernel(layer.kernel_size)
    if isinstance(layer, ConvTranspose):
        g_sym, g_num = _per_group(layer.out_channels, layer.groups, "C_{out}")
        return (f"C_{{in}} \\cdot {g_sym} \\cdot {k_sym}",
                f"{layer.in_channels} \\cdot {g_num} \\cdot {k_num}")
    g_sym, g_num = _per_group(layer.in_channels, layer.groups, "C_{in}")
    return (f"C_{{out}} \\cdot {g_sym} \\cdot {k_sym}",
            f"{layer.out_channels} \\cdot {g_num} \\cdot {k_num}")


def params_steps(report: ParamCount, who: tuple[str, str] | None = None) -> Steps:
    """One step per layer with parameters (P = ...), then the total; ``who`` names the stack."""
    en: list[Step] = []
    zh: list[Step] = []
    for lr in report.layers:
        layer = lr.layer
        kind = layer.kind
        i = lr.index + 1
        res = f"$P = {fmt_int(lr.params)}$"
        bias = getattr(layer, "bias", False)
        title_en, title_zh = f"Layer {i} ({kind})", f"第 {i} 层（{kind}）"
        if isinstance(layer, Conv | ConvTranspose):
            w = _weights(layer)
            f = f"$P = {w[0]}" + (r" + C_{out}$" if bias else "$")
            sub = f"$P = {w[1]}" + (f" + {layer.out_channels}$" if bias else "$")
        elif isinstance(layer, Linear):
            f = r"$P = n_{in} \cdot n_{out}" + (r" + n_{out}$" if bias else "$")
            sub = (f"$P = {layer.in_features} \\cdot {layer.out_features}"
                   + (f" + {layer.out_features}$" if bias else "$"))
        elif isinstance(layer, BatchNorm):
            f = r"$P = 2C$"
            sub = f"$P = 2 \\cdot {layer.num_features}$"
            title_en, title_zh = title_en + ": γ and β", title_zh + "：γ 和 β"
        elif lr.params == 0:
            continue
        else:
            f, sub = "", ""
        en.append(Step(title_en, f, sub, res))
        zh.append(Step(title_zh, f, sub, res))
    if len(en) > 1:
        total = f"$P = {fmt_int(report.params)}$"
        sub = "$P = " + " + ".join(fmt_int(lr.params) for lr in report.layers if lr.params) + "$"
        en.append(Step("Total", r"$P = \sum_l P_l$", sub, total))
        zh.append(Step("合计", r"$P = \sum_l P_l$", sub, total))
    return _named(both(en, zh), who)


def _named(steps: dict[str, list[Step]], who: tuple[str, str] | None) -> dict[str, list[Step]]:
    if who is None:
        return steps
    colon = {"en": ": ", "zh": "："}
    return {lang: [Step(f"{name}{colon[lang]}{s.title}", s.formula, s.substitution, s.result)
                   for s in steps[lang]] for lang, name in zip(("en", "zh"), who, strict=True)}


MACS = r"\text{MACs}"


def macs_steps(report: Report, *, flops: bool, who: tuple[str, str] | None = None) -> Steps:
    en: list[Step] = []
    zh: list[Step] = []
    for lr in report.layers:
        layer = lr.layer
        kind = layer.kind
        if lr.macs == 0:
            continue
        i = lr.index + 1
        res = f"${MACS} = {fmt_int(lr.macs)}$"
        if isinstance(layer, Conv | ConvTranspose):
            w = _weights(layer)
            where, shape = ("in", lr.input[1:]) if kind.startswith("ConvTranspose") else (
                "out", lr.output[1:])
            pos_sym, pos_num = _positions(shape, where)
            f = f"${MACS} = {pos_sym} \\cdot {w[0]}$"
            sub = f"${MACS} = {pos_num} \\cdot {w[1]}$"
        elif isinstance(layer, Linear):
            f = f"${MACS} = n_{{in}} \\cdot n_{{out}}$"
            sub = f"${MACS} = {layer.in_features} \\cdot {layer.out_features}$"
        else:
            f, sub = "", ""
        if kind.startswith("ConvTranspose"):
            en.append(Step(f"MACs of layer {i} ({kind}), over its input positions", f, sub, res))
            zh.append(Step(f"第 {i} 层（{kind}）的 MACs，按输入位置计", f, sub, res))
        else:
            en.append(Step(f"MACs of layer {i} ({kind})", f, sub, res))
            zh.append(Step(f"第 {i} 层（{kind}）的 MACs", f, sub, res))
    if len(en) > 1:
        sub = f"${MACS} = " + " + ".join(fmt_int(lr.macs) for lr in report.layers if lr.macs) + "$"
        total = f"${MACS} = {fmt_int(report.macs)}$"
        f = f"${MACS} = \\sum_l {MACS}_l$"
        en.append(Step("Total MACs", f, sub, total))
        zh.append(Step("MACs 合计", f, sub, total))
    if flops:
        f = f"$\\text{{FLOPs}} = 2 \\cdot {MACS}$"
        sub = f"$\\text{{FLOPs}} = 2 \\cdot {fmt_int(report.macs)}$"
        res = f"$\\text{{FLOPs}} = {fmt_int(report.flops)}$"
        en.append(Step("FLOPs (one multiply and one add per MAC)", f, sub, res))
        zh.append(Step("FLOPs（每次乘加算一次乘法和一次加法）", f, sub, res))
    return _named(both(en, zh), who)


F_RF = (r"$r_l = r_{l-1} + d(k-1) \cdot j_{l-1}, \quad j_l = j_{l-1} \cdot s, \quad"
        r" \text{start}_l = \text{start}_{l-1} - p \cdot j_{l-1}$")


def rf_steps(report: Report, axis: int) -> Steps:
    """Front-to-back recurrences: field r, jump j (product of strides) and start, layer by
    layer, from r_0 = 1, j_0 = 1, start_0 = 0 (one input pixel)."""
    en: list[Step] = []
    zh: list[Step] = []
    r_prev, j_prev, st_prev = 1, 1, 0
    first = True
    for lr in report.layers:
        layer = lr.layer
        if lr.rf is None:
            continue
        r, j, st = lr.rf.size[axis], lr.rf.jump[axis], lr.rf.start[axis]
        i = lr.index + 1
        win = windowed(layer)
        if win is None:
            r_prev, j_prev, st_prev = r, j, st
            continue
        k = win.kernel_size[axis]
        d = dilation_of(win)[axis]
        s = win.stride[axis]
        p = _pads(win, axis)[0]
        b = i - 1
        sub = (f"$r_{{{i}}} = {r_prev} + {d} \\cdot ({k}-1) \\cdot {j_prev}, "
               f"\\quad j_{{{i}}} = {j_prev} \\cdot {s}, \\quad \\text{{start}}_{{{i}}} = "
               f"{signed(st_prev)} - {p} \\cdot {j_prev}$")
        res = f"$r_{{{i}}} = {r}, \\quad j_{{{i}}} = {j}, \\quad \\text{{start}}_{{{i}}} = {st}$"
        title_en, title_zh = f"Layer {i} ({layer.kind})", f"第 {i} 层（{layer.kind}）"
        if first and b == 0:
            start = r"$r_0 = 1, \; j_0 = 1, \; \text{start}_0 = 0$"
            title_en += f", starting from one input pixel: {start}"
            title_zh += f"，从一个输入像素出发：{start}"
        elif first:
            start = f"$r_{{{b}}} = {r_prev}, \\; j_{{{b}}} = {j_prev}, \\; \\text{{start}}_{{{b}}} = {st_prev}$"
            title_en += f", after the layers before it: {start}"
            title_zh += f"，前面各层之后：{start}"
        first = False
        en.append(Step(title_en, F_RF, sub, res))
        zh.append(Step(title_zh, F_RF, sub, res))
        r_prev, j_prev, st_prev = r, j, st
    return both(en, zh)


def note(en_title: str, zh_title: str, result: str, formula: str = "", sub: str = "") -> Steps:
    return both([Step(en_title, formula, sub, result)], [Step(zh_title, formula, sub, result)])


def ratio_note(top: tuple[str, str], bottom: tuple[str, str], num: int, den: int,
               value: Fraction | int) -> Steps:
    """The last step of a ratio question: ratio = top / bottom (each a parameter or MAC count)."""
    f = f"$\\text{{ratio}} = \\frac{{\\text{{{top[0]}}}}}{{\\text{{{bottom[0]}}}}}$"
    sub = f"$\\text{{ratio}} = \\frac{{{fmt_int(num)}}}{{{fmt_int(den)}}}$"
    v = f"{value.numerator}/{value.denominator}" if value.denominator != 1 else f"{value.numerator}"
    res = f"$\\text{{ratio}} = {v}$"
    return both([Step(f"Ratio ({top[0]} ÷ {bottom[0]})", f, sub, res)],
                [Step(f"比值（{top[1]} ÷ {bottom[1]}）", f, sub, res)])


def join(*parts: dict[str, list[Step]]) -> dict[str, list[Step]]:
    return {lang: [s for p in parts for s in p.get(lang, [])] for lang in ("en", "zh")}


F_HAND = r"$r_{in} = (r_{out} - 1) \cdot s + k'$"


def hand_rf_steps(specs_texts: Sequence[str], axis: int,
                  axis_name: tuple[str, str] | None = None) -> Steps:
    """The hand method, last layer first: r_in = (r_out - 1) s + k' with k' = d(k-1)+1, the
    dilated kernel's span (core.rf_back_to_front)."""
    from quizcnn.core import rf_back_to_front

    en: list[Step] = []
    zh: list[Step] = []
    where_en = f", {axis_name[0]}" if axis_name else ""
    where_zh = f"，{axis_name[1]}" if axis_name else ""
    for hs in rf_back_to_front(list(specs_texts), axis):
        kind = hs.layer.split("(", 1)[0]
        if hs.dilation == 1:
            k_def = f"$k' = k = {hs.k_eff}$"
        else:
            k_def = f"$k' = d(k-1)+1 = {hs.dilation} \\cdot ({hs.kernel}-1)+1 = {hs.k_eff}$"
        sub = f"$r_{{in}} = ({hs.r_out} - 1) \\cdot {hs.stride} + {hs.k_eff}$"
        res = f"$r_{{in}} = {hs.r_in}$"
        en.append(Step(f"Back through layer {hs.index + 1} ({kind}){where_en}; {k_def}",
                       F_HAND, sub, res))
        zh.append(Step(f"反推第 {hs.index + 1} 层（{kind}）{where_zh}；{k_def}", F_HAND, sub, res))
    return both(en, zh)
