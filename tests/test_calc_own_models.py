"""``quizcnn calc`` on hand-written models whose ``forward()`` does what print(model) cannot show
(issue 20): the text gives a note or a located refusal, never a silent wrong number; the ONNX
export gives torch's numbers.

The fixtures in tests/fixtures/own are made by tools/make_own_models.py with torch: each model's
``print(model)`` text, its ONNX graph and ``truth.json`` (params, FlopCounterMode FLOPs, output
and every leaf module's output shape, measured by torch)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from quizcnn.cli import main

OWN = Path(__file__).parent / "fixtures" / "own"
TRUTH = json.loads((OWN / "truth.json").read_text(encoding="utf-8"))
MODELS = [k for k in TRUTH if not k.startswith("_")]
LAYER_INDEX = re.compile(r"\blayer \d")


def run(capsys, *argv):
    code = main(["calc", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def shape(name: str) -> str:
    return "x".join(map(str, TRUTH[name]["input"]))


@pytest.mark.parametrize("name", MODELS)
def test_onnx_export_gives_torch_numbers(capsys, name):
    pytest.importorskip("onnx")
    code, out, err = run(capsys, str(OWN / f"{name}.onnx.gz"), "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    truth = TRUTH[name]
    assert data["params"] == truth["params"]
    assert data["flops"] == truth["flops"]
    assert data["output"] == truth["output"]
    assert data["input"] == truth["input"]
    # every conv node's output is the shape torch's hook saw for that module (one per call)
    convs: dict[str, list] = {}
    for row in data["layers"]:
        if row["op"].startswith(("Conv", "Linear")):
            convs.setdefault(module_path(row["name"]), []).append(row["output"])
    weighted = {m for m in truth["modules"] if m in convs}
    assert weighted == set(convs)  # every conv/linear node is a module torch saw
    for module in weighted:
        assert convs[module] == truth["modules"][module], module


def module_path(node: str) -> str:
    """The module path in a TorchScript-exported node name ('/enc1/enc1.0/Conv' -> 'enc1.0')."""
    from quizcnn.problems.own_model import module_path as path

    return path(node)


@pytest.mark.parametrize("name", ["reused_pool", "se_gate"])
def test_text_that_runs_says_its_order_is_assumed(capsys, monkeypatch, name):
    """Right parameters, wrong FLOPs (forward reuses a pool / gates x): the note says so in
    the table and in --json, and points to ONNX."""
    monkeypatch.setenv("COLUMNS", "120")
    path = OWN / f"{name}.txt"
    code, out, err = run(capsys, "-i", shape(name), "--file", str(path), "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["params"] == TRUTH[name]["params"]
    assert data["flops"] != TRUTH[name]["flops"]  # why the note must be there
    (note,) = data["notes"]
    cls = path.read_text(encoding="utf-8").split("(", 1)[0]
    assert f"{cls} (line 1) is a custom class" in note
    for piece in ("printed order", "assumption", "used twice", "torch.cat", "ONNX",
                  "quizcnn calc model.onnx"):
        assert piece in note
    code, out, err = run(capsys, "-i", shape(name), "--file", str(path))
    assert (code, err) == (0, "")
    assert f"Note: {note}" in " ".join(out.split())


def test_se_gate_sequential_is_named_as_a_likely_gate(capsys):
    path = OWN / "se_gate.txt"
    line = 1 + path.read_text(encoding="utf-8").splitlines().index("  (se): Sequential(")
    code, out, _ = run(capsys, "-i", shape("se_gate"), "--file", str(path), "--json")
    (note,) = json.loads(out)["notes"]
    assert f"(se) on line {line} looks like a squeeze-excitation gate" in note
    assert "x * gate(x)" in note


PLAIN_INSIDE = """\
Net(
  (features): Sequential(
    (0): Conv2d(3, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
    (1): ReLU(inplace=True)
  )
  (head): Sequential(
    (0): AdaptiveAvgPool2d(output_size=1)
    (1): Flatten(start_dim=1, end_dim=-1)
    (2): Linear(in_features=16, out_features=10, bias=True)
  )
)
"""


def test_plain_sequential_inside_a_custom_class_gets_the_note(capsys, tmp_path):
    path = tmp_path / "net.txt"
    path.write_text(PLAIN_INSIDE, encoding="utf-8")
    code, out, err = run(capsys, "-i", "3x8x8", "--file", str(path), "--json")
    assert (code, err) == (0, "")
    (note,) = json.loads(out)["notes"]
    assert "Net (line 1) is a custom class" in note
    assert "(features) on line 2, (head) on line 6" in note
    assert "not how forward() uses it" in note


def test_a_top_level_sequential_has_no_order_note(capsys, tmp_path):
    path = tmp_path / "seq.txt"
    path.write_text(PLAIN_INSIDE.replace("Net(", "Sequential(", 1), encoding="utf-8")
    code, out, err = run(capsys, "-i", "3x8x8", "--file", str(path), "--json")
    assert (code, err) == (0, "")
    assert "notes" not in json.loads(out)


@pytest.mark.parametrize("name, module", [
    ("tutorial_net", "(fc1): Linear(in_features=400"),
    ("mobilenet_like", "(1): Linear(in_features=128"),
    ("small_unet", "(0): Conv2d(64, 32"),
])
def test_text_that_cannot_run_is_refused_at_its_line(capsys, name, module):
    """A pool used twice (tutorial), a functional pool + flatten (MobileNetV2's head), a
    torch.cat (U-Net): one line naming the file line, the layer as written, and forward()."""
    path = OWN / f"{name}.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, ln in enumerate(lines, 1) if module in ln)
    code, out, err = run(capsys, "-i", shape(name), "--file", str(path))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert f"{path} line {number}" in err
    assert lines[number - 1].strip().split(": ", 1)[1] in err  # the layer as written
    assert "forward() probably does something the text does not show" in err
    assert "torch.cat" in err and "quizcnn calc model.onnx" in err
    assert not LAYER_INDEX.search(err), err  # no internal index (counting an inserted Flatten)


def test_refusal_names_the_inserted_flatten_and_the_flattened_map(capsys):
    code, _, err = run(capsys, "-i", "3x32x32", "--file", str(OWN / "tutorial_net.txt"))
    assert code == 2
    # conv1 5x5 -> 28, pool -> 14, conv2 -> 10 (the second pool is in forward() only)
    assert "the 16x10x10 map flattened by the Flatten quizcnn inserted" in err
    assert "1600" in err


def test_inserted_flatten_is_marked(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("COLUMNS", "160")
    path = tmp_path / "net.txt"
    path.write_text("Sequential(\n  (0): Conv2d(3, 4, kernel_size=(3, 3), stride=(1, 1))\n"
                    "  (1): Linear(in_features=16, out_features=2, bias=True)\n)\n",
                    encoding="utf-8")
    code, out, err = run(capsys, "-i", "3x4x4", "--file", str(path))
    assert (code, err) == (0, "")
    assert "Flatten(start_dim=1, end_dim=-1) [inserted]" in out
    assert "[inserted]: a Flatten quizcnn added before the first Linear" in " ".join(out.split())
    code, out, err = run(capsys, "-i", "3x4x4", "--file", str(path), "--json")
    rows = json.loads(out)["layers"]
    assert [r.get("inserted", False) for r in rows] == [False, True, False]
    assert [r["line"] for r in rows] == [2, 3, 3]


BLOCK = """\
Bottleneck(
  (conv1): Conv2d(64, 64, kernel_size=(1, 1), stride=(1, 1), bias=False)
  (conv3): Conv2d(64, 256, kernel_size=(1, 1), stride=(1, 1), bias=False)
  (downsample): Sequential(
    (0): Conv2d(64, 256, kernel_size=(1, 1), stride=(1, 1), bias=False)
  )
)
"""


def test_main_path_totals_say_so_on_the_totals_line(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    path = tmp_path / "block.txt"
    path.write_text(BLOCK, encoding="utf-8")
    code, out, err = run(capsys, "-i", "64x56x56", "--file", str(path), "--main-path")
    assert (code, err) == (0, "")
    (totals,) = [ln for ln in out.splitlines() if ln.startswith("Totals")]
    assert totals.startswith("Totals (main path only")
    assert f"{64 * 64 + 64 * 256:,} parameters" in totals
    code, out, err = run(capsys, "-i", "64x56x56", "--file", str(path), "--main-path", "--json")
    assert json.loads(out)["main_path_only"] is True


def test_a_lone_file_argument_is_read_as_file(capsys, tmp_path):
    pytest.importorskip("onnx")
    code, out, err = run(capsys, str(OWN / "small_unet.onnx.gz"))
    assert (code, err) == (0, "")
    assert "small_unet.onnx.gz: input 3x64x64 -> output 2x64x64" in " ".join(out.split())
