"""`quizcnn calc --file model.onnx` against the truth PyTorch measured for torchvision models.

The fixtures (tests/fixtures/onnx, made by tools/make_onnx_fixtures.py with torch; torch is not
needed here) are graph-only ONNX files, gzipped, exported twice per model: BatchNorm kept
(TrainingMode.PRESERVE) and folded (the default eval export). truth.json holds what torch
measured: parameters (the model's; for the folded file, the model after folding its Conv-BN
pairs), FlopCounterMode FLOPs, the output shape, every leaf module's output shape, and the
feature map's receptive field measured by gradients.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import re
import sys
from pathlib import Path

import pytest

pytest.importorskip("onnx")
import onnx
from onnx import TensorProto, helper

from quizcnn.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "onnx"
TRUTH = json.loads((FIXTURES / "truth.json").read_text())
MODELS = sorted(k for k in TRUTH if not k.startswith("_"))
CASES = [(m, v) for m in MODELS for v in ("bn", "folded")]


def calc(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["calc", *argv])
        except SystemExit as e:
            code = int(e.code or 0)
    return code, out.getvalue(), err.getvalue()


def calc_json(path: Path, *extra: str) -> dict:
    code, out, err = calc("--file", str(path), "--json", *extra)
    assert code == 0, err
    return json.loads(out)


def module_path(node_name: str) -> str | None:
    """'/layer1/layer1.0/conv1/Conv' -> 'layer1.0.conv1' (the TorchScript exporter's scopes:
    a child of a Sequential repeats its parent's name; a reused module gets '_1', '_2')."""
    parts = node_name.strip("/").split("/")[:-1]
    if not parts:
        return None
    path, last = "", ""
    for c in parts:
        if last and c.startswith(last + "."):
            path += c[len(last):]
        else:
            path = f"{path}.{c}" if path else c
        last = c
    return path


@pytest.mark.parametrize(("model", "variant"), CASES)
def test_calc_is_exact_on_torchvision_models(model, variant):
    truth = TRUTH[model]
    got = calc_json(FIXTURES / f"{model}.{variant}.onnx.gz")
    assert got["input"] == truth["input"]
    assert got["output"] == truth["output"]
    assert got["params"] == truth["params"][variant]
    assert got["flops"] == truth["flops"]
    assert got["macs"] * 2 == got["flops"]
    # ONNX's own shape inference agrees with the core on every tensor (else a note says so)
    assert not any("disagrees" in n for n in got["notes"])
    fm = got["feature_map"]
    assert fm["output"] == truth["feature_map"]["output"]
    assert fm["rf"] == truth["feature_map"]["rf"]
    # every leaf module's output shape, at the last node of its scope
    checked = 0
    layers = got["layers"]
    for k, node in enumerate(layers):
        path = module_path(node["name"])
        after = module_path(layers[k + 1]["name"]) if k + 1 < len(layers) else None
        if path is None or path == after:
            continue
        shapes = truth["modules"].get(path) or truth["modules"].get(re.sub(r"_\d+$", "", path))
        if shapes is not None:
            assert node["output"] in shapes, node["name"]
            checked += 1
    # at least every convolution and linear layer was checked
    assert checked >= sum(n["op"].startswith(("Conv", "Linear")) for n in layers) > 0


@pytest.mark.parametrize("model", MODELS)
def test_bn_folding_is_said(model):
    kept = calc_json(FIXTURES / f"{model}.bn.onnx.gz")
    folded = calc_json(FIXTURES / f"{model}.folded.onnx.gz")
    has_bn = TRUTH[model]["bn_nodes"]["bn"] > 0
    assert not kept["bn_folded"]
    assert folded["bn_folded"] == (has_bn and TRUTH[model]["bn_nodes"]["folded"] < TRUTH[model][
        "bn_nodes"]["bn"])
    if folded["bn_folded"]:
        assert any("TrainingMode.PRESERVE" in n for n in folded["notes"])


def test_the_table_of_a_large_graph_is_a_summary(tmp_path):
    plain = tmp_path / "model.bin"  # recognised by content, not by name
    plain.write_bytes(gzip.decompress((FIXTURES / "resnet50.bn.onnx.gz").read_bytes()))
    code, out, err = calc("--file", str(plain))
    assert code == 0, err
    assert "Per stage" in out and "Top 10 nodes by FLOPs" in out
    assert "7x7" in out and "427x427 / 32 / -213" in out
    assert "Totals: 25,557,032 parameters" in out
    assert len(out.splitlines()) < 60  # 175 nodes, summarised


def _tiny(nodes, inits=(), in_shape=(1, 1, 8, 8), out_shape=None, opset=17):
    graph = helper.make_graph(
        nodes, "tiny",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, list(in_shape))],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, out_shape)],
        initializer=list(inits),
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])


def _weight(name, dims):
    return helper.make_tensor(name, TensorProto.FLOAT, dims, [0.5] * int(__import__(
        "math").prod(dims)))


