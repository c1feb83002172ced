"""``print(model)`` text: ``Model(``, ``(name): Sequential(``, ``(0): Conv2d(...)``, ``)``.

Containers whose children run one after another are followed, parallel branches refused (or,
for residual side branches, skipped on request), and a ``Flatten()`` inserted before the first
Linear after 2-d/3-d layers (torchvision flattens in ``forward()``, which print(model) does not
show). Each leaf line is read by :class:`quizcnn.core.parse.calls.CallReader`."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from quizcnn.core.base import Layer
from quizcnn.core.layers import LAYER_NAMES, make_layer
from quizcnn.core.parse.calls import CallReader
from quizcnn.core.parse.common import (
    MAX_LAYER_CHARS,
    MAX_LAYERS,
    PRINT_PREFIX,
    ast_parse,
    parse_error,
    snippet,
    strip_comment,
)

# Containers whose children, in printed order, are the path the data takes.
_CHAIN_BLOCKS = frozenset(
    {
        "Sequential",
        "BasicBlock",  # torchvision ResNet: main path; (downsample) is the branch
        "Bottleneck",
        "Conv2dNormActivation",
        "Conv3dNormActivation",
        "ConvNormActivation",
        "ConvBNReLU",
        "ConvBNActivation",
        "BasicConv2d",  # Inception's conv + bn
        "InvertedResidual",  # MobileNetV2/V3: identity shortcut, same shape
        "_Transition",  # DenseNet transition: norm, relu, conv, pool
    }
)
# Containers whose children run side by side (or scale the input): no single chain.
_PARALLEL_BLOCKS = frozenset(
    {
        "InceptionA",
        "InceptionB",
        "InceptionC",
        "InceptionD",
        "InceptionE",
        "InceptionAux",
        "Inception",
        "Fire",
        "SqueezeExcitation",
        "_DenseLayer",
        "_DenseBlock",
        "ModuleDict",
    }
)
# Child names that are a side path of a residual block.
_REPEAT = re.compile(r"([1-9][0-9]{0,3}) x (?=[A-Za-z_])")
# Layers without "2d"/"3d" in their name that still change the spatial map.
_SPATIAL_ANY_RANK = frozenset({"Upsample", "PixelShuffle", "PixelUnshuffle"})
_BRANCH_NAMES = frozenset({"downsample", "shortcut", "skip", "residual", "proj_shortcut"})


# Layers that end a squeeze-excitation style gate (a Sequential used as ``x * gate(x)``).
_GATE_ENDS = frozenset({"Sigmoid", "Hardsigmoid"})


@dataclass(frozen=True)
class Origin:
    """Where a layer of the analysed stack came from: the 1-based ``line`` of the text and the
    line as written (``text``); ``inserted``: a Flatten quizcnn added (print(model) does not
    show the flatten ``forward()`` does before the first Linear)."""

    line: int | None
    text: str
    inserted: bool = False
    path: str = ""  # print(model)'s module path: "classifier.1"


@dataclass(frozen=True)
class CustomBlock:
    """A block whose ``forward()`` print(model) does not show: a custom top-level class
    (``label``, ``line``), run in printed order only as an assumption, and the plain
    Sequentials directly inside it (``nested``: ``(name, line, looks_like_gate)``)."""

    label: str
    line: int
    nested: tuple[tuple[str, int, bool], ...] = ()

    def note(self) -> str:
        """What running this class in printed order assumed, for every output that shows
        numbers computed from it."""
        text = (
            f"{self.label} (line {self.line}) is a custom class: quizcnn ran its modules in the "
            "printed order, which is an assumption. print(model) does not show forward(): a "
            "module used twice (one pool after several convs), a functional call (F.relu, "
            "F.adaptive_avg_pool2d, torch.flatten) or a torch.cat is invisible in it, and the "
            "numbers are then wrong; an ONNX export of the model gives exact numbers: quizcnn "
            "calc model.onnx (see 'Your own model' in the README)."
        )
        gates = [(n, ln) for n, ln, gate in self.nested if gate]
        plain = [(n, ln) for n, ln, gate in self.nested if not gate]
        if gates:
            which = ", ".join(f"({n}) on line {ln}" for n, ln in gates[:3])
            text += (
                f" {which} looks like a squeeze-excitation gate (a global pool ... Sigmoid): "
                "forward() probably computes x * gate(x), which keeps x's shape; run in printed "
                "order, the layers after it see a 1x1 map instead."
            )
        if plain:
            which = ", ".join(f"({n}) on line {ln}" for n, ln in plain[:3])
            more = f" and {len(plain) - 3} more" if len(plain) > 3 else ""
            text += (
                f" The plain Sequential {which}{more} inside it ran in place, one after "
                "another; its order inside is known, but not how forward() uses it."
            )
        return text


class PrintedModel:
    def __init__(self, lines: list[str], skip_branches: bool = False):
        self.lines = lines
        self.skip_branches = skip_branches
        self.skipped: list[str] = []
        self.out: list[Layer] = []
        self.origins: list[Origin] = []  # one per layer of ``out``
        self.custom: list[CustomBlock] = []  # custom top-level classes, in order
        self._nested: list[tuple[str, int, bool]] = []
        self.spatial_end: int | None = None  # insert point for an implicit Flatten

    def run(self) -> list[Layer]:
        stack: list[tuple[str | None, str, int, int, int]] = []  # name, type, line, times, start
        skip_depth = 0  # > 0 while inside a skipped residual branch
        for i, raw in enumerate(self.lines, start=1):
            line = strip_comment(raw).rstrip()
            body = line.strip()
            if not body:
                continue
            opens = body.endswith("(") and body.count("(") > body.count(")")
            if body == ")":
                if skip_depth:
                    skip_depth -= 1
                    continue
                if not stack:
                    raise parse_error("')' closes no block", line=i)
                name, kind, ln, times, start = stack.pop()
                self._closed(name, kind, ln, start, stack)
                self._repeat(start, times, i)
                continue
            if skip_depth:
                skip_depth += 1 if opens else 0
                continue
            m = PRINT_PREFIX.match(line)
            name = m.group(1) if m else None
            col0 = m.end() if m else len(line) - len(line.lstrip())
            body = line[col0:]
            times = 1
            rep = _REPEAT.match(body)
            if rep and m:  # ModuleList prints equal children once: "(0-2): 3 x Conv2d(...)"
                times = int(rep.group(1))
                col0 += rep.end()
                body = body[rep.end() :]
            if name is not None and self._branch(name, stack, i):
                skip_depth = 1 if opens else 0
                continue
            if opens:
                kind = body[:-1].strip()
                self._open(kind, name, stack, i)
                stack.append((name, kind, i, times, len(self.out)))
                continue
            kind = body.split("(", 1)[0].strip()
            if kind.rsplit(".", 1)[-1] in ("Sequential", "ModuleList") and re.fullmatch(
                r"[\w.]+\(\s*\)", body
            ):
                continue  # an empty container prints as "Sequential()"
            start = len(self.out)
            names = [entry[0] for entry in stack if entry[0] is not None]
            path = ".".join([*names, name]) if name is not None else ".".join(names)
            self._leaf(body, i, col0, body.strip(), path)
            self._repeat(start, times, i)
        if stack:
            name, kind, ln, *_ = stack[-1]
            label = f"({name}): {kind}" if name else kind
            raise parse_error(
                f"the block {snippet(label, 40)} opened on line {ln} is never closed", line=ln
            )
        return self.out

    def _repeat(self, start: int, times: int, i: int) -> None:
        """Emit the layers read since ``start`` another ``times - 1`` times."""
        block = list(zip(self.out[start:], self.origins[start:], strict=True))
        if times > 1 and len(self.out) + len(block) * (times - 1) > MAX_LAYERS:
            raise parse_error(f"more than {MAX_LAYERS:,} layers", line=i)
        for _ in range(times - 1):
            for layer, origin in block:
                if not origin.inserted:
                    self._emit(layer, origin)

    def _closed(self, name: str | None, kind: str, line: int, start: int,
                stack: list[tuple[str | None, str, int, int, int]]) -> None:
        """Record custom top-level classes and the plain Sequentials directly inside them."""
        short = kind.rsplit(".", 1)[-1]
        if not stack:
            if short not in _CHAIN_BLOCKS:
                label = f"({name}): {kind}" if name else kind
                self.custom.append(CustomBlock(snippet(label, 60), line, tuple(self._nested)))
            self._nested = []
            return
        if len(stack) == 1 and short == "Sequential" and stack[0][1].rsplit(".", 1)[-1] \
                not in _CHAIN_BLOCKS:
            kinds = [layer.kind for layer, o in zip(self.out[start:], self.origins[start:],
                                                     strict=True) if not o.inserted]
            gate = bool(kinds) and kinds[0].startswith("Adaptive") and kinds[-1] in _GATE_ENDS
            self._nested.append((snippet(name or kind, 40), line, gate))

    def _branch(self, name: str, stack: list[tuple[str | None, str, int, int, int]], i: int) -> bool:
        """True to skip a residual side branch; ParseError for a branch that cannot be followed."""
        parent = stack[-1][1] if stack else "the model"
        if name.startswith("branch"):
            raise parse_error(
                f"({snippet(name, 30)}) is one of several parallel branches ({snippet(parent, 30)}); "
                "quizcnn follows one chain of layers. Replace the block with one branch's layers.",
                line=i,
                rule="parallel-branch",
            )
        if name not in _BRANCH_NAMES:
            return False
        if self.skip_branches:
            path = ".".join(entry[0] for entry in stack if entry[0] is not None)
            self.skipped.append(f"line {i}: ({snippet(f'{path}.{name}' if path else name, 60)})")
            return True
        raise parse_error(
            f"({name}) is a parallel branch of a residual block ({snippet(parent, 30)}); quizcnn "
            "follows one chain of layers. Delete the block to analyze the main path "
            "(quizcnn calc --main-path skips such branches).",
            line=i,
            rule="parallel-branch",
        )

    def _open(self, kind: str, name: str | None, stack: list[tuple[str | None, str, int, int, int]], i: int) -> None:
        short = kind.rsplit(".", 1)[-1]
        label = f"({name}): {kind}" if name else kind
        if not re.fullmatch(r"[A-Za-z_][\w.]{0,80}", kind):
            raise parse_error(f"cannot read the block header {snippet(label, 50)!r}", line=i)
        if short in _PARALLEL_BLOCKS:
            raise parse_error(
                f"{snippet(label, 50)} has parallel branches; quizcnn follows one chain of layers. "
                "Replace it with the layers of one branch.",
                line=i,
                rule="parallel-branch",
            )
        if short in LAYER_NAMES:
            raise parse_error(f"{short}( must be written on one line in print(model) text", line=i)
        if stack and short not in _CHAIN_BLOCKS:
            raise parse_error(
                f"{snippet(label, 50)}: quizcnn does not know whether this block's children run "
                "one after another; if they do, write Sequential instead of its name",
                line=i,
                rule="unknown-block",
            )

    def _leaf(self, body: str, i: int, col0: int, written: str, path: str) -> None:
        if len(body) > MAX_LAYER_CHARS:
            raise parse_error(f"layer text longer than {MAX_LAYER_CHARS:,} characters", body, i)
        tree = ast_parse(body.strip(), "eval", body, line=i, col0=col0)
        reader = CallReader(body.strip(), line0=i - 1, col0=col0, numbered=True)
        node = tree.body
        if isinstance(node, ast.Tuple) and len(node.elts) == 1:
            node = node.elts[0]
        origin = Origin(i, snippet(written, 120), path=snippet(path, 80))
        for layer in reader.item(node):
            self._emit(layer, origin)
            if len(self.out) > MAX_LAYERS:
                raise parse_error(f"more than {MAX_LAYERS:,} layers", line=i)

    def _emit(self, layer: Layer, origin: Origin) -> None:
        kind = layer.kind
        if kind == "Linear" and self.spatial_end is not None:
            self.out.insert(self.spatial_end, make_layer("Flatten", [], {}))
            self.origins.insert(self.spatial_end, Origin(origin.line, origin.text, True,
                                                         origin.path))
            self.spatial_end = None
        if kind.endswith(("2d", "3d")) or kind in _SPATIAL_ANY_RANK:
            self.spatial_end = len(self.out) + 1
        elif kind in ("Flatten", "Linear"):
            self.spatial_end = None
        self.out.append(layer)
        self.origins.append(origin)


_AVGPOOL_CALL = re.compile(r"\bAvgPool[123]d\(")


def hidden_avgpool_options(text: str) -> bool:
    """True when ``text`` is print(model) output with an AvgPool line that does not state
    ceil_mode: PyTorch's repr leaves out ceil_mode and count_include_pad, so the defaults
    (False, True) are what parse_layers assumes there."""
    if not isinstance(text, str):
        return False
    lines = text.splitlines()
    if not any(PRINT_PREFIX.match(ln) for ln in lines):
        return False
    return any(
        _AVGPOOL_CALL.search(ln) and "ceil_mode" not in ln for ln in map(strip_comment, lines)
    )
