"""ONNX operators -> core graph operations, one function per operator family.

Every function gets the reader (``onnx_reader._Reader``), the node's index and the node, and
adds one or more core nodes. Attributes follow the ONNX operator specification at opsets 11-17
(pads as [x1_begin, x2_begin, ..., x1_end, x2_end, ...], strides defaulting to 1, ...);
shapes carry the batch axis in ONNX and not in the core.
"""

from __future__ import annotations

from typing import Any

from quizcnn.core.base import Shape, prod
from quizcnn.core.graph_ops import (
    Concat,
    Elementwise,
    PadOp,
    Reduce,
    Reshape,
    Resize,
    Slice,
    Transpose,
)
from quizcnn.core.layers import make_layer
from quizcnn.onnx_reader import POINTWISE, _attr


def convert(r: Any, i: int, node: Any) -> None:
    op = node.op_type
    fn = _TABLE.get(op)
    if fn is None:
        if op in POINTWISE:
            fn = _pointwise
        else:
            raise r._refuse(node, i, f"{op} on a tensor computed from the input is not "
                            "supported by quizcnn")
    fn(r, i, node)


def _data(r: Any, node: Any) -> str:
    name: str = node.input[0]  # an onnx NodeProto's input names are str
    return name


def _dims(r: Any, name: str) -> list[int] | None:
    """Dims of a constant input (an initializer or an evaluated tensor)."""
    if name in r.inits:
        return [int(d) for d in r.inits[name].dims]
    if name in r.values:
        return [int(d) for d in r.values[name].shape]
    return None


def _need_dims(r: Any, i: int, node: Any, k: int, what: str) -> list[int]:
    name = node.input[k] if len(node.input) > k else ""
    dims = _dims(r, name) if name else None
    if dims is None:
        raise r._refuse(node, i, f"its {what} must be a weight in the file (an initializer)")
    return dims


def _value(r: Any, i: int, node: Any, k: int, what: str) -> Any:
    name = node.input[k] if len(node.input) > k else ""
    if not name:
        return None
    value = r._const(name)
    if value is None:
        raise r._refuse(node, i, f"cannot work out its {what} (input {name!r}) from the file")
    return value


def _sym_pads(r: Any, i: int, node: Any, nd: int) -> tuple[list[int], list[int]]:
    if _attr(node, "auto_pad", b"NOTSET") not in (b"NOTSET", "NOTSET"):
        raise r._refuse(node, i, "auto_pad is not supported; export with explicit pads")
    pads = list(_attr(node, "pads", [0] * (2 * nd)))
    return pads[:nd], pads[nd:]


def _spatial_nd(r: Any, i: int, node: Any) -> int:
    shape = r.shapes[node.input[0]]
    if len(shape) < 2:
        raise r._refuse(node, i, f"expects (C, spatial...) input, got {list(shape)}")
    return len(shape) - 1


def _conv(r: Any, i: int, node: Any) -> None:
    nd = _spatial_nd(r, i, node)
    w = _need_dims(r, i, node, 1, "weight")
    if node.op_type == "ConvTranspose" and _attr(node, "output_shape", None) is not None:
        raise r._refuse(node, i, "output_shape is not supported; export with pads")
    k = list(_attr(node, "kernel_shape", w[2:]))
    kw: dict[str, Any] = {
        "stride": tuple(_attr(node, "strides", [1] * nd)),
        "dilation": tuple(_attr(node, "dilations", [1] * nd)),
        "groups": int(_attr(node, "group", 1)),
        "bias": len(node.input) > 2 and bool(node.input[2]),
    }
    before, after = _sym_pads(r, i, node, nd)
    src, name = node.input[0], r._name(node, i)
    if node.op_type == "ConvTranspose":
        if before != after:
            raise r._refuse(node, i, f"asymmetric pads {before + after} are not supported")
        cin, cout = w[0], w[1] * kw["groups"]
        kw["padding"] = tuple(before)
        kw["output_padding"] = tuple(_attr(node, "output_padding", [0] * nd))
        layer = make_layer(f"ConvTranspose{nd}d", [cin, cout, tuple(k)], kw)
    else:
        cout, cin = w[0], w[1] * kw["groups"]
        if before != after:  # zero padding first, then an unpadded conv: the same numbers
            pad = PadOp(((0, 0), *zip(before, after, strict=True)))
            r._add(node, name + " (pad)", pad, [src], name + " (pad)")
            src = name + " (pad)"
            before = [0] * nd
        kw["padding"] = tuple(before)
        layer = make_layer(f"Conv{nd}d", [cin, cout, tuple(k)], kw)
    r._add(node, name, layer, [src], node.output[0])


