"""Architecture files torchvision does not have, and torch's figures for them.

Run in a venv with torch and onnx (torchvision is not needed), from the repository root:

    python tools/make_architecture_files.py

- ``data/architectures/resnet50_v1.onnx.gz``: ResNet-50 as the paper has it (He et al. 2016,
  'v1'): in the first bottleneck of stages conv3_x..conv5_x the stride 2 sits on the first 1x1
  conv; torchvision's ``resnet50`` ('v1.5') puts it on the 3x3. Written here in plain torch
  (the layers of torchvision's ResNet: 7x7/2 stem, 3x3/2 max pool, bottlenecks [3, 4, 6, 3]
  with BatchNorm, projection shortcuts = 1x1 conv + BN where the shape changes, global average
  pool, 2048->1000 linear). The same code with the stride on the 3x3 is checked against
  torchvision's figures (tests/fixtures/onnx/truth.json: 25,557,032 parameters, 8,178,368,512
  FLOPs, field 427, jump 32) before anything is written. Graph-only export as
  ``tools/make_onnx_fixtures.py`` makes it (opset 17, BatchNorm kept, weight values dropped).
- MobileNetV1 (Howard et al. 2017, table 1) is built in torch from the paper's table, the same
  layers as ``data/architectures/mobilenet_v1.txt`` (read by quizcnn as layer text), so that
  torch checks the text file's figures. It is not exported.

torch's measurements go to ``data/architectures/torch_truth.json``: parameters
(``sum(p.numel())``), FLOPs (``FlopCounterMode``, batch 1), the feature map's shape and its
receptive field measured by gradients (weights made positive, ReLU made the identity, max
pools replaced by average pools of the same geometry, float64; bounding box of the non-zero
gradient of one middle position; jump from two neighbouring positions).
"""

from __future__ import annotations

import gzip
import json
import os
import tempfile
from pathlib import Path

import onnx
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

OUT = Path("data/architectures")
TRUTH_V15 = {"params": 25557032, "flops": 8178368512, "rf": 427, "jump": 32}


class Bottleneck(nn.Module):
    def __init__(self, cin: int, width: int, stride: int, v1: bool, pool: type) -> None:
        super().__init__()
        cout = 4 * width
        s1, s3 = (stride, 1) if v1 else (1, stride)
        self.conv1 = nn.Conv2d(cin, width, 1, s1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = nn.Conv2d(width, width, 3, s3, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(width)
        self.conv3 = nn.Conv2d(width, cout, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(cout)
        self.relu = nn.ReLU()
        self.down = None
        if stride != 1 or cin != cout:
            self.down = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False),
                                      nn.BatchNorm2d(cout))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.relu(self.bn1(self.conv1(x)))
        y = self.relu(self.bn2(self.conv2(y)))
        y = self.bn3(self.conv3(y))
        return self.relu(y + (x if self.down is None else self.down(x)))


class ResNet50(nn.Module):
    def __init__(self, v1: bool, pool: type = nn.MaxPool2d) -> None:
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64),
                                  nn.ReLU(), pool(3, 2, 1))
        blocks: list[nn.Module] = []
        cin = 64
        for width, n, stride in ((64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2)):
            for i in range(n):
                blocks.append(Bottleneck(cin, width, stride if i == 0 else 1, v1, pool))
                cin = 4 * width
        self.features = nn.Sequential(*blocks)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(2048, 1000)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(torch.flatten(self.avgpool(self.features(self.stem(x))), 1))


class MobileNetV1(nn.Module):
    """Table 1 of the paper; the last depthwise conv with stride 1 (its input and output are
    7x7 in the table). Every conv is followed by BatchNorm and ReLU, as in the paper."""

    CFG = ([(32, 64, 1), (64, 128, 2), (128, 128, 1), (128, 256, 2), (256, 256, 1),
            (256, 512, 2)] + [(512, 512, 1)] * 5 + [(512, 1024, 2), (1024, 1024, 1)])

    def __init__(self, pool: type = nn.MaxPool2d) -> None:
        super().__init__()

        def cbr(cin: int, cout: int, k: int, s: int, g: int) -> list[nn.Module]:
            return [nn.Conv2d(cin, cout, k, s, k // 2, groups=g, bias=False),
                    nn.BatchNorm2d(cout), nn.ReLU()]

        layers = cbr(3, 32, 3, 2, 1)
        for cin, cout, s in self.CFG:
            layers += cbr(cin, cin, 3, s, cin) + cbr(cin, cout, 1, 1, 1)
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AvgPool2d(7)
        self.fc = nn.Linear(1024, 1000)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(torch.flatten(self.avgpool(self.features(x)), 1))


def randomise(model: nn.Module, seed: int) -> None:
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.rand(p.shape, generator=gen) * 0.2 - 0.1)
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.copy_(torch.rand(m.running_mean.shape, generator=gen) * 0.2)
                m.running_var.copy_(torch.rand(m.running_var.shape, generator=gen) + 0.5)


