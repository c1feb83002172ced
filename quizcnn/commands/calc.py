"""``quizcnn calc``: shapes, parameters, MACs/FLOPs and receptive fields of a stack of layers.

    quizcnn calc --input 3x224x224 "Conv2d(3, 64, 7, stride=2, padding=3)" "nn.MaxPool2d(3, 2, 1)"
    quizcnn calc --input 3x224x224 --file net.txt      # '-' reads stdin
    quizcnn calc --input 3x224x224 --file net.txt --json

Layer text is data: it is parsed by quizcnn.core.parse (never evaluated), and anything shown
back is cleaned by quizcnn.termtext and printed as plain text (no Rich markup).

A module a little over 400 lines: argument checks, the layer table, the JSON form and the
error messages of one command; graphs (ONNX) have their own printer in ``calc_graph``.
"""

from __future__ import annotations

import argparse
import re
import sys

from quizcnn import termtext

EPILOG = """\
layers: PyTorch constructor calls as in your code (Conv2d(...), nn.X(...), torch.nn.X(...)),
a pasted nn.Sequential(...) block, or the text print(model) writes. In print(model) text a
parallel branch (e.g. a ResNet (downsample)) is refused: quizcnn follows one chain of layers.
A whole network with its branches: --file model.onnx (an ONNX export; pip install
'quizcnn[onnx]'); the input shape may then come from the file.
Arguments may use whole-number arithmetic as code does: nn.Linear(16*5*5, 120).
Shapes have no batch dimension. FLOPs = 2 x MACs, bias not counted (torch.utils.flop_counter).
"""

MAX_FILE_BYTES = 2_000_000


class _InputError(Exception):
    """A problem with the command line or a file (not with a layer)."""


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
    p.add_argument("layers", nargs="*", metavar="LAYER", help="a layer, e.g. 'Conv2d(3, 64, 3)'")
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


def clean(text: object) -> str:
    """One line of user-derived text, safe for a terminal (see ``quizcnn.termtext``)."""
    return termtext.clean(text, one_line=True)


