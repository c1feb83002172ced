"""check: claims, parsed here and verified against quizcnn.core."""

from __future__ import annotations

import pytest

from quizcnn.bank.claims import ClaimSyntaxError, parse_claim, split_layers, verify
from tests.bank.helpers import load_dir


def test_parse_claim():
    c = parse_claim("Conv2d(3, 64, 3, padding=1); MaxPool2d(2) @ 3x32x32: Output = 64x16x16")
    assert c.layers == ("Conv2d(3, 64, 3, padding=1)", "MaxPool2d(2)")
    assert (c.input, c.quantity, c.value) == ("3x32x32", "output", "64x16x16")
    assert split_layers("Conv2d(3, 8, 3, padding='same'); ReLU()") == ["Conv2d(3, 8, 3, padding='same')", "ReLU()"]


@pytest.mark.parametrize(
    ("text", "needle"),
    [("Conv2d(3,8,3) 3x8x8: params = 1", "'@'"), ("Conv2d(3,8,3) @ 3x8x8 params = 1", "':'"),
     ("Conv2d(3,8,3) @ 3x8x8: params 1", "'= VALUE'"), ("Conv2d(3,8,3) @ 3x8x8: param = 1", "did you mean 'params'"),
     ("Conv2d(3,8,3) @ three: params = 1", "input shape"), (" @ 3x8x8: params = 1", "no layers"),
     ("Conv2d(3,8,3) @ 3x8x8: params = ", "no value")],
)
def test_claim_syntax_errors(text, needle):
    with pytest.raises(ClaimSyntaxError, match=None) as exc:
        parse_claim(text)
    assert needle in str(exc.value)


@pytest.mark.parametrize(
    ("claim", "ok", "computed"),
    [
        # Conv2d(3, 64, 7, 2, 3): 64*3*7*7 weights + 64 bias = 9472 (hand-computed)
        ("Conv2d(3, 64, 7, 2, 3) @ 3x224x224: params = 9472", True, "9472"),
        ("Conv2d(3, 64, 7, 2, 3) @ 3x224x224: params = 9,472", True, "9472"),
        ("Conv2d(3, 64, 7, 2, 3, bias=False) @ 3x224x224: params = 9472", False, "9408"),
        # (224 + 6 - 7)//2 + 1 = 112
        ("Conv2d(3, 64, 7, 2, 3) @ 3x224x224: output = 64x112x112", True, "64x112x112"),
        # MACs: 64 * 112*112 * 3*7*7 = 118013952
        ("Conv2d(3, 64, 7, 2, 3) @ 3x224x224: macs = 118013952", True, "118013952"),
        ("Conv2d(3, 64, 7, 2, 3) @ 3x224x224: flops = 236027904", True, "236027904"),
        # two 3x3 stride-1 layers: 1 + 2 + 2 = 5; jump 1
        ("Conv2d(3, 8, 3); Conv2d(8, 8, 3) @ 3x32x32: rf_size = 5", True, "5"),
        ("Conv2d(3, 8, 3); Conv2d(8, 8, 3) @ 3x32x32: rf_size = 5x5", True, "5"),
        ("Conv2d(3, 8, 3, stride=2) @ 3x32x32: rf_jump = 2", True, "2"),
        ("Conv2d(3, 8, 3, padding=1) @ 3x32x32: rf_start = -1", True, "-1"),
        ("Conv2d(3, 8, (3, 5)) @ 3x32x32: rf_size = 3x5", True, "3x5"),
        ("Conv2d(3, 8, 3); Conv2d(8, 8, 3) @ 3x32x32: rf_size = 7", False, "5"),
    ],
)
def test_verify_against_core(claim, ok, computed):
    assert verify(claim) == (ok, computed)


def test_verify_reports_core_errors():
    ok, why = verify("Conv2d(3, 8, 3, groups=2) @ 3x8x8: params = 1")
    assert ok is None and why.startswith("the core cannot compute it")
    ok, why = verify("Conv2d(4, 8, 3) @ 3x8x8: params = 1")
    assert ok is None


def test_false_claim_is_an_error_with_the_computed_value(deck, tmp_path):
    deck("## N\nid: n\ntype: numeric\ntopic: t\nanswer: 9472\n"
         "check: Conv2d(3, 64, 7, 2, 3) @ 3x224x224: params = 9480\n\nP\n")
    bank = load_dir(tmp_path / "bank", verify_claims=True)
    (err,) = bank.errors
    assert err.line == 6 and "claim is false: params is 9472, not 9480" in err.message
    # Plain loading verifies the claims of the user's own banks too, and leaves the card out.
    plain = load_dir(tmp_path / "bank")
    assert [e.message for e in plain.errors] == [err.message]
    assert plain.questions == [] and plain.excluded == ["n"]
