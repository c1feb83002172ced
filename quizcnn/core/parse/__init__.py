"""Read layer text that users paste from PyTorch code or from ``print(model)``.

Nothing here evaluates the text. It is parsed with :mod:`ast` and every node is checked against
a whitelist: the callee must be a known layer name (``X``, ``nn.X`` or ``torch.nn.X``), and
argument values may only be number / bool / None / string literals, tuples or lists of those,
``-number``, whole-number arithmetic (``16 * 5 * 5``: +, -, *, // and unary minus on integer
literals, computed by :meth:`_Reader.arithmetic` over the tree, at most 10 operators deep and
within 10**9), a ``torch.<float dtype>`` for ``dtype=``, and the bare words ``print(model)`` writes
unquoted (``padding=same``, ``padding_mode=reflect``). Anything else is a :class:`ParseError`
naming the piece and its column. Sizes are checked before :func:`ast.parse` runs.

Two kinds of input are read by :func:`parse_layers`:

- code: one layer per line (``#`` comments, blank lines, ``;`` between layers, trailing commas),
  calls spanning lines, and ``nn.Sequential(...)`` blocks (assigned or not, nested, or built
  from ``OrderedDict([("name", layer), ...])``);
- ``print(model)`` text: ``Model(``, ``(name): Sequential(``, ``(0): Conv2d(...)``, ``)``.
  Containers whose children run one after another (Sequential, torchvision's BasicBlock /
  Bottleneck main path, Conv2dNormActivation, ...) are followed; parallel branches (a residual
  ``downsample``, Inception branches, squeeze-excitation) are refused with the line number
  (:func:`parse_main_path` skips residual side branches and lists them instead). A nested
  block of a type not known to run its children in order is refused too.
  torchvision models flatten in ``forward()`` before their first Linear, which print(model) does
  not show, so a ``Flatten()`` is inserted after the last 2-d/3-d layer before a Linear (only
  for print(model) text; code is taken as written).

What print(model) cannot tell: the order ``forward()`` really uses (the printed order is
assumed, as in torchvision's classic networks), functional calls in ``forward()`` (F.relu,
torch.cat, ...), and AvgPool's ``ceil_mode``/``count_include_pad``, which PyTorch leaves out of
the printed text (the defaults are assumed).

The package, by job: ``calls`` (constructor calls and Sequential blocks), ``printed``
(print(model) text), ``shapes`` (input shapes) and ``common`` (limits and guards both parsers
share). This module holds the public entry points.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quizcnn.core.base import Layer
from quizcnn.core.parse.calls import parse_code, parse_layer
from quizcnn.core.parse.common import (
    MAX_LAYERS,
    MAX_TEXT_CHARS,
    PASTE_FIXES,
    PRINT_PREFIX,
    guard_text,
    parse_error,
)
from quizcnn.core.parse.printed import CustomBlock, Origin, PrintedModel, hidden_avgpool_options
from quizcnn.core.parse.shapes import parse_shape

__all__ = [
    "CustomBlock", "Origin", "Parsed", "hidden_avgpool_options", "parse_layer", "parse_layers",
    "parse_main_path", "parse_shape", "parse_text",
]


@dataclass(frozen=True)
class Parsed:
    """What :func:`parse_text` read: the layers, where each came from (``origins``, one per
    layer; for code input the line is unknown), the residual branches skipped, and the custom
    classes whose ``forward()`` the text cannot show (``custom``: run in printed order only as
    an assumption). ``printed``: the text is print(model) output."""

    layers: list[Layer]
    origins: list[Origin]
    skipped: list[str] = field(default_factory=list)
    custom: list[CustomBlock] = field(default_factory=list)
    printed: bool = False


def parse_layers(text: str) -> list[Layer]:
    """Layers from a file / a pasted nn.Sequential block / print(model) text (see module doc).
    A residual side branch in print(model) text (``(downsample)``, ``(shortcut)``) is refused
    with its line number; :func:`parse_main_path` skips such branches instead."""
    return parse_text(text).layers


def parse_main_path(text: str) -> tuple[list[Layer], list[str]]:
    """Like :func:`parse_layers`, but residual side branches of print(model) text
    (``(downsample)``, ``(shortcut)``, ...) are skipped: returns (layers of the main path,
    ["line 15: (layer1.0.downsample)", ...]). Their parameters and FLOPs are then not counted.
    Branches that really run side by side (Inception, squeeze-excitation) still raise."""
    parsed = parse_text(text, main_path=True)
    return parsed.layers, parsed.skipped


def parse_text(text: str, main_path: bool = False) -> Parsed:
    """:func:`parse_layers` (or, with ``main_path``, :func:`parse_main_path`) with where each
    layer came from and what the text could not show (see :class:`Parsed`)."""
    guard_text(text, MAX_TEXT_CHARS, "the text")
    text = text.translate(PASTE_FIXES)
    lines = text.splitlines()
    if any(PRINT_PREFIX.match(ln) for ln in lines):
        reader = PrintedModel(lines, main_path)
        layers = reader.run()
        parsed = Parsed(layers, reader.origins, reader.skipped, reader.custom, printed=True)
    else:
        layers = parse_code(text)
        parsed = Parsed(layers, [Origin(None, layer.text()) for layer in layers])
    if not layers:
        raise parse_error("no layers found")
    if len(layers) > MAX_LAYERS:
        raise parse_error(f"{len(layers):,} layers; the limit is {MAX_LAYERS:,}")
    return parsed
