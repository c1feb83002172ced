"""Problems on the user's own model (``quizcnn generate --model``, issue 20): every answer is
re-checked here without quizcnn's core, from the ONNX file itself (onnx's shape inference,
the initializers' sizes, the operators' attributes) and from what torch measured
(tests/fixtures/*/truth.json: module shapes, FLOPs, the feature map's receptive field)."""

from __future__ import annotations

import gzip
import json
from fractions import Fraction
from pathlib import Path

import pytest

from quizcnn.problems.own_model import load_model, make_problems, module_path

onnx = pytest.importorskip("onnx")

FIX = Path(__file__).parent.parent / "fixtures"
MODELS = {
    "resnet50": (FIX / "onnx" / "resnet50.bn.onnx.gz", FIX / "onnx" / "truth.json"),
    "mobilenet_v2": (FIX / "onnx" / "mobilenet_v2.bn.onnx.gz", FIX / "onnx" / "truth.json"),
    "small_unet": (FIX / "own" / "small_unet.onnx.gz", FIX / "own" / "truth.json"),
}
KINDS = {"shape", "block-params", "stage-flops", "stage-rf", "memory"}


class Graph:
    """The ONNX file read with onnx alone: nodes by name, output shapes (batch dropped)."""

    def __init__(self, path: Path) -> None:
        model = onnx.load_model_from_string(gzip.decompress(path.read_bytes()))
        inferred = onnx.shape_inference.infer_shapes(model)
        self.graph = model.graph
        self.nodes = {n.name: n for n in model.graph.node}
        self.inits = {t.name: list(t.dims) for t in model.graph.initializer}
        self.shapes: dict[str, list[int]] = {}
        for vi in [*inferred.graph.value_info, *inferred.graph.output, *inferred.graph.input]:
            dims = [d.dim_value for d in vi.type.tensor_type.shape.dim]
            self.shapes[vi.name] = dims[1:]

    def out(self, node: str) -> list[int]:
        return self.shapes[self.nodes[node].output[0]]

    def attr(self, node, name, default):
        for a in node.attribute:
            if a.name == name:
                return onnx.helper.get_attribute_value(a)
        return default

    def params(self, node: str) -> int:
        n = self.nodes[node]
        inputs = list(n.input[1:3] if n.op_type == "BatchNormalization" else n.input[1:])
        return sum(_prod(self.inits[i]) for i in inputs if i in self.inits)

    def flops(self, node: str) -> int:
        """2 x MACs of a Conv / ConvTranspose / Gemm node from its weight's dims, else 0."""
        n = self.nodes[node]
        if n.op_type not in ("Conv", "ConvTranspose", "Gemm"):
            return 0
        w = _prod(self.inits[n.input[1]])
        if n.op_type == "Gemm":
            return 2 * w
        if n.op_type == "Conv":
            return 2 * _prod(self.out(node)[1:]) * w
        return 2 * _prod(self.shapes[n.input[0]][1:]) * w

    def rf_heights(self) -> dict[str, int]:
        """Receptive field size along the height of every tensor, from the operators'
        attributes: a window widens the box by d(k-1) - p and p jumps; every other operator
        takes the box covering its spatial inputs; global pools, Resize and ConvTranspose end
        the field."""
        box = {self.graph.input[0].name: (0, 0, 1)}
        for n in self.graph.node:
            ins = [box[i] for i in n.input if i in box]
            if not ins or n.op_type in ("GlobalAveragePool", "ReduceMean", "Resize",
                                        "ConvTranspose", "Flatten", "Gemm"):
                continue
            if n.op_type in ("Conv", "MaxPool", "AveragePool"):
                (lo, hi, j), = ins
                k = self.attr(n, "kernel_shape", None) or self.inits[n.input[1]][2:]
                s = self.attr(n, "strides", [1, 1])[0]
                p = self.attr(n, "pads", [0, 0, 0, 0])[0]
                d = self.attr(n, "dilations", [1, 1])[0]
                box[n.output[0]] = (lo - p * j, hi + (d * (k[0] - 1) - p) * j, j * s)
            else:
                box[n.output[0]] = (min(b[0] for b in ins), max(b[1] for b in ins), ins[0][2])
        return {name: hi - lo + 1 for name, (lo, hi, _) in box.items()}


