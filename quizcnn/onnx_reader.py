"""Reading an ONNX model file into the core's layer graph (``quizcnn.core.graph``).

A module a little over 400 lines: the input checks, the evaluation of constant shape arithmetic
and the cross-check with ONNX's inference are one pass over one graph (the operator table is in
``onnx_ops``).

Only the graph is read: ``onnx.load(..., load_external_data=False)``, so weights saved as
external data may be missing; initializer dims are all that is needed. Tensors that do not
depend on the network input (Constant, Shape and the arithmetic on shape tensors around
Reshape and Resize) are evaluated here with numpy and are not nodes of the analysed graph.
ONNX's own shape inference (with data propagation) runs first; its shapes are compared with
the core's for every node, and a disagreement is reported (the core follows PyTorch's rules).
Shapes in ONNX carry the batch axis; the core's do not: batch 1 is required and dropped.
Needs the optional ``onnx`` package (``pip install 'quizcnn[onnx]'``).
"""

from __future__ import annotations

import gzip
import io
import os
import stat
from dataclasses import dataclass, field
from typing import Any

from quizcnn.core.base import Layer, Shape, prod
from quizcnn.core.errors import LayerError
from quizcnn.core.graph import GraphReport, Node, analyze_graph
from quizcnn.core.graph_ops import (
    Concat,
    Elementwise,
    GraphOp,
    PadOp,
    Reduce,
    Reshape,
    Resize,
    Slice,
    Transpose,
)
from quizcnn.core.layers import make_layer

MAX_ONNX_BYTES = 2**31  # protobuf's own limit for one message
MAX_GZIP_BYTES = 2**28  # a gzipped model unpacks to at most this (graph-only files are small)
INSTALL = "reading ONNX files needs the onnx package: pip install 'quizcnn[onnx]'"
POINTWISE = {
    "Relu", "Clip", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Erf", "Dropout",
    "Identity", "LeakyRelu", "Elu", "Selu", "Softplus", "PRelu", "Gelu", "Sqrt", "Exp",
    "Neg", "Abs", "Cast", "Mish",
}
ELEMENTWISE = {"Add", "Sub", "Mul", "Div", "Pow"}
SUPPORTED = POINTWISE | ELEMENTWISE | {
    "Conv", "ConvTranspose", "BatchNormalization", "Gemm", "MatMul", "MaxPool", "AveragePool",
    "GlobalAveragePool", "GlobalMaxPool", "ReduceMean", "ReduceMax", "Concat", "Split",
    "Slice", "Flatten", "Reshape", "Transpose", "Resize", "Upsample", "Pad",
    "LayerNormalization", "Constant", "Shape", "Gather", "Unsqueeze", "Squeeze",
    "ConstantOfShape", "Floor", "Ceil", "Range", "Expand", "Equal", "Where",
}


class OnnxError(Exception):
    """A file that is not a readable ONNX model, or one this reader does not support."""


@dataclass
class OnnxModel:
    report: GraphReport
    notes: list[str] = field(default_factory=list)
    declared: Shape | None = None
    bn_folded: bool = False


def looks_like_onnx(head: bytes) -> bool:
    """An ONNX ModelProto begins with field 1 (ir_version, a small varint): bytes 08 0x with
    x < 0x80; gzip (1f 8b) is looked into by the caller. No text layer file starts so."""
    return len(head) >= 2 and head[0] == 0x08 and head[1] < 0x80 and 3 <= head[1] <= 20