def _pool(r: Any, i: int, node: Any) -> None:
    nd = _spatial_nd(r, i, node)
    if len(node.output) > 1 and node.output[1]:
        raise r._refuse(node, i, "MaxPool's indices output is not supported")
    k = tuple(_attr(node, "kernel_shape", []))
    before, after = _sym_pads(r, i, node, nd)
    if before != after:
        raise r._refuse(node, i, f"asymmetric pads {before + after} are not supported")
    kw: dict[str, Any] = {
        "stride": tuple(_attr(node, "strides", [1] * nd)),
        "padding": tuple(before),
        "ceil_mode": bool(_attr(node, "ceil_mode", 0)),
    }
    if node.op_type == "MaxPool":
        kw["dilation"] = tuple(_attr(node, "dilations", [1] * nd))
        layer = make_layer(f"MaxPool{nd}d", [k], kw)
    else:
        kw["count_include_pad"] = bool(_attr(node, "count_include_pad", 0))
        layer = make_layer(f"AvgPool{nd}d", [k], kw)
    r._add(node, r._name(node, i), layer, [node.input[0]], node.output[0])


def _global_pool(r: Any, i: int, node: Any) -> None:
    nd = _spatial_nd(r, i, node)
    how = "Max" if node.op_type == "GlobalMaxPool" else "Mean"
    op = Reduce(tuple(range(1, nd + 1)), True, how)
    r._add(node, r._name(node, i), op, [node.input[0]], node.output[0])


def _reduce(r: Any, i: int, node: Any) -> None:
    rank = len(r.shapes[node.input[0]]) + 1
    axes = _attr(node, "axes", None)
    if axes is None and len(node.input) > 1 and node.input[1]:
        axes = [int(v) for v in _value(r, i, node, 1, "axes")]
    if axes is None:
        raise r._refuse(node, i, "a reduction over every axis (batch included) is not "
                        "supported")
    axes = sorted(a + rank if a < 0 else a for a in axes)
    if 0 in axes:
        raise r._refuse(node, i, "reducing the batch axis is not supported")
    how = "Max" if node.op_type == "ReduceMax" else "Mean"
    op = Reduce(tuple(a - 1 for a in axes), bool(_attr(node, "keepdims", 1)), how)
    r._add(node, r._name(node, i), op, [node.input[0]], node.output[0])


def _batchnorm(r: Any, i: int, node: Any) -> None:
    shape = r.shapes[node.input[0]]
    nd = max(len(shape) - 1, 1)
    if nd > 3:
        raise r._refuse(node, i, f"BatchNorm on {list(shape)} is not supported")
    layer = make_layer(f"BatchNorm{nd}d", [shape[0]], {})
    r._add(node, r._name(node, i), layer, [node.input[0]], node.output[0])


def _layernorm(r: Any, i: int, node: Any) -> None:
    shape = r.shapes[node.input[0]]
    axis = int(_attr(node, "axis", -1))
    axis = axis + len(shape) + 1 if axis < 0 else axis
    if axis < 1:
        raise r._refuse(node, i, "normalising over the batch axis is not supported")
    normalized = list(shape[axis - 1:])
    bias = len(node.input) > 2 and bool(node.input[2])
    layer = make_layer("LayerNorm", [normalized], {"bias": bias})
    _mark(r, node.input[1:3])
    r._add(node, r._name(node, i), layer, [node.input[0]], node.output[0])


def _mark(r: Any, names: Any) -> None:
    r.counted.update(n for n in names if n)


def _gemm(r: Any, i: int, node: Any) -> None:
    if _attr(node, "transA", 0):
        raise r._refuse(node, i, "Gemm with transA is not supported")
    if node.input[1] in r.tensor:
        raise r._refuse(node, i, "a product of two computed tensors is not supported")
    w = _need_dims(r, i, node, 1, "weight")
    if node.op_type == "Gemm":
        n_out, k_in = (w[0], w[1]) if _attr(node, "transB", 0) else (w[1], w[0])
        bias = len(node.input) > 2 and bool(node.input[2])
    else:
        if len(w) != 2:
            raise r._refuse(node, i, f"MatMul with a weight of shape {w} is not supported")
        k_in, n_out, bias = w[0], w[1], False
    _mark(r, node.input[1:])
    layer = make_layer("Linear", [k_in, n_out], {"bias": bias})
    r._add(node, r._name(node, i), layer, [node.input[0]], node.output[0])


def _pointwise(r: Any, i: int, node: Any) -> None:
    if node.op_type == "PRelu":
        _elementwise(r, i, node)
        return
    r._add(node, r._name(node, i), Elementwise(node.op_type), [node.input[0]], node.output[0])


