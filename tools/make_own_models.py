"""Hand-written models of the kinds people write themselves, as print(model) text and as ONNX
graphs, with the truth measured by torch (issue 20).

Run in a venv with torch and onnx (not the app's venv; torchvision is not needed):

    python tools/make_own_models.py [--out tests/fixtures/own]

Each model's ``forward()`` does something its print(model) text cannot show:

- ``tutorial_net``: the PyTorch tutorial's CIFAR net; one ``self.pool`` used after both convs;
- ``reused_pool``: one ``self.pool`` used after each of three convs (printed once);
- ``se_gate``: a squeeze-excitation gate written as a plain ``nn.Sequential``, used as
  ``x * self.se(x)``;
- ``mobilenet_like``: MobileNetV2's head, ``F.adaptive_avg_pool2d`` and ``torch.flatten`` called
  in ``forward()`` between ``features`` and ``classifier``;
- ``small_unet``: a two-level U-Net whose decoder takes ``torch.cat`` of the skip and the
  upsampled map.

For each, ``NAME.txt`` is ``print(model)`` and ``NAME.onnx.gz`` the graph (TorchScript exporter,
opset 17, BatchNorm kept with ``training=PRESERVE``, weights dropped as in
``make_onnx_fixtures.py``). ``truth.json`` holds, measured by torch: ``params``
(``sum(p.numel())``), ``flops`` (``torch.utils.flop_counter.FlopCounterMode``, batch 1),
``output`` and ``modules`` (every leaf module's output shape per call, from forward hooks, no
batch axis).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import tempfile
from pathlib import Path

import onnx
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.flop_counter import FlopCounterMode


class TutorialNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


class ReusedPool(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.conv3 = nn.Conv2d(64, 128, 3, padding=1)
        self.pool = nn.MaxPool2d(2, 2)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(128, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = self.pool(F.relu(self.conv3(x)))
        return self.fc(torch.flatten(self.gap(x), 1))


class SEGate(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3, stride=2, padding=1)
        self.bn1 = nn.BatchNorm2d(32)
        self.se = nn.Sequential(
            nn.AdaptiveAvgPool2d(1), nn.Conv2d(32, 8, 1), nn.ReLU(), nn.Conv2d(8, 32, 1),
            nn.Sigmoid(),
        )
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(64, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.bn1(self.conv1(x)))
        x = x * self.se(x)
        x = F.relu(self.conv2(x))
        return self.fc(torch.flatten(self.pool(x), 1))


def _cbr(cin: int, cout: int, stride: int = 1, groups: int = 1, k: int = 3) -> list[nn.Module]:
    return [nn.Conv2d(cin, cout, k, stride, k // 2, groups=groups, bias=False),
            nn.BatchNorm2d(cout), nn.ReLU6(inplace=True)]


class MobileNetLike(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.features = nn.Sequential(
            *_cbr(3, 16, stride=2),
            *_cbr(16, 16, groups=16),  # depthwise
            nn.Conv2d(16, 24, 1, bias=False), nn.BatchNorm2d(24),
            *_cbr(24, 96, k=1),
            *_cbr(96, 96, stride=2, groups=96),
            nn.Conv2d(96, 32, 1, bias=False), nn.BatchNorm2d(32),
            *_cbr(32, 128, k=1),
        )
        self.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(128, 10))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.features(x)
        x = F.adaptive_avg_pool2d(x, (1, 1))
        x = torch.flatten(x, 1)
        return self.classifier(x)


def _double(cin: int, cout: int) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU(inplace=True),
                         nn.Conv2d(cout, cout, 3, padding=1), nn.ReLU(inplace=True))


class SmallUNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.enc1 = _double(3, 16)
        self.pool = nn.MaxPool2d(2)
        self.enc2 = _double(16, 32)
        self.bottom = _double(32, 64)
        self.up2 = nn.ConvTranspose2d(64, 32, 2, stride=2)
        self.dec2 = _double(64, 32)
        self.up1 = nn.ConvTranspose2d(32, 16, 2, stride=2)
        self.dec1 = _double(32, 16)
        self.head = nn.Conv2d(16, 2, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        e1 = self.enc1(x)
        e2 = self.enc2(self.pool(e1))
        b = self.bottom(self.pool(e2))
        d2 = self.dec2(torch.cat([self.up2(b), e2], 1))
        d1 = self.dec1(torch.cat([self.up1(d2), e1], 1))
        return self.head(d1)


MODELS = {
    "tutorial_net": (TutorialNet, (3, 32, 32)),
    "reused_pool": (ReusedPool, (3, 64, 64)),
    "se_gate": (SEGate, (3, 64, 64)),
    "mobilenet_like": (MobileNetLike, (3, 96, 96)),
    "small_unet": (SmallUNet, (3, 64, 64)),
}


def randomise(model: nn.Module, seed: int) -> None:
    """Distinct random weights (constant init makes the exporter merge equal tensors)."""
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.rand(p.shape, generator=gen) * 0.2 - 0.1)


def export(model: nn.Module, x: torch.Tensor, path: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "model.onnx")
        torch.onnx.export(model, (x,), raw, dynamo=False, opset_version=17,
                          training=torch.onnx.TrainingMode.PRESERVE,
                          input_names=["input"], output_names=["output"])
        full = onnx.load(raw)
        onnx.save_model(full, os.path.join(tmp, "graph.onnx"), save_as_external_data=True,
                        all_tensors_to_one_file=True, location="weights.bin", size_threshold=1024)
        data = Path(tmp, "graph.onnx").read_bytes()
    path.write_bytes(gzip.compress(data, mtime=0))


def leaf_shapes(model: nn.Module, x: torch.Tensor) -> dict[str, list[list[int]]]:
    shapes: dict[str, list[list[int]]] = {}
    hooks = []
    for name, m in model.named_modules():
        if name and not list(m.children()):
            def hook(_m, _i, out, name=name):
                shapes.setdefault(name, []).append(list(out.shape[1:]))
            hooks.append(m.register_forward_hook(hook))
    with torch.no_grad():
        model(x)
    for h in hooks:
        h.remove()
    return shapes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="tests/fixtures/own")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(1)
    truth: dict = {"_meta": {"torch": torch.__version__, "onnx": onnx.__version__, "opset": 17}}
    for name, (cls, shape) in MODELS.items():
        torch.manual_seed(0)
        model = cls().eval()
        randomise(model, seed=len(name))
        x = torch.rand((1, *shape))
        (out / f"{name}.txt").write_text(str(model) + "\n", encoding="utf-8")
        export(model, x, out / f"{name}.onnx.gz")
        counter = FlopCounterMode(display=False)
        with counter, torch.no_grad():
            y = model(x)
        truth[name] = {
            "input": list(shape),
            "output": list(y.shape[1:]),
            "params": sum(p.numel() for p in model.parameters()),
            "flops": int(counter.get_total_flops()),
            "modules": leaf_shapes(model, x),
        }
        print(name, truth[name]["params"], truth[name]["flops"])
    (out / "truth.json").write_text(json.dumps(truth, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
