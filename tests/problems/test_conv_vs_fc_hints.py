"""conv-vs-fc: each level's hints give the formula for what that level asks (issue 16, fix 7).

Levels 1-2 ask for parameters, level 3 for a MACs ratio. The formulas the hints state are
evaluated on each drawn problem's own layers and compared with the core's counts.
"""

from __future__ import annotations

from fractions import Fraction
from math import prod

import pytest

from quizcnn.core import analyze
from quizcnn.problems import generate

SEEDS = range(60)
PARAMS_EN = r"$n_{in} \cdot n_{out} + n_{out}$"
MACS_EN = r"$n_{in} \cdot n_{out}$ MACs"
CONV_MACS = r"$C_{out} H_{out} W_{out} \cdot C_{in} k_1 k_2$"


def _reports(p):
    fc = analyze(p.input_shape, list(p.extra.get("num_layers") or p.extra["answer_layers"]))
    conv = analyze(p.input_shape, [p.layers[0]])
    return fc, conv


@pytest.mark.parametrize("seed", SEEDS)
def test_level_3_hints_give_the_macs_formulas(seed):
    p = generate("conv-vs-fc", seed, 3)
    assert p.extra["ratio_of"] == "macs"
    en, zh = p.hints["en"], p.hints["zh"]
    assert MACS_EN in en[0] and CONV_MACS in en[1]
    assert r"$n_{in} \cdot n_{out}$" in zh[0] and CONV_MACS in zh[1]
    assert all("MACs" in h for h in en + zh)
    assert not any("+ n_{out}" in h for h in en + zh)  # no parameter formula left
    fc, conv = _reports(p)
    lin, cv = fc.layers[-1].layer, conv.layers[0]
    n_in, n_out = prod(p.input_shape), prod(fc.output)
    assert (lin.in_features, lin.out_features) == (n_in, n_out)
    assert n_in * n_out == fc.macs  # hint 1, bias adding nothing
    c_out, h_out, w_out = cv.output
    kh, kw = cv.layer.kernel_size  # k_1, k_2
    assert c_out * h_out * w_out * cv.layer.in_channels * kh * kw == conv.macs  # hint 2
    assert Fraction(fc.macs, conv.macs) == p.answer


@pytest.mark.parametrize("level", [1, 2])
@pytest.mark.parametrize("seed", range(20))
def test_levels_1_and_2_hints_keep_the_parameter_formula(seed, level):
    p = generate("conv-vs-fc", seed, level)
    assert PARAMS_EN in p.hints["en"][0] and r"n_{in} \cdot n_{out} + n_{out}" in p.hints["zh"][0]
    fc, _conv = _reports(p)
    n_in, n_out = prod(p.input_shape), prod(fc.output)
    assert n_in * n_out + n_out == fc.params
