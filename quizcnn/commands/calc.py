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
    from quizcnn.core.errors import LayerError

    if not args.file and len(args.layers) == 1 and is_file(args.layers[0]):
        args.file, args.layers = args.layers[0], []  # quizcnn calc model.onnx
    if args.file:
        from quizcnn.commands import calc_graph

        if calc_graph.is_model_file(args.file):  # recognised by content, not by name
            return calc_graph.run(args, _fail, clean)
    got = None
    try:
        got = collect(args)
        shape, layers, skipped, notes = got.shape, got.layers, got.skipped, got.notes
        from quizcnn.core.analyze import analyze

        report = analyze(shape, layers)
        box = _rf_at(args, report) if args.rf_at else None
    except InputError as e:
        return _fail(e)
    except LayerError as e:
        return _fail(located(e, got) if got is not None else with_hint(e))
    except (ArithmeticError, TypeError, ValueError, RecursionError) as e:  # a bug, not the input
        _fail(f"internal error ({type(e).__name__}: {e}); please report it with your layers")
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
        _print_table(report, skipped, box, notes, [w.origin.inserted for w in got.wheres])
    return 0


def _rf_at(args: argparse.Namespace, report):
    """(position, inclusive input box per axis or None) for --rf-at."""
    from quizcnn.core.rf import rf_box

    parts = [p for p in re.split(r"[\s,x×]+", args.rf_at.strip().strip("()[]")) if p]
    if not parts or not all(p.isascii() and p.isdigit() and len(p) <= 9 for p in parts):
        raise InputError(
            f"--rf-at: cannot read {clean(args.rf_at)[:30]!r}; give one output index per "
            "spatial axis, counted from 0, e.g. --rf-at 10,10"
        )
    position = tuple(int(p) for p in parts)
    spatial = report.output[1:]
    if len(report.output) < 2 or len(position) != len(spatial):
        raise InputError(
            f"--rf-at: the last output {shape_text(report.output)} has {len(spatial)} spatial "
            f"ax{'is' if len(spatial) == 1 else 'es'}; give that many indices"
            if len(report.output) >= 2
            else f"--rf-at: the last output {shape_text(report.output)} has no spatial axes"
        )
    if not all(0 <= p < n for p, n in zip(position, spatial, strict=True)):
        raise InputError(
            f"--rf-at: position {','.join(map(str, position))} is outside the last output's "
            f"spatial size {shape_text(spatial)} (indices count from 0)"
        )
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


def rf_text(rf) -> str:
    """RF as 'size / jump / start', e.g. '11x11 / 4 / -2'."""
    if rf is None:
        return "n/a"
    return f"{shape_text(rf.size)} / {_same_or_list(rf.jump)} / {_same_or_list(rf.start)}"


WIDE = 140  # below this many columns each layer takes two lines


def _rows(report, inserted: list[bool] | None = None) -> list[tuple[str, ...]]:
    """(index, layer text, output, params, MACs, FLOPs, RF) for the input, each layer, total."""
    rows = [("", "input", shape_text(report.input), "", "", "", rf_text(_input_rf(report)))]
    for lr in report.layers:
        mark = " [inserted]" if inserted and inserted[lr.index] else ""
        rows.append(
            (
                str(lr.index),
                lr.layer.text() + mark,
                shape_text(lr.output),
                f"{lr.params:,}",
                human(lr.macs),
                human(lr.flops),
                rf_text(lr.rf),
            )
        )
    rows.append(
        (
            "",
            "total",
            shape_text(report.output),
            f"{report.params:,}",
            human(report.macs),
            human(report.flops),
            rf_text(report.rf),
        )
    )
    return [tuple(clean(c) for c in row) for row in rows]


def _input_rf(report):
    """The input's own field: one pixel per axis."""
    from quizcnn.core.rf import RF

    spatial = len(report.input) - 1
    return RF((1,) * spatial, (1,) * spatial, (0,) * spatial) if spatial >= 1 else None


