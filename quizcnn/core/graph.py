"""Layer graphs: branches and merges (residuals, Inception branches, dense blocks, gates).

A graph is a list of ``Node`` in topological order; each node applies one operation (a core
``Layer`` such as Conv2d, or a ``GraphOp`` from ``graph_ops``: Add/Mul, Concat, Slice, Reshape,
Transpose, Reduce, Resize, PadOp) to the tensors named in ``inputs`` (the graph input or
earlier nodes). For every node ``analyze_graph`` gives the output shape, parameters, MACs and
FLOPs (the conventions of ``analyze``: FLOPs = 2 x MACs, bias not counted; merges count 0) and
the receptive field relative to the network input over all paths (see ``graph_ops``). A chain
of layers gives the numbers ``analyze`` gives.

The feature map is the last node that still has spatial size before the network pools it
globally or flattens it, or the network output when that still has spatial size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from quizcnn.core.analyze import CONVENTION
from quizcnn.core.base import Layer, Shape, prod
from quizcnn.core.chain import to_shape
from quizcnn.core.errors import LayerError
from quizcnn.core.graph_ops import GLOBAL, NONE, SPATIAL, Field, GraphOp, layer_field
from quizcnn.core.rf import RF

MAX_NODES = 100_000


@dataclass(frozen=True)
class Node:
    """One operation: ``op`` applied to the tensors named ``inputs`` (in order)."""

    name: str
    op: Layer | GraphOp
    inputs: tuple[str, ...]


@dataclass(frozen=True)
class NodeReport:
    index: int
    node: Node
    inputs: tuple[Shape, ...]
    output: Shape
    params: int
    macs: int
    flops: int
    field: Field

    @property
    def rf(self) -> RF | None:
        return self.field.rf()

    @property
    def rf_note(self) -> str | None:
        if self.field.state == GLOBAL:
            return "computed from a global pooling: every input pixel reaches it"
        return self.field.note

    @property
    def global_context(self) -> bool:
        """A global branch (a gate, an image-level pooling) joined the spatial paths."""
        return self.field.global_context

    def spatial_size(self, rank: int) -> bool:
        """Whether this tensor still has spatial extent (more than one position)."""
        f = self.field
        if f.state == SPATIAL:
            return prod(self.output[a] for a in f.axes) > 1
        if f.state == GLOBAL:
            return False
        return len(self.output) == rank and prod(self.output[1:]) > 1

    def to_dict(self) -> dict[str, Any]:
        rf = self.rf
        return {
            "name": self.node.name,
            "op": self.node.op.kind,
            "layer": self.node.op.text(),
            "inputs": list(self.node.inputs),
            "output": list(self.output),
            "params": self.params,
            "macs": self.macs,
            "flops": self.flops,
            "rf": None if rf is None else rf.to_dict(),
            "rf_note": self.rf_note,
            "global_context": self.global_context,
        }


@dataclass(frozen=True)
class GraphReport:
    input: Shape
    nodes: list[NodeReport] = field(default_factory=list)

    @property
    def last(self) -> NodeReport | None:
        return self.nodes[-1] if self.nodes else None

    @property
    def output(self) -> Shape:
        return self.nodes[-1].output if self.nodes else self.input

    @property
    def params(self) -> int:
        return sum(r.params for r in self.nodes)

    @property
    def macs(self) -> int:
        return sum(r.macs for r in self.nodes)

    @property
    def flops(self) -> int:
        return sum(r.flops for r in self.nodes)

    @property
    def rf(self) -> RF | None:
        return self.nodes[-1].rf if self.nodes else Field.of_input(self.input).rf()

    @property
    def feature_map(self) -> NodeReport | None:
        """The last node with spatial size that the output depends on (see module doc)."""
        if not self.nodes:
            return None
        rank = len(self.input)
        if self.nodes[-1].spatial_size(rank):
            return self.nodes[-1]
        needed = _ancestors(self.nodes)
        for r in reversed(self.nodes):
            if r.node.name in needed and r.spatial_size(rank):
                return r
        return None

    def to_dict(self) -> dict[str, Any]:
        rf = self.rf
        fm = self.feature_map
        return {
            "input": list(self.input),
            "output": list(self.output),
            "params": self.params,
            "macs": self.macs,
            "flops": self.flops,
            "rf": None if rf is None else rf.to_dict(),
            "rf_note": self.nodes[-1].rf_note if self.nodes else None,
            "global_context": False if fm is None else fm.global_context,
            "feature_map": None if fm is None else {
                "node": fm.node.name,
                "output": list(fm.output),
                "rf": None if fm.rf is None else fm.rf.to_dict(),
                "rf_note": fm.rf_note,
                "global_context": fm.global_context,
            },
            "convention": CONVENTION,
            "layers": [r.to_dict() for r in self.nodes],
        }


def _ancestors(nodes: list[NodeReport]) -> set[str]:
    producers = {r.node.name: r.node for r in nodes}
    seen: set[str] = set()
    todo = [nodes[-1].node.name]
    while todo:
        name = todo.pop()
        if name in seen or name not in producers:
            continue
        seen.add(name)
        todo.extend(producers[name].inputs)
    return seen


def analyze_graph(input_shape: Any, nodes: Any, input_name: str = "input") -> GraphReport:
    """Analyse ``nodes`` (``Node`` objects in topological order; the last one is the output)
    on an input of ``input_shape`` named ``input_name``. Raises LayerError naming the node."""
    shape = to_shape(input_shape)
    items = list(nodes)
    if len(items) > MAX_NODES:
        raise LayerError(f"the graph has more than {MAX_NODES:,} nodes", rule="graph-size")
    shapes: dict[str, Shape] = {input_name: shape}
    fields: dict[str, Field] = {input_name: Field.of_input(shape)}
    reports: list[NodeReport] = []
    for i, node in enumerate(items):
        if not isinstance(node, Node) or not isinstance(node.op, (Layer, GraphOp)):
            raise LayerError("expected a Node with a layer or graph op", rule="graph-node",
                             index=i)
        report = _node(i, node, shapes, fields)
        if node.name in shapes:
            raise _located(LayerError(f"a second tensor named {node.name!r}",
                                      rule="graph-duplicate-name"), i, node)
        shapes[node.name] = report.output
        fields[node.name] = report.field
        reports.append(report)
    return GraphReport(shape, reports)


def _located(err: LayerError, i: int, node: Node) -> LayerError:
    return err.at(i, f"{node.name} ({node.op.text()})")


def _node(i: int, node: Node, shapes: dict[str, Shape], fields: dict[str, Field]) -> NodeReport:
    for name in node.inputs:
        if name not in shapes:
            raise _located(LayerError(f"input {name!r} is not produced before this node",
                                      rule="graph-order"), i, node)
    ins = [shapes[n] for n in node.inputs]
    fin = [fields[n] for n in node.inputs]
    op = node.op
    try:
        if isinstance(op, GraphOp):
            least, most = op.arity
            if not least <= len(ins) <= most:
                raise op.fail(f"takes {least}..{most} inputs, got {len(ins)}", "graph-arity")
            out = op.output_shape(ins)
            macs, params = op.macs(ins, out), op.params()
            f = op.field(fin, ins, out)
        else:
            if len(ins) != 1:
                raise op.fail(f"a layer takes one input, got {len(ins)}", "graph-arity")
            out = op.output_shape(ins[0])
            macs, params = op.macs(ins[0], out), op.params()
            f = layer_field(op, fin[0], ins[0], out)
    except LayerError as err:
        raise _located(err, i, node) from None
    except Exception as exc:  # a bug: still a LayerError, never anything else
        raise _located(LayerError(f"cannot analyse this node: {type(exc).__name__}",
                                  rule="invalid"), i, node) from exc
    if f.state == NONE and f.note is None:
        f = Field(NONE, global_context=f.global_context, note="no single field")
    return NodeReport(i, node, tuple(ins), out, params, macs, 2 * macs, f)


def chain_nodes(layers: list[Layer], input_name: str = "input") -> list[Node]:
    """A sequential stack as a graph (node names "0", "1", ...)."""
    nodes, prev = [], input_name
    for i, layer in enumerate(layers):
        nodes.append(Node(str(i), layer, (prev,)))
        prev = str(i)
    return nodes
