"""The block core against PyTorch golden data (data/golden/blocks.json, made by
``tools/make_golden.py blocks`` from the modules torchvision builds): InvertedResidual
parameters and FlopCounterMode MACs, SqueezeExcitation parameters, _DenseBlock/_Transition
channels and whole DenseNets stage by stage, and fuse_conv_bn_eval parameter counts."""

from __future__ import annotations

import json
from pathlib import Path

from quizcnn.core import bn_fold, densenet_channels, inverted_residual, squeeze_excite

GOLDEN = json.loads((Path(__file__).resolve().parents[2] / "data" / "golden" / "blocks.json")
                    .read_text(encoding="utf-8"))


def test_inverted_residual_matches_torchvision():
    cases = GOLDEN["inverted_residual"]
    assert len(cases) >= 40
    for c in cases:
        b = inverted_residual(c["in_ch"], c["out_ch"], c["expand"], c["stride"], c["h"], c["w"])
        assert b.params == c["params"], c
        assert b.macs == c["macs"], c
        assert list(b.out_hw) == c["output"][1:] and c["output"][0] == c["out_ch"], c
        assert b.residual == c["residual"], c


def test_squeeze_excitation_matches_torchvision():
    cases = GOLDEN["squeeze_excitation"]
    assert len(cases) >= 20
    for c in cases:
        se = squeeze_excite(c["channels"], c["reduction"])
        assert se.params == c["params"] and se.weights == c["weights"], c
        assert squeeze_excite(c["channels"], c["reduction"], bias=False).params == c["weights"]


def test_dense_channels_match_torchvision():
    blocks = [c for c in GOLDEN["dense"] if "model" not in c]
    assert len(blocks) >= 20
    for c in blocks:
        d = densenet_channels(c["c0"], c["growth"], c["layers"], c["compression"])
        assert d.after_blocks == (c["after_block"],) and d.out == c["after_transition"], c
    models = [c for c in GOLDEN["dense"] if "model" in c]
    assert {c["model"] for c in models} == {"densenet121", "densenet161", "densenet169",
                                            "densenet201"}
    for c in models:
        d = densenet_channels(c["c0"], c["growth"], c["layers"], c["compression"],
                              last_transition=False)
        stages = [v for pair in zip(d.after_blocks, d.after_transitions, strict=False)
                  for v in pair] + [d.after_blocks[-1]]
        assert stages == c["stages"], c
        assert d.out == c["final"], c


def test_bn_fold_matches_torch_fusion():
    cases = GOLDEN["bn_fold"]
    assert len(cases) >= 15
    for c in cases:
        k = tuple(c["kernel"]) if isinstance(c["kernel"], list) else c["kernel"]
        f = bn_fold(c["in_ch"], c["out_ch"], k, groups=c["groups"], bias=c["bias"])
        assert (f.before, f.after, f.bn_buffers) == (c["before"], c["after"], c["bn_buffers"]), c