def _elementwise(r: Any, i: int, node: Any) -> None:
    tensors = [n for n in node.input if n in r.tensor]
    rank = max(len(r.shapes[t]) for t in tensors) + 1  # with batch
    consts: list[Shape] = []
    learned = 0
    for n in node.input:
        if n in r.tensor or not n:
            continue
        dims = _dims(r, n)
        if dims is None:
            raise r._refuse(node, i, f"cannot read the shape of its input {n!r}")
        if len(dims) == rank:  # a batched constant: its batch axis must be 1
            if dims[0] != 1:
                raise r._refuse(node, i, f"a constant of shape {dims} changes the batch")
            dims = dims[1:]
        consts.append(tuple(dims))
        # a learned tensor: a float initializer with more than one value (a layer scale,
        # a bias); scalars are the exporter's constants (GELU's 0.5, 1, sqrt(2))
        init = r.inits.get(n)
        if init is not None and init.data_type in (1, 10, 11, 16) and prod(dims) > 1:
            if n not in r.counted:
                learned += prod(dims)
                r.counted.add(n)
    op = Elementwise(node.op_type, tuple(consts), learned)
    r._add(node, r._name(node, i), op, tensors, node.output[0])


def _concat(r: Any, i: int, node: Any) -> None:
    tensors = [n for n in node.input if n]
    if any(n not in r.tensor for n in tensors):
        raise r._refuse(node, i, "concatenating a constant with computed tensors is not "
                        "supported")
    rank = len(r.shapes[tensors[0]]) + 1
    axis = int(_attr(node, "axis", 1))
    axis = axis + rank if axis < 0 else axis
    if axis == 0:
        raise r._refuse(node, i, "concatenation along the batch axis is not supported")
    r._add(node, r._name(node, i), Concat(axis - 1), tensors, node.output[0])