HEADER = ("#", "layer", "output", "params", "MACs", "FLOPs", "RF size / jump / start")


def _print_table(report, skipped: list[str] = (), rf_at=None, assumed: list[str] = (),
                 inserted: list[bool] | None = None) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=sys.stdout, highlight=False, emoji=False)
    rows = _rows(report, inserted)
    if console.width >= WIDE:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        for i, title in enumerate(HEADER):
            right = 3 <= i <= 5 or i == 0
            table.add_column(title, justify="right" if right else "left", no_wrap=i != 1)
        for n, row in enumerate(rows):
            if n == len(rows) - 1:
                table.add_section()
            table.add_row(*(Text(c) for c in row))
    else:
        # Narrow terminal: the layer text on one line, its numbers aligned on the next.
        widths = [max(len(r[k]) for r in [HEADER, *rows]) for k in range(2, 7)]
        right = (False, True, True, True, False)

        def numbers(row) -> str:
            cells = [
                c.rjust(w) if r else c.ljust(w)
                for c, w, r in zip(row[2:], widths, right, strict=True)
            ]
            return "  " + "  ".join(cells).rstrip()

        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column(Text("layer\n" + numbers(HEADER)), overflow="fold")
        for n, row in enumerate(rows):
            if n == len(rows) - 1:
                table.add_section()
            table.add_row(Text(row[0]), Text(row[1] + "\n" + numbers(row)))
    console.print(table)
    d = report.to_dict()
    label = "Totals (main path only: the skipped branches below are not counted)" if skipped \
        else "Totals"
    lines = [
        f"{label}: {report.params:,} parameters, {report.macs:,} MACs, {report.flops:,} FLOPs "
        "(batch 1).",
        f"Convention: {d['convention']}.",
        "RF: receptive field size in input pixels / jump (input pixels between neighbouring "
        "outputs) / start (input coordinate of the first pixel of output 0's field; negative "
        "= in the padding).",
    ]
    notes: dict[str, list[str]] = {}
    for lr in report.layers:
        if lr.rf is None and lr.rf_note:
            notes.setdefault(lr.rf_note, []).append(str(lr.index))
    for note, where in notes.items():
        lines.append(f"RF n/a at layer {', '.join(where)}: {note}")
    if rf_at is not None:
        lines.append(_box_text(report, *rf_at))
    elif notes and _box_possible(report):
        middle = ",".join(str(n // 2) for n in report.output[1:])
        lines.append(
            "The exact input box one output position sees can be computed: add "
            f"--rf-at {middle} (one index per spatial axis of the last output)."
        )
    if inserted and any(inserted):
        lines.append(
            "[inserted]: a Flatten quizcnn added before the first Linear (forward() flattens "
            "there; print(model) does not show it)."
        )
    lines += [f"Note: {note}" for note in assumed]
    if skipped:
        lines.append(
            "Skipped residual branches (--main-path; not in the totals): " + ", ".join(skipped)
        )
    for line in lines:
        console.print(Text(clean(line)))


def _box_text(report, position, box) -> str:
    where = ",".join(str(p) for p in position)
    if box is None:
        return f"Output position {where} sees no input pixel (only a bias reaches it)."
    names = {1: ("L",), 2: ("H", "W"), 3: ("D", "H", "W")}.get(len(box))
    names = names or tuple(f"axis {a}" for a in range(len(box)))
    spans = ", ".join(
        f"{n} {lo}..{hi} ({hi - lo + 1} px)" for n, (lo, hi) in zip(names, box, strict=True)
    )
    inside = ", ".join(
        f"{n} 0..{size - 1}" for n, size in zip(names, report.input[1:], strict=True)
    )
    return (
        f"Exact field of output position {where}: input {spans}, first..last inclusive; "
        f"coordinates outside the input ({inside}) are padding."
    )


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
