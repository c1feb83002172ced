"""``check: LAYERS @ INPUT: QUANTITY = VALUE`` claims, verified against quizcnn.core.analyze."""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizcnn.bank.model import Diagnostic, Question

QUANTITIES = ("output", "params", "macs", "flops", "rf_size", "rf_jump", "rf_start")
_SHAPE = re.compile(r"^\d+(?:\s*[x×]\s*\d+)*$")


class ClaimSyntaxError(ValueError):
    pass


@dataclass(frozen=True)
class ParsedClaim:
    layers: tuple[str, ...]
    input: str
    quantity: str
    value: str


def split_layers(text: str) -> list[str]:
    """Split on ';' outside parentheses, brackets and quotes."""
    parts, depth, quote, cur = [], 0, "", []
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
    layers = split_layers(layers_text)
    if not layers:
        raise ClaimSyntaxError("no layers before '@'")
    if not value:
        raise ClaimSyntaxError("no value after '='")
    return ParsedClaim(tuple(layers), shape, quantity, value)


def _shape_text(values) -> str:
    return "x".join(str(int(v)) for v in values)


def _norm_int(text: str) -> int | None:
    s = text.replace(",", "").replace("_", "").replace(" ", "")
    try:
        return int(s)
    except ValueError:
        from quizcnn.bank.numbers import parse_number

        v = parse_number(text)
        return int(v) if v is not None and v.denominator == 1 else None


def compute(claim: ParsedClaim) -> str:
    """The quantity as the core computes it, formatted like a claim value.

    Raises ValueError (the core's LayerError is one) when the layers cannot be analysed.
    """
    from quizcnn.core import analyze

    report = analyze(claim.input.replace("×", "x").replace(" ", ""), list(claim.layers))
    q = claim.quantity
    if q == "output":
        return _shape_text(report.output)
    if q in ("params", "macs", "flops"):
        return str(int(getattr(report, q)))
    rf = report.rf
    if rf is None:
        note = getattr(report.layers[-1], "rf_note", None) if report.layers else None
        raise ValueError(f"the core gives no receptive field here{': ' + note if note else ''}")
    return "x".join(str(int(v)) for v in getattr(rf, q[3:]))


def display(quantity: str, computed: str) -> str:
    """A receptive-field value as one number when all axes agree."""
    parts = computed.split("x")
    if quantity.startswith("rf_") and len(set(parts)) == 1:
        return parts[0]
    return computed


def matches(claim: ParsedClaim, computed: str) -> bool:
    want = claim.value.replace(" ", "").replace("×", "x").lower()
    if claim.quantity in ("params", "macs", "flops"):
        return _norm_int(claim.value) == int(computed)
    if claim.quantity == "output":
        return want == computed
    got_parts = computed.split("x")
    want_parts = want.split("x")
    if len(want_parts) == 1 and len(set(got_parts)) == 1:
        return want_parts[0] == got_parts[0]
    return want_parts == got_parts


def verify(text: str) -> tuple[bool | None, str]:
    """(True, computed) / (False, computed) / (None, why it could not be checked)."""
    try:
        claim = parse_claim(text)
    except ClaimSyntaxError as e:
        return None, str(e)
    try:
        computed = compute(claim)
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
        ok, detail = verify(c.text)
        if ok is None:
            hint = ("fix the layers or the input shape" if detail.startswith("the core")
                    else "format: LAYERS @ CxHxW: QUANTITY = VALUE")
            diags.append(Diagnostic(c.file, c.line, "error", f"check: {detail}", hint))
        elif not ok:
            parsed = parse_claim(c.text)
            diags.append(Diagnostic(c.file, c.line, "error",
                                    f"check: claim is false: {parsed.quantity} is {detail}, not {parsed.value}",
                                    "fix the number in the claim and in the text"))
