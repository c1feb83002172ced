"""``quizcnn calc``: the table, --json, --file (and stdin), and one-line errors with status 2."""

from __future__ import annotations

import io
import json
import sys

import pytest

from quizcnn.cli import main
from quizcnn.core.analyze import analyze
from quizcnn.core.parse import parse_layers

STEM = ["Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False)", "nn.MaxPool2d(3, 2, 1)"]


def run(capsys, *argv):
    code = main(["calc", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(params=[80, 160])
def columns(request, monkeypatch):
    monkeypatch.setenv("COLUMNS", str(request.param))
    return request.param


def test_table_shows_shapes_params_flops_and_rf(capsys, columns):
    code, out, err = run(capsys, "--input", "3x224x224", *STEM)
    assert (code, err) == (0, "")
    # ResNet's stem: 9,408 weights, 118M MACs; RF 7x7 after the conv, 11x11 after the pool
    for piece in ["64x112x112", "64x56x56", "9,408", "118M", "236M", "7x7 / 2 / -3"]:
        assert piece in out
    assert "11x11 / 4 / -5" in out
    assert "MaxPool2d(kernel_size=3, stride=2, padding=1" in out
    assert "total" in out
    assert "FLOPs = 2 x MACs, bias not counted" in out
    assert "118,013,952 MACs" in out
    assert max(len(line) for line in out.splitlines()) <= columns


def test_json_is_the_report(capsys):
    code, out, err = run(capsys, "--input", "3x224x224", "--json", *STEM)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data == analyze((3, 224, 224), STEM).to_dict()
    assert set(data) >= {"input", "layers", "output", "params", "macs", "flops", "rf", "convention"}
    first = data["layers"][0]
    assert set(first) >= {"layer", "output", "params", "macs", "flops", "rf"}
    assert (
        first["layer"]
        == "Conv2d(3, 64, kernel_size=(7, 7), stride=(2, 2), padding=(3, 3), bias=False)"
    )
    assert first["output"] == [64, 112, 112]
    assert first["macs"] == 118_013_952 and first["flops"] == 2 * 118_013_952
    assert data["rf"] == {"size": [11, 11], "jump": [4, 4], "start": [-5, -5]}


PRINTED = """\
Net(
  (features): Sequential(
    (0): Conv2d(3, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
    (1): ReLU(inplace=True)
    (2): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
  )
  (avgpool): AdaptiveAvgPool2d(output_size=(1, 1))
  (fc): Linear(in_features=16, out_features=10, bias=True)
)
"""


def test_file_with_print_model_text(capsys, tmp_path):
    path = tmp_path / "net.txt"
    path.write_text(PRINTED, encoding="utf-8")
    code, out, err = run(capsys, "--input", "3x32x32", "--file", str(path), "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    plain = analyze((3, 32, 32), parse_layers(PRINTED)).to_dict()
    # the numbers are the core's; each layer also says its line, the Flatten that it was added
    assert [x["line"] for x in data["layers"]] == [3, 4, 5, 7, 8, 8]
    assert [x.get("inserted", False) for x in data["layers"]] == [False] * 4 + [True, False]
    for row in data["layers"]:
        row.pop("line")
        row.pop("inserted", None)
    (note,) = data.pop("notes")  # Net is a custom class: its printed order is an assumption
    assert "Net (line 1) is a custom class" in note
    assert data == plain
    assert data["output"] == [10]
    assert [x["layer"].split("(")[0] for x in data["layers"]][-2:] == ["Flatten", "Linear"]


def test_file_from_stdin_and_extra_layers(capsys, monkeypatch):
    text = "# stem\nConv2d(3, 8, 3, padding=1)\nnn.ReLU(inplace=True)\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    code, out, err = run(capsys, "-i", "3,32,32", "--file", "-", "--json", "MaxPool2d(2); ReLU()")
    assert (code, err) == (0, "")
    kinds = [x["layer"].split("(")[0] for x in json.loads(out)["layers"]]
    assert kinds == ["Conv2d", "ReLU", "MaxPool2d", "ReLU"]


def test_rf_not_a_single_number_is_explained(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = run(
        capsys, "--input", "8x16x16", "ConvTranspose2d(8, 4, 4, stride=2, padding=1)"
    )
    assert code == 0
    assert "n/a" in out
    assert "RF n/a at layer 0:" in out
    assert "rf_box" not in out
    assert "--rf-at 16,16" in " ".join(out.split())  # the way to the exact per-position field


def test_rf_at_prints_the_exact_box(capsys, monkeypatch):
    from quizcnn.core import rf_box

    monkeypatch.setenv("COLUMNS", "200")
    layers = ["ConvTranspose2d(8, 4, 4, stride=2, padding=1)", "Conv2d(4, 4, 3)"]
    code, out, err = run(capsys, "-i", "8x16x16", *layers, "--rf-at", "0,10")
    assert (code, err) == (0, "")
    ((h0, h1), (w0, w1)) = rf_box((8, 16, 16), layers, (0, 10))
    assert (h0, h1, w0, w1) == (-1, 1, 4, 6)  # by hand: y = 2x - 1 + j, j < 4; then 3 taps
    line = next(ln for ln in out.splitlines() if ln.startswith("Exact field"))
    assert "position 0,10: input H -1..1 (3 px), W 4..6 (3 px)" in line
    assert "--rf-at" not in out.replace("Exact field", "")  # no hint when already answered
    code, out, err = run(capsys, "-i", "8x16x16", *layers, "--rf-at", "(0, 10)", "--json")
    assert (code, err) == (0, "")
    assert json.loads(out)["rf_at"] == {"position": [0, 10], "box": [[-1, 1], [4, 6]]}


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["Conv2d(3, 4, 3)", "--rf-at", "a,b"], ["--rf-at", "'a,b'", "e.g. --rf-at 10,10"]),
        (["Conv2d(3, 4, 3)", "--rf-at", "6,0"], ["outside", "6x6"]),
        (["Conv2d(3, 4, 3)", "--rf-at", "1"], ["2 spatial axes"]),
        (["Conv2d(3, 4, 3)", "Flatten()", "--rf-at", "1"], ["no spatial axes"]),
        (["Conv2d(3, 4, 3)", "Linear(6, 2)", "--rf-at", "0,0"], ["Linear", "no per-axis"]),
    ],
)
def test_rf_at_errors(capsys, argv, words):
    line = _one_error_line(capsys, "-i", "3x8x8", *argv)
    for w in words:
        assert w in line


def _one_error_line(capsys, *argv):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("quizcnn calc: ")
    assert "Traceback" not in err
    assert "[rule:" not in err  # the rule id is for code; people get the words
    return lines[0]


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--input", "3x32x32", "Conv2d(3, 8, foo)"], ["Conv2d(3, 8, foo)", "column 14", "'foo'"]),
        (["--input", "3x32x32", "Conv9d(3, 8, 3)"], ["unknown layer 'Conv9d'"]),
        (["--input", "3x32x32", "Conv2d(3, 8, 3, groups=2)"], ["groups=2", "Conv2d(3, 8, 3"]),
        (
            ["--input", "3x32x32", "Conv2d(3, 8, 3)", "Conv2d(4, 8, 3)"],
            ["layer 1", "in_channels=4"],
        ),
        (["--input", "3x2x2", "Conv2d(3, 8, 3)"], ["layer 0", "larger"]),
        (["--input", "1x3x32x32", "Conv2d(3, 8, 3)"], ["no batch dimension"]),
        (["--input", "3xax3", "Conv2d(3, 8, 3)"], ["--input", "'a'"]),
        (["--input", "3x0x3", "Conv2d(3, 8, 3)"], ["--input", "between 1"]),
        (["Conv2d(3, 8, 3)"], ["--input"]),
        (["--input", "3x32x32"], ["give layers"]),
        (["--input", "3x32x32", "__import__('os').system('touch PWNED')"], ["called by its name"]),
    ],
)
def test_errors_are_one_line_with_status_2(capsys, tmp_path, monkeypatch, argv, words):
    monkeypatch.chdir(tmp_path)
    line = _one_error_line(capsys, *argv)
    for w in words:
        assert w in line
    assert list(tmp_path.iterdir()) == []


