"""Input shapes without the batch dimension: ``3x224x224`` and its spellings."""

from __future__ import annotations

import re

from quizcnn.core.parse.common import MAX_DIGITS, MAX_SHAPE_DIM, parse_error, snippet

_SHAPE_SEP = re.compile(r"\s*(?:[x×X*,]|\s)\s*")


def parse_shape(text: str) -> tuple[int, ...]:
    """An input shape without the batch dimension: "3x224x224", "3×224×224", "3,224,224",
    "(3, 224, 224)", "[3, 224, 224]", "3 224 224" -> (3, 224, 224). Two to four sizes:
    (C, L), (C, H, W) or (C, D, H, W). A batch dimension cannot be told apart from a 3-d
    input, so "1x3x224x224" reads as (C=1, D=3, H=224, W=224); leave the batch out."""
    if not isinstance(text, str):
        raise parse_error(f"expected a shape like 3x224x224, got {type(text).__name__}")
    if len(text) > 100:
        raise parse_error("shape text too long; expected something like 3x224x224", text)
    body = text.strip()
    if body[:1] in "([" and body[-1:] in ")]" and len(body) >= 2:
        body = body[1:-1].strip().rstrip(",").strip()
    if not body:
        raise parse_error(
            "empty shape; expected something like 3x224x224 (channels x height x width)",
            text,
            rule="shape",
        )
    parts = _SHAPE_SEP.split(body)
    dims: list[int] = []
    for p in parts:
        if not (p.isascii() and p.isdigit() and len(p) <= MAX_DIGITS):
            raise parse_error(
                f"cannot read {snippet(p, 20)!r} as a size in shape {snippet(text, 40)!r}; "
                "expected whole numbers like 3x224x224",
                rule="shape",
            )
        v = int(p)
        if v < 1 or v > MAX_SHAPE_DIM:
            raise parse_error(
                f"size {v} in shape {snippet(text, 40)!r} must be between 1 and {MAX_SHAPE_DIM:,}",
                rule="shape",
            )
        dims.append(v)
    if not 2 <= len(dims) <= 4:
        raise parse_error(
            f"shape {snippet(text, 40)!r} has {len(dims)} sizes; expected C x L, C x H x W "
            "or C x D x H x W (no batch dimension)",
            rule="shape",
        )
    return tuple(dims)
