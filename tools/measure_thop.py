"""Measure what FLOP/MAC counters report for one ConvTranspose2d and one biased Conv2d.

Run by hand in a venv with the CPU torch and the counter under test, once per counter that
shares a module name (the `thop` and `ultralytics-thop` distributions both install `thop`):

    python3 -m venv /work/venv-torch-NAME && . /work/venv-torch-NAME/bin/activate
    pip install torch==2.13.0 thop            # Lyken17/pytorch-OpCounter
    python tools/measure_thop.py
    pip uninstall -y thop && pip install ultralytics-thop
    python tools/measure_thop.py

Every counter that can be imported is measured (thop, FlopCounterMode, and if installed
fvcore, ptflops, torchinfo); the others are reported as missing. The printed reference values
are the two conventions for a transposed convolution: multiply-accumulates over input positions
(the real work, C_in * H_in * W_in * C_out/g * k^2) and the ordinary conv formula applied over
output positions (C_out * H_out * W_out * C_in/g * k^2), which is larger by about stride^2.
The question bank's card `flops-transposed` quotes this script's output.
"""

from __future__ import annotations

import importlib.metadata as md
from collections.abc import Callable
from typing import Any

import torch
from torch import nn

IN_SHAPE = (1, 64, 16, 16)
CONV_IN_SHAPE = (1, 64, 56, 56)


def transposed(bias: bool) -> nn.Module:
    return nn.ConvTranspose2d(64, 32, 4, stride=2, padding=1, bias=bias)


def conv(bias: bool) -> nn.Module:
    return nn.Conv2d(64, 64, 3, padding=1, bias=bias)


CASES: list[tuple[str, Callable[[bool], nn.Module], tuple[int, ...]]] = [
    ("ConvTranspose2d(64, 32, 4, stride=2, padding=1) @ 1x64x16x16", transposed, IN_SHAPE),
    ("Conv2d(64, 64, 3, padding=1) @ 1x64x56x56", conv, CONV_IN_SHAPE),
]


def version(dist: str) -> str | None:
    try:
        return md.version(dist)
    except md.PackageNotFoundError:
        return None


def count_thop(module: nn.Module, shape: tuple[int, ...]) -> float:
    import thop  # type: ignore[import-not-found]

    macs, _params = thop.profile(module, inputs=(torch.randn(shape),), verbose=False)
    return float(macs)


def count_flop_counter(module: nn.Module, shape: tuple[int, ...]) -> float:
    from torch.utils.flop_counter import FlopCounterMode

    with FlopCounterMode(display=False) as counter:
        module(torch.randn(shape))
    return float(counter.get_total_flops())


def count_fvcore(module: nn.Module, shape: tuple[int, ...]) -> float:
    from fvcore.nn import FlopCountAnalysis  # type: ignore[import-not-found]

    analysis = FlopCountAnalysis(module, torch.randn(shape))
    analysis.unsupported_ops_warnings(False)
    analysis.uncalled_modules_warnings(False)
    return float(analysis.total())


def count_ptflops(module: nn.Module, shape: tuple[int, ...]) -> float:
    from ptflops import get_model_complexity_info  # type: ignore[import-not-found]

    macs, _params = get_model_complexity_info(
        module, shape[1:], as_strings=False, print_per_layer_stat=False, verbose=False
    )
    return float(macs)


def count_torchinfo(module: nn.Module, shape: tuple[int, ...]) -> float:
    import torchinfo  # type: ignore[import-not-found]

    stats: Any = torchinfo.summary(module, input_size=shape, verbose=0)
    return float(stats.total_mult_adds)


COUNTERS: list[tuple[str, str | None, Callable[[nn.Module, tuple[int, ...]], float]]] = [
    ("thop.profile (MACs)", "thop", count_thop),
    ("FlopCounterMode (FLOPs)", None, count_flop_counter),
    ("fvcore FlopCountAnalysis", "fvcore", count_fvcore),
    ("ptflops (MACs)", "ptflops", count_ptflops),
    ("torchinfo total_mult_adds", "torchinfo", count_torchinfo),
]


def references() -> None:
    x = torch.randn(IN_SHAPE)
    y = transposed(False)(x)
    c_in, h_in, w_in = IN_SHAPE[1:]
    c_out, h_out, w_out = y.shape[1:]
    k2 = 16
    print(f"transposed conv output shape: {tuple(y.shape)}")
    print(f"  MACs over input positions  C_in*H_in*W_in*C_out*k^2 = {c_in * h_in * w_in * c_out * k2:,}")
    print(f"  MACs over output positions C_out*H_out*W_out*C_in*k^2 = {c_out * h_out * w_out * c_in * k2:,}")
    print(f"  bias adds (one per output value) = {c_out * h_out * w_out:,}")
    print(f"conv: MACs = 64*56*56*64*9 = {64 * 56 * 56 * 64 * 9:,}, bias adds = {64 * 56 * 56:,}")


def main() -> None:
    torch.manual_seed(0)
    print(f"torch {torch.__version__}")
    for dist in ("thop", "ultralytics-thop", "fvcore", "ptflops", "torchinfo"):
        print(f"  {dist}: {version(dist) or 'not installed'}")
    references()
    for label, module_name, count in COUNTERS:
        if module_name is not None:
            try:
                __import__(module_name)
            except ImportError:
                print(f"{label}: not importable")
                continue
        for case, make, shape in CASES:
            values = [count(make(bias), shape) for bias in (False, True)]
            print(f"{label}: {case}: bias=False {values[0]:,.0f}  bias=True {values[1]:,.0f}")


if __name__ == "__main__":
    main()
