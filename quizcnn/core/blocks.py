"""Building blocks of modern CNNs: BatchNorm folding, MobileNetV2's inverted residual,
squeeze-and-excitation, DenseNet's dense block and transition. Pure stdlib, exact integers.

- BN folding (inference): a Conv2d (C_in -> C_out, k_h x k_w, groups g, bias b) followed by
  BatchNorm2d(C_out) becomes one conv with weight W' = W * gamma / sqrt(var + eps) (per output
  channel) and bias b' = beta + (b - mean) * gamma / sqrt(var + eps). Before: conv weights
  C_out (C_in/g) k_h k_w (+ C_out bias) plus BN's 2 C_out learnable gamma, beta (and 2 C_out
  running-statistic buffers). After: the same weights plus C_out bias, always.
- Inverted residual (Sandler et al. 2018, as torchvision builds it): hidden = round(C_in t);
  if t != 1 a 1x1 expand conv C_in -> hidden + BN; a depthwise k x k conv (stride s,
  padding (k-1)/2) + BN; a 1x1 project conv hidden -> C_out + BN. Convs have no bias. Params
  = C_in hidden [t != 1] + hidden k^2 + hidden C_out + 2 (2 hidden + C_out) (BN gamma, beta;
  the expand BN only when t != 1). MACs (convs only, bias/BN/activations count 0):
  H W C_in hidden [t != 1] + H' W' hidden k^2 + H' W' hidden C_out, with H' = floor((H-1)/s)+1.
  Residual add when s == 1 and C_in == C_out.
- Squeeze-and-excitation (Hu et al. 2018; torchvision's SqueezeExcitation: two 1x1 convs with
  bias): squeeze s = C // r; params = C s + s (reduce) + s C + C (expand).
- DenseNet (Huang et al. 2017): a dense block of L layers with growth rate k takes C_0
  channels to C_0 + L k; a transition with compression theta gives floor(theta (C_0 + L k)).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from quizcnn.core.base import MAX_SIZE
from quizcnn.core.errors import LayerError


def pos(name: str, value: Any, lo: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= MAX_SIZE:
        raise LayerError(f"{name} must be an integer from {lo} to {MAX_SIZE}, got "
                         f"{str(value)[:20]}", rule="positive")
    return value


def kernel2(kernel: Any) -> tuple[int, int]:
    if isinstance(kernel, (tuple, list)):
        if len(kernel) != 2:
            raise LayerError("kernel must be an int or a pair", rule="tuple-length")
        return (pos("kernel", kernel[0]), pos("kernel", kernel[1]))
    k = pos("kernel", kernel)
    return (k, k)


@dataclass(frozen=True)
class BNFold:
    conv_params: int  # conv weights (+ bias if the conv had one)
    bn_params: int  # learnable gamma and beta: 2 C_out
    bn_buffers: int  # running mean and variance: 2 C_out (num_batches_tracked not counted)
    before: int  # conv_params + bn_params
    after: int  # folded conv: weights + C_out bias

    @property
    def saved(self) -> int:
        return self.before - self.after


def bn_fold(in_ch: int, out_ch: int, kernel: Any, groups: int = 1, bias: bool = False) -> BNFold:
    """Learnable parameters of Conv2d + BatchNorm2d before and after folding the BN."""
    cin, cout, g = pos("in_ch", in_ch), pos("out_ch", out_ch), pos("groups", groups)
    if cin % g or cout % g:
        raise LayerError(f"groups={g} must divide in_ch={cin} and out_ch={cout}",
                         rule="groups-divide-channels")
    if not isinstance(bias, bool):
        raise LayerError("bias must be True or False", rule="bool-type")
    kh, kw = kernel2(kernel)
    weights = cout * (cin // g) * kh * kw
    conv = weights + (cout if bias else 0)
    return BNFold(conv, 2 * cout, 2 * cout, conv + 2 * cout, weights + cout)


@dataclass(frozen=True)
class InvertedResidual:
    hidden: int
    out_hw: tuple[int, int]
    conv_params: int
    bn_params: int
    params: int
    macs: int
    residual: bool


def inverted_residual(in_ch: int, out_ch: int, expand: int, stride: int, h: int, w: int,
                      kernel: int = 3) -> InvertedResidual:
    """MobileNetV2 inverted residual block (torchvision layout) on a C_in x h x w input."""
    cin, cout, t = pos("in_ch", in_ch), pos("out_ch", out_ch), pos("expand", expand)
    s, hh, ww, k = pos("stride", stride), pos("h", h), pos("w", w), pos("kernel", kernel)
    if s not in (1, 2):
        raise LayerError("stride must be 1 or 2", rule="stride-1-or-2")
    if k % 2 == 0:
        raise LayerError("kernel must be odd (padding (k-1)/2 keeps the size)", rule="odd-kernel")
    hidden = round(cin * t)
    ho, wo = (hh - 1) // s + 1, (ww - 1) // s + 1
    expand_p = cin * hidden if t != 1 else 0
    conv = expand_p + hidden * k * k + hidden * cout
    bn = 2 * ((hidden if t != 1 else 0) + hidden + cout)
    macs = hh * ww * expand_p + ho * wo * hidden * k * k + ho * wo * hidden * cout
    return InvertedResidual(hidden, (ho, wo), conv, bn, conv + bn, macs,
                            s == 1 and cin == cout)


@dataclass(frozen=True)
class SqueezeExcite:
    squeeze: int
    weights: int
    biases: int
    params: int


def squeeze_excite(channels: int, reduction: int, bias: bool = True) -> SqueezeExcite:
    """SE block on C channels with reduction ratio r: squeeze C // r (r must divide C)."""
    c, r = pos("channels", channels), pos("reduction", reduction)
    if c % r:
        raise LayerError(f"reduction={r} must divide channels={c}", rule="reduction-divides")
    s = c // r
    weights = 2 * c * s
    biases = (s + c) if bias else 0
    return SqueezeExcite(s, weights, biases, weights + biases)


@dataclass(frozen=True)
class DenseStage:
    after_blocks: tuple[int, ...]  # channels leaving each dense block
    after_transitions: tuple[int, ...]  # channels leaving each transition
    out: int  # channels at the end (the last block has no transition when last_transition=False)


def densenet_channels(c0: int, growth: int, layers: Any, compression: Fraction | int | str = 1,
                      last_transition: bool = True) -> DenseStage:
    """Channels through dense blocks of ``layers`` (a count per block) with growth rate k,
    each followed by a transition that keeps floor(theta C) channels (theta = compression,
    0 < theta <= 1), except after the last block when ``last_transition`` is False."""
    c = pos("c0", c0)
    k = pos("growth", growth)
    if isinstance(layers, int) and not isinstance(layers, bool):
        layers = (layers,)
    if not isinstance(layers, (tuple, list)) or not layers:
        raise LayerError("layers must be a count or a list of counts", rule="tuple-length")
    theta = Fraction(compression)
    if not 0 < theta <= 1:
        raise LayerError("compression must be in (0, 1]", rule="compression-range")
    blocks: list[int] = []
    trans: list[int] = []
    for i, n in enumerate(layers):
        c += pos("layers", n) * k
        blocks.append(c)
        if last_transition or i < len(layers) - 1:
            c = (theta * c).numerator // (theta * c).denominator
            trans.append(c)
    return DenseStage(tuple(blocks), tuple(trans), c)
