"""Real networks (data/architectures/*.txt) through the core, against PyTorch and published
receptive fields.

Expected shapes, parameter totals, FLOPs and gradient-measured receptive fields come from
data/golden/architectures.json, written by tools/make_golden.py with torch 2.13 (torchvision's
documented parameter totals are checked there too: AlexNet 61,100,840, VGG-16 138,357,544,
ResNet-50 25,557,032 minus its projection shortcuts).

Published receptive fields: Araujo, Norris and Sim, "Computing Receptive Fields of
Convolutional Neural Networks", Distill 2019, table of TF-slim models (field size at the last
feature layer): alexnet_v2 195, vgg_16 212, resnet_v1_50 483. Those models use TensorFlow's
conventions ('SAME'/'VALID' padding, strides where TF-slim puts them); the field *size* does not
depend on padding, but it does depend on where the strides sit:
- AlexNet: same kernels and strides in TF-slim's alexnet_v2 and torchvision: 195 both ways.
- VGG-16: identical geometry: 212 at pool5.
- ResNet-50: TF-slim's resnet_v1_50 puts each stage's stride on the *last* bottleneck of the
  stage (stages 1-3; stage 4 has stride 1), torchvision puts it on the *first* bottleneck of
  stages 2-4. Later strides make later 3x3 convs see a wider step, so slim's field is larger:
  483 (slim) vs 427 (PyTorch/torchvision). We assert PyTorch's 427 and rebuild slim's stride
  placement below to show where 483 comes from.
The start (offset) of a field does depend on padding: TF 'SAME' pads the odd pixel on the
right/bottom, PyTorch pads symmetrically; our starts follow PyTorch's explicit padding.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from quizcnn.core import analyze, parse_layers

DATA = Path(__file__).resolve().parents[2] / "data"
GOLDEN = json.loads((DATA / "golden" / "architectures.json").read_text())["cases"]

# Published (Distill 2019 / google-research receptive_field table, TF-slim models):
#   alexnet_v2 195 / stride 32 / effective padding 64; vgg_16 212 / 32 / 90;
#   resnet_v1_50 483 / 32 / 239.
# network file -> (size, effective padding = -start, both as PyTorch computes them)
PYTORCH_RF = {
    # same geometry as alexnet_v2 except conv1: torchvision pads it by 2, slim's is 'VALID'
    # (padding 0), so the effective padding is 66 here, 64 in the table
    "alexnet_torchvision_224.txt": (195, 66),
    # the paper's conv1 has no padding, like alexnet_v2: 195 and 64, as published
    "alexnet_paper_227.txt": (195, 64),
    # identical geometry: 212 and 90, as published
    "vgg16.txt": (212, 90),
    # stride on each stage's first bottleneck (torchvision) instead of its last (slim):
    # 427 and 213 here; 483 and 239 in the table (see the slim rebuild below)
    "resnet50_main_path.txt": (427, 213),
}


def load(name: str):
    return parse_layers((DATA / "architectures" / name).read_text())


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_shapes_params_flops_match_torch(name):
    want = GOLDEN[name]
    layers = load(name)
    assert len(layers) == want["layers"]
    report = analyze(tuple(want["input"]), layers)
    assert [list(r.output) for r in report.layers] == want["outputs"]
    assert list(report.output) == want["output"]
    assert report.params == want["params"]
    assert report.flops == want["flops"]
    if want["torchvision_params"] is not None:
        assert report.params == want["torchvision_params"]


def test_headline_totals():
    """The numbers people quote, as the core computes them from the files."""
    assert analyze((3, 224, 224), load("vgg16.txt")).params == 138_357_544
    assert analyze((3, 224, 224), load("alexnet_torchvision_224.txt")).params == 61_100_840
    assert analyze((3, 227, 227), load("alexnet_paper_227.txt")).params == 60_965_224
    assert analyze((100, 1, 1), load("dcgan_generator_64.txt")).output == (3, 64, 64)


@pytest.mark.parametrize("name", sorted(n for n in GOLDEN if GOLDEN[n]["rf"]))
def test_receptive_field_matches_torch_gradient(name):
    want = GOLDEN[name]
    rf_info = want["rf"]
    layers = load(name)[: rf_info["layer"] + 1]
    report = analyze(tuple(rf_info["probe_input"]), layers)
    rf = report.rf
    assert list(rf.size) == rf_info["size"]
    assert [list(b) for b in rf.span(tuple(rf_info["position"]))] == rf_info["box"]
    # the same field at the network's real input size (size and jump do not depend on it)
    full = analyze(tuple(want["input"]), layers).rf
    assert full.size == rf.size and full.jump == rf.jump


@pytest.mark.parametrize("name", sorted(PYTORCH_RF))
def test_receptive_field_against_published_table(name):
    size, padding = PYTORCH_RF[name]
    layers = load(name)
    kind = "Conv2d" if name.startswith("resnet") else "MaxPool2d"
    last = max(i for i, layer in enumerate(layers) if layer.kind == kind)
    rf = analyze(tuple(GOLDEN[name]["input"]), layers[: last + 1]).rf
    assert rf.size == (size, size)
    assert rf.jump == (32, 32)
    assert rf.start == (-padding, -padding)


def test_resnet50_slim_stride_placement_gives_distills_483():
    """Move each stage's stride from the first bottleneck's 3x3 conv (torchvision) to the last
    one's (TF-slim resnet_v1: stages 1-3 stride 2 at their end, stage 4 stride 1)."""
    text = (DATA / "architectures" / "resnet50_main_path.txt").read_text()
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    convs3 = [i for i, ln in enumerate(lines) if "kernel_size=3" in ln and ln.startswith("Conv2d")]
    per_stage = [3, 4, 6, 3]
    firsts, lasts, at = [], [], 0
    for n in per_stage:
        firsts.append(convs3[at])
        lasts.append(convs3[at + n - 1])
        at += n
    for i in firsts:
        lines[i] = re.sub(r"stride=\d", "stride=1", lines[i])
    for i in lasts[:3]:
        lines[i] = re.sub(r"stride=\d", "stride=2", lines[i])
    layers = parse_layers("\n".join(lines))
    last = max(i for i, layer in enumerate(layers) if layer.kind == "Conv2d")
    rf = analyze((3, 224, 224), layers[: last + 1]).rf
    assert rf.size == (483, 483) and rf.jump == (32, 32)
    assert rf.start == (-241, -241)
    # slim's pool1 is a 'SAME' max-pool: on the even 112x112 map with stride 2, TensorFlow pads
    # 0 on the left/top and 1 on the right/bottom (PyTorch's padding=1 pads both sides). With
    # the left padding at 0, the effective padding is the table's 239.
    pool = next(i for i, ln in enumerate(lines) if ln.startswith("MaxPool2d"))
    lines[pool] = "MaxPool2d(kernel_size=3, stride=2, padding=0)"
    rf = analyze((3, 224, 224), parse_layers("\n".join(lines))[: last + 1]).rf
    assert rf.size == (483, 483) and rf.start == (-239, -239)


def test_transposed_decoder_reports_no_single_field():
    report = analyze((100, 1, 1), load("dcgan_generator_64.txt"))
    assert report.rf is None and report.rf_note


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_torch_print_of_the_network_parses(name):
    """print(nn.Sequential(...)) of the same layers, as torch writes it, gives the same report."""
    want = GOLDEN[name]
    report = analyze(tuple(want["input"]), parse_layers(want["torch_print"]))
    assert [list(r.output) for r in report.layers] == want["outputs"]
    assert report.params == want["params"]
    assert report.flops == want["flops"]
