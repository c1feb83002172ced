"""Worked-solution steps (formula, substitution, result) in English and Chinese.

Every ``result`` is read from the core's report; the formula and the substitution only show
the layer's own numbers in place.
"""

from __future__ import annotations

from collections.abc import Sequence

from quizcnn.problems.common import fmt_int, fmt_tex_shape
from quizcnn.problems.model import Step

AXES = {1: ("L",), 2: ("H", "W"), 3: ("D", "H", "W")}
AXIS_WORDS = {
    "H": ("height", "高度"), "W": ("width", "宽度"), "L": ("length", "长度"), "D": ("depth", "深度"),
    "HW": ("height and width", "高度和宽度"), "DHW": ("all axes", "各个维度"),
}

F_CONV = r"$o = \left\lfloor \frac{n + 2p - d(k-1) - 1}{s} \right\rfloor + 1$"
F_SAME = r"$o = \left\lfloor \frac{n + p_{l} + p_{r} - d(k-1) - 1}{s} \right\rfloor + 1, \quad p_{l} + p_{r} = d(k-1)$"
F_POOL_CEIL = (r"$o = \left\lceil \frac{n + 2p - d(k-1) - 1}{s} \right\rceil + 1$"
               r" $\text{(minus 1 if the last window starts in the right padding)}$")
F_POOL_CEIL_ZH = (r"$o = \left\lceil \frac{n + 2p - d(k-1) - 1}{s} \right\rceil + 1$"
                  r" $\text{(若最后一个窗口从右侧填充内开始则减 1)}$")
F_TRANS = r"$o = (n-1)s - 2p + d(k-1) + p_{out} + 1$"


def both(en: list[Step], zh: list[Step]) -> dict[str, list[Step]]:
    return {"en": en, "zh": zh}


def _axis_groups(lr) -> list[tuple[str, list[int]]]:
    """Axes with identical numbers are solved once: [("HW", [0, 1])] or [("H", [0]), ("W", [1])]."""
    layer = lr.layer
    nd = len(lr.input) - 1
    names = AXES.get(nd, tuple(str(i) for i in range(nd)))

    def key(axis: int):
        vals = [lr.input[axis + 1]]
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


def _num(v: int) -> str:
    return str(v) if v >= 0 else f"({v})"


def size_steps(report, *, label_offset: int = 1) -> dict[str, list[Step]]:
    """One step per layer (and per axis where the axes differ) for the output size."""
    en: list[Step] = []
    zh: list[Step] = []
    for lr in report.layers:
        layer = lr.layer
        kind = layer.kind
        i = lr.index + label_offset
        out_tex = f"${fmt_tex_shape(lr.output)}$"
        if not hasattr(layer, "kernel_size"):
            if kind.startswith("Adaptive"):
                en.append(Step(f"Layer {i} ({kind})", r"$o = \text{output\_size}$",
                               "", out_tex))
                zh.append(Step(f"第 {i} 层（{kind}）", r"$o = \text{output\_size}$", "", out_tex))
            elif kind in ("Linear", "Flatten"):
                en.append(Step(f"Layer {i} ({kind})", "", "", out_tex))
                zh.append(Step(f"第 {i} 层（{kind}）", "", "", out_tex))
            continue  # activations, norms, dropout: the shape does not change
        for name, axes in _axis_groups(lr):
            a = axes[0]
            n = lr.input[a + 1]
            k = layer.kernel_size[a]
            s = layer.stride[a]
            d = getattr(layer, "dilation", (1,) * len(layer.kernel_size))[a]
            result = "$" + str(lr.output[a + 1]) + "$"
            en_axis, zh_axis = AXIS_WORDS.get(name, (name, name))
            title_en = f"Layer {i} ({kind}), {en_axis}"
            title_zh = f"第 {i} 层（{kind}），{zh_axis}"
            if kind.startswith("ConvTranspose"):
                op = layer.output_padding[a]
                p = layer.padding[a]
                sub = f"$({n}-1) \\cdot {s} - 2 \\cdot {p} + {d} \\cdot ({k}-1) + {op} + 1$"
                en.append(Step(title_en, F_TRANS, sub, result))
                zh.append(Step(title_zh, F_TRANS, sub, result))
                continue
            left, right = layer.pads(a) if hasattr(layer, "pads") else (layer.padding[a],) * 2
            ceil = bool(getattr(layer, "ceil_mode", False))
            if getattr(layer, "padding_str", None) == "same":
                sub = (f"$\\left\\lfloor \\frac{{{n} + {left} + {right} - {d} \\cdot ({k}-1) - 1}}"
                       f"{{{s}}} \\right\\rfloor + 1$")
                en.append(Step(title_en + ", padding='same'", F_SAME, sub, result))
                zh.append(Step(title_zh + "，padding='same'", F_SAME, sub, result))
                continue
            lo, hi = (r"\left\lceil", r"\right\rceil") if ceil else (r"\left\lfloor", r"\right\rfloor")
            sub = f"${lo} \\frac{{{n} + 2 \\cdot {left} - {d} \\cdot ({k}-1) - 1}}{{{s}}} {hi} + 1$"
            if ceil:
                en.append(Step(title_en + ", ceil_mode=True", F_POOL_CEIL, sub, result))
                zh.append(Step(title_zh + "，ceil_mode=True", F_POOL_CEIL_ZH, sub, result))
            else:
                en.append(Step(title_en, F_CONV, sub, result))
                zh.append(Step(title_zh, F_CONV, sub, result))
    return both(en, zh)


