"""``quizcnn calc``: shapes, parameters, MACs/FLOPs and receptive fields of a stack of layers.

    quizcnn calc --input 3x224x224 "Conv2d(3, 64, 7, stride=2, padding=3)" "nn.MaxPool2d(3, 2, 1)"
    quizcnn calc --input 3x224x224 --file net.txt      # '-' reads stdin
    quizcnn calc --input 3x224x224 --file net.txt --json

Layer text is data: it is parsed by quizcnn.core.parse (never evaluated), and anything shown
back is cleaned by quizcnn.termtext and printed as plain text (no Rich markup).

Reading layer text (files, stdin, arguments; notes and located errors) is in ``calc_text``;
graphs (ONNX) have their own printer in ``calc_graph``.
"""

from __future__ import annotations

import argparse
import re
import sys

from quizcnn.commands.calc_text import (
    InputError,
    clean,
    collect,
    detail,
    is_file,
    located,
    with_hint,
)

__all__ = ["clean", "human", "rf_text", "run", "shape_text"]

EPILOG = """\
layers: PyTorch constructor calls as in your code (Conv2d(...), nn.X(...), torch.nn.X(...)),
a pasted nn.Sequential(...) block, or the text print(model) writes. In print(model) text a
parallel branch (e.g. a ResNet (downsample)) is refused: quizcnn follows one chain of layers.
A whole network with its branches: --file model.onnx (an ONNX export; pip install
'quizcnn[onnx]'); the input shape may then come from the file.
Arguments may use whole-number arithmetic as code does: nn.Linear(16*5*5, 120).
Shapes have no batch dimension. FLOPs = 2 x MACs, bias not counted (torch.utils.flop_counter).
"""

