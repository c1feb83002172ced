"""``check: file data/architectures/NAME @ INPUT: QUANTITY = VALUE`` claims: a whole network
named by its architecture file, verified by the core; paths that leave data/architectures/
are refused with file:line."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from quizcnn.bank.claims import ClaimSyntaxError, parse_claim, verify
from tests.bank.helpers import load_dir

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "onnx"
REPO = Path(__file__).resolve().parent.parent.parent

# Conv2d(3, 8, 3, stride=2, padding=1): 8*3*9 + 8 = 224 params; out 8x16x16 on 3x32x32;
# then Conv2d(8, 16, 3, padding=1): 16*8*9 + 16 = 1168; field 3 + 2*2 = 7, jump 2 (by hand).
SMALL_NET = "Conv2d(3, 8, 3, stride=2, padding=1)\nReLU()\nConv2d(8, 16, 3, padding=1)\n" \
            "AdaptiveAvgPool2d(1)\nFlatten()\nLinear(16, 10)\n"


@pytest.fixture
def bank(tmp_path, deck):
    """A bank root with data/architectures/small.txt and decks in questions/."""
    arch = tmp_path / "root" / "data" / "architectures"
    arch.mkdir(parents=True)
    (arch / "small.txt").write_text(SMALL_NET, encoding="utf-8")

    def write_claims(*claims: str) -> list:
        lines = "".join(f"check: {c}\n" for c in claims)
        deck(f"## N\nid: n\ntype: numeric\ntopic: t\nanswer: 1\n{lines}\nP\n",
             folder=tmp_path / "root" / "questions")
        return load_dir(tmp_path / "root" / "questions", verify_claims=True).errors

    write_claims.arch = arch
    return write_claims


def test_parse_file_claim():
    c = parse_claim("file data/architectures/resnet50.onnx.gz @ 3x224x224: params = 25557032")
    assert (c.file, c.layers, c.input, c.quantity, c.value) == (
        "data/architectures/resnet50.onnx.gz", (), "3x224x224", "params", "25557032")
    assert parse_claim("file data/architectures/a.txt @ 3x8x8: FM-RF-jump = 2").quantity == \
        "fm_rf_jump"


def test_true_claims_pass(bank):
    small = "file data/architectures/small.txt @ 3x32x32"
    assert bank(f"{small}: params = {224 + 1168 + 170}", f"{small}: output = 10",
                f"{small}: fm_output = 16x16x16", f"{small}: fm_rf_size = 7",
                f"{small}: fm_rf_jump = 2", f"{small}: macs = {8 * 256 * 27 + 16 * 256 * 72 + 160}"
                ) == []


def test_false_claim_is_an_error_at_its_line(bank):
    (err,) = bank("file data/architectures/small.txt @ 3x32x32: params = 1500")
    assert err.file.name == "deck.md" and err.line == 6
    assert "claim is false: params is 1562, not 1500" in err.message


def test_rf_at_a_global_pool_points_to_the_feature_map(bank):
    (err,) = bank("file data/architectures/small.txt @ 3x32x32: rf_size = 7")
    assert "global pooling" in err.message and "fm_rf_size" in err.message


@pytest.mark.parametrize(
    ("path", "needle"),
    [("../small.txt", "'..' is not allowed"),
     ("data/architectures/../architectures/small.txt", "'..' is not allowed"),
     ("/etc/passwd", "an absolute path"),
     ("data/golden/small.txt", "must be inside data/architectures/"),
     ("data/architectures", "must be inside data/architectures/"),
     ("data/architectures/small.py", "unknown format"),
     ("data\\architectures\\small.txt", "with '/'")],
)
def test_paths_outside_the_folder_are_refused(bank, path, needle):
    (err,) = bank(f"file {path} @ 3x32x32: params = 1")
    assert err.line == 6 and needle in err.message, err.message
    # the hint is about the file, not the claim's syntax (which is right)
    assert "data/architectures/" in err.hint and "LAYERS @" not in err.hint
    with pytest.raises(ClaimSyntaxError):
        parse_claim(f"file {path} @ 3x32x32: params = 1")


def test_missing_file_is_a_clear_error(bank):
    (err,) = bank("file data/architectures/nope.onnx.gz @ 3x224x224: params = 1")
    assert err.line == 6
    assert "data/architectures/nope.onnx.gz: no such file" in err.message


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_symlinks_are_refused(bank, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text(SMALL_NET, encoding="utf-8")
    (bank.arch / "link.txt").symlink_to(outside)
    (bank.arch / "sub").symlink_to(tmp_path)
    errs = bank("file data/architectures/link.txt @ 3x32x32: params = 1562",
                "file data/architectures/sub/outside.txt @ 3x32x32: params = 1562")
    assert [e.line for e in errs] == [6, 7]
    assert all("symbolic link" in e.message for e in errs)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_non_regular_files_are_refused_without_blocking(bank):
    os.mkfifo(bank.arch / "pipe.txt")
    (bank.arch / "dir.txt").mkdir()
    errs = bank("file data/architectures/pipe.txt @ 3x32x32: params = 1",
                "file data/architectures/dir.txt @ 3x32x32: params = 1")
    assert "FIFO" in errs[0].message and "not a regular file" in errs[0].message
    assert "folder" in errs[1].message


def test_bad_file_content_is_an_error_naming_the_file(bank):
    (bank.arch / "bad.txt").write_text("Conv2d(3, 8, 3\n", encoding="utf-8")
    (bank.arch / "fake.onnx.gz").write_bytes(b"not gzip")
    errs = bank("file data/architectures/bad.txt @ 3x32x32: params = 1",
                "file data/architectures/fake.onnx.gz @ 3x32x32: params = 1")
    assert "data/architectures/bad.txt" in errs[0].message
    assert "data/architectures/fake.onnx.gz: named .gz but not gzip data" in errs[1].message


def test_onnx_file_claim_matches_torch(bank):
    pytest.importorskip("onnx")
    shutil.copy(FIXTURES / "alexnet.bn.onnx.gz", bank.arch / "alexnet.onnx.gz")
    truth = json.loads((FIXTURES / "truth.json").read_text(encoding="utf-8"))["alexnet"]
    f = "file data/architectures/alexnet.onnx.gz @ 3x224x224"
    assert bank(f"{f}: params = {truth['params']['bn']}",
                f"{f}: flops = {truth['flops']}", f"{f}: output = 1000") == []
    (err,) = bank(f"{f}: params = 61100000")
    assert "params is 61100840" in err.message


def test_without_an_architectures_folder_the_claim_is_an_error(tmp_path, deck):
    deck("## N\nid: n\ntype: numeric\ntopic: t\nanswer: 1\n"
         "check: file data/architectures/a.txt @ 3x8x8: params = 1\n\nP\n")
    (err,) = load_dir(tmp_path / "bank", verify_claims=True).errors
    assert "no data/architectures folder above the deck" in err.message


@pytest.mark.parametrize("name", ["resnet50", "googlenet", "mobilenet_v2"])
def test_shipped_architecture_files_agree_with_torch(name):
    pytest.importorskip("onnx")
    truth = json.loads((FIXTURES / "truth.json").read_text(encoding="utf-8"))[name]
    f = f"file data/architectures/{name}.onnx.gz @ 3x224x224"
    assert verify(f"{f}: params = {truth['params']['bn']}", REPO)[0] is True
    assert verify(f"{f}: flops = {truth['flops']}", REPO)[0] is True


@pytest.mark.parametrize("name", ["resnet50_v1", "mobilenet_v1"])
def test_paper_architecture_files_agree_with_torch(name):
    """data/architectures/torch_truth.json: measured by torch (tools/make_architecture_files.py)."""
    truth = json.loads((REPO / "data" / "architectures" / "torch_truth.json")
                       .read_text(encoding="utf-8"))[name]
    file = {"resnet50_v1": "resnet50_v1.onnx.gz", "mobilenet_v1": "mobilenet_v1.txt"}[name]
    if file.endswith(".gz"):
        pytest.importorskip("onnx")
    f = f"file data/architectures/{file} @ 3x224x224"
    fm = truth["feature_map"]
    for claim in (f"params = {truth['params']}", f"flops = {truth['flops']}",
                  f"output = {'x'.join(map(str, truth['output']))}",
                  f"fm_output = {'x'.join(map(str, fm['output']))}",
                  f"fm_rf_size = {fm['rf']['size']}", f"fm_rf_jump = {fm['rf']['jump']}",
                  f"fm_rf_start = {fm['rf']['start']}"):
        ok, computed = verify(f"{f}: {claim}", REPO)
        assert ok is True, f"{claim}: the core gives {computed}"