def _k_tex(k: Sequence[int]) -> str:
    return " \\cdot ".join(str(v) for v in k)


def params_steps(report, who: tuple[str, str] | None = None) -> dict[str, list[Step]]:
    """One step per layer with parameters, then the total; ``who`` names the stack."""
    en: list[Step] = []
    zh: list[Step] = []
    for lr in report.layers:
        layer = lr.layer
        kind = layer.kind
        i = lr.index + 1
        res = f"${fmt_int(lr.params)}$"
        bias = getattr(layer, "bias", False)
        if kind.startswith("ConvTranspose"):
            f = r"$C_{in} \cdot \frac{C_{out}}{g} \cdot \prod k" + (r" + C_{out}$" if bias else "$")
            sub = (f"${layer.in_channels} \\cdot \\frac{{{layer.out_channels}}}{{{layer.groups}}}"
                   f" \\cdot {_k_tex(layer.kernel_size)}" + (f" + {layer.out_channels}$" if bias else "$"))
        elif kind.startswith("Conv"):
            f = r"$C_{out} \cdot \frac{C_{in}}{g} \cdot \prod k" + (r" + C_{out}$" if bias else "$")
            sub = (f"${layer.out_channels} \\cdot \\frac{{{layer.in_channels}}}{{{layer.groups}}}"
                   f" \\cdot {_k_tex(layer.kernel_size)}" + (f" + {layer.out_channels}$" if bias else "$"))
        elif kind == "Linear":
            f = r"$n_{in} \cdot n_{out}" + (r" + n_{out}$" if bias else "$")
            sub = (f"${layer.in_features} \\cdot {layer.out_features}"
                   + (f" + {layer.out_features}$" if bias else "$"))
        elif kind.startswith("BatchNorm"):
            f = r"$2C \quad (\gamma, \beta)$"
            sub = f"$2 \\cdot {layer.num_features}$"
        elif lr.params == 0:
            continue
        else:
            f, sub = "", ""
        en.append(Step(f"Layer {i} ({kind})", f, sub, res))
        zh.append(Step(f"第 {i} 层（{kind}）", f, sub, res))
    if len(en) > 1:
        total = f"${fmt_int(report.params)}$"
        sub = "$" + " + ".join(fmt_int(lr.params) for lr in report.layers if lr.params) + "$"
        en.append(Step("Total", r"$\sum \text{params}$", sub, total))
        zh.append(Step("合计", r"$\sum \text{params}$", sub, total))
    return _named(both(en, zh), who)


def _named(steps: dict[str, list[Step]], who: tuple[str, str] | None) -> dict[str, list[Step]]:
    if who is None:
        return steps
    colon = {"en": ": ", "zh": "："}
    return {lang: [Step(f"{name}{colon[lang]}{s.title}", s.formula, s.substitution, s.result)
                   for s in steps[lang]] for lang, name in zip(("en", "zh"), who, strict=True)}