def register(subparsers) -> None:
    p = subparsers.add_parser(
        "calc",
        help="output shape, parameters, FLOPs and receptive field of each layer",
        description="Output shape, parameters, MACs/FLOPs and receptive field of each layer.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--input",
        "-i",
        metavar="SHAPE",
        help="input shape without batch: 3x224x224 (C x H x W), 1x16000 (C x L), 1x16x64x64",
    )
    p.add_argument("layers", nargs="*", metavar="LAYER",
                   help="a layer, e.g. 'Conv2d(3, 64, 3)'; or one file name, read as --file")
    p.add_argument(
        "--file",
        "-f",
        metavar="PATH",
        help="read layers from a file ('-' for stdin): one per line, nn.Sequential or "
        "print(model); or a whole network as an ONNX model file (needs quizcnn[onnx])",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument(
        "--rf-at",
        metavar="POS",
        help="also give the exact input box that one output position sees, e.g. --rf-at 10,10 "
        "(one index per spatial axis of the last output, counted from 0); works after "
        "transposed convs and upsampling too",
    )
    p.add_argument(
        "--main-path",
        action="store_true",
        help="in print(model) text, skip residual side branches such as ResNet's (downsample) "
        "and follow the main path (the skipped layers are listed and not counted)",
    )
    p.set_defaults(func=run)


def _fail(message: object) -> int:
    print(f"quizcnn calc: {clean(message)}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    """The report; the program's words in ``cli_lang()`` (QUIZCNN_LANG, else the app's)."""
    from quizcnn.core.errors import LayerError
    from quizcnn.messages import t
    from quizcnn.tui.prefs import cli_lang

    lang = cli_lang()
    if not args.file and len(args.layers) == 1 and is_file(args.layers[0]):
        args.file, args.layers = args.layers[0], []  # quizcnn calc model.onnx
    if args.file:
        from quizcnn.commands import calc_graph

        if calc_graph.is_model_file(args.file):  # recognised by content, not by name
            return calc_graph.run(args, _fail, clean, lang)
    got = None
    try:
        got = collect(args, lang)
        shape, layers, skipped, notes = got.shape, got.layers, got.skipped, got.notes
        from quizcnn.core.analyze import analyze

        report = analyze(shape, layers)
        box = _rf_at(args, report, lang) if args.rf_at else None
    except InputError as e:
        return _fail(e)
    except LayerError as e:
        return _fail(located(e, got, lang) if got is not None else with_hint(e, lang))
    except (ArithmeticError, TypeError, ValueError, RecursionError) as e:  # a bug, not the input
        _fail(t("calc_internal", lang, error=f"{type(e).__name__}: {e}"))
        return 1
    if args.json:
        import json

        data = report.to_dict()
        for row, where in zip(data["layers"], got.wheres, strict=True):
            if where.origin.line is not None:
                row["line"] = where.origin.line
            if where.origin.inserted:
                row["inserted"] = True
        if args.main_path:
            data["skipped_branches"] = skipped
            data["main_path_only"] = bool(skipped)
        if notes:
            data["notes"] = notes
        if box is not None:
            data["rf_at"] = {
                "position": list(box[0]),
                "box": None if box[1] is None else [list(b) for b in box[1]],
            }
        print(json.dumps(data, indent=2))
    else:
        _print_table(report, skipped, box, notes, [w.origin.inserted for w in got.wheres], lang)
    return 0


def _rf_at(args: argparse.Namespace, report, lang: str = "en"):
    """(position, inclusive input box per axis or None) for --rf-at."""
    from quizcnn.core.rf import rf_box
    from quizcnn.messages import t

    parts = [p for p in re.split(r"[\s,x×]+", args.rf_at.strip().strip("()[]")) if p]
    if not parts or not all(p.isascii() and p.isdigit() and len(p) <= 9 for p in parts):
        raise InputError(t("calc_rfat_unreadable", lang, text=repr(clean(args.rf_at)[:30])))
    position = tuple(int(p) for p in parts)
    spatial = report.output[1:]
    if len(report.output) < 2 or len(position) != len(spatial):
        raise InputError(
            t("calc_rfat_axes", lang, shape=shape_text(report.output), n=len(spatial),
              axes=t("calc_axis" if len(spatial) == 1 else "calc_axes", lang))
            if len(report.output) >= 2
            else t("calc_rfat_no_axes", lang, shape=shape_text(report.output))
        )
    if not all(0 <= p < n for p, n in zip(position, spatial, strict=True)):
        raise InputError(t("calc_rfat_outside", lang, pos=",".join(map(str, position)),
                           size=shape_text(spatial)))
    return position, rf_box(report.input, [lr.layer for lr in report.layers], position)


# --------------------------------------------------------------------------------------------
# table


def human(n: int) -> str:
    """Three significant figures with a unit, the same for every unit: 118013952 -> '118M',
    3699376128 -> '3.70G', 12544 -> '12.5K' (exact numbers are in --json and the totals)."""
    units = (("T", 10**12), ("G", 10**9), ("M", 10**6), ("K", 10**3))
    for i, (unit, size) in enumerate(units):
        if abs(n) >= size:
            text = f"{n / size:#.3g}".rstrip(".")  # '#': keep trailing zeros (3.70G)
            if "e" in text and i > 0:  # 999.96M rounds to 1.00G
                return f"{n / units[i - 1][1]:#.3g}{units[i - 1][0]}"
            return text + unit
    return str(n)


def shape_text(shape) -> str:
    return "x".join(str(s) for s in shape)


def _same_or_list(values) -> str:
    values = tuple(values)
    return str(values[0]) if len(set(values)) == 1 else ",".join(str(v) for v in values)


def rf_text(rf, lang: str = "en") -> str:
    """RF as 'size / jump / start', e.g. '11x11 / 4 / -2' ('n/a', in Chinese '无', for none)."""
    if rf is None:
        from quizcnn.messages import t

        return t("calc_na", lang)
    return f"{shape_text(rf.size)} / {_same_or_list(rf.jump)} / {_same_or_list(rf.start)}"


WIDE = 140  # below this many columns each layer takes two lines


def _rows(report, inserted: list[bool] | None = None, lang: str = "en") -> list[tuple[str, ...]]:
    """(index, layer text, output, params, MACs, FLOPs, RF) for the input, each layer, total."""
    from quizcnn.messages import t

    rows = [("", t("calc_row_input", lang), shape_text(report.input), "", "", "",
             rf_text(_input_rf(report), lang))]
    for lr in report.layers:
        mark = t("calc_inserted_mark", lang) if inserted and inserted[lr.index] else ""
        rows.append(
            (
                str(lr.index),
                lr.layer.text() + mark,
                shape_text(lr.output),
                f"{lr.params:,}",
                human(lr.macs),
                human(lr.flops),
                rf_text(lr.rf, lang),
            )
        )
    rows.append(
        (
            "",
            t("calc_row_total", lang),
            shape_text(report.output),
            f"{report.params:,}",
            human(report.macs),
            human(report.flops),
            rf_text(report.rf, lang),
        )
    )
    return [tuple(clean(c) for c in row) for row in rows]


def _input_rf(report):
    """The input's own field: one pixel per axis."""
    from quizcnn.core.rf import RF

    spatial = len(report.input) - 1
    return RF((1,) * spatial, (1,) * spatial, (0,) * spatial) if spatial >= 1 else None


HEADER = ("#", "layer", "output", "params", "MACs", "FLOPs", "RF size / jump / start")


def header(lang: str = "en") -> tuple[str, ...]:
    """The table's column titles in ``lang`` (MACs and FLOPs are the same in both)."""
    from quizcnn.messages import t

    return ("#", t("calc_col_layer", lang), t("calc_col_output", lang),
            t("calc_col_params", lang), "MACs", "FLOPs", t("calc_col_rf", lang))


def _pad(text: str, width: int, right: bool) -> str:
    """``text`` padded to ``width`` terminal cells (a CJK character takes two)."""
    from rich.cells import cell_len

    fill = " " * max(0, width - cell_len(text))
    return fill + text if right else text + fill


def _print_table(report, skipped: list[str] = (), rf_at=None, assumed: list[str] = (),
                 inserted: list[bool] | None = None, lang: str = "en") -> None:
    from rich import box
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from quizcnn.messages import t

    console = Console(file=sys.stdout, highlight=False, emoji=False)
    rows = _rows(report, inserted, lang)
    titles = header(lang)
    if console.width >= WIDE:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        for i, title in enumerate(titles):
            right = 3 <= i <= 5 or i == 0
            table.add_column(title, justify="right" if right else "left", no_wrap=i != 1)
        for n, row in enumerate(rows):
            if n == len(rows) - 1:
                table.add_section()
            table.add_row(*(Text(c) for c in row))
    else:
        # Narrow terminal: the layer text on one line, its numbers aligned on the next.
        widths = [max(cell_len(r[k]) for r in [titles, *rows]) for k in range(2, 7)]
        right = (False, True, True, True, False)

        def numbers(row) -> str:
            cells = [_pad(c, w, r) for c, w, r in zip(row[2:], widths, right, strict=True)]
            return "  " + "  ".join(cells).rstrip()

        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column(Text(titles[1] + "\n" + numbers(titles)), overflow="fold")
        for n, row in enumerate(rows):
            if n == len(rows) - 1:
                table.add_section()
            table.add_row(Text(row[0]), Text(row[1] + "\n" + numbers(row)))
    console.print(table)
    d = report.to_dict()
    label = t("calc_totals_main_path" if skipped else "calc_totals_label", lang)
    convention = d["convention"]
    if convention == t("calc_convention_core", "en"):
        convention = t("calc_convention_core", lang)
    sep = t("calc_list_sep", lang)
    lines = [
        t("calc_totals", lang, label=label, params=f"{report.params:,}", macs=f"{report.macs:,}",
          flops=f"{report.flops:,}"),
        t("calc_convention", lang, convention=convention),
        t("calc_rf_legend", lang),
    ]
    notes: dict[str, list[str]] = {}
    for lr in report.layers:
        if lr.rf is None and lr.rf_note:
            notes.setdefault(lr.rf_note, []).append(str(lr.index))
    for note, where in notes.items():
        lines.append(t("calc_rf_na", lang, where=sep.join(where), note=detail(note, lang)))
    if rf_at is not None:
        lines.append(_box_text(report, *rf_at, lang=lang))
    elif notes and _box_possible(report):
        middle = ",".join(str(n // 2) for n in report.output[1:])
        lines.append(t("calc_rfat_suggest", lang, middle=middle))
    if inserted and any(inserted):
        lines.append(t("calc_inserted_legend", lang))
    lines += [t("calc_note", lang, note=note) for note in assumed]
    if skipped:
        lines.append(t("calc_skipped", lang, branches=sep.join(skipped)))
    for line in lines:
        console.print(Text(clean(line)))


def _box_text(report, position, box, lang: str = "en") -> str:
    from quizcnn.messages import t

    where = ",".join(str(p) for p in position)
    if box is None:
        return t("calc_box_none", lang, where=where)
    names = {1: ("L",), 2: ("H", "W"), 3: ("D", "H", "W")}.get(len(box))
    names = names or tuple(f"{t('calc_axis', lang)} {a}" for a in range(len(box)))
    sep = t("calc_list_sep", lang)
    spans = sep.join(
        t("calc_box_span", lang, axis=n, lo=lo, hi=hi, n=hi - lo + 1)
        for n, (lo, hi) in zip(names, box, strict=True)
    )
    inside = sep.join(
        f"{n} 0..{size - 1}" for n, size in zip(names, report.input[1:], strict=True)
    )
    return t("calc_box", lang, where=where, spans=spans, inside=inside)


def _box_possible(report) -> bool:
    """Whether --rf-at can answer for this stack (no Linear/Flatten in the way)."""
    from quizcnn.core.errors import LayerError
    from quizcnn.core.rf import rf_box

    if len(report.output) < 2:
        return False
    try:
        rf_box(report.input, [lr.layer for lr in report.layers], (0,) * (len(report.output) - 1))
    except LayerError:
        return False
    return True