def _prod(values) -> int:
    out = 1
    for v in values:
        out *= int(v)
    return out


@pytest.fixture(scope="module", params=sorted(MODELS))
def case(request):
    path, truth = MODELS[request.param]
    model = load_model(str(path))
    problems = make_problems(model, 25, seed=11)
    return request.param, model, problems, Graph(path), json.loads(truth.read_text())[request.param]


def test_every_kind_is_asked(case):
    name, _model, problems, *_ = case
    assert {p.extra["kind"] for p in problems} == KINDS, name
    assert len({(p.extra["kind"], repr(p.extra["subject"])) for p in problems}) == len(problems)


def test_answers_recomputed_without_the_core(case):
    name, model, problems, g, truth = case
    rf = g.rf_heights()
    params = truth["params"]
    assert model.report.params == (params["bn"] if isinstance(params, dict) else params)
    for p in problems:
        kind, extra = p.extra["kind"], p.extra
        if kind == "shape":
            node = extra["node"]
            assert list(p.answer) == g.out(node), node
            calls = truth["modules"].get(module_path(node))
            if calls is not None and len(calls) == 1:
                assert list(p.answer) == calls[0]  # what torch's forward hook saw
        elif kind == "block-params":
            assert p.answer == sum(g.params(n) for n in extra["nodes"]), extra["block"]
            assert all(module_path(n).startswith(extra["block"]) for n in extra["nodes"])
        elif kind == "stage-flops":
            assert extra["total_flops"] == truth["flops"]  # FlopCounterMode's total
            stage = sum(g.flops(n) for n in extra["nodes"])
            assert p.answer == Fraction(stage, truth["flops"])
        elif kind == "stage-rf":
            node = extra["node"]
            assert p.answer == rf[g.nodes[node].output[0]], node
            fm = truth.get("feature_map")
            if fm and fm.get("rf") and model.report.feature_map.node.name == node:
                assert p.answer == fm["rf"]["size"][0]  # measured by torch's gradients
        elif kind == "memory":
            biggest = max(_prod(g.out(n)) for n in g.nodes if g.nodes[n].output[0] in g.shapes)
            chosen = extra["option_nodes"][p.answer - 1]
            assert _prod(g.out(chosen)) == biggest == extra["elements"]
            others = [n for i, n in enumerate(extra["option_nodes"], 1) if i != p.answer]
            assert all(_prod(g.out(n)) < biggest for n in others)


def test_the_answer_text_grades_right_and_solutions_are_in_both_languages(case):
    _name, _model, problems, *_ = case
    for p in problems:
        assert p.check(p.answer_text.split(" (")[0].split(" ≈")[0]).correct, p.answer_text
        en, zh = p.steps["en"], p.steps["zh"]
        assert en and len(en) == len(zh)
        assert any("\u4e00" <= ch <= "\u9fff" for s in zh for ch in s.title)
        assert all(s.title for s in en + zh)
        assert p.prompt["en"] != p.prompt["zh"]
        assert any("\u4e00" <= ch <= "\u9fff" for ch in p.prompt["zh"])
        for m in p.misconceptions:
            assert not p.check(str(m.value if not isinstance(m.value, tuple)
                                   else "x".join(map(str, m.value)))).correct


def test_worked_solution_ends_at_the_answer(case):
    _name, _model, problems, *_ = case
    for p in problems:
        last = p.steps["en"][-1].result
        kind = p.extra["kind"]
        if kind == "shape":
            assert " \\times ".join(map(str, p.answer)) in last
        elif kind == "block-params":
            assert f"P = {p.answer:,}" in last
        elif kind == "stage-flops":
            assert f"{p.answer.numerator}/{p.answer.denominator}" in last or \
                (p.answer.denominator == 1 and str(p.answer.numerator) in last)
        elif kind == "stage-rf":
            assert f"r = {p.answer}," in last
        else:
            assert f"N = {p.extra['elements']:,}" in last


def test_same_seed_same_problems():
    path = str(MODELS["small_unet"][0])
    a = [p.to_dict() for p in make_problems(load_model(path), 6, seed=5)]
    b = [p.to_dict() for p in make_problems(load_model(path), 6, seed=5)]
    assert a == b