def _split(r: Any, i: int, node: Any) -> None:
    shape = r.shapes[node.input[0]]
    rank = len(shape) + 1
    axis = int(_attr(node, "axis", 0))
    axis = axis + rank if axis < 0 else axis
    if axis == 0:
        raise r._refuse(node, i, "splitting the batch axis is not supported")
    sizes = _attr(node, "split", None)
    if sizes is None and len(node.input) > 1 and node.input[1]:
        sizes = [int(v) for v in _value(r, i, node, 1, "split sizes")]
    n = shape[axis - 1]
    if sizes is None:
        parts = len(node.output)
        if n % parts:
            raise r._refuse(node, i, f"cannot split {n} into {parts} equal parts")
        sizes = [n // parts] * parts
    if sum(sizes) != n or len(sizes) != len(node.output):
        raise r._refuse(node, i, f"split sizes {list(sizes)} do not fit axis size {n}")
    base, start = r._name(node, i), 0
    for k, (size, out) in enumerate(zip(sizes, node.output, strict=True)):
        op = Slice(axis - 1, start, start + int(size), 1)
        r._add(node, f"{base}:{k}", op, [node.input[0]], out)
        start += int(size)


def _slice(r: Any, i: int, node: Any) -> None:
    rank = len(r.shapes[node.input[0]]) + 1
    starts = [int(v) for v in _value(r, i, node, 1, "starts")]
    ends = [int(v) for v in _value(r, i, node, 2, "ends")]
    axes_v = _value(r, i, node, 3, "axes")
    steps_v = _value(r, i, node, 4, "steps")
    axes = list(range(len(starts))) if axes_v is None else [int(v) for v in axes_v]
    steps = [1] * len(starts) if steps_v is None else [int(v) for v in steps_v]
    src, base = node.input[0], r._name(node, i)
    for k, (a, s, e, st) in enumerate(zip(axes, starts, ends, steps, strict=True)):
        a = a + rank if a < 0 else a
        if a == 0:
            raise r._refuse(node, i, "slicing the batch axis is not supported")
        last = k == len(axes) - 1
        name = base if last else f"{base}:{k}"
        out = node.output[0] if last else name
        r._add(node, name, Slice(a - 1, s, e, st), [src], out)
        src = out


def _reshape_to(r: Any, i: int, node: Any, target: list[int]) -> None:
    if not target or target[0] != 1:
        raise r._refuse(node, i, f"the result {target} must keep batch 1 first")
    r._add(node, r._name(node, i), Reshape(tuple(target[1:])), [node.input[0]], node.output[0])


def _reshape(r: Any, i: int, node: Any) -> None:
    shape = [1, *r.shapes[node.input[0]]]
    raw = [int(v) for v in _value(r, i, node, 1, "target shape")]
    allowzero = int(_attr(node, "allowzero", 0))
    target = [shape[k] if v == 0 and not allowzero else v for k, v in enumerate(raw)]
    if target.count(-1) > 1:
        raise r._refuse(node, i, f"target shape {raw} has more than one -1")
    if -1 in target:
        known = prod(v for v in target if v != -1)
        if known == 0 or prod(shape) % known:
            raise r._refuse(node, i, f"cannot reshape {shape} to {raw}")
        target[target.index(-1)] = prod(shape) // known
    _reshape_to(r, i, node, target)


def _flatten(r: Any, i: int, node: Any) -> None:
    shape = [1, *r.shapes[node.input[0]]]
    axis = int(_attr(node, "axis", 1))
    axis = axis + len(shape) if axis < 0 else axis
    _reshape_to(r, i, node, [prod(shape[:axis]), prod(shape[axis:])])


def _squeeze(r: Any, i: int, node: Any) -> None:
    shape = [1, *r.shapes[node.input[0]]]
    axes = _attr(node, "axes", None)
    if axes is None and len(node.input) > 1 and node.input[1]:
        axes = [int(v) for v in _value(r, i, node, 1, "axes")]
    if node.op_type == "Squeeze":
        if axes is None:
            axes = [k for k, d in enumerate(shape) if d == 1 and k > 0]
        axes = {a + len(shape) if a < 0 else a for a in axes}
        target = [d for k, d in enumerate(shape) if k not in axes]
    else:
        if axes is None:
            raise r._refuse(node, i, "Unsqueeze needs axes")
        target = list(shape)
        for a in sorted(a + len(shape) + len(axes) if a < 0 else a for a in axes):
            target.insert(a, 1)
    _reshape_to(r, i, node, target)


def _transpose(r: Any, i: int, node: Any) -> None:
    rank = len(r.shapes[node.input[0]]) + 1
    perm = list(_attr(node, "perm", list(range(rank))[::-1]))
    if perm[0] != 0:
        raise r._refuse(node, i, f"perm {perm} moves the batch axis")
    op = Transpose(tuple(p - 1 for p in perm[1:]))
    r._add(node, r._name(node, i), op, [node.input[0]], node.output[0])


def _resize(r: Any, i: int, node: Any) -> None:
    shape = [1, *r.shapes[node.input[0]]]
    sizes = _value(r, i, node, 3, "sizes") if len(node.input) > 3 else None
    if sizes is not None and len(sizes):
        out = [int(v) for v in sizes]
    else:
        k = 2 if node.op_type == "Resize" else 1
        scales = _value(r, i, node, k, "scales")
        if scales is None:
            raise r._refuse(node, i, "neither sizes nor scales are given")
        out = [int(n * float(s)) for n, s in zip(shape, scales, strict=True)]
    if len(out) != len(shape) or out[:2] != shape[:2]:
        raise r._refuse(node, i, f"resizing {shape} to {out} changes batch or channels")
    mode = _attr(node, "mode", b"nearest")
    mode = mode.decode() if isinstance(mode, bytes) else str(mode)
    r._add(node, r._name(node, i), Resize(tuple(out[2:]), mode), [node.input[0]],
           node.output[0])


def _pad(r: Any, i: int, node: Any) -> None:
    shape = [1, *r.shapes[node.input[0]]]
    pads = _attr(node, "pads", None)
    if pads is None:
        pads = [int(v) for v in _value(r, i, node, 1, "pads")]
    if len(node.input) > 3 and node.input[3]:
        raise r._refuse(node, i, "Pad with axes is not supported")
    n = len(shape)
    if len(pads) != 2 * n or pads[0] or pads[n]:
        raise r._refuse(node, i, f"pads {list(pads)} do not fit {shape} or pad the batch")
    op = PadOp(tuple((int(pads[k]), int(pads[k + n])) for k in range(1, n)))
    r._add(node, r._name(node, i), op, [node.input[0]], node.output[0])


_TABLE = {
    "Conv": _conv, "ConvTranspose": _conv, "MaxPool": _pool, "AveragePool": _pool,
    "GlobalAveragePool": _global_pool, "GlobalMaxPool": _global_pool,
    "ReduceMean": _reduce, "ReduceMax": _reduce, "BatchNormalization": _batchnorm,
    "LayerNormalization": _layernorm, "Gemm": _gemm, "MatMul": _gemm,
    "Add": _elementwise, "Sub": _elementwise, "Mul": _elementwise, "Div": _elementwise,
    "Pow": _elementwise, "Concat": _concat, "Split": _split, "Slice": _slice,
    "Reshape": _reshape, "Flatten": _flatten, "Squeeze": _squeeze, "Unsqueeze": _squeeze,
    "Transpose": _transpose, "Resize": _resize, "Upsample": _resize, "Pad": _pad,
}
