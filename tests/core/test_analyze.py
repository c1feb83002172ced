"""analyze(): whole networks worked by hand, FLOP convention, chaining, report format."""

from __future__ import annotations

import json

import pytest

from quizcnn.core import LayerError, analyze, make_layer


def L(name, *args, **kwargs):
    return make_layer(name, list(args), kwargs)


def vgg16():
    cfg = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"]
    layers, c = [], 3
    for v in cfg:
        if v == "M":
            layers.append(L("MaxPool2d", kernel_size=2, stride=2))
        else:
            layers += [L("Conv2d", c, v, kernel_size=3, padding=1), L("ReLU", inplace=True)]
            c = v
    layers += [
        L("AdaptiveAvgPool2d", (7, 7)),
        L("Flatten"),
        L("Linear", 512 * 7 * 7, 4096),
        L("ReLU", True),
        L("Dropout", 0.5),
        L("Linear", 4096, 4096),
        L("ReLU", True),
        L("Dropout", 0.5),
        L("Linear", 4096, 1000),
    ]
    return layers


def test_vgg16_params_and_shapes():
    report = analyze((3, 224, 224), vgg16())
    assert report.params == 138_357_544
    assert report.output == (1000,)
    pool5 = [r for r in report.layers if r.layer.kind == "MaxPool2d"][-1]
    assert pool5.output == (512, 7, 7)
    # 13 convs at padding 1: field 212, jump 32 at pool5; start -(2*1 + 2*2 + 3*4 + 3*8 + 3*16)
    assert pool5.rf.size == (212, 212)
    assert pool5.rf.jump == (32, 32)
    assert pool5.rf.start == (-90, -90)
    assert pool5.rf.center(0) == (15.5, 15.5)
    assert report.rf is None
    avgpool, flatten = report.layers[-9], report.layers[-8]
    assert avgpool.rf == pool5.rf  # 7 -> 7 adaptive: windows of 1, stride 1
    assert flatten.layer.kind == "Flatten" and flatten.rf is None
    assert "Flatten" in flatten.rf_note


def test_vgg16_first_conv_flops():
    report = analyze("3x224x224", vgg16()[:1])
    # MACs = C_out * H_out * W_out * C_in * k*k = 64 * 224*224 * 3 * 9
    assert report.macs == 64 * 224 * 224 * 27
    assert report.flops == 2 * report.macs


def test_alexnet_torchvision():
    layers = [
        "Conv2d(3, 64, kernel_size=11, stride=4, padding=2)",
        "ReLU(inplace=True)",
        "MaxPool2d(kernel_size=3, stride=2)",
        "Conv2d(64, 192, kernel_size=5, padding=2)",
        "ReLU(inplace=True)",
        "MaxPool2d(kernel_size=3, stride=2)",
        "Conv2d(192, 384, kernel_size=3, padding=1)",
        "ReLU(inplace=True)",
        "Conv2d(384, 256, kernel_size=3, padding=1)",
        "ReLU(inplace=True)",
        "Conv2d(256, 256, kernel_size=3, padding=1)",
        "ReLU(inplace=True)",
        "MaxPool2d(kernel_size=3, stride=2)",
        "AdaptiveAvgPool2d((6, 6))",
        "Flatten()",
        "Dropout(p=0.5)",
        "Linear(9216, 4096)",
        "ReLU(inplace=True)",
        "Dropout(p=0.5)",
        "Linear(4096, 4096)",
        "ReLU(inplace=True)",
        "Linear(4096, 1000)",
    ]
    report = analyze("3x224x224", layers)
    outs = [r.output for r in report.layers]
    assert outs[0] == (64, 55, 55)
    assert outs[2] == (64, 27, 27)
    assert outs[5] == (192, 13, 13)
    assert outs[12] == (256, 6, 6)
    assert report.params == 61_100_840
    # conv1 field 11, jump 4; pool1 adds (3-1)*4
    assert report.layers[0].rf.size == (11, 11)
    assert report.layers[2].rf.size == (19, 19)


def test_resnet_stem():
    stem = [
        L("Conv2d", 3, 64, 7, 2, 3, bias=False),
        L("BatchNorm2d", 64),
        L("ReLU", inplace=True),
        L("MaxPool2d", 3, 2, 1),
    ]
    report = analyze((3, 224, 224), stem)
    assert [r.output for r in report.layers][-1] == (64, 56, 56)
    assert report.layers[0].params == 9408
    assert report.params == 9408 + 128
    assert report.layers[0].macs == 64 * 112 * 112 * 3 * 49
    assert report.rf.size == (11, 11)
    assert report.rf.jump == (4, 4)
    assert report.rf.start == (-5, -5)


