"""``quizcnn generate --model`` and ``quizcnn drill --model --plain`` (issue 20): problems on the
user's own network, a practice session that writes nothing, and one-line messages for files
that are not a model."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

from quizcnn.cli import main
from quizcnn.paths import db_path

pytest.importorskip("onnx")

FIX = Path(__file__).parent / "fixtures"
RESNET = str(FIX / "onnx" / "resnet50.bn.onnx.gz")
UNET = str(FIX / "own" / "small_unet.onnx.gz")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_generate_on_resnet50_prints_problems_with_solutions(capsys):
    code, out, err = run(capsys, "generate", "--model", RESNET, "-n", "5", "--seed", "3",
                         "--lang", "both")
    assert (code, err) == (0, "")
    assert out.startswith("Problems on your model resnet50.bn.onnx.gz: input 3x224x224, "
                          "175 nodes, 25,557,032 parameters.")
    assert "nothing is written to the review log" in out
    assert out.count("== Problem ") == 5 and out.count("== 题目 ") == 5
    assert out.count("Solution:") == 5 and out.count("解答：") == 5
    assert "own-model" in out


def test_generate_json_has_the_model_and_reproducible_problems(capsys):
    code, out, _ = run(capsys, "generate", "--model", UNET, "-n", "4", "--seed", "9", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["model"] == "small_unet.onnx.gz" and data["seed"] == 9 and data["notes"] == []
    assert len(data["problems"]) == 4
    assert {p["template"] for p in data["problems"]} == {"own-model"}
    code, again, _ = run(capsys, "generate", "--model", UNET, "-n", "4", "--seed", "9", "--json")
    assert again == out


def test_layer_text_model_carries_its_note(capsys):
    path = str(FIX / "own" / "se_gate.txt")
    code, out, err = run(capsys, "generate", "--model", path, "--input", "3x64x64", "-n", "2",
                         "--seed", "1")
    assert (code, err) == (0, "")
    assert "Note: SEGate (line 1) is a custom class" in out
    assert "(se) on line 4 looks like a squeeze-excitation gate" in out
    assert "ONNX export of the model gives exact numbers" in out


def _fifo(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return str(path)


@pytest.mark.parametrize("make, argv, words", [
    (lambda d: str(d / "missing.onnx"), [], "no such file"),
    (lambda d: str(d), [], "is a directory"),
    (_fifo, [], "not a regular file"),
    (lambda d: _write(d / "rand.bin", os.urandom(4096) + b"\xff\xfe"), [],
     "neither an ONNX model nor UTF-8 layer text"),
    (lambda d: _write(d / "big.txt", b"Conv2d(3, 8, 3)\n" * 140_000), ["--input", "3x8x8"],
     "larger than 2,000,000 bytes"),
    (lambda d: _write(d / "empty.txt", b""), ["--input", "3x8x8"], "no layers found"),
    (lambda d: str(FIX / "own" / "se_gate.txt"), [], "give the input shape with --input"),
    (lambda d: _write(d / "fake.onnx", b"\x08\x07garbage" * 10), [],
     "not a readable ONNX model"),
    (lambda d: str(FIX / "own" / "tutorial_net.txt"), ["--input", "3x32x32"],
     "tutorial_net.txt line 5 (fc1): Linear(in_features=400"),
])
@pytest.mark.parametrize("command", [["generate"], ["drill", "--plain"]])
def test_bad_model_files_give_one_line(capsys, tmp_path, monkeypatch, make, argv, words,
                                       command):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    path = make(tmp_path)
    code, out, err = run(capsys, *command, "--model", path, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and words in err
    assert "Traceback" not in err
    assert not db_path().exists()


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def test_generate_refuses_template_with_model(capsys):
    code, _, err = run(capsys, "generate", "--model", UNET, "--template", "conv-params")
    assert code == 2 and "do not go together" in err


def test_drill_model_plain_with_piped_answers_saves_nothing(capsys, monkeypatch):
    from quizcnn.problems.own_model import load_model, make_problems

    problems = make_problems(load_model(RESNET), 3, seed=21)
    right = problems[0].answer_text.split(" (")[0].split(" ≈")[0]
    wrong = "1" if problems[1].answer != 1 else "2"
    answers = ["?", right, "u", wrong, "s"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(answers) + "\n"))
    code, out, err = run(capsys, "drill", "--model", RESNET, "--plain", "--seed", "21",
                         "--limit", "3")
    assert (code, err) == (0, "")
    assert "3 problems on your model" in out
    assert out.count("Hint: ") == 1
    assert "Right." in out and "Not quite. Expected: " + problems[1].answer_text in out
    assert out.count("Worked solution:") == 2
    assert "Nothing to undo: a practice session saves nothing." in out
    assert "Skipped." in out
    assert "Practice done: 2 answered, 1 right, 1 skipped" in out
    assert "Nothing was saved" in out
    assert not db_path().exists()  # no database was created or opened


def test_drill_model_plain_in_chinese(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("q\n"))
    code, out, _ = run(capsys, "drill", "--model", UNET, "--plain", "--seed", "2", "--lang", "zh",
                       "--limit", "2")
    assert code == 0
    assert "关于你的模型 small_unet.onnx.gz 的题目" in out
    assert "练习已结束" in out and "没有保存任何内容" in out


def test_drill_model_refuses_bank_filters(capsys):
    code, _, err = run(capsys, "drill", "--model", UNET, "--plain", "--topic", "padding")
    assert code == 2 and "--topic selects bank cards" in err
