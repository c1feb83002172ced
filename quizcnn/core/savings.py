"""Parameter savings as exact fractions.

- Grouped conv vs dense: params(grouped) / params(dense) = 1/g without bias.
- Depthwise separable (depthwise k_h x k_w with groups=C_in, then pointwise 1x1) vs a standard
  k_h x k_w conv, C_in -> C_out:
      (C_in k_h k_w + C_in C_out) / (C_out C_in k_h k_w) = 1/C_out + 1/(k_h k_w)
  exactly, without bias. With bias the separable pair has C_in + C_out biases and the standard
  conv C_out, so the ratio is (C_in k_h k_w + C_in + C_in C_out + C_out) / (C_out C_in k_h k_w
  + C_out), a little different.
At equal stride (the depthwise conv carrying the stride, the pointwise conv stride 1) the
output sizes match, so the MACs ratio equals the bias-free parameter ratio.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from quizcnn.core.base import MAX_SIZE
from quizcnn.core.errors import LayerError


def _pos(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_SIZE:
        raise LayerError(
            f"{name} must be an integer from 1 to {MAX_SIZE}, got {str(value)[:20]}",
            rule="positive",
        )
    return value


def _kernel(kernel: Any) -> tuple[int, ...]:
    if isinstance(kernel, (tuple, list)):
        if not 1 <= len(kernel) <= 3:
            raise LayerError("kernel must have 1 to 3 entries", rule="tuple-length")
        return tuple(_pos("kernel", k) for k in kernel)
    return (_pos("kernel", kernel),) * 2


def _area(kernel: tuple[int, ...]) -> int:
    area = 1
    for k in kernel:
        area *= k
    return area


def _flag(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise LayerError(f"{name} must be True or False", rule="bool-type")
    return value


def grouped_ratio(
    in_ch: int, out_ch: int, kernel: Any, groups: int, bias: bool = False
) -> Fraction:
    """params(Conv with groups=g) / params(same conv with groups=1); 1/g without bias.
    ``kernel`` is an int (square) or a tuple."""
    cin, cout, g = _pos("in_ch", in_ch), _pos("out_ch", out_ch), _pos("groups", groups)
    area = _area(_kernel(kernel))
    if cin % g or cout % g:
        raise LayerError(
            f"groups={g} must divide in_ch={cin} and out_ch={cout}", rule="groups-divide-channels"
        )
    b = cout if _flag("bias", bias) else 0
    return Fraction(cout * (cin // g) * area + b, cout * cin * area + b)


def separable_ratio(in_ch: int, out_ch: int, kernel: Any, bias: bool = False) -> Fraction:
    """params(depthwise k + pointwise 1x1) / params(standard k conv), exact, with or without
    bias. Equals 1/out_ch + 1/(k_h k_w) without bias."""
    cin, cout = _pos("in_ch", in_ch), _pos("out_ch", out_ch)
    area = _area(_kernel(kernel))
    has_bias = _flag("bias", bias)
    separable = cin * area + cin * cout + ((cin + cout) if has_bias else 0)
    standard = cout * cin * area + (cout if has_bias else 0)
    return Fraction(separable, standard)


def separable_ratio_formula(out_ch: int, kernel: Any) -> Fraction:
    """The textbook closed form 1/C_out + 1/(k_h k_w) (MobileNets, Howard et al. 2017)."""
    return Fraction(1, _pos("out_ch", out_ch)) + Fraction(1, _area(_kernel(kernel)))