def test_transposed_conv_counts_over_input_and_has_no_rf():
    report = analyze((16, 28, 28), [L("ConvTranspose2d", 16, 8, 4, stride=2, padding=1)])
    row = report.layers[0]
    assert row.output == (8, 56, 56)
    assert row.macs == 16 * 28 * 28 * 8 * 16
    assert row.rf is None
    assert "one output position" in row.rf_note and "rf_box" not in row.rf_note


def test_linear_on_last_dim_and_grouped_macs():
    report = analyze((3, 4, 5), [L("Linear", 5, 2)])
    assert report.output == (3, 4, 2)
    assert report.macs == 3 * 4 * 5 * 2
    grouped = analyze((8, 10, 10), [L("Conv2d", 8, 16, 3, groups=4, bias=False)])
    assert grouped.macs == 16 * 8 * 8 * 2 * 9


def test_conv1d_and_conv3d_stacks():
    r1 = analyze((2, 100), [L("Conv1d", 2, 4, 5, stride=2), L("MaxPool1d", 2)])
    assert r1.output == (4, 24)
    assert r1.rf.size == (7,) and r1.rf.jump == (4,)
    r3 = analyze("1x8x16x16", [L("Conv3d", 1, 2, (1, 3, 3), padding=(0, 1, 1))])
    assert r3.output == (2, 8, 16, 16)
    assert r3.rf.size == (1, 3, 3)


def test_report_to_dict_keys_and_json():
    report = analyze("3x32x32", [L("Conv2d", 3, 8, 3, padding=1), L("ReLU")])
    d = report.to_dict()
    assert set(d) == {"input", "layers", "output", "params", "macs", "flops", "rf", "convention"}
    assert set(d["layers"][0]) == {
        "layer",
        "input",
        "output",
        "params",
        "macs",
        "flops",
        "rf",
        "rf_note",
    }
    assert d["layers"][0]["rf"] == {"size": [3, 3], "jump": [1, 1], "start": [-1, -1]}
    assert d["output"] == [8, 32, 32]
    assert "2 x MACs" in d["convention"]
    json.dumps(d)


def test_empty_stack_and_shape_strings():
    report = analyze("(3, 8, 8)", [])
    assert report.output == (3, 8, 8)
    assert report.rf.size == (1, 1)
    assert analyze("3,8,8", []).input == (3, 8, 8)
    assert analyze([3, 8], []).input == (3, 8)


def test_chaining_errors_name_the_layer():
    with pytest.raises(LayerError) as info:
        analyze((3, 32, 32), [L("Conv2d", 3, 8, 3), L("Conv2d", 16, 8, 3)])
    assert info.value.index == 1
    assert info.value.rule == "in-channels-mismatch"
    assert "Conv2d(16, 8" in str(info.value)
    with pytest.raises(LayerError) as info:
        analyze((512, 7, 7), [L("Linear", 25088, 10)])
    assert info.value.rule == "in-features-mismatch"
    with pytest.raises(LayerError) as info:
        analyze((3, 4, 4), [L("Conv2d", 3, 3, 5)])
    assert info.value.rule == "kernel-larger-than-input"
    with pytest.raises(LayerError) as info:
        analyze((3, 4, 4), [L("Conv1d", 3, 3, 1)])
    assert info.value.rule == "input-rank"


def test_text_layers_are_parsed():
    report = analyze("3x224x224", ["nn.Conv2d(3, 64, 7, stride=2, padding=3, bias=False)"])
    assert report.layers[0].layer.text() == (
        "Conv2d(3, 64, kernel_size=(7, 7), stride=(2, 2), padding=(3, 3), bias=False)"
    )


def test_multiline_text_and_iterables():
    text = "# stem\nConv2d(3, 8, 3, padding=1)\n\nReLU()\nMaxPool2d(2)\n"
    assert analyze("3x32x32", text).output == (8, 16, 16)
    gen = (L("Conv2d", 3, 4, 3) for _ in range(1))
    assert analyze("3x8x8", gen).output == (4, 6, 6)
    for bad in ({"a": 1}, 5, L("ReLU")):
        with pytest.raises(LayerError):
            analyze("3x8x8", bad)
