"""Inverse problems: find the hyperparameter(s) that give a target shape.

Several answers can be right, so ``check_values`` builds the layer with the user's values and
runs it through the core; the stored ``answer`` is one reference solution found by trying
candidates with the core (the template solves no formula itself).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterable, Sequence
from typing import TypeAlias

from quizcnn.problems.common import (
    L,
    Spec,
    SpecKwargs,
    attempt,
    fmt_shape,
    int_arg,
    pick,
    run,
    spec_text,
)
from quizcnn.problems.forms import Extra
from quizcnn.problems.mistakes import mistake
from quizcnn.problems.model import Misconception, Problem, Verdict
from quizcnn.problems.solutions import join, note, shape_eq, size_steps
from quizcnn.problems.templates import draws
from quizcnn.problems.templates.base import Draft, Template

# the candidates tried: a list of value tuples, or one range of values per unknown
Ranges: TypeAlias = list[tuple[int, ...]] | tuple[Iterable[int], ...]


def _filled(unknown: Spec, names: Sequence[str], values: Sequence[int]) -> Spec:
    name, args, kwargs = unknown
    kw = dict(kwargs)
    kw.update(zip(names, values, strict=True))
    return (name, tuple(args), kw)


def _output(x: Sequence[int], prefix: Sequence[Spec], unknown: Spec, names: Sequence[str],
            values: Sequence[int], suffix: Sequence[Spec] = ()) -> tuple[int, ...] | None:
    spec = _filled(unknown, names, values)
    return attempt(lambda: run(x, [*prefix, spec, *suffix]).output)


def _solutions(x: Sequence[int], prefix: Sequence[Spec], unknown: Spec, names: Sequence[str],
               ranges: Ranges, target: Sequence[int],
               suffix: Sequence[Spec] = ()) -> list[tuple[int, ...]]:
    """Every candidate (from ``ranges``: iterables, or one list of tuples) giving ``target``."""
    mid = attempt(lambda: run(x, prefix).output) if prefix else tuple(x)
    if mid is None:
        return []
    cands: Iterable[tuple[int, ...]] = (
        ranges if isinstance(ranges, list) else itertools.product(*ranges))
    out: list[tuple[int, ...]] = []
    for values in cands:
        if _output(mid, (), unknown, names, values, suffix) == target:
            out.append(tuple(values))
    return out


def _transposed_candidates(k: int, d: int) -> list[tuple[int, ...]]:
    """(stride, padding, output_padding) with output_padding < max(stride, dilation)."""
    return [(s, p, op) for s in range(1, 5) for p in range(0, d * (k - 1) + 2)
            for op in range(max(s, d))]


def _shown(unknown: Spec, names: Sequence[str]) -> str:
    name, args, kwargs = unknown
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    parts += [f"{n}=?" for n in names]
    return f"{name}({', '.join(parts)})"


class InverseTemplate(Template):
    quantity = "hyperparameter"

    def make(self, x: Sequence[int], prefix: Sequence[Spec], unknown: Spec, names: Sequence[str],
             ranges: Ranges, target: tuple[int, ...], q: tuple[str, str],
             hints: dict[str, list[str]], prefer: Callable[[tuple[int, ...]], tuple[int, ...]],
             suffix: Sequence[Spec] = (), wrong: Sequence[Misconception | None] = (),
             sols: list[tuple[int, ...]] | None = None) -> Draft | None:
        if sols is None:
            sols = _solutions(x, prefix, unknown, names, ranges, target, suffix)
        if not sols:
            return None
        sols.sort(key=prefer)
        ref = sols[0]
        full = [*prefix, _filled(unknown, names, ref), *suffix]
        report = run(x, full)
        code = "\n".join([*(spec_text(s) for s in prefix), _shown(unknown, names),
                          *(spec_text(s) for s in suffix)])
        xs = fmt_shape(x).replace("×", r" \times ")
        ts = fmt_shape(target).replace("×", r" \times ")
        en = (f"```python\n{code}\n```\n\nInput: $C \\times H \\times W = {xs}$ (no batch). "
              f"The output must be ${ts}$.\n\n{q[0]}")
        zh = (f"```python\n{code}\n```\n\n输入：$C \\times H \\times W = {xs}$（不含批维度）。"
              f"输出必须是 ${ts}$。\n\n{q[1]}")
        others = [", ".join(f"{n}={v}" for n, v in zip(names, s, strict=True)) for s in sols[1:4]]
        steps = join(
            note("One solution: " + ", ".join(f"{n}={v}" for n, v in zip(names, ref, strict=True)),
                 "一组解：" + ", ".join(f"{n}={v}" for n, v in zip(names, ref, strict=True)),
                 shape_eq(target)),
            size_steps(report),
        )
        if others:
            steps = join(steps, note("Other values that also work", "其他同样可行的取值",
                                     "; ".join(others)))
        mistakes = [m for m in wrong if m is not None and m.value not in sols]
        extra: Extra = {
            "names": tuple(names),
            "target": tuple(target),
            "prefix": tuple(spec_text(s) for s in prefix),
            "suffix": tuple(spec_text(s) for s in suffix),
            "unknown_name": unknown[0],
            "unknown_args": tuple(unknown[1]),
            "unknown_kwargs": dict(unknown[2]),
            "solution_layers": tuple(spec_text(s) for s in full),
            "solutions": len(sols),
        }
        return Draft(specs=[*prefix, *suffix], input_shape=tuple(x), quantity=self.quantity,
                     answer=ref, prompt={"en": en, "zh": zh}, steps=steps, hints=hints,
                     mistakes=mistakes, extra=extra)

    def check_values(self, problem: Problem, values: tuple[int, ...]) -> Verdict:
        from quizcnn.core import LayerError, analyze, make_layer

        e = problem.extra
        for m in problem.misconceptions:  # never a right answer (checked when generated)
            if m.value == tuple(values):
                return problem.verdict(False, values, misconception=m)
        kw = dict(e["unknown_kwargs"])
        kw.update(zip(e["names"], values, strict=True))
        try:
            layer = make_layer(e["unknown_name"], list(e["unknown_args"]), kw)
            out = analyze(problem.input_shape,
                          [*e["prefix"], layer, *e["suffix"]]).output
        except LayerError as err:
            return problem.verdict(False, values, detail={
                "en": f"Those values do not make a valid layer: {err.message}",
                "zh": f"这些取值构不成合法的层：{err.message}"})
        if tuple(out) == tuple(e["target"]):
            return problem.verdict(True, values)
        return problem.verdict(False, values, detail={
            "en": f"With those values the output is {fmt_shape(out)}, not {fmt_shape(e['target'])}.",
            "zh": f"用这些取值，输出是 {fmt_shape(out)}，而不是 {fmt_shape(e['target'])}。"})


class TransposedInverse(InverseTemplate):
    id = "transposed-inverse"
    title = {"en": "Which transposed conv upsamples?", "zh": "哪种转置卷积能上采样？"}
    tags = ("transposed-conv", "inverse", "upsampling")
    knobs = {
        1: {"layers": 1, "kernel": (2, 3, 4), "factor": 2, "unknown": "stride, padding, "
            "output_padding", "square": True},
        2: {"layers": 1, "kernel": (3, 4, 5), "dilation": (1, 2), "factor": (2, 4),
            "unknown": "stride, padding, output_padding", "square": True},
        3: {"layers": 3, "stack": "Conv2d (non-square kernel, stride 2), ReLU, "
            "ConvTranspose2d back to the input size", "dilation": (1, 2), "groups": (1, 2, 4),
            "square": False},
    }
    NAMES = ("stride", "padding", "output_padding")

    def draw(self, rng: random.Random, level: int) -> Draft | None:
        q = ("Which stride, padding and output_padding give that output? (Several answers "
             "can be right.)", "哪组 stride、padding、output_padding 能得到这个输出？（可能有多组正确答案。）")
        hints = {
            "en": [r"Per axis: $o = (n-1)s - 2p + d(k-1) + p_{out} + 1$.",
                   "The stride sets the scale; padding and output_padding fix the last few pixels "
                   "(output_padding < stride)."],
            "zh": [r"每个维度：$o = (n-1)s - 2p + d(k-1) + p_{out} + 1$。",
                   "步长决定放大倍数；padding 和 output_padding 调整最后几个像素（output_padding < stride）。"],
        }
        if level in (1, 2):
            n = pick(rng, (7, 8, 14, 16, 28, 32, 56, 64))
            cin = draws.pick_channels(rng, 32, 1024)
            cout = draws.pick_channels(rng, 16, 512)
            factor = 2 if level == 1 else pick(rng, (2, 2, 4))
            k = pick(rng, (2, 3, 4) if level == 1 else (3, 4, 5))
            kw: SpecKwargs = {}
            d = 1 if level == 1 else pick(rng, (1, 2))
            if d != 1:
                kw["dilation"] = d
            unknown = L("ConvTranspose2d", cin, cout, k, **kw)
            x = (cin, n, n)
            target = (cout, n * factor, n * factor)
            ranges = _transposed_candidates(k, d)
            sols = _solutions(x, (), unknown, self.NAMES, ranges, target)
            return self.make(x, (), unknown, self.NAMES, ranges, target, q, hints,
                             prefer=lambda v: (abs(v[0] - factor), v[1], v[2]),
                             wrong=self._wrong(sols, factor), sols=sols)
        h, w = pick(rng, ((64, 48), (56, 40), (32, 24), (112, 80), (28, 20), (96, 64), (48, 64)))
        c = pick(rng, (3, 16, 32, 64))
        mid = draws.pick_channels(rng, 32, 512)
        k1 = pick(rng, ((3, 5), (5, 3), (3, 3), (1, 3), (4, 4)))
        p1 = tuple(v // 2 for v in k1)
        a = L("Conv2d", c, mid, k1, stride=2, padding=p1)
        b = L("ReLU")
        k = pick(rng, (2, 3, 4))
        kw = {}
        d = pick(rng, (1, 2))
        if d != 1:
            kw["dilation"] = d
        g = draws.divisor_groups(rng, mid, c) if c >= 16 and rng.random() < 0.5 else 1
        if g != 1:
            kw["groups"] = g
        unknown = L("ConvTranspose2d", mid, c, k, **kw)
        x = (c, h, w)
        ranges = _transposed_candidates(k, d)
        sols = _solutions(x, (a, b), unknown, self.NAMES, ranges, x)
        q3 = ("The transposed conv must bring the map back to the input's shape. Which stride, "
              "padding and output_padding (the same on both axes) do that? (Several answers can be "
              "right.)", "转置卷积要把特征图恢复成输入的形状。哪组 stride、padding、output_padding"
              "（两个维度相同）能做到？（可能有多组正确答案。）")
        return self.make(x, (a, b), unknown, self.NAMES, ranges, x, q3, hints,
                         prefer=lambda v: (abs(v[0] - 2), v[1], v[2]),
                         wrong=self._wrong(sols, 2), sols=sols)

    def _wrong(self, sols: list[tuple[int, ...]], factor: int) -> list[Misconception | None]:
        """output_padding left at 0: the same stride and padding one pixel short."""
        out: list[Misconception | None] = []
        sols = sorted(sols)
        sols.sort(key=lambda v: (abs(v[0] - factor), v[1], v[2]))
        for s, p, op in sols[:1]:
            if op:
                out.append(mistake("forgot-output-padding", (s, p, 0)))
        return out


class ConvMissingHyperparameter(InverseTemplate):
    id = "conv-missing-hyperparameter"
    title = {"en": "Find the missing hyperparameter", "zh": "求缺失的超参数"}
    tags = ("conv-arithmetic", "inverse", "padding")
    knobs = {
        1: {"layers": 1, "unknown": ("padding", "stride"), "kernel": (3, 5, 7),
            "dilation": (1,), "square": True},
        2: {"layers": 1, "unknown": ("padding", "dilation", "stride"), "kernel": (3, 5, 7),
            "dilation": (2, 3, 4), "square": True},
        3: {"layers": 3, "unknown": ("padding",), "stack": "non-square conv, ceil_mode pool, "
            "dilated grouped conv with the unknown", "square": False},
    }

    def draw(self, rng: random.Random, level: int) -> Draft | None:
        hints = {
            "en": [r"$o = \left\lfloor \frac{n + 2p - d(k-1) - 1}{s} \right\rfloor + 1$: "
                   "put in what you know and solve for the unknown.",
                   "To keep the size at stride 1 the padding per side is d(k−1)/2."],
            "zh": [r"$o = \left\lfloor \frac{n + 2p - d(k-1) - 1}{s} \right\rfloor + 1$："
                   "代入已知量，解出未知量。",
                   "步长为 1 时要保持尺寸，每侧填充为 d(k−1)/2。"],
        }
        if level in (1, 2):
            x = draws.input_shape(rng, square=True)
            cout = draws.pick_channels(rng)
            k = pick(rng, (3, 5, 7))
            d = 1 if level == 1 else pick(rng, (2, 3, 4))
            which = pick(rng, ("padding", "padding", "stride") if level == 1
                         else ("padding", "padding", "dilation", "stride"))
            kw: SpecKwargs = {}
            if which == "padding":
                s = 1 if rng.random() < 0.7 else 2
                if s != 1:
                    kw["stride"] = s
                if d != 1:
                    kw["dilation"] = d
                truth = (d * (k - 1) // 2,) if s == 1 else (rng.randint(0, d * (k - 1) // 2),)
                ranges = (range(0, 3 * d * k),)
            elif which == "stride":
                p = d * (k - 1) // 2
                kw["padding"] = p
                if d != 1:
                    kw["dilation"] = d
                truth = (pick(rng, (2, 2, 3, 4)),)
                ranges = (range(1, 9),)
            else:
                kw["padding"] = d * (k - 1) // 2
                truth = (d,)
                ranges = (range(1, 9),)
            unknown = L("Conv2d", x[0], cout, k, **kw)
            target = _output(x, (), unknown, (which,), truth)
            if target is None:
                return None
            q = (f"Which {which} gives that output? Give one value.",
                 f"什么样的 {which} 能得到这个输出？给出一个值。")
            wrong = self._wrong(x, (), unknown, which, ranges, target, k, d)
            return self.make(x, (), unknown, (which,), ranges, target, q, hints,
                             prefer=lambda v: v, wrong=wrong)
        x = draws.input_shape(rng, square=False)
        a = draws.nonsquare_conv(rng, x[0], dilation=False, groups=(1,))
        b = draws.pool(rng, ceil=True, overlap=True, avg=False)
        cmid = int_arg(a, 1)
        cout = draws.pick_channels(rng, 16, 1024)
        g = draws.divisor_groups(rng, cmid, cout)
        k = pick(rng, (3, 5))
        d = pick(rng, (2, 3))
        kw = {"dilation": d}
        if g != 1:
            kw["groups"] = g
        unknown = L("Conv2d", cmid, cout, k, **kw)
        truth = (d * (k - 1) // 2,)
        prefix = (a, b)
        target = _output(x, prefix, unknown, ("padding",), truth)
        if target is None:
            return None
        ranges = (range(0, 3 * d * k),)
        q = ("Which padding in the last layer gives that output? Give one value.",
             "最后一层的 padding 取多少能得到这个输出？给出一个值。")
        wrong = self._wrong(x, prefix, unknown, "padding", ranges, target, k, d)
        return self.make(x, prefix, unknown, ("padding",), ranges, target, q, hints,
                         prefer=lambda v: v, wrong=wrong)

    def _wrong(self, x: Sequence[int], prefix: Sequence[Spec], unknown: Spec, which: str,
               ranges: Ranges, target: tuple[int, ...], k: int,
               d: int) -> list[Misconception | None]:
        if which != "padding":
            return []
        out: list[Misconception | None] = []
        sols = _solutions(x, prefix, unknown, ("padding",), ranges, target)
        if sols:
            out.append(mistake("padding-total", (2 * sols[0][0],)) if sols[0][0] else None)
        if d != 1:
            plain = (unknown[0], unknown[1], {kk: v for kk, v in unknown[2].items()
                                              if kk != "dilation"})
            nodil = _solutions(x, prefix, plain, ("padding",), ranges, target)
            if nodil:
                out.append(mistake("padding-ignored-dilation", nodil[0]))
        return out


TEMPLATES = [TransposedInverse(), ConvMissingHyperparameter()]
