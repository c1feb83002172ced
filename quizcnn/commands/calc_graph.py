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


def run(args: argparse.Namespace, fail: Any, clean: Any, lang: str = "en") -> int:
    from quizcnn.commands.calc_text import detail, plain
    from quizcnn.core.errors import LayerError
    from quizcnn.messages import t
    from quizcnn.onnx_reader import OnnxError, analyze_onnx, load, looks_like_onnx, read_bytes

    shown = clean(args.file)
    if args.layers:
        return fail(t("graph_no_layers", lang))
    if args.rf_at or args.main_path:
        flag = "--rf-at" if args.rf_at else "--main-path"
        return fail(t("graph_flag", lang, flag=flag))
    shape = None
    if args.input:
        from quizcnn.core import ParseError, parse_shape

        try:
            shape = parse_shape(args.input)
        except ParseError as e:
            return fail(t("calc_input_bad", lang, message=detail(e.message, lang)))
    try:
        data = read_bytes(args.file)
        if not looks_like_onnx(data[:64]):
            return fail(t("graph_gzip", lang, name=shown))
        model = analyze_onnx(load(data, shown), shape)
    except OnnxError as e:
        text = str(e)
        if text.startswith(args.file):
            return fail(text if lang != "zh" else
                        shown + detail(text[len(args.file):], lang).replace(": ", "：", 1))
        return fail(t("calc_where", lang, where=shown, message=detail(text, lang)))
    except LayerError as e:
        return fail(t("calc_where", lang, where=shown, message=plain(e, lang)))
    except (ArithmeticError, TypeError, ValueError, KeyError, IndexError, RecursionError) as e:
        fail(t("graph_internal", lang, name=shown, error=f"{type(e).__name__}: {e}"))
        return 1
    if args.json:
        import json

        data_out = model.report.to_dict()
        data_out["notes"] = model.notes
        data_out["bn_folded"] = model.bn_folded
        print(json.dumps(data_out, indent=2))
    else:
        _print(model, shown, clean, lang)
    return 0


def stages(report: Any) -> list[dict[str, Any]]:
    """Consecutive runs of nodes at one spatial resolution, then the head: the stages the
    drill on one's own model asks about (``quizcnn.problems.own_model.stages``)."""
    from quizcnn.problems.own_model import stages as model_stages

    return [{"key": st.key, "nodes": len(st.nodes), "params": st.params, "flops": st.flops,
             "first": st.nodes[0], "last": st.last} for st in model_stages(report)]


def _print(model: Any, shown: str, clean: Any, lang: str = "en") -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from quizcnn.commands.calc import human, rf_text, shape_text
    from quizcnn.commands.calc_text import detail
    from quizcnn.messages import t

    report = model.report
    console = Console(file=sys.stdout, highlight=False, emoji=False)
    total_flops = report.flops or 1
    console.print(Text(clean(t(
        "graph_summary", lang, name=shown, input=shape_text(report.input),
        output=shape_text(report.output), nodes=len(report.nodes)))))
    node, op, output, params = (t("graph_col_node", lang), t("graph_col_op", lang),
                                t("calc_col_output", lang), t("calc_col_params", lang))
    share = t("graph_col_share", lang)
    if len(report.nodes) <= SMALL:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        for i, title in enumerate(("#", node, op, output, params, "FLOPs",
                                   t("calc_col_rf", lang))):
            table.add_column(title, justify="right" if i in (0, 4, 5) else "left",
                             overflow="fold")
        for r in report.nodes:
            table.add_row(*(Text(clean(c)) for c in (
                str(r.index), r.node.name, r.node.op.kind, shape_text(r.output),
                f"{r.params:,}", human(r.flops), rf_text(r.rf, lang))))
        console.print(table)
    else:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title=t("graph_per_stage", lang))
        for i, title in enumerate((t("graph_col_stage", lang), t("graph_col_nodes", lang),
                                   params, "FLOPs", share, t("graph_col_rf_end", lang))):
            table.add_column(title, justify="left" if i in (0, 5) else "right")
        for st in stages(report):
            rf = rf_text(st["last"].rf, lang) if st["key"] != "head" else "-"
            key = t("graph_head", lang) if st["key"] == "head" else st["key"]
            table.add_row(*(Text(clean(c)) for c in (
                key, str(st["nodes"]), f"{st['params']:,}", human(st["flops"]),
                f"{100 * st['flops'] / total_flops:.1f}%", rf)))
        console.print(table)
        top = sorted(report.nodes, key=lambda r: (-r.flops, r.index))[:TOP]
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title=t("graph_top", lang, n=TOP))
        for i, title in enumerate(("#", node, op, output, params, "FLOPs", share)):
            table.add_column(title, justify="right" if i in (0, 4, 5, 6) else "left",
                             overflow="fold")
        for r in top:
            table.add_row(*(Text(clean(c)) for c in (
                str(r.index), r.node.name, r.node.op.kind, shape_text(r.output),
                f"{r.params:,}", human(r.flops), f"{100 * r.flops / total_flops:.1f}%")))
        console.print(table)
    lines = [
        t("calc_totals", lang, label=t("calc_totals_label", lang), params=f"{report.params:,}",
          macs=f"{report.macs:,}", flops=f"{report.flops:,}"),
        t("graph_convention", lang),
    ]
    fm = report.feature_map
    if fm is not None:
        where = t("graph_feature_map", lang, node=fm.node.name, shape=shape_text(fm.output),
                  rf=rf_text(fm.rf, lang))
        if fm.rf is None and fm.rf_note:
            where += t("graph_fm_note", lang, note=detail(fm.rf_note, lang))
        if fm.global_context:
            where += t("graph_global", lang)
        lines.append(where)
    lines.append(t("graph_rf_legend", lang))
    lines += [t("calc_note", lang, note=detail(n, lang)) for n in model.notes]
    if len(report.nodes) > SMALL:
        lines.append(t("graph_every_node", lang))
    for line in lines:
        console.print(Text(clean(line)))
