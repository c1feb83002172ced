"""Export torchvision models to graph-only ONNX fixtures and record the truth measured by torch.

Run in a venv with torch, torchvision and onnx (not the app's venv):

    python tools/make_onnx_fixtures.py [--out tests/fixtures/onnx] [MODEL ...]

For every model (built with ``weights=None``, weights randomised so the exporter does not merge
equal tensors) two files are written, both with the TorchScript exporter at opset 17:

- ``NAME.bn.onnx.gz``: ``training=torch.onnx.TrainingMode.PRESERVE`` (BatchNormalization kept);
- ``NAME.folded.onnx.gz``: the default eval export (BatchNorm after a Conv folded into it).

Weights are saved as external data (tensors under 1 KiB stay inline, so shape constants are
kept) and the data file is dropped: the fixtures hold the graph and initializer dims only.

The truth (``truth.json``, measured by torch, not by quizcnn):
- ``params``: ``sum(p.numel())`` of the model (BN kept); for the folded file, the same count
  after folding every Conv-BN pair with ``torch.fx.experimental.optimization.fuse`` (the pairs
  the exporter folds), cross-checked against the file's initializers.
- ``flops``: ``torch.utils.flop_counter.FlopCounterMode`` total at batch 1.
- ``output``: the output shape without batch; ``modules``: every leaf module's output shapes
  (one per call) from forward hooks, keyed by module path.
- ``feature_map``: the output shape and receptive field of the feature map (the tensor that
  enters the final global pooling / flatten; segmentation nets: the output) measured by
  gradients: weights made positive (convs average their window), pointwise layers made the
  identity, max-pools probed through avg-pools of the same geometry, squeeze-excitation gates
  held constant (detached), float64, on an input tall (then wide) enough that the field of a
  middle position is not clipped; size and start from the bounding box of the non-zero
  gradient, jump from the shift between two neighbouring positions. After a Resize the field
  is not one number: ``rf`` is null.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import os
import sys
import tempfile
from pathlib import Path

import onnx
import torch
import torch.nn.functional as F
import torchvision
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

MODELS = [
    "alexnet", "vgg11", "vgg16", "vgg16_bn", "vgg19", "resnet18", "resnet50", "resnet101",
    "resnext50_32x4d", "wide_resnet50_2", "squeezenet1_0", "squeezenet1_1", "densenet121",
    "googlenet", "inception_v3", "mobilenet_v2", "mobilenet_v3_small", "mobilenet_v3_large",
    "shufflenet_v2_x1_0", "mnasnet1_0", "efficientnet_b0", "regnet_y_400mf", "convnext_tiny",
    "fcn_resnet50", "deeplabv3_resnet50",
]
SEGMENTATION = {"fcn_resnet50", "deeplabv3_resnet50"}
# the module whose input (or output) is the feature map: the tensor entering the final
# global pooling / flatten
FEATURE = {
    "alexnet": ("avgpool", "input"), "squeezenet1_0": ("classifier.3", "input"),
    "squeezenet1_1": ("classifier.3", "input"), "densenet121": ("features", "output"),
    "mobilenet_v2": ("features", "output"), "shufflenet_v2_x1_0": ("conv5", "output"),
    "mnasnet1_0": ("layers", "output"), "regnet_y_400mf": ("avgpool", "input"),
}
SIZE = {"inception_v3": 299}


class _Squeeze(nn.Module):
    """Segmentation models return a dict; export its 'out' tensor."""

    def __init__(self, model: nn.Module) -> None:
        super().__init__()
        self.model = model

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.model(x)["out"]


def build(name: str) -> nn.Module:
    kwargs: dict = {"weights": None}
    if name in ("googlenet", "inception_v3"):
        kwargs |= {"aux_logits": False, "init_weights": True}
    if name in SEGMENTATION:
        kwargs |= {"weights_backbone": None, "aux_loss": False}
        return _Squeeze(getattr(torchvision.models.segmentation, name)(**kwargs)).eval()
    return getattr(torchvision.models, name)(**kwargs).eval()


def randomise(model: nn.Module, seed: int) -> None:
    """Distinct random weights and BN statistics (constant init makes the exporter merge
    equal tensors into shared initializers)."""
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.rand(p.shape, generator=gen) * 0.2 - 0.1)
        for m in model.modules():
            if isinstance(m, nn.modules.batchnorm._BatchNorm) and m.running_mean is not None:
                m.running_mean.copy_(torch.rand(m.running_mean.shape, generator=gen) * 0.2)
                m.running_var.copy_(torch.rand(m.running_var.shape, generator=gen) + 0.5)


def export(model: nn.Module, x: torch.Tensor, path: Path, preserve: bool) -> onnx.ModelProto:
    """Export, re-save with external data, drop the data file; gzip the graph."""
    training = torch.onnx.TrainingMode.PRESERVE if preserve else torch.onnx.TrainingMode.EVAL
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "model.onnx")
        torch.onnx.export(
            model, (x,), raw, dynamo=False, opset_version=17, training=training,
            input_names=["input"], output_names=["output"],
        )
        full = onnx.load(raw)
        onnx.save_model(
            full, os.path.join(tmp, "graph.onnx"), save_as_external_data=True,
            all_tensors_to_one_file=True, location="weights.bin", size_threshold=1024,
        )
        data = Path(tmp, "graph.onnx").read_bytes()
    path.write_bytes(gzip.compress(data, mtime=0))
    return full


def leaf_shapes(model: nn.Module, x: torch.Tensor) -> dict[str, list[list[int]]]:
    shapes: dict[str, list[list[int]]] = {}
    hooks = []
    for name, m in model.named_modules():
        if name and not list(m.children()):
            def hook(_m, _i, out, name=name):
                if isinstance(out, torch.Tensor):
                    shapes.setdefault(name, []).append(list(out.shape[1:]))
            hooks.append(m.register_forward_hook(hook))
    with torch.no_grad():
        model(x)
    for h in hooks:
        h.remove()
    return shapes


def flops(model: nn.Module, x: torch.Tensor) -> int:
    counter = FlopCounterMode(display=False)
    with counter, torch.no_grad():
        model(x)
    return int(counter.get_total_flops())


def folded_params(model: nn.Module) -> int | None:
    from torch.fx.experimental.optimization import fuse

    try:
        fused = fuse(copy.deepcopy(model))
    except Exception as exc:  # not fx-traceable
        print(f"  fx fuse failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return None
    return sum(p.numel() for p in fused.parameters())


def file_params(proto: onnx.ModelProto) -> int:
    """Float initializers with more than one value (scalar constants are not parameters)."""
    total = 0
    for init in proto.graph.initializer:
        n = 1
        for d in init.dims:
            n *= d
        if init.data_type in (onnx.TensorProto.FLOAT, onnx.TensorProto.DOUBLE) and n > 1:
            total += n
    return total


# --- receptive field by gradients ---------------------------------------------------------

POINTWISE = (
    nn.ReLU, nn.ReLU6, nn.Hardswish, nn.Hardsigmoid, nn.SiLU, nn.GELU, nn.Sigmoid, nn.Tanh,
    nn.Dropout, nn.LayerNorm,
)


def _probe_model(model: nn.Module) -> nn.Module:
    from torchvision.models.convnext import LayerNorm2d

    probe = copy.deepcopy(model).double().eval()
    for name, m in list(probe.named_modules()):
        if isinstance(m, (*POINTWISE, LayerNorm2d)) and name:
            parent, _, leaf = name.rpartition(".")
            setattr(probe.get_submodule(parent) if parent else probe, leaf, nn.Identity())
    with torch.no_grad():
        for m in probe.modules():
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                fan_in = m.weight[0].numel()
                m.weight.fill_(1.0 / fan_in)
                if m.bias is not None:
                    m.bias.zero_()
            elif isinstance(m, nn.modules.batchnorm._BatchNorm):
                m.running_mean.zero_()
                m.running_var.fill_(1.0)
                m.weight.fill_(1.0)
                m.bias.zero_()
        for name, p in probe.named_parameters():
            if "layer_scale" in name:
                p.fill_(1.0)
    return probe


class _Patched:
    """F.relu -> identity, F.max_pool2d -> avg_pool2d of the same geometry, SE gates detached."""

    def __enter__(self):
        from torchvision.ops import misc

        self.saved = (F.relu, F.max_pool2d, misc.SqueezeExcitation.forward)

        def relu(x, inplace=False):
            return x

        def max_pool2d(x, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
                       return_indices=False):
            assert dilation in (1, (1, 1)) and not return_indices
            return F.avg_pool2d(x, kernel_size, stride, padding, ceil_mode)

        def se_forward(self_, x):
            # the gate held constant (at 1: with identity activations its real value grows
            # with x block after block until it overflows)
            self_._scale(x)
            return x * 1.0

        F.relu, F.max_pool2d = relu, max_pool2d
        misc.SqueezeExcitation.forward = se_forward
        return self

    def __exit__(self, *exc):
        from torchvision.ops import misc

        F.relu, F.max_pool2d, misc.SqueezeExcitation.forward = self.saved


def _feature(probe: nn.Module, name: str, x: torch.Tensor) -> torch.Tensor:
    where, side = FEATURE.get(name, ("avgpool", "input"))
    got: list[torch.Tensor] = []
    module = probe.get_submodule(where)
    if side == "input":
        h = module.register_forward_pre_hook(lambda _m, args: got.append(args[0]))
    else:
        h = module.register_forward_hook(lambda _m, _a, out: got.append(out))
    try:
        probe(x)
    finally:
        h.remove()
    return got[0]


def _axis_box(probe: nn.Module, name: str, size: tuple[int, int], axis: int):
    """(lo, hi) of the field of two neighbouring middle positions along ``axis``."""
    x = torch.ones((1, 3, *size), dtype=torch.float64, requires_grad=True)
    feat = _feature(probe, name, x)
    n = feat.shape[2 + axis]
    mid = [feat.shape[2] // 2, feat.shape[3] // 2]
    boxes = []
    for i in (n // 2, n // 2 + 1):
        pos = list(mid)
        pos[axis] = i
        (g,) = torch.autograd.grad(feat[0, :, pos[0], pos[1]].sum(), x, retain_graph=True)
        hit = (g[0] != 0).any(dim=0).any(dim=1 - axis).nonzero().flatten()
        boxes.append((i, int(hit[0]), int(hit[-1])))
    return boxes, size[axis], list(feat.shape[1:])


def measure_rf(model: nn.Module, name: str) -> dict:
    probe = _probe_model(model)
    size, jump, start = [], [], []
    with _Patched():
        for axis in (0, 1):
            big = 512
            while True:
                shape = (big, 96) if axis == 0 else (96, big)
                boxes, n, _ = _axis_box(probe, name, shape, axis)
                (i, lo, hi), (_, lo2, _) = boxes
                if lo > 0 and hi < n - 1:
                    break
                big *= 2
                if big > 8192:
                    raise RuntimeError(f"{name}: field not inside {big // 2}")
            size.append(hi - lo + 1)
            jump.append(lo2 - lo)
            start.append(lo - i * (lo2 - lo))
            print(f"  rf axis {axis}: input {n}, box {lo}..{hi} at {i}", file=sys.stderr)
    return {"size": size, "jump": jump, "start": start}


def make(name: str, out: Path, truth: dict) -> None:
    print(name, file=sys.stderr)
    torch.manual_seed(0)
    model = build(name)
    randomise(model, seed=len(name))
    side = SIZE.get(name, 224)
    x = torch.rand((1, 3, side, side))
    with torch.no_grad():
        y = model(x)
    kept = export(model, x, out / f"{name}.bn.onnx.gz", preserve=True)
    folded = export(model, x, out / f"{name}.folded.onnx.gz", preserve=False)
    params = sum(p.numel() for p in model.parameters())
    fparams = folded_params(model)
    entry = {
        "input": [3, side, side],
        "output": list(y.shape[1:]),
        "flops": flops(model, x),
        "params": {"bn": params, "folded": fparams},
        "file_params": {"bn": file_params(kept), "folded": file_params(folded)},
        "bn_nodes": {
            "bn": sum(n.op_type == "BatchNormalization" for n in kept.graph.node),
            "folded": sum(n.op_type == "BatchNormalization" for n in folded.graph.node),
        },
        "modules": leaf_shapes(model, x),
    }
    if name in SEGMENTATION:
        entry["feature_map"] = {"output": list(y.shape[1:]), "rf": None}
    else:
        probe = _probe_model(model)
        with torch.no_grad(), _Patched():
            feat = _feature(probe, name, x.double())
        entry["feature_map"] = {"output": list(feat.shape[1:]), "rf": measure_rf(model, name)}
    print(f"  params {params} folded {fparams} file {entry['file_params']} "
          f"flops {entry['flops']} fm {entry['feature_map']}", file=sys.stderr)
    truth[name] = entry


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("models", nargs="*", default=MODELS)
    ap.add_argument("--out", default="tests/fixtures/onnx")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    truth_path = out / "truth.json"
    truth = json.loads(truth_path.read_text()) if truth_path.exists() else {}
    torch.set_num_threads(1)
    for name in args.models:
        make(name, out, truth)
        meta = {"torch": torch.__version__, "torchvision": torchvision.__version__,
                "onnx": onnx.__version__, "opset": 17}
        truth["_meta"] = meta
        ordered = {k: truth[k] for k in sorted(truth)}
        truth_path.write_text(json.dumps(ordered, indent=1, sort_keys=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
