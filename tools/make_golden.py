"""Write PyTorch-measured golden tables to data/golden/ (run by hand, needs torch).

    /work/torchvenv/bin/python tools/make_golden.py          # torch==2.13.0 CPU
    /work/torchvenv/bin/python tools/make_golden.py blocks   # + torchvision: blocks.json only

Draws random layers and stacks with a fixed seed, runs them through real torch.nn layers and
records what torch measures: output shapes, sum of p.numel() over parameters, the total of
torch.utils.flop_counter.FlopCounterMode, receptive-field boxes from the gradient of one output
with respect to the input (all-positive weights; a max-pool is replaced by a sum over the same
windows because its gradient only reaches the argmax), and configurations torch rejects (the
exception type and message). Every case is also run through the numpy oracle in tests/oracle.py,
and the script stops if the two disagree. The tests read the JSON without torch.
"""

from __future__ import annotations

import json
import random
import sys
import warnings
from itertools import product
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import oracle  # noqa: E402
from oracle import Spec  # noqa: E402

OUT = ROOT / "data" / "golden"
SEED = 20260515
torch.set_default_dtype(torch.float64)
warnings.filterwarnings("ignore")


def tup(rng: random.Random, nd: int, lo: int, hi: int):
    vals = tuple(rng.randint(lo, hi) for _ in range(nd))
    return vals[0] if rng.random() < 0.4 and len(set(vals)) == 1 else vals


