"""Golden data for the block core (quizcnn/core/blocks.py), measured on the modules torchvision
builds: MobileNetV2's InvertedResidual (parameters, FlopCounterMode MACs, output shape),
torchvision.ops.SqueezeExcitation (parameters), DenseNet's _DenseBlock and _Transition
(channels out of a real forward pass; whole DenseNet-121/161/169/201 stage by stage), and
Conv2d + BatchNorm2d folded by torch.nn.utils.fusion.fuse_conv_bn_eval (parameters before and
after, outputs compared). Written to data/golden/blocks.json; run by tools/make_golden.py
(``python tools/make_golden.py blocks`` writes this file only).
"""

from __future__ import annotations

import random

import torch
from torch import nn
from torch.nn.utils.fusion import fuse_conv_bn_eval
from torch.utils.flop_counter import FlopCounterMode
from torchvision.models import densenet as tv_densenet
from torchvision.models.mobilenetv2 import InvertedResidual
from torchvision.ops import SqueezeExcitation

CH = (8, 16, 24, 32, 40, 48, 64, 96, 120, 160, 320)


def _params(m: nn.Module) -> int:
    return sum(p.numel() for p in m.parameters())


def _macs(m: nn.Module, x: torch.Tensor) -> tuple[int, tuple[int, ...]]:
    with FlopCounterMode(display=False) as fc, torch.no_grad():
        y = m(x)
    return fc.get_total_flops() // 2, tuple(y.shape[1:])


def inverted_residual_cases(rng: random.Random) -> list[dict]:
    # MobileNetV2's own (t, c, n, s) table at 224, then random blocks
    cases = [(32, 16, 1, 1, 112), (16, 24, 6, 2, 112), (24, 24, 6, 1, 56), (24, 32, 6, 2, 56),
             (64, 96, 6, 1, 14), (96, 160, 6, 2, 14), (160, 320, 6, 1, 7)]
    for _ in range(40):
        cases.append((rng.choice(CH), rng.choice(CH), rng.choice((1, 2, 3, 4, 6)),
                      rng.choice((1, 2)), rng.choice((5, 7, 8, 13, 14, 28))))
    out = []
    for cin, cout, t, s, n in cases:
        m = InvertedResidual(cin, cout, s, t).eval()
        macs, shape = _macs(m, torch.randn(1, cin, n, n))
        out.append({"in_ch": cin, "out_ch": cout, "expand": t, "stride": s, "h": n, "w": n,
                    "params": _params(m), "macs": macs, "output": list(shape),
                    "residual": bool(m.use_res_connect)})
    return out


def se_cases(rng: random.Random) -> list[dict]:
    out = []
    for _ in range(40):
        r = rng.choice((2, 4, 8, 16))
        c = rng.choice(CH + (256, 512, 1024))
        if c % r:
            continue
        m = SqueezeExcitation(c, c // r)
        out.append({"channels": c, "reduction": r, "params": _params(m),
                    "weights": sum(p.numel() for n_, p in m.named_parameters()
                                   if n_.endswith("weight"))})
    return out


def dense_cases(rng: random.Random) -> list[dict]:
    out = []
    for _ in range(25):
        c0, k, n = rng.choice((16, 24, 32, 64, 96)), rng.choice((4, 8, 12, 16, 32)), rng.randint(1, 8)
        block = tv_densenet._DenseBlock(n, c0, 4, k, 0.0).eval()
        with torch.no_grad():
            y = block(torch.randn(1, c0, 8, 8))
            t = tv_densenet._Transition(y.shape[1], y.shape[1] // 2).eval()(y)
        out.append({"c0": c0, "growth": k, "layers": [n], "compression": "1/2",
                    "after_block": y.shape[1], "after_transition": t.shape[1]})
    for name in ("densenet121", "densenet161", "densenet169", "densenet201"):
        model = getattr(tv_densenet, name)(weights=None).eval()
        seen: list[int] = []
        hooks = [mod.register_forward_hook(lambda _m, _i, o, seen=seen: seen.append(o.shape[1]))
                 for mod in model.features.children()
                 if isinstance(mod, tv_densenet._DenseBlock | tv_densenet._Transition)]
        with torch.no_grad():
            model(torch.randn(1, 3, 64, 64))
        for h in hooks:
            h.remove()
        conv0 = model.features.conv0.out_channels
        layers = [len(b) for b in model.features.children()
                  if isinstance(b, tv_densenet._DenseBlock)]
        growth = model.features.denseblock1.denselayer1.conv2.out_channels
        out.append({"model": name, "c0": conv0, "growth": growth, "layers": layers,
                    "compression": "1/2", "stages": seen,
                    "final": model.classifier.in_features})
    return out


def bn_fold_cases(rng: random.Random) -> list[dict]:
    out = []
    for _ in range(30):
        g = rng.choice((1, 1, 2, 4))
        cin, cout = rng.choice((4, 8, 16)), rng.choice((4, 8, 12))
        if cin % g or cout % g:
            continue
        k = rng.choice((1, 3, 5, (1, 3), (3, 1)))
        bias = rng.random() < 0.5
        conv = nn.Conv2d(cin, cout, k, padding="same", groups=g, bias=bias).eval()
        bn = nn.BatchNorm2d(cout).eval()
        with torch.no_grad():
            bn.running_mean.uniform_(-1, 1)
            bn.running_var.uniform_(0.5, 2)
            bn.weight.uniform_(0.5, 1.5)
            bn.bias.uniform_(-1, 1)
        fused = fuse_conv_bn_eval(conv, bn)
        x = torch.randn(2, cin, 6, 6)
        with torch.no_grad():
            assert torch.allclose(fused(x), bn(conv(x)), atol=1e-8)
        out.append({"in_ch": cin, "out_ch": cout, "kernel": list(k) if isinstance(k, tuple) else k,
                    "groups": g, "bias": bias, "before": _params(conv) + _params(bn),
                    "after": _params(fused),
                    "bn_buffers": bn.running_mean.numel() + bn.running_var.numel()})
    return out


def gen_blocks(seed: int) -> dict:
    rng = random.Random(seed)
    torch.manual_seed(seed)
    return {"inverted_residual": inverted_residual_cases(rng), "squeeze_excitation": se_cases(rng),
            "dense": dense_cases(rng), "bn_fold": bn_fold_cases(rng)}
