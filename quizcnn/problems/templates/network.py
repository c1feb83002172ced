"""Trace the start of a real network (AlexNet, VGG, ResNet): shapes and parameters.

The layers come from ``data/architectures/*.txt`` (read with the core's parser); while that
folder is empty a small embedded copy of the three stems (torchvision's definitions) is used.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache

from quizcnn.problems.common import TEXT, layer_spec, pick, run
from quizcnn.problems.solutions import join, note, params_steps, size_steps
from quizcnn.problems.templates.base import Draft, Template, layers_block
from quizcnn.problems.templates.output_size import shape_mistakes
from quizcnn.problems.templates.params import count_mistakes

# Embedded fallback: the first layers of torchvision's models (input 3x224x224).
FALLBACK = {
    "AlexNet": """
Conv2d(3, 64, kernel_size=11, stride=4, padding=2)
ReLU(inplace=True)
MaxPool2d(kernel_size=3, stride=2)
Conv2d(64, 192, kernel_size=5, padding=2)
ReLU(inplace=True)
MaxPool2d(kernel_size=3, stride=2)
Conv2d(192, 384, kernel_size=3, padding=1)
ReLU(inplace=True)
Conv2d(384, 256, kernel_size=3, padding=1)
ReLU(inplace=True)
Conv2d(256, 256, kernel_size=3, padding=1)
ReLU(inplace=True)
MaxPool2d(kernel_size=3, stride=2)
""",
    "VGG-16": """
Conv2d(3, 64, kernel_size=3, padding=1)
ReLU(inplace=True)
Conv2d(64, 64, kernel_size=3, padding=1)
ReLU(inplace=True)
MaxPool2d(kernel_size=2, stride=2)
Conv2d(64, 128, kernel_size=3, padding=1)
ReLU(inplace=True)
Conv2d(128, 128, kernel_size=3, padding=1)
ReLU(inplace=True)
MaxPool2d(kernel_size=2, stride=2)
Conv2d(128, 256, kernel_size=3, padding=1)
ReLU(inplace=True)
Conv2d(256, 256, kernel_size=3, padding=1)
ReLU(inplace=True)
""",
    "ResNet-18": """
Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False)
BatchNorm2d(64)
ReLU(inplace=True)
MaxPool2d(kernel_size=3, stride=2, padding=1)
Conv2d(64, 64, kernel_size=3, stride=1, padding=1, bias=False)
BatchNorm2d(64)
ReLU(inplace=True)
Conv2d(64, 64, kernel_size=3, stride=1, padding=1, bias=False)
BatchNorm2d(64)
""",
}
_INPUT = re.compile(r"input[^0-9\n]*(\d+)\s*[x×,]\s*(\d+)\s*[x×,]\s*(\d+)", re.IGNORECASE)


HEAD = {"Flatten", "Linear", "AdaptiveAvgPool2d", "AdaptiveMaxPool2d", "Dropout"}
MAX_LAYERS = 16
_PREFIX = re.compile(r"^\([\w.]+\):\s*|^(?:torch\.)?nn\.")


def _read(text: str) -> list[tuple[str, object]]:
    """(shown text, layer) for each line of a network file, in order, up to the first line
    the parser cannot follow. The text is the line as written, minus a print(model) name."""
    from quizcnn.core import LayerError, parse_layer

    layers = []
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


def _chained(shape, layers):
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


def _spec(shown: str, layer):
    spec = layer_spec(layer)
    return (TEXT, (shown,), {}) if spec[0] == TEXT else spec


@lru_cache(maxsize=1)
def networks() -> tuple[tuple[str, tuple[int, ...], tuple], ...]:
    """(name, input shape, layers) for each network; from data/architectures when present."""
    found = []
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
        name = path.stem
        m = _INPUT.search(text)
        shape = tuple(int(v) for v in m.groups()) if m else (3, 224, 224)
        layers = _chained(shape, _read(text))
        if len(layers) >= 4 and shape[0] == 3:
            found.append((name, shape, tuple(layers)))
    if found:
        return tuple(found)
    return tuple((name, (3, 224, 224), tuple(_read(text))) for name, text in FALLBACK.items())


def using_fallback() -> bool:
    return {n for n, _, _ in networks()} == set(FALLBACK)


class NetworkTrace(Template):
    id = "network-trace"
    title = {"en": "Trace a real network", "zh": "追踪真实网络"}
    quantity = "output_shape"
    tags = ("architectures", "output-size", "parameters")
    knobs = {
        1: {"layers": "the first conv (+ activation)", "ask": ("output_shape", "params"),
            "input": "square, 128..512"},
        2: {"layers": "3-6 (through the first pool)", "ask": "output_shape",
            "input": "square, 160..384"},
        3: {"layers": ">= 6", "ask": ("output_shape", "params"),
            "input": "non-square (e.g. 3×224×320)"},
    }

    def draw(self, rng: random.Random, level: int):
        name, shape, layers = pick(rng, networks())
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
        intro = (f"These are the first {n} layer(s) of {name}.", f"下面是 {name} 的前 {n} 层。")
        if what == "params":
            q = ("How many learnable parameters do these layers have in total?",
                 "这些层一共有多少个可学习参数?")
            answer = report.params
            if answer <= 0:
                return None
            steps = params_steps(report)
            mistakes = count_mistakes(x, specs, "params", answer)
        else:
            q = ("What is the shape of the output after them?", "经过这些层之后输出的形状是什么?")
            answer = tuple(report.output)
            steps = join(size_steps(report), note("Output shape (C×H×W)", "输出形状(C×H×W)",
                                                  "$" + r" \times ".join(map(str, answer)) + "$"))
            mistakes = shape_mistakes(x, specs, answer)
        hints = {
            "en": ["Go layer by layer; activations and BatchNorm keep the shape.",
                   r"Conv/pool size: $\left\lfloor \frac{n + 2p - d(k-1) - 1}{s} \right\rfloor + 1$."],
            "zh": ["逐层计算;激活函数和 BatchNorm 不改变形状。",
                   r"卷积/池化尺寸:$\left\lfloor \frac{n + 2p - d(k-1) - 1}{s} \right\rfloor + 1$。"],
        }
        return Draft(specs=specs, input_shape=x, quantity=what, answer=answer,
                     prompt={"en": f"{intro[0]}\n\n{block_en}\n\n{q[0]}",
                             "zh": f"{intro[1]}\n\n{block_zh}\n\n{q[1]}"},
                     steps=steps, hints=hints, mistakes=mistakes,
                     tags=[name.lower()], extra={"network": name})


TEMPLATES = [NetworkTrace()]