def macs_steps(report, *, flops: bool, who: tuple[str, str] | None = None) -> dict:
    en: list[Step] = []
    zh: list[Step] = []
    for lr in report.layers:
        layer = lr.layer
        kind = layer.kind
        if lr.macs == 0:
            continue
        i = lr.index + 1
        res = f"${fmt_int(lr.macs)}$"
        if kind.startswith("ConvTranspose"):
            f = r"$C_{in} \cdot \prod n_{in} \cdot \frac{C_{out}}{g} \cdot \prod k$"
            sub = (f"${layer.in_channels} \\cdot {_k_tex(lr.input[1:])} \\cdot "
                   f"\\frac{{{layer.out_channels}}}{{{layer.groups}}} \\cdot {_k_tex(layer.kernel_size)}$")
        elif kind.startswith("Conv"):
            f = r"$C_{out} \cdot \prod n_{out} \cdot \frac{C_{in}}{g} \cdot \prod k$"
            sub = (f"${layer.out_channels} \\cdot {_k_tex(lr.output[1:])} \\cdot "
                   f"\\frac{{{layer.in_channels}}}{{{layer.groups}}} \\cdot {_k_tex(layer.kernel_size)}$")
        elif kind == "Linear":
            f = r"$n_{in} \cdot n_{out}$"
            sub = f"${layer.in_features} \\cdot {layer.out_features}$"
        else:
            f, sub = "", ""
        en.append(Step(f"MACs of layer {i} ({kind})", f, sub, res))
        zh.append(Step(f"第 {i} 层（{kind}）的 MACs", f, sub, res))
    if len(en) > 1:
        sub = "$" + " + ".join(fmt_int(lr.macs) for lr in report.layers if lr.macs) + "$"
        en.append(Step("Total MACs", r"$\sum \text{MACs}$", sub, f"${fmt_int(report.macs)}$"))
        zh.append(Step("MACs 合计", r"$\sum \text{MACs}$", sub, f"${fmt_int(report.macs)}$"))
    if flops:
        f = r"$\text{FLOPs} = 2 \times \text{MACs}$"
        sub = f"$2 \\times {fmt_int(report.macs)}$"
        en.append(Step("FLOPs (one multiply + one add per MAC)", f, sub, f"${fmt_int(report.flops)}$"))
        zh.append(Step("FLOPs（每次乘加算一次乘法和一次加法）", f, sub, f"${fmt_int(report.flops)}$"))
    return _named(both(en, zh), who)


def rf_steps(report, axis: int) -> dict[str, list[Step]]:
    """Front-to-back recurrences r_l = r_{l-1} + (k_eff - 1) j_{l-1}, j_l = j_{l-1} s_l."""
    en: list[Step] = []
    zh: list[Step] = []
    r_prev, j_prev, st_prev = 1, 1, 0
    f = (r"$r_{l} = r_{l-1} + d(k-1) \cdot j_{l-1}, \quad j_{l} = j_{l-1} \cdot s, \quad"
         r" \text{start}_{l} = \text{start}_{l-1} - p \cdot j_{l-1}$")
    for lr in report.layers:
        layer = lr.layer
        if lr.rf is None:
            continue
        r, j, st = lr.rf.size[axis], lr.rf.jump[axis], lr.rf.start[axis]
        i = lr.index + 1
        if not hasattr(layer, "kernel_size"):
            r_prev, j_prev, st_prev = r, j, st
            continue
        k = layer.kernel_size[axis]
        d = getattr(layer, "dilation", (1,) * len(layer.kernel_size))[axis]
        s = layer.stride[axis]
        p = layer.pads(axis)[0] if hasattr(layer, "pads") else layer.padding[axis]
        sub = (f"$r = {r_prev} + {d} \\cdot ({k}-1) \\cdot {j_prev}, "
               f"\\quad j = {j_prev} \\cdot {s}, \\quad \\text{{start}} = {_num(st_prev)} - "
               f"{p} \\cdot {j_prev}$")
        res = f"$r = {r}, \\quad j = {j}, \\quad \\text{{start}} = {st}$"
        en.append(Step(f"Layer {i} ({layer.kind})", f, sub, res))
        zh.append(Step(f"第 {i} 层（{layer.kind}）", f, sub, res))
        r_prev, j_prev, st_prev = r, j, st
    return both(en, zh)


def note(en_title: str, zh_title: str, result: str, formula: str = "", sub: str = "") -> dict:
    return both([Step(en_title, formula, sub, result)], [Step(zh_title, formula, sub, result)])


def join(*parts: dict[str, list[Step]]) -> dict[str, list[Step]]:
    return {lang: [s for p in parts for s in p.get(lang, [])] for lang in ("en", "zh")}


def hand_rf_steps(specs_texts, axis: int, axis_name: tuple[str, str] | None = None) -> dict:
    """The hand method, last layer first: r_in = (r_out - 1) s + k_eff (core.rf_back_to_front)."""
    from quizcnn.core import rf_back_to_front

    en: list[Step] = []
    zh: list[Step] = []
    f = r"$r_{in} = (r_{out} - 1) \cdot s + k_{eff}, \quad k_{eff} = d(k-1)+1$"
    where_en = f", {axis_name[0]}" if axis_name else ""
    where_zh = f"，{axis_name[1]}" if axis_name else ""
    for hs in rf_back_to_front(list(specs_texts), axis):
        kind = hs.layer.split("(", 1)[0]
        sub = f"$({hs.r_out} - 1) \\cdot {hs.stride} + {hs.k_eff}$"
        res = f"$r = {hs.r_in}$"
        en.append(Step(f"Back through layer {hs.index + 1} ({kind}){where_en}", f, sub, res))
        zh.append(Step(f"反推第 {hs.index + 1} 层（{kind}）{where_zh}", f, sub, res))
    return both(en, zh)
