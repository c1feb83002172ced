"""Realistic random layers for the templates (every value from the template's own rng)."""

from __future__ import annotations

import random
from collections.abc import Sequence

from quizcnn.problems.common import (
    CHANNELS,
    FEATURE_SIZES,
    IMAGE_SIZES,
    L,
    Spec,
    SpecArg,
    SpecKwargs,
    channels,
    pick,
)

NONSQUARE_INPUTS = ((224, 160), (256, 128), (320, 240), (128, 96), (384, 256), (96, 64),
                    (112, 80), (160, 120), (480, 320), (64, 48), (200, 100), (180, 240))
NONSQUARE_KERNELS = ((1, 3), (3, 1), (1, 5), (5, 1), (1, 7), (7, 1), (3, 5), (5, 3), (2, 3))
NONSQUARE_STRIDES = ((2, 1), (1, 2), (2, 3), (3, 2))


def square_input(rng: random.Random, *, image: bool | None = None) -> tuple[int, int, int]:
    """(C, n, n): an RGB/grey image or a mid-network feature map."""
    if image is None:
        image = rng.random() < 0.5
    if image:
        return (pick(rng, (3, 3, 3, 1)), pick(rng, IMAGE_SIZES), 0)
    return (channels(rng, 16, 512), pick(rng, FEATURE_SIZES), 0)


def input_shape(rng: random.Random, *, square: bool,
                image: bool | None = None) -> tuple[int, int, int]:
    c, n, _ = square_input(rng, image=image)
    if square:
        return (c, n, n)
    h, w = pick(rng, NONSQUARE_INPUTS)
    if rng.random() < 0.5:
        h, w = w, h
    return (c, h, w)


def padding_for(rng: random.Random, k: int, d: int = 1) -> int:
    """Mostly 'keep the size' padding d(k-1)//2, sometimes 0, sometimes anything in between."""
    half = d * (k - 1) // 2
    r = rng.random()
    if r < 0.5:
        return half
    if r < 0.75:
        return 0
    return rng.randint(0, half + 1)


def conv(rng: random.Random, cin: int, *, kernels: Sequence[int] = (1, 3, 5, 7),
         strides: Sequence[int] = (1, 2), dilations: Sequence[int] = (1,),
         groups: Sequence[int | str] = (1,), cout: int | None = None, bias: bool | None = None,
         name: str = "Conv2d") -> Spec:
    """One square Conv2d with non-default keywords only."""
    k = pick(rng, kernels)
    s = pick(rng, strides)
    d = pick(rng, dilations) if k > 1 else 1
    g = pick(rng, groups)
    depthwise = g == "depthwise"
    if depthwise:
        g = cin
    if cout is None:
        cout = cin if depthwise else channels(rng, 16, 1024)
    kw: SpecKwargs = {}
    if s != 1:
        kw["stride"] = s
    p = padding_for(rng, k, d)
    if p:
        kw["padding"] = p
    if d != 1:
        kw["dilation"] = d
    if g != 1:
        kw["groups"] = g
    if bias is None:
        bias = rng.random() < 0.6
    if not bias:
        kw["bias"] = False
    return L(name, cin, cout, k, **kw)


def nonsquare_conv(rng: random.Random, cin: int, *, dilation: bool,
                   groups: Sequence[int | str]) -> Spec:
    k = pick(rng, NONSQUARE_KERNELS)
    strides: tuple[int | tuple[int, int], ...] = (*NONSQUARE_STRIDES, (1, 1), 2)
    s = pick(rng, strides)
    d = (pick(rng, (2, 3)), 1) if dilation else (1, 1)
    if rng.random() < 0.5:
        d = d[::-1]
    pad = tuple(di * (ki - 1) // 2 for ki, di in zip(k, d, strict=True))
    if rng.random() < 0.3:
        pad = (pad[0], 0)
    g = pick(rng, groups)
    depthwise = g == "depthwise"
    if depthwise:
        g = cin
    cout = cin if depthwise else channels(rng, 16, 512)
    kw: SpecKwargs = {"stride": s}
    if any(pad):
        kw["padding"] = pad
    if any(v != 1 for v in d):
        kw["dilation"] = d if d[0] != d[1] else d[0]
    if g != 1:
        kw["groups"] = g
    return L("Conv2d", cin, cout, k, **kw)


def divisor_groups(rng: random.Random, cin: int, cout: int) -> int:
    options = [g for g in (2, 4, 8, 16, 32) if cin % g == 0 and cout % g == 0]
    return pick(rng, options) if options else 1


def pool(rng: random.Random, *, ceil: bool | None = None, overlap: bool | None = None,
         avg: bool | None = None, dilation: bool = False, omit_stride: bool | None = None) -> Spec:
    """MaxPool2d/AvgPool2d: 2x2/2, 3x3/2 (overlapping), 3x3/1, with padding <= k//2."""
    if avg is None:
        avg = rng.random() < 0.3
    if overlap is None:
        overlap = rng.random() < 0.5
    k, s = (3, 2) if overlap else pick(rng, ((2, 2), (3, 3), (2, 2), (4, 4)))
    if omit_stride is None:
        omit_stride = not overlap and rng.random() < 0.6
    p = pick(rng, (0, 0, 1)) if k >= 2 else 0
    kw: SpecKwargs = {}
    args: tuple[SpecArg, ...] = (k,)
    if not (omit_stride and s == k):
        kw["stride"] = s
    if p:
        kw["padding"] = p
    if dilation and not avg:
        kw["dilation"] = 2
    if ceil is None:
        ceil = rng.random() < 0.4
    if ceil:
        kw["ceil_mode"] = True
    return L("AvgPool2d" if avg else "MaxPool2d", *args, **kw)


def pick_channels(rng: random.Random, lo: int = 16, hi: int = 1024) -> int:
    return pick(rng, [c for c in CHANNELS if lo <= c <= hi])