def export(model: nn.Module, x: torch.Tensor, path: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "model.onnx")
        torch.onnx.export(model, (x,), raw, dynamo=False, opset_version=17,
                          training=torch.onnx.TrainingMode.PRESERVE,
                          input_names=["input"], output_names=["output"])
        onnx.save_model(onnx.load(raw), os.path.join(tmp, "graph.onnx"),
                        save_as_external_data=True, all_tensors_to_one_file=True,
                        location="weights.bin", size_threshold=1024)
        data = Path(tmp, "graph.onnx").read_bytes()
    path.write_bytes(gzip.compress(data, mtime=0))


class _Stop(Exception):
    pass


def features(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    """The tensor entering the global pool (the rest of the forward pass is not run)."""
    got: list[torch.Tensor] = []

    def grab(_m: nn.Module, args: tuple) -> None:
        got.append(args[0])
        raise _Stop

    h = model.avgpool.register_forward_pre_hook(grab)
    try:
        model(x)
    except _Stop:
        pass
    finally:
        h.remove()
    return got[0]


def probe(make) -> nn.Module:
    """The same net with avg pools for max pools, identity for ReLU, positive weights."""
    model = make(nn.AvgPool2d).double().eval()
    for name, m in list(model.named_modules()):
        if isinstance(m, nn.ReLU):
            parent, _, leaf = name.rpartition(".")
            setattr(model.get_submodule(parent) if parent else model, leaf, nn.Identity())
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.Conv2d):
                m.weight.fill_(1.0 / m.weight[0].numel())
            elif isinstance(m, nn.BatchNorm2d):
                m.running_mean.zero_()
                m.running_var.fill_(1.0)
                m.weight.fill_(1.0)
                m.bias.zero_()
    return model


def measure_rf(make, side: int = 768) -> dict:
    model = probe(make)
    x = torch.ones((1, 3, side, side), dtype=torch.float64, requires_grad=True)
    feat = features(model, x)
    n = feat.shape[2]
    boxes = []
    for i in (n // 2, n // 2 + 1):
        (g,) = torch.autograd.grad(feat[0, :, i, n // 2].sum(), x, retain_graph=True)
        rows = (g[0] != 0).any(dim=0).any(dim=1).nonzero().flatten()
        boxes.append((i, int(rows[0]), int(rows[-1])))
    (i, lo, hi), (_, lo2, _) = boxes
    assert lo > 0 and hi < side - 1, "field clipped by the input: use a larger side"
    jump = lo2 - lo
    return {"size": hi - lo + 1, "jump": jump, "start": lo - i * jump}


def measure(make, x: torch.Tensor) -> dict:
    model = make(nn.MaxPool2d).eval()
    counter = FlopCounterMode(display=False)
    with counter, torch.no_grad():
        y = model(x)
    with torch.no_grad():
        feat = features(model, x)
    return {"input": list(x.shape[1:]), "output": list(y.shape[1:]),
            "params": sum(p.numel() for p in model.parameters()),
            "flops": int(counter.get_total_flops()),
            "feature_map": {"output": list(feat.shape[1:]), "rf": measure_rf(make)}}


def main() -> int:
    torch.set_num_threads(1)
    torch.manual_seed(0)
    x = torch.rand((1, 3, 224, 224))
    v15 = measure(lambda pool: ResNet50(v1=False, pool=pool), x)
    got = {"params": v15["params"], "flops": v15["flops"],
           "rf": v15["feature_map"]["rf"]["size"], "jump": v15["feature_map"]["rf"]["jump"]}
    assert got == TRUTH_V15, f"the v1.5 build differs from torchvision's resnet50: {got}"
    truth = {"_meta": {"torch": torch.__version__, "onnx": onnx.__version__, "opset": 17},
             "resnet50_v1.5_check": v15,
             "resnet50_v1": measure(lambda pool: ResNet50(v1=True, pool=pool), x),
             "mobilenet_v1": measure(lambda pool: MobileNetV1(pool=pool), x)}
    v1 = ResNet50(v1=True).eval()
    randomise(v1, seed=7)
    export(v1, x, OUT / "resnet50_v1.onnx.gz")
    (OUT / "torch_truth.json").write_text(json.dumps(truth, indent=1) + "\n")
    print(json.dumps(truth, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