def test_an_unknown_operator_is_refused_naming_it_and_the_node(tmp_path):
    model = _tiny([helper.make_node("Einsum", ["x", "x"], ["y"], name="mix", equation="ij")])
    path = tmp_path / "m.onnx"
    onnx.save(model, path)
    code, out, err = calc("--file", str(path))
    assert code == 2 and out == ""
    assert "'Einsum'" in err and "'mix'" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_input_shape_from_the_file_or_given_and_checked(tmp_path):
    conv = helper.make_node("Conv", ["x", "w"], ["y"], name="c", pads=[0, 0, 1, 1],
                            strides=[2, 2])
    model = _tiny([conv], [_weight("w", [4, 1, 3, 3])], in_shape=("N", 1, "H", "W"))
    path = tmp_path / "m.onnx"
    onnx.save(model, path)
    code, _, err = calc("--file", str(path))
    assert code == 2 and "--input" in err
    got = calc_json(path, "--input", "1x9x9")
    # asymmetric pads (bottom/right only): a zero pad, then the conv; ONNX's own shape
    # inference agrees (no note)
    assert got["output"] == [4, 4, 4] and got["notes"] == []
    assert got["params"] == 36 and got["macs"] == 4 * 16 * 9
    assert got["rf"] == {"size": [3, 3], "jump": [2, 2], "start": [0, 0]}
    fixed = tmp_path / "f.onnx"
    onnx.save(_tiny([conv], [_weight("w", [4, 1, 3, 3])], in_shape=(1, 1, 9, 9)), fixed)
    assert calc_json(fixed)["input"] == [1, 9, 9]
    code, _, err = calc("--file", str(fixed), "--input", "1x10x10")
    assert code == 2 and "disagrees" in err and "1x9x9" in err


def test_a_squeeze_excitation_gate_is_global_context_not_size(tmp_path):
    nodes = [
        helper.make_node("Conv", ["x", "w"], ["a"], name="conv", pads=[1, 1, 1, 1]),
        helper.make_node("GlobalAveragePool", ["a"], ["g"], name="squeeze"),
        helper.make_node("Sigmoid", ["g"], ["s"], name="gate"),
        helper.make_node("Mul", ["a", "s"], ["y"], name="excite"),
    ]
    path = tmp_path / "se.onnx"
    onnx.save(_tiny(nodes, [_weight("w", [2, 1, 3, 3])]), path)
    got = calc_json(path)
    assert got["rf"] == {"size": [3, 3], "jump": [1, 1], "start": [-1, -1]}
    assert got["global_context"] is True
    assert got["feature_map"]["node"] == "excite"


def test_a_small_graph_lists_every_node(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    nodes = [
        helper.make_node("Conv", ["x", "w"], ["a"], name="conv\x1b[31m", pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["a"], ["y"], name="act"),
    ]
    path = tmp_path / "small.onnx"
    onnx.save(_tiny(nodes, [_weight("w", [2, 1, 3, 3])]), path)
    code, out, err = calc("--file", str(path))
    assert code == 0, err
    assert "conv" in out and "act" in out and "Relu" in out and "\x1b" not in out
    assert "3x3 / 1 / -1" in out and "Totals: 18 parameters" in out
    code, _, err = calc("--file", str(path), "--rf-at", "1,1")
    assert code == 2 and "--rf-at works on layer lists" in err


def test_without_the_onnx_package_a_one_line_install_hint(tmp_path, monkeypatch):
    path = tmp_path / "m.onnx"
    onnx.save(_tiny([helper.make_node("Relu", ["x"], ["y"])]), path)
    monkeypatch.setitem(sys.modules, "onnx", None)
    code, out, err = calc("--file", str(path))
    assert code == 2 and out == ""
    assert "pip install 'quizcnn[onnx]'" in err and len(err.strip().splitlines()) == 1


def test_broken_and_hostile_files(tmp_path):
    bad = tmp_path / "bad.onnx"
    bad.write_bytes(b"\x08\x07" + b"\xff" * 40)
    code, _, err = calc("--file", str(bad))
    assert code == 2 and "not a readable ONNX model" in err
    gz = tmp_path / "x.gz"
    gz.write_bytes(gzip.compress(b"Conv2d(3, 8, 3)\n"))
    code, _, err = calc("--file", str(gz))
    assert code == 2 and "not an ONNX model" in err
    text = tmp_path / "layers.onnx"  # a name is not content: this is a layer list
    text.write_text("Conv2d(3, 8, 3)\n")
    code, out, _ = calc("--file", str(text), "--input", "3x8x8", "--json")
    assert code == 0 and json.loads(out)["output"] == [8, 6, 6]
    model = onnx.load_model_from_string(
        gzip.decompress((FIXTURES / "resnet18.bn.onnx.gz").read_bytes()))
    for init in model.graph.initializer:
        if init.name == "layer1.0.conv1.weight":
            init.dims[1] = 32  # the conv now expects 32 channels; it gets 64
    wrong = tmp_path / "wrong.onnx"
    onnx.save(model, wrong)
    code, _, err = calc("--file", str(wrong))
    assert code == 2 and "'/layer1/layer1.0/conv1/Conv'" in err and "in_channels=32" in err
    model.graph.node[2].op_type = "Conv"  # a Relu turned Conv: no weight input
    onnx.save(model, wrong)
    code, _, err = calc("--file", str(wrong))
    assert code == 2 and "'/relu/Relu' (Conv)" in err and "internal" not in err
    code, _, err = calc("--file", str(FIXTURES / "resnet18.bn.onnx.gz"), "Conv2d(3, 8, 3)")
    assert code == 2 and "no LAYER arguments" in err
