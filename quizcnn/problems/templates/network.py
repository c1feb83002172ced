"""Trace the start of a real network (AlexNet, VGG, ResNet, ...): shapes and parameters.

The layers come from the shipped ``data/architectures/*.txt`` files (one PyTorch constructor
per line, or print(model) text), read with the core's parser; each file's first comment line
names the network and its header gives the input shape.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, TypeAlias

from quizcnn.problems.common import TEXT, Spec, layer_spec, pick, run
from quizcnn.problems.model import ProblemError
from quizcnn.problems.solutions import join, note, params_steps, shape_eq, size_steps
from quizcnn.problems.templates.base import Draft, Template, layers_block
from quizcnn.problems.templates.output_size import shape_mistakes
from quizcnn.problems.templates.params import count_mistakes

if TYPE_CHECKING:
    from quizcnn.core.base import Layer

# (the line as shown, the layer it gives)
Line: TypeAlias = "tuple[str, Layer]"

_INPUT = re.compile(r"input[^0-9\n]*(\d+)\s*[x×,]\s*(\d+)\s*[x×,]\s*(\d+)", re.IGNORECASE)


HEAD = {"Flatten", "Linear", "AdaptiveAvgPool2d", "AdaptiveMaxPool2d", "Dropout"}
MAX_LAYERS = 16
_PREFIX = re.compile(r"^\([\w.]+\):\s*|^(?:torch\.)?nn\.")


def _read(text: str) -> list[Line]:
    """(shown text, layer) for each line of a network file, in order, up to the first line
    the parser cannot follow. The text is the line as written, minus a print(model) name."""
    from quizcnn.core import LayerError, parse_layer

    layers: list[Line] = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip().rstrip(",")
        if "downsample" in line or "shortcut" in line:
            break  # a parallel branch: the chain this template follows ends here
        if not line or line in (")", "(") or line.endswith("(") or line.startswith(")"):
            continue
        try:
            layer = parse_layer(line)
        except LayerError:
            break
        if layer.kind in HEAD or len(layers) >= MAX_LAYERS:
            break  # the classifier head is not "the start" of the network
        layers.append((_PREFIX.sub("", line), layer))
    return layers


def _chained(shape: Sequence[int], layers: list[Line]) -> list[Line]:
    """The longest prefix of ``layers`` that the core accepts on ``shape``."""
    from quizcnn.core import LayerError, analyze

    while layers:
        try:
            analyze(shape, [layer for _, layer in layers])
            return layers
        except LayerError as e:
            cut = e.index if e.index is not None and e.index < len(layers) else len(layers) - 1
            layers = layers[:cut]
    return layers


def _spec(shown: str, layer: Layer) -> Spec:
    spec = layer_spec(layer)
    return (TEXT, (shown,), {}) if spec[0] == TEXT else spec


@lru_cache(maxsize=1)
def networks() -> tuple[tuple[str, tuple[int, ...], tuple[Line, ...]], ...]:
    """(name, input shape, layers) for each network; from data/architectures when present."""
    found: list[tuple[str, tuple[int, ...], tuple[Line, ...]]] = []
    try:
        from quizcnn.resources import data_dir

        folder = data_dir() / "architectures"
        files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    except (FileNotFoundError, OSError):
        files = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        name = display_name(text, path.stem)
        m = _INPUT.search(text)
        shape = tuple(int(v) for v in m.groups()) if m else (3, 224, 224)
        layers = _chained(shape, _read(text))
        if len(layers) >= 4 and shape[0] == 3:
            found.append((name, shape, tuple(layers)))
    return tuple(found)


def display_name(text: str, fallback: str) -> str:
    """'ResNet-50 (torchvision, main path)' from a file's first comment line."""
    first = next((ln.lstrip("#").strip() for ln in text.splitlines() if ln.startswith("#")), "")
    base = re.split(r" \(| as |,|:", first, maxsplit=1)[0].strip()
    if not base or len(base) > 40:
        return fallback
    notes = [word for key, word in (("as in the paper", "paper"), ("torchvision", "torchvision"),
                                     ("main path", "main path")) if key in text[:600]]
    return f"{base} ({', '.join(notes)})" if notes else base


class NetworkTrace(Template):
    id = "network-trace"
    title = {"en": "Trace a real network", "zh": "追踪真实网络"}
    quantity = "output_shape"
    tags = ("architectures", "output-size", "parameters")
    knobs = {
        1: {"layers": "the first conv (+ activation)", "ask": ("output_shape", "params"),
            "input": "square, 128..512"},
        2: {"layers": "3-6", "ask": "output_shape",
            "input": "square, 160..384"},
        3: {"layers": ">= 6", "ask": ("output_shape", "params"),
            "input": "non-square (e.g. 3×224×320)"},
    }

    def draw(self, rng: random.Random, level: int) -> Draft | None:
        nets = networks()
        if not nets:
            raise ProblemError("no network files found in quizcnn's data/architectures folder; "
                               "reinstall quizcnn")
        name, shape, layers = pick(rng, nets)
        specs = [_spec(shown, layer) for shown, layer in layers]
        if level == 1:
            n = 1 if rng.random() < 0.5 or len(specs) < 2 else 2
            size = pick(rng, (128, 160, 192, 224, 224, 256, 288, 320, 384, 448, 512))
            x = (shape[0], size, size)
        elif level == 2:
            n = rng.randint(3, min(6, len(specs)))
            size = pick(rng, (160, 192, 224, 224, 256, 288, 320, 384))
            x = (shape[0], size, size)
        else:
            n = rng.randint(min(6, len(specs)), len(specs))
            h, w = pick(rng, ((224, 320), (256, 384), (320, 224), (224, 288), (288, 384)))
            x = (shape[0], h, w)
        specs = specs[:n]
        report = run(x, specs)
        block_en, block_zh = layers_block(specs, x)
        what = "params" if level != 2 and rng.random() < 0.4 else "output_shape"
        intro = (f"These are the first {n} layers of {name}." if n > 1 else
                 f"This is the first layer of {name}.", f"下面是 {name} 的前 {n} 层。")
        answer: int | tuple[int, ...]
        if what == "params":
            q = ("How many learnable parameters do these layers have in total?",
                 "这些层一共有多少个可学习参数？")
            params = report.params
            if params <= 0:
                return None
            answer = params
            steps = params_steps(report)
            mistakes = count_mistakes(x, specs, "params", params)
        else:
            q = ("What is the shape of the output after them?", "经过这些层之后输出的形状是什么？")
            out = tuple(report.output)
            answer = out
            steps = join(size_steps(report), note("Output shape", "输出形状", shape_eq(out)))
            mistakes = shape_mistakes(x, specs, out)
        hints = {
            "en": ["Go layer by layer; activations and BatchNorm keep the shape.",
                   r"Conv/pool size: $\left\lfloor \frac{n + 2p - d(k-1) - 1}{s} \right\rfloor + 1$."],
            "zh": ["逐层计算；激活函数和 BatchNorm 不改变形状。",
                   r"卷积/池化尺寸：$\left\lfloor \frac{n + 2p - d(k-1) - 1}{s} \right\rfloor + 1$。"],
        }
        return Draft(specs=specs, input_shape=x, quantity=what, answer=answer,
                     prompt={"en": f"{intro[0]}\n\n{block_en}\n\n{q[0]}",
                             "zh": f"{intro[1]}\n\n{block_zh}\n\n{q[1]}"},
                     steps=steps, hints=hints, mistakes=mistakes,
                     tags=[name.lower()], extra={"network": name})


TEMPLATES = [NetworkTrace()]
