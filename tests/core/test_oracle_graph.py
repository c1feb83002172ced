"""The graph core against the numpy oracle on random small DAGs: residual adds, channel
concatenation and squeeze-excitation style gates (a global mean multiplied in).

Shapes, parameters and MACs are read off the arrays the oracle computes; receptive fields come
from its backward pass through the whole DAG (gates held constant, as the core's field of the
spatial paths is defined); ``global_context`` must be set exactly when that backward pass
meets a gate.
"""

from __future__ import annotations

import itertools

import oracle
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oracle import GNode, OracleError, Spec

from quizcnn.core import LayerError, analyze, make_layer
from quizcnn.core.graph import Node, analyze_graph, chain_nodes
from quizcnn.core.graph_ops import (
    Concat,
    Elementwise,
    Reduce,
    Reshape,
    Slice,
    Transpose,
)


@st.composite
def window(draw, c):
    kind = draw(st.sampled_from(["Conv", "Conv", "MaxPool", "AvgPool"]))
    k = draw(st.integers(1, 4))
    s = draw(st.integers(1, 3))
    if kind == "Conv":
        cout = draw(st.integers(1, 3))
        kw = {"stride": s, "padding": draw(st.integers(0, 2)), "dilation": draw(st.integers(1, 2))}
        return Spec("Conv2d", (c, cout, k), kw)
    kw = {"stride": s, "padding": draw(st.integers(0, k // 2)), "ceil_mode": draw(st.booleans())}
    return Spec(f"{kind}2d", (k,), kw)


def _channels(shapes, j, c0):
    return c0 if j == -1 else shapes[j][0]


@st.composite
def dag(draw):
    """A random DAG; merges are only drawn where the oracle's shapes allow them."""
    c0, n = draw(st.integers(1, 2)), draw(st.integers(8, 18))
    nodes: list[GNode] = []
    shapes: list[tuple[int, ...]] = []  # the oracle's, to pick compatible merge partners
    for _ in range(draw(st.integers(2, 7))):
        pool = list(range(-1, len(nodes)))
        shape_of = {-1: (c0, n, n), **dict(enumerate(shapes))}
        pool = [j for j in pool if j == -1 or nodes[j].op != "GAP"]
        what = draw(st.sampled_from(["layer", "layer", "add", "concat", "gate", "slice"]))
        src = draw(st.sampled_from(pool))
        if what == "layer":
            new = [GNode(draw(window(shape_of[src][0])), (src,))]
        elif what == "slice":  # a channel split or a crop / subsampling of a spatial axis
            args = (draw(st.integers(0, 2)), draw(st.integers(-3, 3)),
                    draw(st.sampled_from([None, -2, -1, 4, 9])), draw(st.integers(1, 3)))
            new = [GNode(Spec("Slice", args), (src,))]
        elif what == "add":
            twins = [j for j in pool if j != src and shape_of[j] == shape_of[src]]
            if not twins:  # a 1x1 branch makes a partner of the same shape
                c = shape_of[src][0]
                new = [GNode(Spec("Conv2d", (c, c, 1)), (src,))]
                twins = [len(nodes)]
            else:
                new = []
            new.append(GNode("Add", (src, draw(st.sampled_from(twins)))))
        elif what == "concat":
            same = [j for j in pool if shape_of[j][1:] == shape_of[src][1:]]
            new = [GNode("Concat", (src, draw(st.sampled_from(same))))]
        else:
            gates = [j for j in pool if shape_of[j][0] == shape_of[src][0]]
            g = draw(st.sampled_from(gates))
            new = [GNode("GAP", (g,)), GNode("Mul", (src, len(nodes)))]
        for node in new:
            try:
                res = oracle.run_graph((c0, n, n), [*nodes, node])
            except OracleError:
                return (c0, n, n), [*nodes, node]  # an invalid graph: the core must refuse
            nodes.append(node)
            shapes = res.shapes
    return (c0, n, n), nodes


def to_core(nodes: list[GNode]) -> list[Node]:
    out = []
    for i, g in enumerate(nodes):
        if isinstance(g.op, Spec) and g.op.name == "Slice":
            op = Slice(*g.op.args)
        elif isinstance(g.op, Spec):
            op = make_layer(g.op.name, list(g.op.args), dict(g.op.kwargs))
        else:
            op = {"Add": Elementwise("Add"), "Mul": Elementwise("Mul"), "Concat": Concat(0),
                  "GAP": Reduce((1, 2))}[g.op]
        out.append(Node(f"n{i}", op, tuple("input" if j == -1 else f"n{j}" for j in g.inputs)))
    return out


def positions(out):
    axes = [sorted({0, 1, o // 2, o - 2, o - 1} & set(range(o))) for o in out]
    return list(itertools.product(*axes))


@settings(max_examples=200, deadline=None)
@given(dag())
def test_graph_shapes_counts_and_fields_match_the_oracle(case):
    shape, nodes = case
    try:
        res = oracle.run_graph(shape, nodes)
    except OracleError:
        with pytest.raises(LayerError):
            analyze_graph(shape, to_core(nodes))
        return
    report = analyze_graph(shape, to_core(nodes))
    assert [r.output for r in report.nodes] == res.shapes
    assert [r.params for r in report.nodes] == res.params
    assert [r.macs for r in report.nodes] == res.macs
    for i, r in enumerate(report.nodes):
        if nodes[i].op == "GAP" or len(r.output) != 3:
            continue
        rf = r.rf
        met_gate = False
        for pos in positions(r.output[1:]):
            mask, leaked, gated = oracle.graph_influence(res, i, pos)
            met_gate = met_gate or gated
            if rf is None:  # only when paths disagree on the jump: said, not guessed
                assert "jump" in (r.rf_note or "")
                continue
            want = oracle.box(mask)
            span = rf.span(pos)
            if want is None:
                continue
            if not leaked:
                assert span == want, (i, pos)
            else:
                for (a, b), (c, d), n in zip(span, want, shape[1:], strict=True):
                    assert max(a, 0) <= c and d <= min(b, n - 1), (i, pos)
        # a gate upstream (reached by the backward pass from some position) is flagged
        assert r.global_context == met_gate or (r.global_context and not any(
            oracle.graph_influence(res, i, p)[0].any() for p in positions(r.output[1:]))), i


def test_a_chain_gives_what_analyze_gives():
    layers = [make_layer("Conv2d", [3, 8, 7], {"stride": 2, "padding": 3}),
              make_layer("MaxPool2d", [3, 2, 1], {"ceil_mode": True}),
              make_layer("Conv2d", [8, 4, 3], {"dilation": 2}),
              make_layer("AdaptiveAvgPool2d", [(4, 4)], {})]
    seq = analyze((3, 61, 61), layers)
    graph = analyze_graph((3, 61, 61), chain_nodes(layers))
    assert [r.output for r in graph.nodes] == [r.output for r in seq.layers]
    assert [r.params for r in graph.nodes] == [r.params for r in seq.layers]
    assert [r.flops for r in graph.nodes] == [r.flops for r in seq.layers]
    assert [r.rf for r in graph.nodes] == [r.rf for r in seq.layers]


def test_paths_with_different_jumps_give_no_field():
    # 16 -> 8 two ways: an 8-wide stride-2 window (jump 2) and a 9-wide stride-1 one (jump 1)
    a, b = Spec("Conv2d", (1, 1, 8), {"stride": 2, "padding": 3}), Spec("Conv2d", (1, 1, 9))
    nodes = [Node("a", make_layer("Conv2d", [1, 1, 8], {"stride": 2, "padding": 3}), ("input",)),
             Node("b", make_layer("Conv2d", [1, 1, 9], {}), ("input",)),
             Node("sum", Elementwise("Add"), ("a", "b"))]
    r = analyze_graph((1, 16, 16), nodes).nodes[-1]
    assert r.output == (1, 8, 8) and r.rf is None and "jump" in r.rf_note
    res = oracle.run_graph((1, 16, 16), [GNode(a, (-1,)), GNode(b, (-1,)), GNode("Add", (0, 1))])
    # the real fields of the interior positions are not one box moved by a constant jump
    boxes = [oracle.box(oracle.graph_influence(res, 2, (i, i))[0])[0] for i in range(2, 6)]
    assert len({hi - lo for lo, hi in boxes}) > 1


def test_channel_shuffle_and_channels_last_keep_the_field():
    conv = make_layer("Conv2d", [4, 4, 3], {"stride": 2, "padding": 1})
    nodes = [Node("c", conv, ("input",)),
             Node("r1", Reshape((2, 2, 8, 8)), ("c",)),
             Node("t", Transpose((1, 0, 2, 3)), ("r1",)),
             Node("r2", Reshape((4, 8, 8)), ("t",)),
             Node("last", Transpose((1, 2, 0)), ("r2",)),
             Node("fc", make_layer("Linear", [4, 6], {}), ("last",)),
             Node("back", Transpose((2, 0, 1)), ("fc",)),
             Node("half", Slice(0, 0, 3), ("back",))]
    report = analyze_graph((4, 16, 16), nodes)
    first = report.nodes[0].rf
    assert all(r.rf == first for r in report.nodes)
    assert report.output == (3, 8, 8)
    assert report.params == conv.params() + 4 * 6 + 6


def test_a_flatten_ends_the_field_and_the_feature_map_is_before_it():
    nodes = [Node("c", make_layer("Conv2d", [1, 2, 3], {}), ("input",)),
             Node("gap", Reduce((1, 2), keepdims=False), ("c",)),
             Node("fc", make_layer("Linear", [2, 3], {}), ("gap",))]
    report = analyze_graph((1, 9, 9), nodes)
    assert report.rf is None
    fm = report.to_dict()["feature_map"]
    assert fm["node"] == "c" and fm["output"] == [2, 7, 7]
    assert fm["rf"] == {"size": [3, 3], "jump": [1, 1], "start": [0, 0]}


def test_bad_graphs_are_refused_naming_the_node():
    conv = make_layer("Conv2d", [1, 2, 3], {})
    with pytest.raises(LayerError, match="n2"):
        analyze_graph((1, 9, 9), [Node("n1", conv, ("input",)),
                                  Node("n2", Elementwise("Add"), ("n1", "input"))])
    with pytest.raises(LayerError, match="not produced before"):
        analyze_graph((1, 9, 9), [Node("n1", conv, ("later",))])
    with pytest.raises(LayerError, match="differ off axis"):
        analyze_graph((1, 9, 9), [Node("n1", conv, ("input",)),
                                  Node("n2", Concat(0), ("n1", "input"))])