def draw_layer(rng: random.Random, kind: str, nd: int, cin: int) -> Spec:
    if kind == "Conv":
        g = rng.choice([1, 1, 1, 2, cin]) if cin % 2 == 0 else rng.choice([1, 1, cin])
        cout = g * rng.randint(1, 3)
        kw = {
            "stride": tup(rng, nd, 1, 3),
            "padding": tup(rng, nd, 0, 3),
            "dilation": tup(rng, nd, 1, 3),
        }
        if g > 1:
            kw["groups"] = g
        if rng.random() < 0.3:
            kw["bias"] = False
        r = rng.random()
        if r < 0.15:
            kw["padding"], kw["stride"] = "same", 1
        elif r < 0.2:
            kw["padding"] = "valid"
        elif r < 0.3:
            kw["padding_mode"] = rng.choice(["reflect", "replicate", "circular"])
        return Spec(f"Conv{nd}d", (cin, cout, tup(rng, nd, 1, 5)), kw)
    if kind == "ConvTranspose":
        g = rng.choice([1, 1, 2]) if cin % 2 == 0 else 1
        s, d = tup(rng, nd, 1, 3), tup(rng, nd, 1, 2)
        st = s if isinstance(s, tuple) else (s,) * nd
        dt = d if isinstance(d, tuple) else (d,) * nd
        op = tuple(rng.randint(0, max(a, b) - 1) for a, b in zip(st, dt, strict=True))
        kw = {"stride": s, "padding": tup(rng, nd, 0, 2), "output_padding": op, "dilation": d}
        if g > 1:
            kw["groups"] = g
        if rng.random() < 0.3:
            kw["bias"] = False
        return Spec(f"ConvTranspose{nd}d", (cin, g * rng.randint(1, 3), tup(rng, nd, 1, 5)), kw)
    k = tuple(rng.randint(1, 4) for _ in range(nd))
    kw = {"stride": tup(rng, nd, 1, 3), "padding": tuple(rng.randint(0, a // 2) for a in k)}
    if rng.random() < 0.5:
        kw["ceil_mode"] = True
    if kind == "MaxPool":
        kw["dilation"] = tup(rng, nd, 1, 2)
    elif rng.random() < 0.3:
        kw["count_include_pad"] = False
    if rng.random() < 0.2:
        kw.pop("stride")
    return Spec(f"{kind}{nd}d", (k,), kw)


def torch_module(spec: Spec) -> nn.Module:
    return getattr(nn, spec.name)(*spec.args, **spec.kwargs)


def measure(input_shape, specs):
    """Shapes, params, flops from torch (raises whatever torch raises)."""
    mods = [torch_module(s) for s in specs]
    x = torch.rand(1, *input_shape)
    shapes, params = [], []
    with FlopCounterMode(display=False) as fc:
        for m in mods:
            x = m(x)
            shapes.append(list(x.shape[1:]))
            params.append(sum(p.numel() for p in m.parameters()))
    return mods, shapes, params, int(fc.get_total_flops())


def oracle_check(input_shape, specs, shapes, params):
    res = oracle.run(tuple(input_shape), specs)
    assert [list(s) for s in res.shapes] == shapes, (specs, res.shapes, shapes)
    assert res.params == params, (specs, res.params, params)
    return res


class SumPool(nn.Module):
    """A max-pool's windows, summed (ceil-mode overhang padded with zeros, then cropped)."""

    def __init__(self, pool: nn.Module, channels: int, nd: int):
        super().__init__()
        self.pool, self.nd, self.c = pool, nd, channels

    def forward(self, x):
        out = self.pool(x.detach()).shape[2:]

        def norm(v):
            return v if isinstance(v, tuple) else (v,) * self.nd

        k, s = norm(self.pool.kernel_size), norm(self.pool.stride)
        p, d = norm(self.pool.padding), norm(self.pool.dilation)
        pads = []
        for i in reversed(range(self.nd)):
            pads += [p[i], p[i] + s[i] * k[i] * d[i]]
        conv = (F.conv1d, F.conv2d, F.conv3d)[self.nd - 1]
        y = conv(F.pad(x, pads), torch.ones(self.c, 1, *k), stride=s, dilation=d, groups=self.c)
        return y[(slice(None), slice(None), *[slice(0, n) for n in out])]


def positive(mods, input_shape):
    """The same stack with all-positive weights, max-pools as sum-pools, eval mode."""
    seq, c = [], input_shape[0]
    gen = torch.Generator().manual_seed(0)
    for m in mods:
        if isinstance(m, (nn.MaxPool1d, nn.MaxPool2d, nn.MaxPool3d)):
            m = SumPool(m, c, len(input_shape) - 1)
        else:
            with torch.no_grad():
                for prm in m.parameters():
                    prm.copy_(torch.rand(prm.shape, generator=gen) + 0.5)
        seq.append(m)
        c = getattr(m, "out_channels", c)
    net = nn.Sequential(*seq).eval()
    return net


def grad_box(net, input_shape, position):
    x = torch.rand(1, *input_shape).add(0.5).requires_grad_(True)
    y = net(x)
    y[(0, 0, *position)].backward()
    mask = (x.grad[0] != 0).any(dim=0).numpy()
    return oracle.box(mask), y.shape[2:]


def probe_positions(out):
    axes = []
    for n in out:
        mid = n // 2
        axes.append(sorted({0, mid, min(mid + 1, n - 1), n - 1}))
    return list(product(*axes))


def dense(specs) -> bool:
    """No holes possible: every layer a conv/pool with dilation 1 and kernel >= stride."""
    for s in specs:
        if s.name.startswith("ConvTranspose"):
            return False
        nd = int(s.name[-2])
        names = {"Conv": oracle._CONV, "MaxPool": oracle._MAXP, "AvgPool": oracle._AVGP}
        key = next(k for k in names if s.name.startswith(k))
        a = dict(zip(names[key], s.args, strict=False)) | s.kwargs
        k = oracle._tup(a["kernel_size"], nd, "k")
        st = oracle._tup(a.get("stride") or a["kernel_size"], nd, "s")
        d = oracle._tup(a.get("dilation", 1), nd, "d")
        if any(x != 1 for x in d) or any(a_ < b for a_, b in zip(k, st, strict=True)):
            return False
    return True


def gen_layers(rng: random.Random, count: int):
    cases = []
    kinds = ["Conv", "Conv", "ConvTranspose", "MaxPool", "AvgPool"]
    while len(cases) < count:
        nd = rng.choice([1, 2, 2, 2, 3])
        kind = rng.choice(kinds)
        if kind == "AvgPool" and nd == 3 and rng.random() < 0.7:
            continue
        cin = rng.choice([1, 2, 3, 4, 6])
        spec = draw_layer(rng, kind, nd, cin)
        shape = [cin] + [rng.randint(3, 20 if nd < 3 else 8) for _ in range(nd)]
        try:
            mods, shapes, params, flops = measure(shape, [spec])
        except Exception:  # a rejected draw: invalid.json covers those
            continue
        oracle_check(shape, [spec], shapes, params)
        cases.append(
            {
                "input": shape,
                "layers": [spec.text()],
                "torch_repr": repr(mods[0]),
                "outputs": shapes,
                "params": params[0],
                "flops": flops,
            }
        )
    return cases


def extra_layers():
    """Hand-picked layers: Linear/Flatten/BN/LRN/activations, edge cases torch accepts."""
    rows = [
        ([8, 6, 6], ["Flatten()", "Linear(288, 10)"]),
        ([8, 6, 6], ["Flatten()", "Linear(288, 10, bias=False)"]),
        ([16, 5, 5], ["BatchNorm2d(16)"]),
        ([16, 5, 5], ["BatchNorm2d(16, affine=False)"]),
        ([16, 5], ["BatchNorm1d(16)"]),
        ([4, 3, 5, 5], ["BatchNorm3d(4)"]),
        ([96, 13, 13], ["LocalResponseNorm(5, alpha=0.0001, beta=0.75, k=2.0)"]),
        ([8, 7, 7], ["PReLU(8)"]),
        (
            [8, 7, 7],
            [
                "ReLU(inplace=True)",
                "ReLU6()",
                "LeakyReLU(0.1)",
                "ELU()",
                "GELU()",
                "SiLU()",
                "Sigmoid()",
                "Tanh()",
                "Hardswish()",
                "Hardsigmoid()",
                "Dropout(p=0.5)",
                "Dropout2d(0.2)",
                "Identity()",
            ],
        ),
        ([512, 7, 7], ["AdaptiveAvgPool2d((1, 1))", "Flatten()", "Linear(512, 1000)"]),
        ([256, 13, 13], ["AdaptiveAvgPool2d((6, 6))"]),
        ([64, 10, 7], ["AdaptiveAvgPool2d((4, 3))"]),
        ([64, 10, 7], ["AdaptiveMaxPool2d(3)"]),
        ([16, 11], ["AdaptiveAvgPool1d(4)"]),
        ([3, 5, 5], ["Conv2d(3, 4, 3, padding=4)"]),  # padding larger than the kernel
        ([3, 5, 5], ["ConvTranspose2d(3, 4, 3, padding=2)"]),  # crops past d(k-1)/2
        ([3, 2, 2], ["MaxPool2d(3, stride=2, ceil_mode=True, padding=1)"]),
        ([3, 5], ["MaxPool1d(2, stride=2, ceil_mode=True)"]),
        ([3, 6], ["MaxPool1d(3, stride=2, ceil_mode=True, padding=1)"]),
        ([3, 8, 8], ["Conv2d(3, 6, (4, 2), padding='same', dilation=(1, 3))"]),
        ([3, 9, 9], ["Conv2d(3, 3, 3, padding=1, padding_mode='circular', groups=3)"]),
        ([6, 10], ["Conv1d(6, 6, 5, padding=4, padding_mode='reflect')"]),
        ([3, 4, 4], ["ConvTranspose2d(3, 3, 1, stride=3, output_padding=2)"]),
        ([4, 5, 5], ["ConvTranspose2d(4, 2, 3, stride=1, dilation=3, output_padding=2)"]),
        (
            [3, 224, 224],
            [
                "Conv2d(3, 64, kernel_size=(7, 7), stride=(2, 2), padding=(3, 3), bias=False)",
                "BatchNorm2d(64)",
                "ReLU(inplace=True)",
                "MaxPool2d(kernel_size=3, stride=2, padding=1, dilation=1, ceil_mode=False)",
            ],
        ),
        # LayerNorm and InstanceNorm (torch's defaults differ: InstanceNorm has no affine part)
        ([64, 7, 7], ["LayerNorm([64, 7, 7])"]),
        ([16, 10], ["LayerNorm(10)"]),
        ([8, 5, 6], ["LayerNorm((5, 6), elementwise_affine=False)"]),
        ([8, 5, 6], ["LayerNorm(6, bias=False)"]),
        ([8, 9, 9], ["InstanceNorm2d(8)"]),
        ([8, 9, 9], ["InstanceNorm2d(8, affine=True)"]),
        ([8, 9, 9], ["InstanceNorm2d(8, affine=True, bias=False)"]),
        ([8, 9], ["InstanceNorm1d(8, affine=True)"]),
        ([4, 3, 5, 5], ["InstanceNorm3d(4, track_running_stats=True)"]),
        ([5, 9, 9], ["InstanceNorm2d(3)"]),  # num_features unused without affine: torch warns
        (
            [3, 32, 32],
            [
                "Conv2d(3, 16, 4, stride=4)",
                "LayerNorm([16, 8, 8])",
                "Conv2d(16, 16, 7, padding=3, groups=16)",
                "InstanceNorm2d(16, affine=True)",
                "Conv2d(16, 64, 1)",
            ],
        ),
    ]
    cases = []
    for shape, texts in rows:
        specs = [parse_text(t) for t in texts]
        _, shapes, params, flops = measure(shape, specs)
        oracle_check(shape, specs, shapes, params)
        cases.append(
            {
                "input": shape,
                "layers": [s.text() for s in specs],
                "outputs": shapes,
                "params": sum(params),
                "flops": flops,
            }
        )
    return cases


def parse_text(text: str) -> Spec:
    """Tiny reader for the literal constructor calls written in this file (ast literals)."""
    import ast

    call = ast.parse(text, mode="eval").body
    return Spec(
        call.func.id,
        tuple(ast.literal_eval(a) for a in call.args),
        {k.arg: ast.literal_eval(k.value) for k in call.keywords},
    )


def size_bound(specs, nd):
    """A crude upper bound, per axis, on |start| + field size + jump of a conv/pool stack (to
    pick an input large enough that the middle outputs are interior; not the tested formula)."""
    bound, prod = [1] * nd, [1] * nd
    for spec in specs:
        layer = oracle.build(spec)
        if not hasattr(layer, "k"):
            continue
        pads = getattr(layer, "pads", None) or [(p, p) for p in layer.p]
        for a in range(nd):
            span = layer.d[a] * (layer.k[a] - 1) + 1
            bound[a] += (span + pads[a][0]) * prod[a]
            prod[a] *= layer.s[a]
    return [b_ + p_ for b_, p_ in zip(bound, prod, strict=True)]


def draw_stack(rng: random.Random):
    nd = rng.choice([1, 2, 2])
    c = rng.choice([1, 2, 3])
    with_t = rng.random() < 0.25
    hole_free = not with_t and rng.random() < 0.4
    specs = []
    for i in range(rng.randint(2, 5)):
        kinds = ["Conv", "Conv", "MaxPool", "AvgPool"] if i else ["Conv"]
        kind = rng.choice(kinds + (["ConvTranspose"] * 2 if with_t else []))
        spec = draw_layer(rng, kind, nd, c)
        spec.kwargs.pop("padding_mode", None)
        if hole_free:
            ks = spec.args[2] if kind == "Conv" else spec.args[0]
            ks = ks if isinstance(ks, tuple) else (ks,) * nd
            if "dilation" in spec.kwargs:
                spec.kwargs["dilation"] = 1
            if spec.kwargs.get("stride") is not None:
                st = spec.kwargs["stride"]
                st = st if isinstance(st, tuple) else (st,) * nd
                spec.kwargs["stride"] = tuple(min(x, k) for x, k in zip(st, ks, strict=True))
        specs.append(spec)
        c = spec.args[1] if kind in ("Conv", "ConvTranspose") else c
        if rng.random() < 0.2:
            specs.append(Spec("ReLU"))
    return nd, with_t, specs


def gen_stacks(rng: random.Random, count: int):
    cases = []
    while len(cases) < count:
        nd, with_t, specs = draw_stack(rng)
        limit = 240 if nd == 2 else 1000
        if with_t:
            n = rng.randint(6, 40 if nd == 2 else 80)
        else:
            n = 4 * max(size_bound(specs, nd)) + 8
            if n > limit:
                continue
            n += rng.randint(0, 7)
        shape = [specs[0].args[0]] + [n] * nd
        try:
            mods, shapes, params, flops = measure(shape, specs)
        except Exception:
            continue
        net = positive(mods, shape)
        res = oracle_check(shape, specs, shapes, params)
        out = shapes[-1][1:]
        probes = []
        for pos in probe_positions(out):
            b, _ = grad_box(net, shape, pos)
            ob = oracle.box(oracle.influence(res, pos))
            assert b == ob, (specs, pos, b, ob)
            # with n >= 4x the size bound, the middle outputs' fields lie inside the input
            interior = not with_t and all(
                x in (o // 2, o // 2 + 1) for x, o in zip(pos, out, strict=True)
            )
            probes.append(
                {
                    "position": list(pos),
                    "interior": interior,
                    "box": None if b is None else [list(v) for v in b],
                }
            )
        cases.append(
            {
                "input": shape,
                "layers": [s.text() for s in specs],
                "outputs": shapes,
                "params": sum(params),
                "flops": flops,
                "dense": not with_t and dense([s for s in specs if s.name != "ReLU"]),
                "probes": probes,
            }
        )
    return cases


def gen_invalid(rng: random.Random, count: int):
    """Draws that torch rejects, at construction or on the first forward."""
    makers = [
        lambda: ([4, 9, 9], [Spec("Conv2d", (4, 6, 3), {"groups": rng.choice([3, 4, 5])})]),
        lambda: ([6, 9], [Spec("Conv1d", (6, 4, 3), {"groups": rng.choice([4, 5])})]),
        lambda: ([3, rng.randint(1, 4), 8], [Spec("Conv2d", (3, 4, rng.randint(5, 7)))]),
        lambda: ([3, 5, 5], [Spec("Conv2d", (3, 4, 3), {"dilation": rng.randint(3, 5)})]),
        lambda: (
            [3, 8, 8],
            [Spec("Conv2d", (3, 4, 3), {"padding": "same", "stride": rng.randint(2, 3)})],
        ),
        lambda: ([3, 8, 8], [Spec("Conv2d", (3, 4, rng.choice([0, -1])))]),
        lambda: ([3, 8, 8], [Spec("Conv2d", (3, 4, 3), {"stride": rng.choice([0, -2])})]),
        lambda: ([3, 8, 8], [Spec("Conv2d", (3, 4, 3), {"dilation": 0})]),
        lambda: ([3, 8, 8], [Spec("Conv2d", (3, 4, 3), {"padding": -1})]),
        lambda: ([3, 8, 8], [Spec("Conv2d", (3, 0, 3))]),
        lambda: ([3, 8, 8], [Spec("Conv2d", (3, 4, 3), {"groups": 0})]),
        lambda: (
            [3, 4, 4],
            [Spec("Conv2d", (3, 3, 3), {"padding": rng.randint(4, 6), "padding_mode": "reflect"})],
        ),
        lambda: (
            [3, 4, 4],
            [Spec("Conv2d", (3, 3, 3), {"padding": rng.randint(5, 7), "padding_mode": "circular"})],
        ),
        lambda: (
            [3, 8, 8],
            [Spec("MaxPool2d", (rng.randint(2, 5),), {"padding": rng.randint(3, 4)})],
        ),
        lambda: ([3, 8, 8], [Spec("AvgPool2d", (3,), {"padding": 2})]),
        lambda: ([3, 8], [Spec("MaxPool1d", (2,), {"padding": 2, "dilation": 3})]),
        lambda: ([3, 2, 2], [Spec("MaxPool2d", (rng.randint(5, 7),), {"stride": 1})]),
        lambda: ([3, 2], [Spec("AvgPool1d", (rng.randint(4, 6),))]),
        lambda: (
            [4, 5, 5],
            [
                Spec(
                    "ConvTranspose2d", (4, 4, 3), {"stride": 2, "output_padding": rng.randint(2, 3)}
                )
            ],
        ),
        lambda: (
            [4, 5, 5],
            [Spec("ConvTranspose2d", (4, 4, 3), {"stride": 1, "dilation": 2, "output_padding": 2})],
        ),
        lambda: ([4, 5, 5], [Spec("ConvTranspose2d", (4, 4, 3), {"padding": "same"})]),
        lambda: ([4, 5, 5], [Spec("ConvTranspose2d", (4, 4, 3), {"padding_mode": "reflect"})]),
        lambda: ([4, 2, 2], [Spec("ConvTranspose2d", (4, 4, 1), {"padding": rng.randint(1, 3)})]),
        lambda: ([4, 5, 5], [Spec("ConvTranspose2d", (4, 6, 3), {"groups": 4})]),
        lambda: (
            [3, 8, 8],
            [Spec("Conv2d", (3, 8, 3)), Spec("Conv2d", (rng.choice([3, 4, 16]), 8, 3))],
        ),
        lambda: ([3, 8, 8], [Spec("Conv2d", (3, 8, 3)), Spec("BatchNorm2d", (16,))]),
        lambda: ([8, 4, 4], [Spec("Flatten"), Spec("Linear", (rng.choice([64, 100, 127]), 10))]),
        lambda: ([3, 3, 3, 3], [Spec("AvgPool3d", ((4, 2, 2),), {"padding": (2, 1, 1)})]),
    ]
    cases, seen, tries = [], set(), 0
    accepted_by_torch_only.clear()
    while len(cases) < count and tries < 20 * count:
        tries += 1
        shape, specs = rng.choice(makers)() if rng.random() < 0.4 else broken(rng)
        key = (tuple(shape), tuple(s.text() for s in specs))
        if key in seen:
            continue
        seen.add(key)
        case = torch_rejection(shape, specs)
        if case is not None:
            cases.append(case)
            continue
        # torch accepted it (a breaker that happened to leave it valid): the oracle must too
        try:
            oracle.run(tuple(shape), specs)
        except oracle.OracleError as err:
            accepted_by_torch_only.append(
                {"input": shape, "layers": [s.text() for s in specs], "oracle": str(err)}
            )
    return cases


accepted_by_torch_only: list[dict] = []


def torch_rejection(shape, specs) -> dict | None:
    """The invalid.json case when torch rejects the stack (at construction or on the first
    forward), after checking that the oracle rejects it too; None when torch accepts it."""
    stage = "construct"
    try:
        mods = [torch_module(s) for s in specs]
        stage = "forward"
        x = torch.rand(1, *shape)
        for m in mods:
            x = m(x)
    except Exception as exc:
        try:
            oracle.run(tuple(shape), specs)
        except (oracle.OracleError, ValueError):
            pass
        else:
            raise AssertionError(f"oracle accepts what torch rejects: {shape} {specs}") from exc
        return {
            "input": shape,
            "layers": [s.text() for s in specs],
            "stage": stage,
            "error": type(exc).__name__,
            "message": str(exc).splitlines()[0][:200],
        }
    return None


def extra_invalid():
    """Hand-picked norm layers torch rejects (appended after the random draws)."""
    rows = [
        ([8, 1, 1], "InstanceNorm2d(8)"),  # one value per channel
        ([5, 9, 9], "InstanceNorm2d(3, affine=True)"),
        ([5, 9, 9], "InstanceNorm2d(3, track_running_stats=True)"),
        ([8, 5, 6], "LayerNorm(5)"),
        ([8, 5, 6], "LayerNorm([8, 6, 5])"),
    ]
    cases = []
    for shape, text in rows:
        case = torch_rejection(shape, [parse_text(text)])
        if case is None:
            raise AssertionError(f"torch accepts {text} on {shape}")
        cases.append(case)
    return cases


def broken(rng: random.Random):
    """A random valid-looking layer with one rule broken (torch decides if it really is)."""
    nd = rng.choice([1, 2, 2, 3])
    kind = rng.choice(["Conv", "ConvTranspose", "MaxPool", "AvgPool"])
    cin = rng.choice([2, 3, 4, 6])
    spec = draw_layer(rng, kind, nd, cin)
    shape = [cin] + [rng.randint(4, 9) for _ in range(nd)]
    args, kw = list(spec.args), dict(spec.kwargs)
    how = rng.choice(["tiny", "groups", "pad", "oppad", "zero", "channels", "neg"])
    if how == "tiny":
        shape = [cin] + [rng.randint(1, 3) for _ in range(nd)]
    elif how == "groups" and kind.startswith("Conv"):
        kw["groups"] = rng.choice([g for g in (3, 4, 5, 7) if cin % g or args[1] % g] or [5])
    elif how == "pad" and kind.endswith("Pool"):
        kw["padding"] = tuple(k // 2 + rng.randint(1, 2) for k in args[0])
    elif how == "oppad" and kind == "ConvTranspose":
        st = kw["stride"] if isinstance(kw["stride"], tuple) else (kw["stride"],) * nd
        dl = kw["dilation"] if isinstance(kw["dilation"], tuple) else (kw["dilation"],) * nd
        kw["output_padding"] = tuple(
            max(a, b) + rng.randint(0, 1) for a, b in zip(st, dl, strict=True)
        )
    elif how == "zero":
        key = rng.choice(["stride", "dilation"] if "dilation" in kw else ["stride"])
        kw[key] = 0
    elif how == "channels" and kind.startswith("Conv"):
        shape[0] = cin + rng.randint(1, 3)
    elif how == "neg":
        kw["padding"] = -1
    else:
        shape = [cin] + [1] * nd
    return shape, [Spec(spec.name, tuple(args), kw)]


def write(name: str, cases: list, **extra) -> None:
    doc = {
        "generator": "tools/make_golden.py",
        "torch": torch.__version__,
        "seed": SEED,
        "count": len(cases),
        "cases": cases,
        **extra,
    }
    path = OUT / name
    path.write_text(json.dumps(doc, separators=(",", ":"), sort_keys=False) + "\n")
    print(f"{path.relative_to(ROOT)}: {len(cases)} cases, {path.stat().st_size} bytes")


ARCHITECTURES = {  # file: (input shape, last layer of the receptive-field probe, probe size)
    "alexnet_torchvision_224.txt": ((3, 224, 224), "MaxPool2d", 512),
    "alexnet_paper_227.txt": ((3, 227, 227), "MaxPool2d", 512),
    "vgg16.txt": ((3, 224, 224), "MaxPool2d", 512),
    "resnet50_main_path.txt": ((3, 224, 224), "Conv2d", 1024),
    "deeplab_largefov_321.txt": ((3, 321, 321), "Conv2d", 512),
    "dcgan_generator_64.txt": ((100, 1, 1), None, None),
}


def torch_rf(specs: list[Spec], n: int) -> dict:
    """Gradient box of the center output on an n x n input (all-positive weights)."""
    shape = [specs[0].args[0], n, n]
    with torch.no_grad():
        mods, shapes, _, _ = measure(shape, specs)
    net = positive(mods, shape)
    out = shapes[-1][1:]
    center = tuple(o // 2 for o in out)
    b, _ = grad_box(net, shape, center)
    assert all(lo > 0 and hi < n - 1 for lo, hi in b), b  # an interior field: its full size
    return {
        "probe_input": shape,
        "position": list(center),
        "box": [list(v) for v in b],
        "size": [hi - lo + 1 for lo, hi in b],
    }


def read_layer_file(path: Path) -> list[Spec]:
    lines = [ln.split("#", 1)[0].strip() for ln in path.read_text().splitlines()]
    return [parse_text(ln) for ln in lines if ln]


# Parameter totals torchvision documents for its models (torchvision.models docs, "Params").
# torchvision 0.28 on this machine does not load against torch 2.13, so the layers are built
# here with torch.nn from the files and compared with these totals.
TORCHVISION_PARAMS = {"alexnet": 61_100_840, "vgg16": 138_357_544, "resnet50": 25_557_032}


def resnet50_downsample_params() -> int:
    """The four projection shortcuts the main-path file omits, built with torch.nn."""
    total = 0
    for cin, cout, stride in ((64, 256, 1), (256, 512, 2), (512, 1024, 2), (1024, 2048, 2)):
        branch = nn.Sequential(
            nn.Conv2d(cin, cout, 1, stride=stride, bias=False), nn.BatchNorm2d(cout)
        )
        total += sum(p.numel() for p in branch.parameters())
    return total


def torchvision_totals() -> dict[str, int]:
    return {
        "alexnet_torchvision_224.txt": TORCHVISION_PARAMS["alexnet"],
        "vgg16.txt": TORCHVISION_PARAMS["vgg16"],
        "resnet50_main_path.txt": TORCHVISION_PARAMS["resnet50"] - resnet50_downsample_params(),
    }


def gen_architectures():
    tv = torchvision_totals()
    out = {}
    for name, (shape, rf_kind, probe) in ARCHITECTURES.items():
        specs = read_layer_file(ROOT / "data" / "architectures" / name)
        rf = None
        if rf_kind:
            last = max(i for i, sp in enumerate(specs) if sp.name == rf_kind)
            rf = torch_rf(specs[: last + 1], probe) | {"layer": last}
        with torch.no_grad():
            mods, shapes, params, flops = measure(list(shape), specs)
        total = sum(params)
        if name in tv:
            assert tv[name] == total, (name, tv[name], total)
        out[name] = {
            "input": list(shape),
            "layers": len(specs),
            "output": shapes[-1],
            "outputs": shapes,
            "params": total,
            "flops": flops,
            "torchvision_params": tv.get(name),
            "torch_print": repr(nn.Sequential(*mods)),
            "rf": rf,
        }
        print(f"{name}: {shapes[-1]} params {total:,} flops {flops:,} rf {rf and rf['size']}")
    return out


def write_blocks() -> int:
    """data/golden/blocks.json only (torchvision's blocks; the other files are left as they are)."""
    from golden_blocks import gen_blocks

    cases = gen_blocks(SEED)
    path = OUT / "blocks.json"
    body = {"generator": "tools/make_golden.py blocks", "torch": torch.__version__, **cases}
    path.write_text(json.dumps(body, indent=1) + "\n")
    print(f"{path.relative_to(ROOT)}: " + ", ".join(f"{k} {len(v)}" for k, v in cases.items()))
    return 0


def main() -> int:
    if sys.argv[1:] == ["blocks"]:
        return write_blocks()
    OUT.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(SEED)
    np.random.seed(SEED)
    rng = random.Random(SEED)
    write("layers.json", gen_layers(rng, 400) + extra_layers())
    write("stacks.json", gen_stacks(rng, 200))
    cases = gen_invalid(rng, 300) + extra_invalid()
    # torch accepts a negative padding with a non-zeros padding_mode (F.pad crops); the
    # project's rule (issue 2) rejects negative padding everywhere, so these stay invalid
    write("invalid.json", cases, stricter_than_torch=accepted_by_torch_only)
    arch = gen_architectures()
    path = OUT / "architectures.json"
    path.write_text(
        json.dumps(
            {
                "generator": "tools/make_golden.py",
                "torch": torch.__version__,
                "count": len(arch),
                "cases": arch,
            },
            indent=1,
        )
        + "\n"
    )
    print(f"{path.relative_to(ROOT)}: {len(arch)} networks, {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
