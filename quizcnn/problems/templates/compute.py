"""Compute templates: im2col's matrix and memory, Winograd's multiplications, activation memory.

Answers come from ``quizcnn.core.algorithms`` (output sizes from ``quizcnn.core.analyze``); the
calls behind each answer are kept in ``extra["core"]`` so anyone can recompute them.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from fractions import Fraction

from quizcnn.problems.common import (
    L,
    Spec,
    SpecKwargs,
    fmt_int,
    fmt_tex_shape,
    int_arg,
    pick,
    run,
)
from quizcnn.problems.mistakes import mistake
from quizcnn.problems.solutions import join, ratio_note, size_steps
from quizcnn.problems.templates import draws
from quizcnn.problems.templates.base import Draft, Template
from quizcnn.problems.templates.blocks import call, code_block, eq, nums

BYTES = {"float32": 4, "float16": 2, "bfloat16": 2}


def _conv(rng: random.Random, cin: int, *, strides: Sequence[int] = (1, 2),
          same: bool = False) -> tuple[Spec, int, int, int]:
    k = pick(rng, (3, 3, 5, 7, 1))
    s = pick(rng, strides)
    p = k // 2 if (same or rng.random() < 0.7) else 0
    kw: SpecKwargs = {}
    if s != 1:
        kw["stride"] = s
    if p:
        kw["padding"] = p
    return L("Conv2d", cin, draws.pick_channels(rng, 16, 512), k, **kw), k, s, p


def _input(rng: random.Random) -> tuple[int, int, int]:
    c = pick(rng, (3, 16, 32, 64, 96, 128, 256))
    n = pick(rng, (14, 17, 28, 32, 56, 64, 112, 224) if c == 3 else (7, 13, 14, 19, 28, 56))
    return (c, n, n)


class Im2colTemplate(Template):
    id = "im2col"
    title = {"en": "im2col matrix shape and memory", "zh": "im2col 矩阵的形状与内存"}
    quantity = "matrix_shape"
    tags = ("im2col", "gemm", "memory", "conv-implementation")
    knobs = {
        1: {"ask": "shape of the unfolded input matrix (rows × cols), batch 1"},
        2: {"ask": "bytes of the unfolded matrix", "batch": "2..64", "dtype": tuple(BYTES)},
        3: {"ask": "how many times larger than the input the unfolded matrix is"},
    }

    def draw(self, rng: random.Random, level: int) -> Draft | None:
        from quizcnn.core import im2col

        x = _input(rng)
        conv, k, s, p = _conv(rng, x[0])
        if k == 1 and s == 1 and level == 3:
            return None
        rep = run(x, [conv])
        col = im2col(x[0], x[1], x[2], k, s, p)
        rows, cols = col.shape
        ho, wo = col.out_hw
        code = code_block([conv])
        shape = fmt_tex_shape(x)
        hints = {
            "en": ["im2col turns the conv into one matrix product: the weights as a "
                   r"$C_{out} \times C_{in} k^2$ matrix times the unfolded input.",
                   "The unfolded input has one column per output position and one row per "
                   "filter weight; overlapping windows copy the same pixel several times."],
            "zh": ["im2col 把卷积变成一次矩阵乘法：权重是 "
                   r"$C_{out} \times C_{in} k^2$ 的矩阵，乘以展开后的输入。",
                   "展开后的输入每个输出位置一列、卷积核的每个权重一行；窗口重叠时同一个像素会被"
                   "复制多次。"],
        }
        args = dict(in_ch=x[0], h=x[1], w=x[2], kernel=k, stride=s, padding=p)
        rows_step = eq("Rows: one per filter weight", "行数：卷积核每个权重一行", r"\text{rows}",
                       r"C_{in} \cdot k_1 k_2", nums(x[0], k, k), rows)
        intro_en = f"{code}\n\nruns on a ${shape}$ input (C×H×W) by im2col + GEMM."
        intro_zh = f"{code}\n\n在 ${shape}$ 的输入（C×H×W）上用 im2col + GEMM 计算。"
        if level == 1:
            steps = join(size_steps(rep), rows_step,
                         eq("Columns: one per output position", "列数：每个输出位置一列",
                            r"\text{cols}", r"H_{out} \cdot W_{out}", nums(ho, wo), cols))
            wrong = [mistake("im2col-swapped", (cols, rows)),
                     mistake("im2col-input-positions", (rows, x[1] * x[2])),
                     mistake("im2col-forgot-channels", (k * k, cols))]
            return Draft(specs=[conv], input_shape=x, quantity="matrix_shape",
                         answer=(rows, cols), prompt={
                             "en": intro_en + " For one image, what is the shape of the "
                                              "unfolded input matrix (rows × columns)?",
                             "zh": intro_zh + "对一张图，展开后的输入矩阵的形状（行 × 列）是多少？"},
                         steps=steps, hints=hints, mistakes=wrong,
                         extra={"dims": ("rows", "cols"),
                                "core": {"calls": [call("im2col", **args)], "field": "shape"}})
        if level == 2:
            n = pick(rng, (2, 4, 8, 16, 32, 64))
            dtype = pick(rng, ("float32", "float32", "float16"))
            b = BYTES[dtype]
            big = im2col(x[0], x[1], x[2], k, s, p, batch=n)
            total = big.bytes(dtype)
            other = "float16" if dtype == "float32" else "float32"
            steps = join(size_steps(rep), rows_step,
                         eq(f"Columns: one per output position of all {n} images",
                            f"列数：全部 {n} 张图的每个输出位置各一列", r"\text{cols}",
                            r"N \cdot H_{out} \cdot W_{out}", nums(n, ho, wo), big.cols),
                         eq(f"Bytes ({dtype}: {b} bytes per element)",
                            f"字节数（{dtype} 每个元素 {b} 字节）", r"\text{B}",
                            r"\text{rows} \cdot \text{cols} \cdot b",
                            nums(rows, big.cols, b), total))
            wrong = [mistake("forgot-batch", col.bytes(dtype), batch=n),
                     mistake("dtype-bytes", big.bytes(other), wrong=BYTES[other], right=b,
                             dtype=dtype),
                     mistake("im2col-input-size", n * x[0] * x[1] * x[2] * b)]
            return Draft(specs=[conv], input_shape=x, quantity="bytes", answer=total, prompt={
                "en": intro_en + f" How many bytes does the unfolded input matrix take for a "
                                 f"batch of {n} images in {dtype}?",
                "zh": intro_zh + f"批大小为 {n}、数据类型为 {dtype} 时，展开后的输入矩阵占多少字节？"},
                steps=steps, hints=hints, mistakes=wrong,
                extra={"core": {"calls": [call("im2col", **args, batch=n)], "field": "bytes",
                                "field_args": (dtype,)}})
        answer = col.expansion
        steps = join(size_steps(rep), rows_step,
                     eq("Columns", "列数", r"\text{cols}", r"H_{out} \cdot W_{out}", nums(ho, wo),
                        cols),
                     eq("Matrix elements", "矩阵元素个数", r"\text{E}", r"\text{rows} \cdot "
                        r"\text{cols}", nums(rows, cols), col.elements),
                     ratio_note(("matrix", "矩阵"), ("input", "输入"), col.elements,
                                col.input_elements, answer))
        wrong = [mistake("k2-only", Fraction(k * k)), mistake("inverted-ratio", 1 / answer)]
        return Draft(specs=[conv], input_shape=x, quantity="ratio", answer=answer, prompt={
            "en": intro_en + " How many times more elements does the unfolded input matrix have "
                             "than the input tensor (matrix ÷ input)?",
            "zh": intro_zh + "展开后的输入矩阵的元素个数是输入张量的多少倍（矩阵 ÷ 输入）？"},
            steps=steps, hints=hints, mistakes=wrong,
            extra={"core": {"calls": [call("im2col", **args)], "field": "expansion"}})


PAIRS = ((2, 3), (2, 3), (4, 3), (4, 3), (6, 3), (3, 3), (2, 5), (4, 5))


class WinogradTemplate(Template):
    id = "winograd"
    title = {"en": "Winograd multiplications", "zh": "Winograd 的乘法次数"}
    quantity = "mults"
    tags = ("winograd", "fast-convolution", "flops-macs", "conv-implementation")
    knobs = {
        1: {"ask": "multiplications for one output tile over all channel pairs",
            "F(m, r)": PAIRS},
        2: {"ask": "ratio direct ÷ Winograd multiplications for a whole layer"},
        3: {"ask": "Winograd multiplications of a whole layer, non-square output"},
    }

    def draw(self, rng: random.Random, level: int) -> Draft | None:
        from quizcnn.core import winograd

        m, r = pick(rng, PAIRS)
        n = m + r - 1
        cin = pick(rng, (3, 16, 24, 32, 48, 64, 96, 128, 256, 512))
        cout = pick(rng, (16, 32, 48, 64, 96, 128, 256, 512))
        if level == 3:
            h, w = pick(rng, ((14, 10), (28, 20), (17, 13), (56, 40), (30, 22), (19, 27),
                              (35, 25), (13, 7), (112, 80), (45, 33)))
        else:
            h = w = pick(rng, (7, 13, 14, 15, 17, 19, 28, 31, 35, 56, 57, 63, 64, 112))
        conv = L("Conv2d", cin, cout, r, padding=r // 2)
        x = (cin, h, w)
        code = code_block([conv])
        fm = f"F({m}×{m}, {r}×{r})"
        hints = {
            "en": [r"Winograd $F(m \times m, r \times r)$ computes an $m \times m$ output tile "
                   r"with $(m + r - 1)^2$ elementwise multiplications per channel pair, "
                   r"instead of $m^2 r^2$.",
                   "A layer needs ⌈H_out/m⌉·⌈W_out/m⌉ tiles; the transforms are additions and "
                   "constant scalings, not counted here."],
            "zh": [r"Winograd $F(m \times m, r \times r)$ 计算一个 $m \times m$ 的输出块，"
                   r"每对通道只需 $(m + r - 1)^2$ 次逐元素乘法，而不是 $m^2 r^2$ 次。",
                   "一层需要 ⌈H_out/m⌉·⌈W_out/m⌉ 个块；变换只有加法和常数缩放，这里不计。"],
        }
        intro_en = f"{code}\n\nruns on a ${fmt_tex_shape(x)}$ input with Winograd {fm}."
        intro_zh = f"{code}\n\n在 ${fmt_tex_shape(x)}$ 的输入上用 Winograd {fm} 计算。"
        tile = eq("Multiplications per tile and channel pair", "每个块、每对通道的乘法次数",
                  r"\text{t}", r"(m + r - 1)^2", f"({m} + {r} - 1)^2", n * n)
        if level == 1:
            wg = winograd(m, r, cin, cout)
            steps = join(tile, eq("Over all channel pairs", "所有通道对", r"\text{M}",
                                  r"C_{in} \cdot C_{out} \cdot \text{t}",
                                  nums(cin, cout, n * n), wg.mults))
            wrong = [mistake("winograd-direct", cin * cout * m * m * r * r),
                     mistake("winograd-1d", cin * cout * n),
                     mistake("winograd-forgot-channels", n * n)]
            return Draft(specs=[conv], input_shape=x, quantity="mults", answer=wg.mults, prompt={
                "en": intro_en + f" How many elementwise multiplications does one {m}×{m} "
                                 "output tile take, over all input and output channels?",
                "zh": intro_zh + f"一个 {m}×{m} 的输出块（覆盖所有输入、输出通道）需要多少次逐元素"
                                 "乘法？"},
                steps=steps, hints=hints, mistakes=wrong,
                extra={"core": {"calls": [call("winograd", m=m, r=r, in_ch=cin, out_ch=cout)],
                                "field": "mults"}})
        wg = winograd(m, r, cin, cout, h, w)
        tiles = eq("Tiles (the last ones padded)", "块数（最后的块补零）", r"\text{T}",
                   r"\left\lceil \frac{H_{out}}{m} \right\rceil \cdot \left\lceil "
                   r"\frac{W_{out}}{m} \right\rceil",
                   f"\\left\\lceil \\frac{{{h}}}{{{m}}} \\right\\rceil \\cdot \\left\\lceil "
                   f"\\frac{{{w}}}{{{m}}} \\right\\rceil", wg.tiles)
        total = eq("Winograd multiplications", "Winograd 乘法次数", r"\text{M}",
                   r"\text{T} \cdot C_{in} C_{out} \cdot \text{t}",
                   nums(wg.tiles, cin, cout, n * n), wg.mults)
        args = dict(m=m, r=r, in_ch=cin, out_ch=cout, h_out=h, w_out=w)
        if level == 2:
            answer = wg.layer_ratio
            direct = eq("Direct multiplications (the layer's MACs)", "直接卷积的乘法次数"
                        "（这一层的 MACs）", r"\text{D}", r"H_{out} W_{out} \cdot C_{in} C_{out} "
                        r"\cdot r^2", nums(h, w, cin, cout, r * r), wg.direct_mults)
            steps = join(tile, tiles, total, direct,
                         ratio_note(("direct", "直接"), ("Winograd", "Winograd"),
                                    wg.direct_mults, wg.mults, answer))
            wrong = [mistake("winograd-ideal-ratio", wg.ratio),
                     mistake("inverted-ratio", 1 / answer)]
            return Draft(specs=[conv], input_shape=x, quantity="ratio", answer=answer, prompt={
                "en": intro_en + " How many times fewer multiplications does it need than the "
                                 "direct convolution (direct ÷ Winograd), counting the "
                                 "elementwise stage only?",
                "zh": intro_zh + "只计逐元素乘法阶段，它比直接卷积少用多少倍乘法（直接 ÷ Winograd）？"},
                steps=steps, hints=hints, mistakes=wrong,
                extra={"core": {"calls": [call("winograd", **args)], "field": "layer_ratio"}})
        floor_tiles = (h // m) * (w // m)
        steps = join(tile, tiles, total)
        wrong = [mistake("winograd-floor-tiles", floor_tiles * cin * cout * n * n)
                 if floor_tiles else None,
                 mistake("winograd-direct", wg.direct_mults),
                 mistake("winograd-1d", wg.tiles * cin * cout * n)]
        return Draft(specs=[conv], input_shape=x, quantity="mults", answer=wg.mults, prompt={
            "en": intro_en + " How many elementwise multiplications does the whole layer take "
                             "at batch 1?",
            "zh": intro_zh + "批大小为 1 时，整层需要多少次逐元素乘法？"},
            steps=steps, hints=hints, mistakes=wrong,
            extra={"core": {"calls": [call("winograd", **args)], "field": "mults"}})


class ActivationMemory(Template):
    id = "activation-memory"
    title = {"en": "Activation memory", "zh": "激活值内存"}
    quantity = "bytes"
    tags = ("memory", "activations", "training", "dtype")
    knobs = {
        1: {"ask": "bytes of one conv's output", "dtype": "float32", "batch": "2..256"},
        2: {"ask": "bytes of every layer's output of a small stack", "dtype": "float16/bfloat16"},
        3: {"ask": "bytes kept for backward: the input and every layer's output",
            "dtype": tuple(BYTES)},
    }

    def draw(self, rng: random.Random, level: int) -> Draft | None:
        from quizcnn.core import activations_bytes, tensor_bytes

        x = _input(rng)
        batch = pick(rng, (2, 4, 8, 16, 32, 64, 128, 256))
        dtype = ("float32" if level == 1 else pick(rng, ("float16", "bfloat16")) if level == 2
                 else pick(rng, tuple(BYTES)))
        b = BYTES[dtype]
        specs = [_conv(rng, x[0])[0]]
        if level > 1:
            specs.append(pick(rng, (L("MaxPool2d", 2), L("MaxPool2d", 3, stride=2, padding=1),
                                    L("AvgPool2d", 2))))
            specs.append(_conv(rng, int_arg(specs[0], 1), strides=(1,))[0])
        rep = run(x, specs)
        outs = [lr.output for lr in rep.layers]
        keep = list(range(len(outs))) if level > 1 else [0]
        if level == 3:
            keep = [-1, *keep]
        shapes = [tuple(x) if i < 0 else outs[i] for i in keep]
        answer = activations_bytes(shapes, batch, dtype)
        hints = {
            "en": [r"A tensor takes $N \cdot C \cdot H \cdot W \cdot b$ bytes: $b$ = 4 for "
                   "float32, 2 for float16 and bfloat16.",
                   "Training keeps each layer's input for the backward pass."],
            "zh": [r"一个张量占 $N \cdot C \cdot H \cdot W \cdot b$ 字节：float32 的 $b$ = 4，"
                   "float16 和 bfloat16 为 2。",
                   "训练时要为反向传播保留每一层的输入。"],
        }
        parts = [size_steps(rep)]
        for i, sh in zip(keep, shapes, strict=True):
            who = ("the input", "输入") if i < 0 else (f"layer {i + 1}'s output", f"第 {i + 1} 层的输出")
            parts.append(eq(f"Bytes of {who[0]}", f"{who[1]}的字节数", r"\text{B}",
                            r"N \cdot C \cdot H \cdot W \cdot b", nums(batch, *sh, b),
                            tensor_bytes(sh, batch, dtype)))
        if len(shapes) > 1:
            parts.append(eq("Total", "合计", r"\text{B}", "", " + ".join(
                fmt_int(tensor_bytes(sh, batch, dtype)) for sh in shapes), answer))
        other = "float32" if b == 2 else "float16"
        wrong = [mistake("forgot-batch", activations_bytes(shapes, 1, dtype), batch=batch),
                 mistake("dtype-bytes", activations_bytes(shapes, batch, other),
                         wrong=BYTES[other], right=b, dtype=dtype),
                 mistake("bits-for-bytes", answer * 8, dtype=dtype, bits=8 * b, right=b)]
        code = code_block(specs)
        shape = fmt_tex_shape(x)
        if level == 1:
            wrong.append(mistake("memory-input", tensor_bytes(x, batch, dtype)))
            en = (f"{code}\n\nruns on a batch of {batch} inputs of shape ${shape}$ (C×H×W) in "
                  f"{dtype}. How many bytes does the layer's output tensor take?")
            zh = (f"{code}\n\n在一批 {batch} 个形状为 ${shape}$（C×H×W）的输入上以 {dtype} 计算。"
                  "这一层的输出张量占多少字节？")
        else:
            wrong.append(mistake("memory-last-only", tensor_bytes(outs[-1], batch, dtype)))
            if level == 3:
                wrong.append(mistake("memory-forgot-input",
                                     activations_bytes(outs, batch, dtype)))
            what_en = ("the input and every layer's output" if level == 3
                       else "every layer's output")
            what_zh = "输入和每一层的输出" if level == 3 else "每一层的输出"
            en = (f"{code}\n\nis trained on batches of {batch} inputs of shape ${shape}$ (C×H×W) "
                  f"with activations in {dtype}. The forward pass keeps {what_en} for the "
                  "backward pass. How many bytes do they take together?")
            zh = (f"{code}\n\n用批大小 {batch}、形状为 ${shape}$（C×H×W）的输入训练，激活值为 "
                  f"{dtype}。前向传播为反向传播保留{what_zh}。它们一共占多少字节？")
        return Draft(specs=specs, input_shape=x, quantity="bytes", answer=answer,
                     prompt={"en": en, "zh": zh}, steps=join(*parts), hints=hints,
                     mistakes=wrong, extra={"core": {"keep": keep, "batch": batch,
                                                     "dtype": dtype}})


TEMPLATES = [Im2colTemplate(), WinogradTemplate(), ActivationMemory()]
