"""``check: LAYERS @ INPUT: QUANTITY = VALUE`` claims, verified against quizcnn.core.analyze.

``check: file data/architectures/NAME @ INPUT: QUANTITY = VALUE`` names a whole network by
its architecture file instead (``archfile``: ONNX or layer text, read as ``quizcnn calc
--file`` reads them); the ``fm_`` quantities are taken at the network's feature map (the last
node with spatial size before global pooling), e.g. ``fm_rf_jump`` is the output stride.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quizcnn.bank.model import Diagnostic, Question

QUANTITIES = ("output", "params", "macs", "flops", "rf_size", "rf_jump", "rf_start",
              "fm_output", "fm_rf_size", "fm_rf_jump", "fm_rf_start")
FORMAT = "format: LAYERS @ CxHxW: QUANTITY = VALUE, or file data/architectures/NAME @ CxHxW: ..."
_SHAPE = re.compile(r"^\d+(?:\s*[x×]\s*\d+)*$")


class ClaimSyntaxError(ValueError):
    hint = FORMAT  # what bank check suggests next to the error


class ClaimFileError(ClaimSyntaxError):
    """A ``check: file ...`` claim names a file that cannot be used (the syntax is fine)."""

    hint = "the file: a .onnx, .onnx.gz or .txt file inside data/architectures/, no links"


@dataclass(frozen=True)
class ParsedClaim:
    layers: tuple[str, ...]
    input: str
    quantity: str
    value: str
    file: str | None = None  # a path under data/architectures/ instead of layers


def split_layers(text: str) -> list[str]:
    """Split on ';' outside parentheses, brackets and quotes."""
    parts: list[str] = []
    cur: list[str] = []
    depth, quote = 0, ""
    for c in text:
        if quote:
            quote = "" if c == quote else quote
        elif c in "'\"":
            quote = c
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == ";" and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
            continue
        cur.append(c)
    parts.append("".join(cur).strip())
    return [p for p in parts if p]


def parse_claim(text: str) -> ParsedClaim:
    if "@" not in text:
        raise ClaimSyntaxError("no '@' between the layers and the input shape")
    layers_text, rest = text.rsplit("@", 1)
    if ":" not in rest:
        raise ClaimSyntaxError("no ':' after the input shape")
    shape, rest = rest.split(":", 1)
    if "=" not in rest:
        raise ClaimSyntaxError("no '= VALUE' after the quantity")
    quantity, value = (x.strip() for x in rest.split("=", 1))
    quantity = quantity.lower().replace("-", "_").replace(" ", "_")
    if quantity not in QUANTITIES:
        from quizcnn.bank.validate import did_you_mean

        raise ClaimSyntaxError(f"unknown quantity '{quantity}' ({did_you_mean(quantity, QUANTITIES) or 'one of ' + ', '.join(QUANTITIES)})")
    shape = shape.strip()
    if not _SHAPE.match(shape):
        raise ClaimSyntaxError(f"input shape '{shape}' is not like 3x224x224")
    if not value:
        raise ClaimSyntaxError("no value after '='")
    head = layers_text.strip()
    if head == "file" or head.startswith(("file ", "file\t")):
        from quizcnn.bank.archfile import ArchFileError, check_path

        name = head[4:].strip()
        try:
            check_path(name)
        except ArchFileError as e:
            raise ClaimFileError(str(e)) from None
        return ParsedClaim((), shape, quantity, value, file=name)
    layers = split_layers(layers_text)
    if not layers:
        raise ClaimSyntaxError("no layers before '@'")
    return ParsedClaim(tuple(layers), shape, quantity, value)


def _shape_text(values: Iterable[float]) -> str:
    return "x".join(str(int(v)) for v in values)


def _norm_int(text: str) -> int | None:
    s = text.replace(",", "").replace("_", "").replace(" ", "")
    try:
        return int(s)
    except ValueError:
        from quizcnn.bank.numbers import parse_number

        v = parse_number(text)
        return int(v) if v is not None and v.denominator == 1 else None


def _report(claim: ParsedClaim, root: Path | None) -> Any:
    shape_text = claim.input.replace("×", "x").replace(" ", "")
    if claim.file is not None:
        from quizcnn.bank.archfile import ArchFileError, analyze_file
        from quizcnn.core.parse import parse_shape

        if root is None:
            raise ArchFileError(f"{claim.file}: no data/architectures folder above the deck")
        return analyze_file(claim.file, root, parse_shape(shape_text))
    if claim.quantity.startswith("fm_"):
        from quizcnn.core.graph import analyze_graph, chain_nodes
        from quizcnn.core.parse import parse_layers, parse_shape

        layers = [x for text in claim.layers for x in parse_layers(text)]
        return analyze_graph(parse_shape(shape_text), chain_nodes(layers))
    from quizcnn.core import analyze

    return analyze(shape_text, list(claim.layers))


def compute(claim: ParsedClaim, root: Path | None = None) -> str:
    """The quantity as the core computes it, formatted like a claim value.

    ``root`` is the bank root a ``file`` claim's path is relative to. Raises ValueError (the
    core's LayerError is one, ``ArchFileError`` another) when it cannot be computed.
    """
    report = _report(claim, root)
    q = claim.quantity
    where = "the last layer"
    if q.startswith("fm_"):
        fm = report.feature_map
        if fm is None:
            raise ValueError("the network has no feature map with spatial size")
        report, q, where = fm, q[3:], f"the feature map {fm.node.name}"
    if q == "output":
        return _shape_text(report.output)
    if q in ("params", "macs", "flops"):
        return str(int(getattr(report, q)))
    rf = report.rf
    if rf is None:
        rows = getattr(report, "layers", None) or getattr(report, "nodes", None)
        note = getattr(rows[-1] if rows else report, "rf_note", None)
        hint = ("; fm_rf_size, fm_rf_jump and fm_rf_start give it at the feature map"
                if note and "global" in note and not claim.quantity.startswith("fm_") else "")
        raise ValueError(f"the core gives no receptive field at {where}"
                         f"{': ' + note if note else ''}{hint}")
    return "x".join(str(int(v)) for v in getattr(rf, q[3:]))


def display(quantity: str, computed: str) -> str:
    """A receptive-field value as one number when all axes agree."""
    parts = computed.split("x")
    if quantity.removeprefix("fm_").startswith("rf_") and len(set(parts)) == 1:
        return parts[0]
    return computed


def matches(claim: ParsedClaim, computed: str) -> bool:
    want = claim.value.replace(" ", "").replace("×", "x").lower()
    if claim.quantity in ("params", "macs", "flops"):
        return _norm_int(claim.value) == int(computed)
    if claim.quantity in ("output", "fm_output"):
        return want == computed
    got_parts = computed.split("x")
    want_parts = want.split("x")
    if len(want_parts) == 1 and len(set(got_parts)) == 1:
        return want_parts[0] == got_parts[0]
    return want_parts == got_parts


def verify(text: str, root: Path | None = None) -> tuple[bool | None, str]:
    """(True, computed) / (False, computed) / (None, why it could not be checked).

    ``root``: the bank root that a ``file`` claim's path is relative to."""
    from quizcnn.bank.archfile import ArchFileError

    try:
        claim = parse_claim(text)
    except ClaimSyntaxError as e:
        return None, str(e)
    try:
        computed = compute(claim, root)
    except ArchFileError as e:
        return None, f"architecture file: {e}"
    except Exception as e:  # LayerError or anything else the core raises on odd input
        msg = str(e).splitlines()[0] if str(e) else type(e).__name__
        return None, f"the core cannot compute it: {msg}"
    return matches(claim, computed), display(claim.quantity, computed)


def verify_claims(questions: list[Question], diags: list[Diagnostic]) -> None:
    """Verify every ``check:`` claim of these cards; each false or unreadable one adds an error."""
    all_claims = [c for q in questions for c in q.checks]
    if not all_claims:
        return
    for c in all_claims:
        try:
            parse_claim(c.text)
        except ClaimSyntaxError:
            continue  # the validator already reported the claim's syntax at this line
        root = None
        if c.text.lstrip().startswith("file"):
            from quizcnn.bank.archfile import bank_root

            root = bank_root(Path(c.file))
        ok, detail = verify(c.text, root)
        if ok is None:
            hint = ("fix the layers or the input shape" if detail.startswith("the core")
                    else "the path is relative to the bank root, inside data/architectures/"
                    if detail.startswith("architecture file") else FORMAT)
            diags.append(Diagnostic(c.file, c.line, "error", f"check: {detail}", hint))
        elif not ok:
            parsed = parse_claim(c.text)
            diags.append(Diagnostic(c.file, c.line, "error",
                                    f"check: claim is false: {parsed.quantity} is {detail}, not {parsed.value}",
                                    "fix the number in the claim and in the text"))
