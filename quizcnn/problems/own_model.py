"""Problems on the user's own network: ``quizcnn generate --model`` and ``quizcnn drill --model``.

A model file is an ONNX graph (read by ``quizcnn.onnx_reader``, exact) or layer text
(constructor calls or ``print(model)`` output, read by ``quizcnn.core.parse`` and run as a
chain, with the notes of what the text could not show). Either way the network becomes one
``quizcnn.core.graph.GraphReport``, and every answer and worked-solution number is read from it
(the kinds of question are in ``own_model_kinds``). The problems are ``Problem`` objects like
the templates' (same grading, same answer forms), with ``template == "own-model"``; they are
not bank cards, so a drill on them is a practice session and nothing is scheduled or logged.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from quizcnn.core.graph import GraphReport, NodeReport
from quizcnn.problems.model import Problem

if TYPE_CHECKING:
    from quizcnn.core.errors import LayerError
    from quizcnn.core.parse import Parsed

TEMPLATE = "own-model"
MAX_TEXT_BYTES = 2_000_000
MAX_COUNT = 200


class ModelFileError(Exception):
    """A model file that cannot be read (missing, not a regular file, too big, not a model)."""


@dataclass
class OwnModel:
    """A user's network: its name (the file as given), the core's report, what was assumed
    (``notes``), and the label shown for each node (module path, or the node's own name)."""

    name: str
    report: GraphReport
    notes: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    onnx: bool = False

    def label(self, r: NodeReport) -> str:
        return self.labels.get(r.node.name) or r.node.name


@dataclass
class Stage:
    """A run of nodes at one spatial resolution (``key`` "56x56"), or the head after the
    feature map (``key`` "head")."""

    key: str
    nodes: list[NodeReport]

    @property
    def flops(self) -> int:
        return sum(r.flops for r in self.nodes)

    @property
    def params(self) -> int:
        return sum(r.params for r in self.nodes)

    @property
    def last(self) -> NodeReport:
        """The last node with a spatial field (the stage's output), else the last node."""
        spatial = [r for r in self.nodes if r.field.state == "spatial"]
        return spatial[-1] if spatial else self.nodes[-1]


def stages(report: GraphReport) -> list[Stage]:
    """Consecutive runs of nodes at one spatial resolution, then the head (the nodes after the
    feature map). A node of a global branch (a gate) stays in the stage it sits in."""
    fm = report.feature_map
    fm_index = fm.index if fm is not None else len(report.nodes) - 1
    rank = len(report.input)
    result: list[Stage] = []
    for r in report.nodes:
        if r.index > fm_index:
            key = "head"
        elif r.field.state == "spatial":
            key = "x".join(str(r.output[a]) for a in r.field.axes)
        elif r.field.state != "global" and len(r.output) == rank and rank >= 2:
            key = "x".join(map(str, r.output[1:]))  # no single field (after a ConvTranspose)
        else:
            key = result[-1].key if result else "head"
        if not result or result[-1].key != key:
            result.append(Stage(key, []))
        result[-1].nodes.append(r)
    return result


# -- reading a model file ------------------------------------------------------------------------
def load_model(path: str, input_shape: tuple[int, ...] | None = None) -> OwnModel:
    """The model in ``path`` (ONNX, gzipped ONNX, or layer text). ModelFileError (one line)
    for a file that cannot be read or analysed. Layer text needs ``input_shape``."""
    import os
    import stat

    from quizcnn.core.errors import LayerError

    shown = _clean(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ModelFileError(f"{shown}: no such file") from None
    except OSError as e:
        raise ModelFileError(f"{shown}: cannot read ({e.strerror or type(e).__name__})") from None
    if stat.S_ISDIR(st.st_mode):
        raise ModelFileError(f"{shown} is a directory, not a model file")
    if not stat.S_ISREG(st.st_mode):
        raise ModelFileError(f"{shown} is not a regular file (a FIFO or device is never read)")
    try:
        with open(path, "rb") as fh:
            head = fh.read(64)
    except OSError as e:
        raise ModelFileError(f"{shown}: cannot read ({e.strerror or type(e).__name__})") from None
    from quizcnn.onnx_reader import looks_like_onnx

    try:
        if head[:2] == b"\x1f\x8b" or looks_like_onnx(head):
            return _load_onnx(path, shown, input_shape)
        return _load_text(path, shown, input_shape, st.st_size)
    except LayerError as e:
        raise ModelFileError(f"{shown}: {e.plain()}") from None


def _clean(text: object) -> str:
    from quizcnn.termtext import clean

    return clean(str(text), one_line=True)


def _load_onnx(path: str, shown: str, input_shape: tuple[int, ...] | None) -> OwnModel:
    from quizcnn.onnx_reader import OnnxError, analyze_onnx, load, looks_like_onnx, read_bytes

    try:
        data = read_bytes(path)
        if not looks_like_onnx(data[:64]):
            raise ModelFileError(f"{shown} is gzip data but not an ONNX model")
        model = analyze_onnx(load(data, shown), input_shape)
    except OnnxError as e:
        text = _clean(e)
        raise ModelFileError(text if text.startswith(shown) else f"{shown}: {text}") from None
    labels = {r.node.name: module_path(r.node.name) for r in model.report.nodes}
    return OwnModel(_base(shown), model.report, list(model.notes), labels, onnx=True)


def _base(shown: str) -> str:
    import os

    return os.path.basename(shown) or shown


def module_path(node: str) -> str:
    """The module path in a node name of PyTorch's TorchScript exporter: '/layer1/layer1.0/
    conv1/Conv' -> 'layer1.0.conv1', '/features/features.1/conv/conv.0/conv.0.0/Conv' ->
    'features.1.conv.0.0' (a scope extending the one before it replaces it; any other is a
    child's name); the name itself when it has no scopes."""
    scopes = node.strip("/").split("/")
    if len(scopes) < 2 or not node.startswith("/"):
        return node
    parts: list[str] = []
    for scope in scopes[:-1]:
        if parts and scope.startswith(parts[-1] + "."):
            parts[-1] = scope
        else:
            parts.append(scope)
    return ".".join(parts)


def _located(err: LayerError, parsed: Parsed, shown: str) -> str:
    """A layer error of layer text at its file line and the layer as written."""
    i = err.index
    if i is None or not 0 <= i < len(parsed.origins):
        return f"{shown}: {err.plain()}"
    if parsed.origins[i].line is None:
        return f"{shown}: layer {i + 1} {parsed.origins[i].text}: {err.message}"
    o = parsed.origins[i]
    at = f" ({o.path})" if o.path else ""
    text = f"{shown} line {o.line}{at}: {o.text}: {err.message}"
    if parsed.printed and i > 0:  # the first layer meets --input, not forward()
        text += (". print(model) text is run in printed order; forward() probably does "
                 "something the text does not show (a module used twice, a functional call, a "
                 "torch.cat): an ONNX export of the model gives exact numbers")
    return text


def _load_text(path: str, shown: str, input_shape: tuple[int, ...] | None,
               size: int) -> OwnModel:
    from quizcnn.core.errors import LayerError
    from quizcnn.core.graph import Node, analyze_graph
    from quizcnn.core.parse import parse_text
    from quizcnn.fileio import FileRefused, read_bytes

    if size > MAX_TEXT_BYTES:
        raise ModelFileError(f"{shown} is larger than {MAX_TEXT_BYTES:,} bytes and not an ONNX "
                             "model; not a layer list")
    try:
        raw = read_bytes(path, cap=MAX_TEXT_BYTES)
    except FileRefused as e:
        raise ModelFileError(_clean(e)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ModelFileError(f"{shown} is neither an ONNX model nor UTF-8 layer text") from None
    if input_shape is None:
        raise ModelFileError(f"{shown} is layer text: give the input shape with --input, e.g. "
                             "--input 3x224x224 (an ONNX file carries its own)")
    parsed = parse_text(text)
    nodes, labels, seen = [], {}, set()
    prev = "input"
    for i, (layer, origin) in enumerate(zip(parsed.layers, parsed.origins, strict=True)):
        base = origin.path or f"layer {i + 1}"
        if origin.inserted:
            base = "Flatten (inserted)"
        name, k = base, 1
        while name in seen:
            k += 1
            name = f"{base}#{k}"
        seen.add(name)
        nodes.append(Node(name, layer, (prev,)))
        labels[name] = name
        prev = name
    try:
        report = analyze_graph(input_shape, nodes)
    except LayerError as e:
        raise ModelFileError(_located(e, parsed, shown)) from None
    notes = [custom.note() for custom in parsed.custom]
    return OwnModel(_base(shown), report, notes, labels)


# -- problems ------------------------------------------------------------------------------------
def make_problems(model: OwnModel, count: int, seed: int) -> list[Problem]:
    """``count`` different problems on ``model`` (fewer when the model has fewer to ask),
    reproducible from ``seed``: the kinds take turns in an order drawn from the seed."""
    from quizcnn.problems.own_model_kinds import KINDS, problem_key

    rng = random.Random(f"{TEMPLATE}:{seed}")
    order = list(KINDS)
    rng.shuffle(order)
    out: list[Problem] = []
    seen: set[tuple[str | None, str | tuple[str, ...] | None]] = set()
    dead: set[str] = set()
    tries = 0
    while len(out) < count and len(dead) < len(order) and tries < 30 * count + 30:
        kind = order[tries % len(order)]
        tries += 1
        if kind in dead:
            continue
        problem = KINDS[kind](model, rng, seed + len(out))
        if problem is None:
            dead.add(kind)
            continue
        key = problem_key(problem)
        if key in seen:
            continue
        seen.add(key)
        out.append(problem)
    return out
