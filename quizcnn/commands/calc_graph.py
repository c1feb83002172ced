"""`quizcnn calc --file model.onnx`: a whole network graph read from an ONNX file.

The table is made for graphs of hundreds of nodes: totals per stage (a stage is the run of
nodes at one spatial resolution; global branches such as squeeze-excitation gates count in the
stage they sit in, and everything after the feature map is the head), the nodes with the most
FLOPs, and the feature map's receptive field. Small graphs (up to SMALL nodes) list every node.
``--json`` gives every node.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

SMALL = 40
TOP = 10


def head_of(path: str) -> bytes | None:
    """The first bytes of a regular file (None for stdin, a missing or special file)."""
    import os
    import stat

    if path == "-":
        return None
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as fh:
            return fh.read(64)
    except OSError:
        return None


def is_model_file(path: str) -> bool:
    from quizcnn.onnx_reader import looks_like_onnx

    head = head_of(path)
    return head is not None and (head[:2] == b"\x1f\x8b" or looks_like_onnx(head))


def run(args: argparse.Namespace, fail: Any, clean: Any) -> int:
    from quizcnn.core.errors import LayerError
    from quizcnn.onnx_reader import OnnxError, analyze_onnx, load, looks_like_onnx, read_bytes

    shown = clean(args.file)
    if args.layers:
        return fail("an ONNX file is the whole network; give no LAYER arguments with it")
    if args.rf_at or args.main_path:
        flag = "--rf-at" if args.rf_at else "--main-path"
        return fail(f"{flag} works on layer lists, not on ONNX files")
    shape = None
    if args.input:
        from quizcnn.core import ParseError, parse_shape

        try:
            shape = parse_shape(args.input)
        except ParseError as e:
            return fail(f"--input: {e.message}")
    try:
        data = read_bytes(args.file)
        if not looks_like_onnx(data[:64]):
            return fail(f"{shown} is gzip data but not an ONNX model")
        model = analyze_onnx(load(data, shown), shape)
    except OnnxError as e:
        return fail(f"{shown}: {e}" if not str(e).startswith(args.file) else str(e))
    except LayerError as e:
        return fail(f"{shown}: {e.plain()}")
    except (ArithmeticError, TypeError, ValueError, KeyError, IndexError, RecursionError) as e:
        fail(f"internal error reading {shown} ({type(e).__name__}: {e}); please report it")
        return 1
    if args.json:
        import json

        data_out = model.report.to_dict()
        data_out["notes"] = model.notes
        data_out["bn_folded"] = model.bn_folded
        print(json.dumps(data_out, indent=2))
    else:
        _print(model, shown, clean)
    return 0


def stages(report: Any) -> list[dict[str, Any]]:
    """Consecutive runs of nodes at one spatial resolution, then the head: the stages the
    drill on one's own model asks about (``quizcnn.problems.own_model.stages``)."""
    from quizcnn.problems.own_model import stages as model_stages

    return [{"key": st.key, "nodes": len(st.nodes), "params": st.params, "flops": st.flops,
             "first": st.nodes[0], "last": st.last} for st in model_stages(report)]


def _print(model: Any, shown: str, clean: Any) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from quizcnn.commands.calc import human, rf_text, shape_text

    report = model.report
    console = Console(file=sys.stdout, highlight=False, emoji=False)
    total_flops = report.flops or 1
    console.print(Text(clean(
        f"{shown}: input {shape_text(report.input)} -> output {shape_text(report.output)}, "
        f"{len(report.nodes)} nodes")))
    if len(report.nodes) <= SMALL:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        for title in ("#", "node", "op", "output", "params", "FLOPs", "RF size / jump / start"):
            table.add_column(title, justify="right" if title in ("#", "params", "FLOPs")
                             else "left", overflow="fold")
        for r in report.nodes:
            table.add_row(*(Text(clean(c)) for c in (
                str(r.index), r.node.name, r.node.op.kind, shape_text(r.output),
                f"{r.params:,}", human(r.flops), rf_text(r.rf))))
        console.print(table)
    else:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title="Per stage (resolution)")
        for title in ("stage", "nodes", "params", "FLOPs", "share", "RF at its end"):
            table.add_column(title, justify="left" if title in ("stage", "RF at its end")
                             else "right")
        for st in stages(report):
            rf = rf_text(st["last"].rf) if st["key"] != "head" else "-"
            table.add_row(*(Text(clean(c)) for c in (
                st["key"], str(st["nodes"]), f"{st['params']:,}", human(st["flops"]),
                f"{100 * st['flops'] / total_flops:.1f}%", rf)))
        console.print(table)
        top = sorted(report.nodes, key=lambda r: (-r.flops, r.index))[:TOP]
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title=f"Top {TOP} nodes by FLOPs")
        for title in ("#", "node", "op", "output", "params", "FLOPs", "share"):
            table.add_column(title, justify="right" if title in ("#", "params", "FLOPs",
                                                                 "share") else "left",
                             overflow="fold")
        for r in top:
            table.add_row(*(Text(clean(c)) for c in (
                str(r.index), r.node.name, r.node.op.kind, shape_text(r.output),
                f"{r.params:,}", human(r.flops), f"{100 * r.flops / total_flops:.1f}%")))
        console.print(table)
    lines = [
        f"Totals: {report.params:,} parameters, {report.macs:,} MACs, {report.flops:,} FLOPs "
        "(batch 1).",
        "Convention: FLOPs = 2 x MACs, bias not counted (torch.utils.flop_counter); merges "
        "(Add, Concat, ...) count 0.",
    ]
    fm = report.feature_map
    if fm is not None:
        where = f"Feature map: {fm.node.name} ({shape_text(fm.output)}), RF {rf_text(fm.rf)}"
        if fm.rf is None and fm.rf_note:
            where += f" ({fm.rf_note})"
        if fm.global_context:
            where += "; a global branch (gate or image-level pooling) also reaches it: " \
                     "global context, not counted in the size"
        lines.append(where)
    lines.append("RF: size in input pixels / jump / start (input coordinate of the first "
                 "pixel of output 0's field), the box covering every path.")
    lines += [f"Note: {n}" for n in model.notes]
    if len(report.nodes) > SMALL:
        lines.append("Every node: add --json.")
    for line in lines:
        console.print(Text(clean(line)))