def _fail(message: object) -> int:
    print(f"quizcnn calc: {clean(message)}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    from quizcnn.core.errors import LayerError

    if args.file:
        from quizcnn.commands import calc_graph

        if calc_graph.is_model_file(args.file):  # recognised by content, not by name
            return calc_graph.run(args, _fail, clean)
    try:
        shape, layers, skipped, notes = _collect(args)
        from quizcnn.core.analyze import analyze

        report = analyze(shape, layers)
        box = _rf_at(args, report) if args.rf_at else None
    except _InputError as e:
        return _fail(e)
    except LayerError as e:
        return _fail(_with_hint(e))
    except (ArithmeticError, TypeError, ValueError, RecursionError) as e:  # a bug, not the input
        _fail(f"internal error ({type(e).__name__}: {e}); please report it with your layers")
        return 1
    if args.json:
        import json

        data = report.to_dict()
        if args.main_path:
            data["skipped_branches"] = skipped
        if notes:
            data["notes"] = notes
        if box is not None:
            data["rf_at"] = {
                "position": list(box[0]),
                "box": None if box[1] is None else [list(b) for b in box[1]],
            }
        print(json.dumps(data, indent=2))
    else:
        _print_table(report, skipped, box, notes)
    return 0


def _rf_at(args: argparse.Namespace, report):
    """(position, inclusive input box per axis or None) for --rf-at."""
    from quizcnn.core.rf import rf_box

    parts = [p for p in re.split(r"[\s,x×]+", args.rf_at.strip().strip("()[]")) if p]
    if not parts or not all(p.isascii() and p.isdigit() and len(p) <= 9 for p in parts):
        raise _InputError(
            f"--rf-at: cannot read {clean(args.rf_at)[:30]!r}; give one output index per "
            "spatial axis, counted from 0, e.g. --rf-at 10,10"
        )
    position = tuple(int(p) for p in parts)
    spatial = report.output[1:]
    if len(report.output) < 2 or len(position) != len(spatial):
        raise _InputError(
            f"--rf-at: the last output {shape_text(report.output)} has {len(spatial)} spatial "
            f"ax{'is' if len(spatial) == 1 else 'es'}; give that many indices"
            if len(report.output) >= 2
            else f"--rf-at: the last output {shape_text(report.output)} has no spatial axes"
        )
    if not all(0 <= p < n for p, n in zip(position, spatial, strict=True)):
        raise _InputError(
            f"--rf-at: position {','.join(map(str, position))} is outside the last output's "
            f"spatial size {shape_text(spatial)} (indices count from 0)"
        )
    return position, rf_box(report.input, [lr.layer for lr in report.layers], position)


def _collect(args: argparse.Namespace):
    from quizcnn.core.errors import ParseError
    from quizcnn.core.parse import parse_shape

    if not args.input:
        raise _InputError("give the input shape, e.g. --input 3x224x224 (no batch dimension)")
    if not args.layers and not args.file:
        raise _InputError("give layers as arguments or with --file (see quizcnn calc --help)")
    try:
        shape = parse_shape(args.input)
    except ParseError as e:
        raise _InputError(f"--input: {e.message}") from None
    layers: list = []
    skipped: list[str] = []
    texts: list[str] = []
    if args.file:
        name = "stdin" if args.file == "-" else args.file
        try:
            texts.append(_read(args.file))
            layers += _parse(texts[-1], args.main_path, skipped)
        except ParseError as e:
            raise _InputError(f"{name}: {e.plain()}") from None
    for i, text in enumerate(args.layers, start=1):
        texts.append(text)
        try:
            layers += _parse(text, args.main_path, skipped)
        except ParseError as e:
            if "\n" not in text.strip():
                e.line = None
            raise _InputError(f"layer argument {i}: {e.plain()}") from None
    return shape, layers, skipped, _notes(texts)


def _notes(texts: list[str]) -> list[str]:
    """What the input could not say and was assumed."""
    from quizcnn.core.parse import hidden_avgpool_options

    if any(hidden_avgpool_options(t) for t in texts):
        return [
            "print(model) does not show AvgPool's ceil_mode (nor count_include_pad), so "
            "ceil_mode=False was assumed; if your model sets ceil_mode=True, add it to the "
            "AvgPool line (the output size can change)."
        ]
    return []


def _parse(text: str, main_path: bool, skipped: list[str]) -> list:
    from quizcnn.core.parse import parse_layers, parse_main_path

    if not main_path:
        return parse_layers(text)
    layers, skips = parse_main_path(text)
    skipped.extend(skips)
    return layers


def _read(path: str) -> str:
    from pathlib import Path

    shown = "stdin" if path == "-" else clean(path)
    try:
        if path == "-":
            stream = getattr(sys.stdin, "buffer", None)
            if stream is None:
                raw = sys.stdin.read(MAX_FILE_BYTES + 1).encode("utf-8", "surrogateescape")
            else:
                raw = stream.read(MAX_FILE_BYTES + 1)
        else:
            p = Path(path)
            if p.is_dir():
                raise _InputError(f"{shown} is a directory, not a file of layers")
            from quizcnn.fileio import FileRefused, read_bytes

            try:  # a regular file only: a FIFO would block, a device never end
                raw = read_bytes(p, cap=MAX_FILE_BYTES)
            except FileRefused as e:
                if not p.exists() and not p.is_symlink():
                    raise FileNotFoundError(path) from None
                raise _InputError(clean(str(e))) from None
    except FileNotFoundError:
        raise _InputError(f"{shown}: no such file") from None
    except PermissionError:
        raise _InputError(f"{shown}: permission denied") from None
    except OSError as e:
        raise _InputError(f"{shown}: cannot read ({e.strerror or type(e).__name__})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise _InputError(f"{shown} is larger than {MAX_FILE_BYTES:,} bytes; not a layer list")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise _InputError(f"{shown} is not UTF-8 text (bad byte at offset {e.start})") from None


def _with_hint(err) -> str:
    text = err.plain()  # the rule id stays on the exception; people get words
    if err.rule == "input-rank":
        text += " (--input takes C x H x W for 2-d layers and C x L for 1-d; no batch dimension)"
    return text


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


def _rows(report) -> list[tuple[str, ...]]:
    """(index, layer text, output, params, MACs, FLOPs, RF) for the input, each layer, total."""
    rows = [("", "input", shape_text(report.input), "", "", "", rf_text(_input_rf(report)))]
    for lr in report.layers:
        rows.append(
            (
                str(lr.index),
                lr.layer.text(),
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


def _print_table(report, skipped: list[str] = (), rf_at=None, assumed: list[str] = ()) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=sys.stdout, highlight=False, emoji=False)
    rows = _rows(report)
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
    lines = [
        f"Totals: {report.params:,} parameters, {report.macs:,} MACs, {report.flops:,} FLOPs "
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