def test_file_errors(capsys, tmp_path):
    missing = tmp_path / "nope.txt"
    assert "no such file" in _one_error_line(capsys, "-i", "3x8x8", "--file", str(missing))
    assert "is a directory" in _one_error_line(capsys, "-i", "3x8x8", "--file", str(tmp_path))
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Conv2d(3, 8, 3)  # caf\xe9\n".encode("latin-1"))
    assert "not UTF-8" in _one_error_line(capsys, "-i", "3x8x8", "--file", str(latin))
    bad = tmp_path / "bad.txt"
    bad.write_text("Conv2d(3, 8, 3)\nReLU()\nConv2d(8, 8, k)\n", encoding="utf-8")
    line = _one_error_line(capsys, "-i", "3x8x8", "--file", str(bad))
    assert "bad.txt: line 3:" in line and "'k'" in line
    resnet = tmp_path / "resnet.txt"
    resnet.write_text(
        "Bottleneck(\n"
        "  (conv1): Conv2d(64, 64, kernel_size=(1, 1), stride=(1, 1), bias=False)\n"
        "  (downsample): Sequential(\n"
        "    (0): Conv2d(64, 256, kernel_size=(1, 1), stride=(1, 1), bias=False)\n"
        "  )\n"
        ")\n",
        encoding="utf-8",
    )
    line = _one_error_line(capsys, "-i", "64x56x56", "--file", str(resnet))
    assert "line 3: (downsample) is a parallel branch of a residual block" in line


def test_control_characters_and_markup_are_not_passed_through(capsys):
    line = _one_error_line(
        capsys, "-i", "3x8x8", "Conv2d(3, 8, 3, padding_mode='\x1b[2J[bold]x\x07')"
    )
    assert "\x1b" not in line and "\x07" not in line
    assert "[bold]" in line  # shown as typed, not interpreted
    line = _one_error_line(capsys, "-i", "3x8x8", "Conv2d(3, 8, \x1b[31m)")
    assert "\x1b" not in line