def read_bytes(path: str) -> bytes:
    """The file's bytes (a gzip file is decompressed), regular files only, with a cap."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise OnnxError(f"{path}: no such file") from None
    except OSError as e:
        raise OnnxError(f"{path}: cannot read ({e.strerror or type(e).__name__})") from None
    if not stat.S_ISREG(st.st_mode):
        raise OnnxError(f"{path} is not a regular file")
    if st.st_size > MAX_ONNX_BYTES:
        raise OnnxError(f"{path} is larger than {MAX_ONNX_BYTES:,} bytes")
    with open(path, "rb") as fh:
        data = fh.read(MAX_ONNX_BYTES + 1)
    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
                data = gz.read(MAX_GZIP_BYTES + 1)
        except (OSError, EOFError) as e:
            raise OnnxError(f"{path}: broken gzip data ({e})") from None
        if len(data) > MAX_GZIP_BYTES:
            raise OnnxError(f"{path} unpacks to more than {MAX_GZIP_BYTES:,} bytes; "
                            "unpack it yourself")
    return data


def load(data: bytes, path: str) -> Any:
    try:
        import onnx
    except ImportError:
        raise OnnxError(INSTALL) from None
    try:
        return onnx.load_model_from_string(data)
    except Exception as e:  # protobuf's DecodeError and friends
        raise OnnxError(f"{path}: not a readable ONNX model ({type(e).__name__})") from None


def analyze_onnx(model: Any, input_shape: Shape | None) -> OnnxModel:
    return _Reader(model).run(input_shape)


def _dims(type_proto: Any) -> list[int | None] | None:
    t = type_proto.tensor_type
    if not t.HasField("shape"):
        return None
    return [d.dim_value if d.HasField("dim_value") else None for d in t.shape.dim]


class _Reader:
    def __init__(self, model: Any) -> None:
        import numpy as np
        from onnx import numpy_helper

        self.np, self.numpy_helper = np, numpy_helper
        self.model = model
        self.graph = model.graph
        self.notes: list[str] = []
        self.inits = {t.name: t for t in self.graph.initializer}
        self.values: dict[str, Any] = {}  # tensors that do not depend on the input
        self.tensor: dict[str, str] = {}  # ONNX tensor name -> core node name
        self.shapes: dict[str, Shape] = {}  # core shapes (no batch) of dynamic tensors
        self.nodes: list[Node] = []
        self.names: set[str] = set()
        self.counted: set[str] = set()

    # --- set-up ----------------------------------------------------------------------------

    def run(self, input_shape: Shape | None) -> OnnxModel:
        inputs = [i for i in self.graph.input if i.name not in self.inits]
        if len(inputs) != 1:
            raise OnnxError(f"the graph has {len(inputs)} inputs; quizcnn reads one-input "
                            "models (an image tensor)")
        if len(self.graph.output) != 1:
            raise OnnxError(f"the graph has {len(self.graph.output)} outputs; quizcnn reads "
                            "one-output models")
        inp = inputs[0]
        dims = _dims(inp.type)
        declared = None
        if dims and len(dims) >= 2 and all(d for d in dims[1:]):
            declared = tuple(int(d) for d in dims[1:])  # type: ignore[arg-type]
        if dims and dims[0] not in (None, 1):
            raise OnnxError(f"input {inp.name!r} declares batch {dims[0]}; export with batch 1")
        if input_shape is None:
            if declared is None:
                raise OnnxError(f"input {inp.name!r} has no fixed shape in the file; give it "
                                "with --input, e.g. --input 3x224x224")
            input_shape = declared
        elif declared is not None and tuple(input_shape) != declared:
            shown = "x".join(map(str, declared))
            raise OnnxError(f"--input {'x'.join(map(str, input_shape))} disagrees with the "
                            f"shape the file declares for {inp.name!r}: {shown} (no batch)")
        elif dims is not None and len(dims) != len(input_shape) + 1:
            raise OnnxError(f"--input has {len(input_shape)} dims; the file's input "
                            f"{inp.name!r} has {len(dims) - 1} (no batch)")
        inferred = self._infer(inp.name, input_shape)
        self.tensor[inp.name] = "input"
        self.shapes[inp.name] = tuple(input_shape)
        self.names.add("input")
        for i, node in enumerate(self.graph.node):
            self._node(i, node)
        out = self.graph.output[0].name
        if out not in self.tensor:
            raise OnnxError(f"the output {out!r} does not depend on the input")
        if self.tensor[out] != self.nodes[-1].name:  # the output must be the last node
            keep = self._needed(self.tensor[out])
            self.nodes = [n for n in self.nodes if n.name in keep]
        report = analyze_graph(tuple(input_shape), self.nodes)
        self._cross_check(report, inferred)
        folded = self._folded()
        return OnnxModel(report, self.notes, declared, folded)

    def _needed(self, last: str) -> set[str]:
        by = {n.name: n for n in self.nodes}
        seen: set[str] = set()
        todo = [last]
        while todo:
            name = todo.pop()
            if name in seen or name not in by:
                continue
            seen.add(name)
            todo.extend(by[name].inputs)
        return seen

    def _infer(self, name: str, shape: Shape) -> dict[str, list[int | None]]:
        """ONNX's shapes (batch included) for every tensor, with the input fixed to batch 1."""
        import onnx

        model = onnx.ModelProto()
        model.CopyFrom(self.model)
        for inp in model.graph.input:
            if inp.name == name:
                dims = inp.type.tensor_type.shape.dim
                del dims[:]
                for d in (1, *shape):
                    dims.add().dim_value = d
        try:
            model = onnx.shape_inference.infer_shapes(model, data_prop=True)
        except Exception as e:
            self.notes.append(f"ONNX shape inference failed ({type(e).__name__}); shapes are "
                              "quizcnn's alone")
            return {}
        found: dict[str, list[int | None]] = {}
        for vi in [*model.graph.value_info, *model.graph.output]:
            dims = _dims(vi.type)
            if dims is not None:
                found[vi.name] = dims
        return found

    def _cross_check(self, report: GraphReport, inferred: dict[str, list[int | None]]) -> None:
        by_node = {r.node.name: r.output for r in report.nodes}
        differ = []
        for tensor, core in self.tensor.items():
            onnx_dims = inferred.get(tensor)
            if core not in by_node or not onnx_dims or None in onnx_dims:
                continue
            if tuple(onnx_dims[1:]) != by_node[core]:
                differ.append(f"{core}: ONNX {onnx_dims[1:]}, quizcnn {list(by_node[core])}")
        if differ:
            self.notes.append(
                f"ONNX shape inference disagrees with quizcnn (PyTorch's rules) on "
                f"{len(differ)} tensor(s), e.g. {differ[0]}")

    def _folded(self) -> bool:
        convs = [n for n in self.graph.node if n.op_type in ("Conv", "Gemm")]
        anonymous = [n for n in convs if len(n.input) > 1 and n.input[1].startswith("onnx::")]
        has_bn = any(n.op_type == "BatchNormalization" for n in self.graph.node)
        if anonymous:
            what = "some BatchNorms look" if has_bn else "BatchNorm looks"
            self.notes.append(
                f"{what} folded into the convolutions before them ({len(anonymous)} "
                "layers carry weights the exporter computed, named onnx::...): the parameters "
                "are the file's; export with training=torch.onnx.TrainingMode.PRESERVE to keep "
                "BatchNorm and count the model's own (FLOPs are the same either way)")
        return bool(anonymous)

    # --- values of tensors that do not depend on the input ---------------------------------

    def _const(self, name: str) -> Any:
        """The value of a tensor that does not depend on the input, or None if unknown."""
        if not name:
            return None
        if name in self.values:
            return self.values[name]
        init = self.inits.get(name)
        if init is not None:
            if init.data_location == 1 or any(e.key == "location" for e in init.external_data):
                return None  # weights not in the file: only dims are known
            try:
                value = self.numpy_helper.to_array(init)
            except Exception:
                return None
            self.values[name] = value
            return value
        return None

    def _static(self, node: Any) -> bool:
        """Evaluate a node that does not depend on the input; False if it does."""
        ins = [n for n in node.input if n]
        if node.op_type == "Constant":
            import onnx

            attr = node.attribute[0]
            value = onnx.helper.get_attribute_value(attr)
            if attr.name == "value":
                value = self.numpy_helper.to_array(value)
            self.values[node.output[0]] = self.np.array(value)
            return True
        if node.op_type == "Shape" and ins[0] in self.shapes:
            shape = self.np.array((1, *self.shapes[ins[0]]), dtype=self.np.int64)
            start = _attr(node, "start", 0)
            end = _attr(node, "end", None)
            self.values[node.output[0]] = shape[start:end]
            return True
        if any(n in self.tensor for n in ins):
            return False
        if node.op_type == "Identity" and ins and ins[0] in self.inits:
            self.inits[node.output[0]] = self.inits[ins[0]]  # a shared weight, renamed
            return True
        if all(n in self.inits for n in ins) and node.op_type not in ("Identity",):
            return False if any(self._const(n) is None for n in ins) else self._eval(node)
        return self._eval(node)

    def _eval(self, node: Any) -> bool:
        np = self.np
        args: list[Any] = [self._const(n) if n else None for n in node.input]
        if any(a is None for a, n in zip(args, node.input, strict=True) if n):
            return False
        op = node.op_type
        try:
            if op in ("Identity", "Cast"):
                out = args[0] if op == "Identity" else args[0].astype(
                    _np_dtype(np, _attr(node, "to", 7)))
            elif op == "Gather":
                out = np.take(args[0], args[1], axis=_attr(node, "axis", 0))
            elif op == "Unsqueeze":
                out = args[0]
                for a in sorted(int(v) for v in np.atleast_1d(args[1])):
                    out = np.expand_dims(out, a if a >= 0 else a + out.ndim + 1)
            elif op == "Squeeze":
                axes = None if len(args) < 2 else tuple(int(v) for v in np.atleast_1d(args[1]))
                out = np.squeeze(args[0], axis=axes)
            elif op == "Concat":
                out = np.concatenate([np.atleast_1d(a) for a in args], axis=_attr(node, "axis", 0))
            elif op in ("Add", "Sub", "Mul", "Div"):
                fn = {"Add": np.add, "Sub": np.subtract, "Mul": np.multiply}.get(op)
                if op == "Div":
                    out = (args[0] // args[1] if args[0].dtype.kind in "iu"
                           else args[0] / args[1])
                else:
                    out = fn(args[0], args[1])  # type: ignore[misc]
            elif op == "Slice":
                out = args[0]
                where: Any = args[3] if len(args) > 3 and args[3] is not None else range(
                    len(args[1]))
                steps = args[4] if len(args) > 4 and args[4] is not None else [1] * len(args[1])
                index = [slice(None)] * out.ndim
                for a, s, e, st in zip(where, args[1], args[2], steps, strict=True):
                    index[int(a)] = slice(int(s), int(e), int(st))
                out = out[tuple(index)]
            elif op in ("Floor", "Ceil"):
                out = np.floor(args[0]) if op == "Floor" else np.ceil(args[0])
            elif op == "ConstantOfShape":
                fill = _attr(node, "value", None)
                fill = 0.0 if fill is None else self.numpy_helper.to_array(fill).item()
                out = np.full(tuple(int(v) for v in args[0]), fill)
            elif op == "Range":
                out = np.arange(args[0], args[1], args[2])
            elif op == "Equal":
                out = np.equal(args[0], args[1])
            elif op == "Where":
                out = np.where(args[0], args[1], args[2])
            elif op == "Expand":
                out = args[0] * np.ones(tuple(int(v) for v in args[1]), dtype=args[0].dtype)
            else:
                return False
        except Exception:
            return False
        self.values[node.output[0]] = np.asarray(out)
        return True

    # --- dynamic nodes ---------------------------------------------------------------------

    def _name(self, node: Any, i: int) -> str:
        base = node.name or f"{node.op_type}_{i}"
        name, k = base, 1
        while name in self.names:
            k += 1
            name = f"{base}#{k}"
        self.names.add(name)
        return name

    def _add(self, node: Any, name: str, op: Any, inputs: list[str], out: str) -> None:
        self.nodes.append(Node(name, op, tuple(self.tensor[t] for t in inputs)))
        self.tensor[out] = name
        self.shapes[out] = self._shape_of(op, [self.shapes[t] for t in inputs])

    @staticmethod
    def _shape_of(op: Layer | GraphOp, shapes: list[Shape]) -> Shape:
        if isinstance(op, GraphOp):
            return op.output_shape(shapes)
        return op.output_shape(shapes[0])

    def _refuse(self, node: Any, i: int, why: str) -> OnnxError:
        return OnnxError(f"node {i} {node.name or '(unnamed)'!r} ({node.op_type}): {why}")

    def _node(self, i: int, node: Any) -> None:
        op = node.op_type
        if node.domain not in ("", "ai.onnx"):
            raise self._refuse(node, i, f"operator domain {node.domain!r} is not supported")
        if op not in SUPPORTED:
            raise self._refuse(node, i, f"the ONNX operator {op!r} is not supported by quizcnn")
        if self._static(node):
            return
        data = [n for n in node.input if n in self.tensor]
        if not data:
            raise self._refuse(node, i, "cannot evaluate this node's constant inputs")
        from quizcnn.onnx_ops import convert

        try:
            convert(self, i, node)
        except LayerError as err:  # an impossible layer: say which node
            raise self._refuse(node, i, err.plain()) from None
        except (IndexError, TypeError, ValueError, KeyError, AttributeError) as e:
            raise self._refuse(node, i, f"malformed node: missing or unreadable input or "
                               f"attribute ({type(e).__name__})") from None


def _attr(node: Any, name: str, default: Any) -> Any:
    import onnx

    for a in node.attribute:
        if a.name == name:
            return onnx.helper.get_attribute_value(a)
    return default


def _np_dtype(np: Any, to: int) -> Any:
    from onnx import helper

    return helper.tensor_dtype_to_np_dtype(to)


def batchless(dims: list[int], what: str) -> Shape:
    if not dims or dims[0] != 1:
        raise LayerError(f"{what}: the batch axis must stay 1, got {list(dims)}",
                         rule="onnx-batch")
    return tuple(int(d) for d in dims[1:])


def numel(dims: Any) -> int:
    return prod(int(d) for d in dims)


__all__ = [
    "INSTALL", "Concat", "Elementwise", "OnnxError", "OnnxModel", "PadOp", "Reduce", "Reshape",
    "Resize", "Slice", "Transpose", "analyze_onnx", "batchless", "load", "looks_like_onnx",
    "make_layer", "numel", "read_bytes",
]
