"""How convolutions are computed and what they cost in memory: im2col, Winograd, activations.

- im2col (Chellapilla et al. 2006; Caffe): a Conv2d on a C_in x H x W input becomes one matrix
  product. The unfolded input has one row per weight of a filter, C_in k_h k_w rows (per group
  C_in/g k_h k_w), and one column per output position, H_out W_out per image (batch N: N H_out
  W_out columns). Its elements times the dtype's bytes is the extra memory.
- Winograd F(m x m, r x r) (Lavin & Gray 2016): an m x m output tile of an r x r filter takes
  (m + r - 1)^2 elementwise multiplications (per input/output channel pair) instead of m^2 r^2.
  A whole layer (stride 1): ceil(H_out/m) ceil(W_out/m) tiles, each C_in C_out (m+r-1)^2
  multiplications in the elementwise stage (transforms not counted, as in the paper's ratio).
- Activation memory: a tensor of shape S for batch N in a dtype of b bytes takes N prod(S) b
  bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from quizcnn.core.blocks import kernel2, pos
from quizcnn.core.errors import LayerError

DTYPE_BYTES = {"float64": 8, "float32": 4, "float16": 2, "bfloat16": 2, "int8": 1}


@dataclass(frozen=True)
class Im2col:
    rows: int
    cols: int
    out_hw: tuple[int, int]
    input_elements: int  # N C_in H W, the tensor it is unfolded from
    groups: int = 1

    @property
    def shape(self) -> tuple[int, int]:
        return (self.rows, self.cols)

    @property
    def expansion(self) -> Fraction:
        """Elements of the unfolded matrix (all groups) per element of the input."""
        return Fraction(self.elements * self.groups, self.input_elements)

    @property
    def elements(self) -> int:
        return self.rows * self.cols

    def bytes(self, dtype: str = "float32") -> int:
        return self.elements * dtype_bytes(dtype)


def dtype_bytes(dtype: str) -> int:
    if dtype not in DTYPE_BYTES:
        raise LayerError(f"unknown dtype {str(dtype)[:20]!r} (known: {', '.join(DTYPE_BYTES)})",
                         rule="dtype")
    return DTYPE_BYTES[dtype]


def _out(n: int, k: int, s: int, p: int, d: int) -> int:
    span = d * (k - 1) + 1
    if n + 2 * p < span:
        raise LayerError(f"kernel span {span} is larger than the padded input {n + 2 * p}",
                         rule="kernel-too-large")
    return (n + 2 * p - span) // s + 1


def im2col(in_ch: int, h: int, w: int, kernel: Any, stride: int = 1, padding: int = 0,
           dilation: int = 1, batch: int = 1, groups: int = 1) -> Im2col:
    """The unfolded matrix of one group: (C_in/g k_h k_w) x (N H_out W_out)."""
    c, hh, ww, n, g = pos("in_ch", in_ch), pos("h", h), pos("w", w), pos("batch", batch), pos(
        "groups", groups)
    if c % g:
        raise LayerError(f"groups={g} must divide in_ch={c}", rule="groups-divide-channels")
    kh, kw = kernel2(kernel)
    s, d, p = pos("stride", stride), pos("dilation", dilation), pos("padding", padding, 0)
    ho, wo = _out(hh, kh, s, p, d), _out(ww, kw, s, p, d)
    return Im2col((c // g) * kh * kw, n * ho * wo, (ho, wo), n * c * hh * ww, g)


@dataclass(frozen=True)
class Winograd:
    tile_mults: int  # (m + r - 1)^2 per tile per channel pair
    direct_tile_mults: int  # m^2 r^2
    tiles: int  # ceil(H_out/m) ceil(W_out/m) (1 when no layer is given)
    mults: int  # tiles * C_in * C_out * tile_mults
    direct_mults: int  # H_out W_out C_in C_out r^2 (the layer's MACs)

    @property
    def ratio(self) -> Fraction:
        """Direct multiplications per Winograd multiplication, per tile: m^2 r^2 / (m+r-1)^2."""
        return Fraction(self.direct_tile_mults, self.tile_mults)

    @property
    def layer_ratio(self) -> Fraction:
        """Direct multiplications per Winograd multiplication over the whole layer (the last,
        partly used tiles included)."""
        return Fraction(self.direct_mults, self.mults)


def winograd(m: int, r: int, in_ch: int = 1, out_ch: int = 1, h_out: int | None = None,
             w_out: int | None = None) -> Winograd:
    """Multiplications of Winograd F(m x m, r x r), per tile or for a stride-1 layer whose
    output is h_out x w_out (its last tiles padded up to m)."""
    mm, rr = pos("m", m), pos("r", r)
    ci, co = pos("in_ch", in_ch), pos("out_ch", out_ch)
    if h_out is None or w_out is None:
        tiles, ho, wo = 1, mm, mm
    else:
        ho, wo = pos("h_out", h_out), pos("w_out", w_out)
        tiles = -(-ho // mm) * -(-wo // mm)
    tile = (mm + rr - 1) ** 2
    return Winograd(tile, mm * mm * rr * rr, tiles, tiles * ci * co * tile,
                    ho * wo * ci * co * rr * rr)


def tensor_bytes(shape: Any, batch: int = 1, dtype: str = "float32") -> int:
    """Bytes of one activation tensor of ``shape`` (no batch axis) for ``batch`` images."""
    if not isinstance(shape, (tuple, list)) or not shape:
        raise LayerError("shape must be a non-empty list of sizes", rule="tuple-length")
    n = pos("batch", batch)
    for v in shape:
        n *= pos("size", v)
    return n * dtype_bytes(dtype)


def activations_bytes(shapes: Any, batch: int = 1, dtype: str = "float32") -> int:
    """Bytes of several activation tensors kept at once (e.g. for the backward pass)."""
    if not isinstance(shapes, (tuple, list)) or not shapes:
        raise LayerError("shapes must be a non-empty list of shapes", rule="tuple-length")
    return sum(tensor_bytes(s, batch, dtype) for s in shapes)