def test_help_lists_calc(capsys):
    with pytest.raises(SystemExit) as info:
        main(["calc", "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "--input" in out and "--file" in out and "--json" in out


@pytest.mark.parametrize("width", [80, 160])
def test_table_prints_layer_text_as_plain_text(capsys, monkeypatch, width):
    # Canonical texts come from the core, but the table must not trust them either.
    from quizcnn.core.conv import Conv

    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setattr(Conv, "text", lambda self: "[bold red]Conv[/]\x1b[2J\x07\u202e")
    code, out, err = run(capsys, "--input", "3x8x8", "Conv2d(3, 4, 3)")
    assert (code, err) == (0, "")
    assert "[bold red]Conv[/]" in out
    assert not any(ch in out for ch in "\x1b\x07\u202e")


BLOCK = """\
Bottleneck(
  (conv1): Conv2d(64, 64, kernel_size=(1, 1), stride=(1, 1), bias=False)
  (conv3): Conv2d(64, 256, kernel_size=(1, 1), stride=(1, 1), bias=False)
  (relu): ReLU(inplace=True)
  (downsample): Sequential(
    (0): Conv2d(64, 256, kernel_size=(1, 1), stride=(1, 1), bias=False)
    (1): BatchNorm2d(256, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
  )
)
"""


def test_main_path_option(capsys, tmp_path):
    path = tmp_path / "block.txt"
    path.write_text(BLOCK, encoding="utf-8")
    line = _one_error_line(capsys, "-i", "64x56x56", "--file", str(path))
    assert "line 5: (downsample)" in line and "--main-path" in line
    code, out, err = run(capsys, "-i", "64x56x56", "--file", str(path), "--main-path", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["skipped_branches"] == ["line 5: (downsample)"]
    assert data["params"] == 64 * 64 + 64 * 256  # the two main-path convs only
    code, out, err = run(capsys, "-i", "64x56x56", "--file", str(path), "--main-path")
    assert code == 0
    assert "Skipped residual branches" in out and "(downsample)" in out


AVG_PRINTED = """\
Net(
  (features): Sequential(
    (0): Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1))
    (1): AvgPool2d(kernel_size=2, stride=2, padding=0)
  )
)
"""


def test_print_model_avgpool_says_ceil_mode_was_assumed(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    path = tmp_path / "net.txt"
    path.write_text(AVG_PRINTED, encoding="utf-8")
    code, out, err = run(capsys, "-i", "3x11x11", "--file", str(path))
    assert (code, err) == (0, "")
    flat = " ".join(out.split())
    assert flat.count("Note: ") == 2  # Net's printed order is assumed; so is ceil_mode
    code, out, err = run(capsys, "-i", "3x11x11", "--file", str(path), "--json")
    order, note = json.loads(out)["notes"]
    assert "custom class" in order
    assert "print(model) does not show" in note and "ceil_mode=False was assumed" in note
    assert f"Note: {note}" in flat
    # (11 - 2) // 2 + 1 = 4 with floor; ceil_mode=True would give 5: the reason for the note
    assert json.loads(out)["output"] == [8, 4, 4]


@pytest.mark.parametrize(
    "argv",
    [
        ["Conv2d(3, 8, 3)", "AvgPool2d(2)"],  # code: ceil_mode is whatever was written
        ["(pool): AvgPool2d(kernel_size=2, stride=2, padding=0, ceil_mode=True)"],  # stated
        ["(pool): AdaptiveAvgPool2d(output_size=1)"],  # no ceil_mode at all
        ["(pool): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)"],
    ],
)
def test_no_avgpool_note_when_nothing_was_assumed(capsys, argv):
    code, out, err = run(capsys, "-i", "3x11x11", *argv)
    assert (code, err) == (0, "")
    assert "Note: " not in out
    code, out, err = run(capsys, "-i", "3x11x11", *argv, "--json")
    assert "notes" not in json.loads(out)


def test_human_sizes_have_three_significant_figures_in_every_unit():
    """Issue 13: G values were shown with 2 figures (3.7G) and M values with 4 (118.0M)."""
    from quizcnn.commands.calc import human

    assert [human(n) for n in (118013952, 3699376128, 12544, 99950, 999_960_000, 236_027_904,
                                122_197_426_176, 999)] == [
        "118M", "3.70G", "12.5K", "100K", "1.00G", "236M", "122G", "999"]


def test_file_that_is_a_fifo_or_device_is_refused_without_blocking(tmp_path, capsys):
    import os
    import threading

    fifo = tmp_path / "layers.txt"
    os.mkfifo(fifo)
    lines: list[str] = []
    t = threading.Thread(target=lambda: lines.append(
        _one_error_line(capsys, "-i", "3x8x8", "--file", str(fifo))), daemon=True)
    t.start()
    t.join(20)
    if t.is_alive():
        with open(fifo, "w"):
            pass
        pytest.fail("calc --file blocked on a FIFO")
    assert "a FIFO (named pipe), not a regular file" in lines[0]
    assert "a device, not a regular file" in _one_error_line(
        capsys, "-i", "3x8x8", "--file", "/dev/zero")
