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
"""

from __future__ import annotations

import ast
import difflib
import re

from quizcnn.core.errors import LayerError, ParseError
from quizcnn.core.layers import LAYER_NAMES, make_layer

MAX_LAYER_CHARS = 5_000
MAX_TEXT_CHARS = 400_000
MAX_LAYERS = 5_000
MAX_BRACKET_DEPTH = 24
MAX_VALUE_DEPTH = 3  # Conv2d(..., padding=((1, 1),)) is already more than PyTorch takes
MAX_DIGITS = 9
MAX_ARITH_DEPTH = 10  # operators nested in one argument (16 * 5 * 5 is 2)
MAX_ARITH_VALUE = 10**9
MAX_SHAPE_DIM = 10_000_000

_TORCH_DTYPES = frozenset(
    "float32 float float16 half float64 double bfloat16 complex64 cfloat complex128 cdouble".split()
)
# Bare words print(model) writes without quotes, per keyword.
_BARE_WORDS = {
    "padding": frozenset({"same", "valid"}),
    "padding_mode": frozenset({"zeros", "reflect", "replicate", "circular"}),
}
# Layers whose PyTorch constructor takes device= and dtype= (they do not change any number).
_FACTORY_PREFIXES = ("Conv", "LazyConv", "Linear", "BatchNorm", "PReLU", "InstanceNorm",
                     "LayerNorm", "GroupNorm")

# a long run of digits that is not the fraction of a float (momentum=0.010000000000000009 is
# what print(model) shows for some ported models; the float's value is checked after parsing)
_DIGIT_RUN = re.compile(r"(?<![\w.])\d[\d_]{" + str(MAX_DIGITS) + r",}(?![\w.])")
_SIGN_RUN = re.compile(r"(?:[-+~]\s*){3,}")
_PRINT_PREFIX = re.compile(r"\s*\(([^()\s]{1,100})\):\s*")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


# ---------------------------------------------------------------------------------------------
# small helpers


def _snippet(text: str, limit: int = 60) -> str:
    flat = " ".join(_CONTROL.sub("?", str(text)).split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def _fail(message: str, text: str | None = None, line: int | None = None, rule: str = "parse"):
    return ParseError(message, layer=None if text is None else _snippet(text), rule=rule, line=line)


def _bracket_depth(text: str) -> int:
    depth = best = 0
    for ch in text:
        if ch in "([{":
            depth += 1
            best = max(best, depth)
        elif ch in ")]}":
            depth -= 1
    return best


def _guard(text: str, limit: int, what: str) -> None:
    if not isinstance(text, str):
        raise _fail(f"expected text, got {type(text).__name__}")
    if len(text) > limit:
        raise _fail(f"{what} is {len(text):,} characters long; the limit is {limit:,}", text[:40])
    if "\x00" in text:
        raise _fail("the text contains a NUL character", text)
    code = "\n".join(_strip_comment(ln) for ln in text.splitlines())
    if _bracket_depth(code) > MAX_BRACKET_DEPTH:
        raise _fail(f"brackets are nested more than {MAX_BRACKET_DEPTH} deep", text)
    m = _DIGIT_RUN.search(code)
    if m:
        raise _fail(
            f"number too long (more than {MAX_DIGITS} digits): {_snippet(m.group(), 20)}", text
        )
    m = _SIGN_RUN.search(code)
    if m:
        raise _fail(f"too many signs in a row: {m.group().strip()!r}", text)


def _ast_parse(source: str, mode: str, text: str, line: int | None = None, col0: int = 0):
    """ast.parse that only ever raises ParseError. ``line``: the line number of a one-line
    source inside a bigger text; ``line=0`` means the source is the whole multi-line text."""
    try:
        return ast.parse(source, mode=mode)
    except SyntaxError as e:
        lineno = e.lineno or 1
        col = (e.offset or 1) + (col0 if lineno == 1 else 0)
        msg = (e.msg or "invalid syntax").split(" (<unknown>")[0]
        where = lineno if line == 0 else line
        if line == 0:  # name the offending line, not the whole text
            rows = text.splitlines()
            text = rows[lineno - 1] if 0 < lineno <= len(rows) else text
        raise _fail(f"column {col}: not valid layer syntax ({msg})", text, where) from None
    except (RecursionError, MemoryError, ValueError, OverflowError) as e:
        raise _fail(f"text too complex to read ({type(e).__name__})", text, line or None) from None


class _Reader:
    """Turns whitelisted AST nodes into make_layer() calls; everything else is a ParseError."""

    def __init__(self, source: str, line0: int = 0, col0: int = 0, numbered: bool = False):
        self.lines = source.split("\n")
        self.line0 = line0  # added to node line numbers (1-based result)
        self.col0 = col0  # added to columns on the node's first line
        self.numbered = numbered  # report line numbers

    # positions ---------------------------------------------------------------------------
    def _col(self, node: ast.AST) -> int:
        lineno = getattr(node, "lineno", 1)
        raw = self.lines[lineno - 1] if 0 < lineno <= len(self.lines) else ""
        byte_col = getattr(node, "col_offset", 0)
        col = len(raw.encode("utf-8")[:byte_col].decode("utf-8", "replace")) + 1
        return col + (self.col0 if lineno == 1 else 0)

    def _line(self, node: ast.AST) -> int | None:
        return getattr(node, "lineno", 1) + self.line0 if self.numbered else None

    def _src(self, node: ast.AST) -> str:
        return _snippet(self._src_full(node) or type(node).__name__, 40)

    def fail(self, node: ast.AST, message: str, layer: ast.AST | None = None) -> ParseError:
        text = self._src_full(layer) if layer is not None else None
        return _fail(f"column {self._col(node)}: {message}", text, self._line(node))

    def _src_full(self, node: ast.AST) -> str:
        """The node's source text (like ast.get_source_segment, without re-splitting the text
        on every call, which made long files quadratic)."""
        try:
            first, last = node.lineno - 1, node.end_lineno - 1
            start, end = node.col_offset, node.end_col_offset
        except AttributeError:
            return ""
        if first < 0 or last >= len(self.lines) or last < first or end is None:
            return ""
        rows = [ln.encode("utf-8") for ln in self.lines[first : last + 1]]
        if len(rows) == 1:
            return rows[0][start:end].decode("utf-8", "replace")
        rows[0], rows[-1] = rows[0][start:], rows[-1][:end]
        return b"\n".join(rows).decode("utf-8", "replace")

    # callee ------------------------------------------------------------------------------
    def callee(self, func: ast.AST, call: ast.AST) -> str:
        """'X' for X / nn.X / torch.nn.X, else ParseError."""
        parts: list[str] = []
        node = func
        while isinstance(node, ast.Attribute) and len(parts) < 3:
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            raise self.fail(
                func, f"a layer must be called by its name, found {self._src(func)!r}", call
            )
        parts.append(node.id)
        parts.reverse()
        prefixes = (["nn"], ["torch", "nn"]) if parts[-1] != "OrderedDict" else (["collections"],)
        if len(parts) > 1 and parts[:-1] not in prefixes:
            raise self.fail(
                func, f"only X, nn.X or torch.nn.X name a layer, found {'.'.join(parts)!r}", call
            )
        return parts[-1]

    # values ------------------------------------------------------------------------------
    def value(self, node: ast.AST, call: ast.AST, key: str | None, depth: int = 0):
        if isinstance(node, ast.Constant):
            v = node.value
            if isinstance(v, bool) or v is None or isinstance(v, str):
                if isinstance(v, str) and len(v) > 40:
                    raise self.fail(node, "string value too long", call)
                return v
            if isinstance(v, int):
                return self._number(v, node, call)
            if isinstance(v, float):
                return self._number(v, node, call)
            raise self.fail(
                node, f"{type(v).__name__} values are not allowed: {self._src(node)}", call
            )
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            inner = node.operand
            if (
                isinstance(inner, ast.Constant)
                and isinstance(inner.value, int | float)
                and not isinstance(inner.value, bool)
            ):
                return -self._number(inner.value, inner, call)
            if isinstance(inner, ast.BinOp):
                return self.arithmetic(node, call)
            raise self.fail(node, f"'-' only goes before a number, found {self._src(node)!r}", call)
        if isinstance(node, ast.BinOp):
            return self.arithmetic(node, call)
        if isinstance(node, ast.Tuple | ast.List):
            if depth >= MAX_VALUE_DEPTH:
                raise self.fail(node, "tuples nested too deep", call)
            return tuple(self.value(e, call, key, depth + 1) for e in node.elts)
        if isinstance(node, ast.Name) and depth == 0 and node.id in _BARE_WORDS.get(key or "", ()):
            return node.id  # print(model) writes padding=same, padding_mode=reflect
        if isinstance(node, ast.Attribute) and key == "dtype" and depth == 0:
            if isinstance(node.value, ast.Name) and node.value.id == "torch":
                if node.attr in _TORCH_DTYPES:
                    return f"torch.{node.attr}"
                raise self.fail(
                    node,
                    f"dtype must be a floating point torch dtype, found {self._src(node)!r}",
                    call,
                )
        raise self.fail(node, self._what(node), call)

    def arithmetic(self, node: ast.AST, call: ast.AST, depth: int = 0) -> int:
        """Whole-number arithmetic as pasted code writes it (``16 * 5 * 5``): +, -, *, // and
        unary minus on integer literals, computed here node by node (nothing is evaluated).
        At most MAX_ARITH_DEPTH operators deep; every result within MAX_ARITH_VALUE."""
        if depth > MAX_ARITH_DEPTH:
            raise self.fail(
                node, f"arithmetic nested more than {MAX_ARITH_DEPTH} deep (write the result)", call
            )
        if isinstance(node, ast.Constant):
            v = node.value
            if isinstance(v, int) and not isinstance(v, bool):
                return self._number(v, node, call)
            raise self.fail(
                node,
                f"arithmetic works on whole numbers only, found {self._src(node)!r} "
                "(write the result)",
                call,
            )
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            if isinstance(node.operand, ast.UnaryOp):
                raise self.fail(
                    node, f"'-' only goes before a number, found {self._src(node)!r}", call
                )
            return self._bounded(-self.arithmetic(node.operand, call, depth + 1), node, call)
        if not isinstance(node, ast.BinOp):
            raise self.fail(node, self._what(node), call)
        op = node.op
        if isinstance(op, ast.Div):
            raise self.fail(
                node,
                f"'/' is not computed: {self._src(node)!r}; write the result as a number "
                "(sizes are whole numbers; // divides whole numbers)",
                call,
            )
        if not isinstance(op, ast.Add | ast.Sub | ast.Mult | ast.FloorDiv):
            raise self.fail(
                node,
                f"only +, -, * and // are allowed in arithmetic, found {self._src(node)!r}",
                call,
            )
        left = self.arithmetic(node.left, call, depth + 1)
        right = self.arithmetic(node.right, call, depth + 1)
        if isinstance(op, ast.Add):
            result = left + right
        elif isinstance(op, ast.Sub):
            result = left - right
        elif isinstance(op, ast.Mult):
            result = left * right
        elif right == 0:
            raise self.fail(node, f"division by zero: {self._src(node)!r}", call)
        else:
            result = left // right
        return self._bounded(result, node, call)

    def _bounded(self, value: int, node: ast.AST, call: ast.AST) -> int:
        if abs(value) > MAX_ARITH_VALUE:
            raise self.fail(
                node,
                f"arithmetic result too large (over {MAX_ARITH_VALUE:,}): {self._src(node)}",
                call,
            )
        return value

    def _number(self, v, node: ast.AST, call: ast.AST):
        if isinstance(v, int) and abs(v) >= 10**MAX_DIGITS:
            raise self.fail(node, f"number too large: {self._src(node)}", call)
        if isinstance(v, float) and not (abs(v) < 1e9):
            raise self.fail(node, f"number too large: {self._src(node)}", call)
        return v

    def _what(self, node: ast.AST) -> str:
        src = repr(self._src(node))
        kinds = {
            ast.Name: "names are not allowed as values (write a number or a quoted string)",
            ast.Call: "calls are not allowed inside arguments",
            ast.Attribute: "attribute access is not allowed",
            ast.Subscript: "subscripts are not allowed",
            ast.BinOp: "arithmetic is not allowed here (write the result)",
            ast.BoolOp: "expressions are not allowed",
            ast.Compare: "comparisons are not allowed",
            ast.Lambda: "lambda is not allowed",
            ast.JoinedStr: "f-strings are not allowed",
            ast.Starred: "*args are not allowed",
            ast.Dict: "dicts are not allowed",
            ast.Set: "sets are not allowed",
        }
        for kind, msg in kinds.items():
            if isinstance(node, kind):
                return f"{msg}: {src}"
        return f"only literal numbers, strings, True/False/None and tuples are allowed: {src}"

    # calls -------------------------------------------------------------------------------
    def layer(self, call: ast.AST, name: str | None = None):
        if not isinstance(call, ast.Call):
            raise self.fail(
                call, f"expected a layer call like Conv2d(3, 64, 3), found {self._src(call)!r}"
            )
        name = name or self.callee(call.func, call)
        if name not in LAYER_NAMES:
            raise self.fail(call.func, _unknown(name), call)
        args = []
        for a in call.args:
            if isinstance(a, ast.Starred):
                raise self.fail(a, f"*args are not allowed: {self._src(a)!r}", call)
            args.append(self.value(a, call, None))
        kwargs: dict = {}
        for k in call.keywords:
            if k.arg is None:
                raise self.fail(
                    k.value, f"**kwargs are not allowed: '**{self._src(k.value)}'", call
                )
            if k.arg in kwargs:
                raise self.fail(k.value, f"argument {k.arg!r} given twice", call)
            kwargs[k.arg] = self.value(k.value, call, k.arg)
        text = self._src_full(call)
        if len(text) > MAX_LAYER_CHARS:
            raise self.fail(call, f"layer text longer than {MAX_LAYER_CHARS:,} characters", call)
        return _make(name, args, kwargs, text, self._line(call))

    def sequential(self, call: ast.Call, depth: int = 0) -> list:
        """Layers of an nn.Sequential(...) call (nested ones and OrderedDict([...]) included)."""
        if depth > 16:
            raise self.fail(call, "Sequential blocks nested too deep")
        if call.keywords:
            raise self.fail(call.keywords[0].value, "Sequential takes no keyword arguments")
        out: list = []
        items = list(call.args)
        if len(items) == 1 and isinstance(items[0], ast.Call):
            inner = items[0]
            if self.callee(inner.func, inner) == "OrderedDict":
                items = self._ordered_dict(inner)
        for item in items:
            out.extend(self.item(item, depth + 1))
        return out

    def _ordered_dict(self, call: ast.Call) -> list:
        if (
            len(call.args) != 1
            or call.keywords
            or not isinstance(call.args[0], ast.List | ast.Tuple)
        ):
            raise self.fail(call, "OrderedDict must hold a list of ('name', layer) pairs")
        items = []
        for pair in call.args[0].elts:
            ok = isinstance(pair, ast.Tuple) and len(pair.elts) == 2
            if (
                not ok
                or not isinstance(pair.elts[0], ast.Constant)
                or not isinstance(pair.elts[0].value, str)
            ):
                raise self.fail(pair, f"expected a ('name', layer) pair, found {self._src(pair)!r}")
            items.append(pair.elts[1])
        return items

    def item(self, node: ast.AST, depth: int = 0) -> list:
        """A layer call or a Sequential call, as a list of layers."""
        if isinstance(node, ast.Call):
            name = self.callee(node.func, node)
            if name in ("Sequential", "ModuleList") and name not in LAYER_NAMES:
                if name == "ModuleList":
                    raise self.fail(node, "ModuleList has no order of its own; use nn.Sequential")
                return self.sequential(node, depth)
            return [self.layer(node, name)]
        return [self.layer(node)]


def _make(name: str, args: list, kwargs: dict, text: str, line: int | None):
    if name.startswith(_FACTORY_PREFIXES):
        dev = kwargs.pop("device", None)
        kwargs.pop("dtype", None)
        if dev is not None and not (
            isinstance(dev, str) and re.fullmatch(r"[a-z]{2,10}(:\d{1,3})?", dev)
        ):
            raise _fail(
                f"device must be a string like 'cpu' or 'cuda:0', found {dev!r}", text, line
            )
    try:
        return make_layer(name, args, kwargs)
    except ParseError as e:
        if line is not None and e.line is None:
            e.line = line
        if e.layer is None:
            e.layer = _snippet(text)
        raise
    except LayerError as e:
        if line is None:
            raise
        raise ParseError(
            e.message, layer=e.layer or _snippet(text), rule=e.rule, line=line
        ) from None


def _unknown(name: str) -> str:
    close = difflib.get_close_matches(name, sorted(LAYER_NAMES), n=1, cutoff=0.75)
    hint = f"; did you mean {close[0]}?" if close else ""
    return (
        f"unknown layer {_snippet(name, 40)!r}{hint} (quizcnn knows {len(LAYER_NAMES)} layer types)"
    )


# ---------------------------------------------------------------------------------------------
# one layer


def parse_layer(text: str):
    """One PyTorch constructor call (``Conv2d(...)``, ``nn.X(...)``, ``torch.nn.X(...)``,
    or a print(model) line ``(conv1): Conv2d(...)``) -> Layer. Raises ParseError / LayerError."""
    _guard(text, MAX_LAYER_CHARS, "the layer text")
    text = text.translate(_PASTE_FIXES)
    body = text.strip()
    col0 = len(text) - len(text.lstrip())
    m = _PRINT_PREFIX.match(body)
    if m:
        col0 += m.end()
        body = body[m.end() :]
    if not body:
        raise _fail("empty layer text; expected a call like Conv2d(3, 64, kernel_size=3)")
    tree = _ast_parse(body, "eval", text, col0=col0)
    node = tree.body
    reader = _Reader(body, col0=col0)
    if isinstance(node, ast.Tuple) and len(node.elts) == 1:  # "Conv2d(...)," pasted from a list
        node = node.elts[0]
    if isinstance(node, ast.Call) and reader.callee(node.func, node) == "Sequential":
        raise reader.fail(
            node, "one layer expected, found a Sequential block (use parse_layers)", node
        )
    return reader.layer(node)


# ---------------------------------------------------------------------------------------------
# many layers


def parse_layers(text: str) -> list:
    """Layers from a file / a pasted nn.Sequential block / print(model) text (see module doc).
    A residual side branch in print(model) text (``(downsample)``, ``(shortcut)``) is refused
    with its line number; :func:`parse_main_path` skips such branches instead."""
    return _parse_many(text, skip_branches=False)[0]


def parse_main_path(text: str) -> tuple[list, list[str]]:
    """Like :func:`parse_layers`, but residual side branches of print(model) text
    (``(downsample)``, ``(shortcut)``, ...) are skipped: returns (layers of the main path,
    ["line 15: (layer1.0.downsample)", ...]). Their parameters and FLOPs are then not counted.
    Branches that really run side by side (Inception, squeeze-excitation) still raise."""
    return _parse_many(text, skip_branches=True)


def _parse_many(text: str, skip_branches: bool) -> tuple[list, list[str]]:
    _guard(text, MAX_TEXT_CHARS, "the text")
    text = text.translate(_PASTE_FIXES)
    lines = text.splitlines()
    skipped: list[str] = []
    if any(_PRINT_PREFIX.match(ln) for ln in lines):
        reader = _PrintModel(lines, skip_branches)
        layers = reader.run()
        skipped = reader.skipped
    else:
        layers = _parse_code(text)
    if not layers:
        raise _fail("no layers found")
    if len(layers) > MAX_LAYERS:
        raise _fail(f"{len(layers):,} layers; the limit is {MAX_LAYERS:,}")
    return layers, skipped


def _parse_code(text: str) -> list:
    """Python-looking text: layer calls, Sequential blocks, `name = ...`, `;`, `#`, commas."""
    # A line copied out of an nn.Sequential(...) ends with ','; as a statement it is a tuple,
    # whose elements are read one by one below. ';' and '#' are Python's own.
    source = "\n".join(text.splitlines())
    tree = _ast_parse(source, "exec", text, line=0)
    reader = _Reader(source, numbered=True)
    out: list = []
    for stmt in tree.body:
        if isinstance(stmt, ast.Expr):
            node = stmt.value
        elif (
            isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and _is_target(stmt.targets[0])
        ):
            node = stmt.value
        else:
            raise reader.fail(
                stmt,
                f"only layer calls and nn.Sequential blocks are read, found {reader._src(stmt)!r}",
            )
        elements = node.elts if isinstance(node, ast.Tuple) else [node]
        for el in elements:
            out.extend(reader.item(el))
            if len(out) > MAX_LAYERS:
                raise _fail(f"more than {MAX_LAYERS:,} layers")
    return out


def _is_target(node: ast.AST) -> bool:
    for _ in range(4):
        if isinstance(node, ast.Name):
            return True
        if not isinstance(node, ast.Attribute):
            return False
        node = node.value
    return False


# print(model) text -----------------------------------------------------------------------------

# Containers whose children, in printed order, are the path the data takes.
_CHAIN_BLOCKS = frozenset(
    {
        "Sequential",
        "BasicBlock",  # torchvision ResNet: main path; (downsample) is the branch
        "Bottleneck",
        "Conv2dNormActivation",
        "Conv3dNormActivation",
        "ConvNormActivation",
        "ConvBNReLU",
        "ConvBNActivation",
        "BasicConv2d",  # Inception's conv + bn
        "InvertedResidual",  # MobileNetV2/V3: identity shortcut, same shape
        "_Transition",  # DenseNet transition: norm, relu, conv, pool
    }
)
# Containers whose children run side by side (or scale the input): no single chain.
_PARALLEL_BLOCKS = frozenset(
    {
        "InceptionA",
        "InceptionB",
        "InceptionC",
        "InceptionD",
        "InceptionE",
        "InceptionAux",
        "Inception",
        "Fire",
        "SqueezeExcitation",
        "_DenseLayer",
        "_DenseBlock",
        "ModuleDict",
    }
)
# Child names that are a side path of a residual block.
# Text copied from web pages and documents: odd spaces and typographic quotes, one char each,
# so columns in messages stay right.
_PASTE_FIXES = str.maketrans(
    {
        "\ufeff": " ",
        "\xa0": " ",
        "\u202f": " ",
        "\u3000": " ",
        **{chr(c): " " for c in range(0x2000, 0x200B)},
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
    }
)
_REPEAT = re.compile(r"([1-9][0-9]{0,3}) x (?=[A-Za-z_])")
# Layers without "2d"/"3d" in their name that still change the spatial map.
_SPATIAL_ANY_RANK = frozenset({"Upsample", "PixelShuffle", "PixelUnshuffle"})
_BRANCH_NAMES = frozenset({"downsample", "shortcut", "skip", "residual", "proj_shortcut"})


class _PrintModel:
    def __init__(self, lines: list[str], skip_branches: bool = False):
        self.lines = lines
        self.skip_branches = skip_branches
        self.skipped: list[str] = []
        self.out: list = []
        self.spatial_end: int | None = None  # insert point for an implicit Flatten

    def run(self) -> list:
        stack: list[tuple[str | None, str, int, int, int]] = []  # name, type, line, times, start
        skip_depth = 0  # > 0 while inside a skipped residual branch
        for i, raw in enumerate(self.lines, start=1):
            line = _strip_comment(raw).rstrip()
            body = line.strip()
            if not body:
                continue
            opens = body.endswith("(") and body.count("(") > body.count(")")
            if body == ")":
                if skip_depth:
                    skip_depth -= 1
                    continue
                if not stack:
                    raise _fail("')' closes no block", line=i)
                *_, times, start = stack.pop()
                self._repeat(start, times, i)
                continue
            if skip_depth:
                skip_depth += 1 if opens else 0
                continue
            m = _PRINT_PREFIX.match(line)
            name = m.group(1) if m else None
            col0 = m.end() if m else len(line) - len(line.lstrip())
            body = line[col0:]
            times = 1
            rep = _REPEAT.match(body)
            if rep and m:  # ModuleList prints equal children once: "(0-2): 3 x Conv2d(...)"
                times = int(rep.group(1))
                col0 += rep.end()
                body = body[rep.end() :]
            if name is not None and self._branch(name, stack, i):
                skip_depth = 1 if opens else 0
                continue
            if opens:
                kind = body[:-1].strip()
                self._open(kind, name, stack, i)
                stack.append((name, kind, i, times, len(self.out)))
                continue
            kind = body.split("(", 1)[0].strip()
            if kind.rsplit(".", 1)[-1] in ("Sequential", "ModuleList") and re.fullmatch(
                r"[\w.]+\(\s*\)", body
            ):
                continue  # an empty container prints as "Sequential()"
            start = len(self.out)
            self._leaf(body, i, col0)
            self._repeat(start, times, i)
        if stack:
            name, kind, ln, *_ = stack[-1]
            label = f"({name}): {kind}" if name else kind
            raise _fail(
                f"the block {_snippet(label, 40)} opened on line {ln} is never closed", line=ln
            )
        return self.out

    def _repeat(self, start: int, times: int, i: int) -> None:
        """Emit the layers read since ``start`` another ``times - 1`` times."""
        block = self.out[start:]
        if times > 1 and len(self.out) + len(block) * (times - 1) > MAX_LAYERS:
            raise _fail(f"more than {MAX_LAYERS:,} layers", line=i)
        for _ in range(times - 1):
            for layer in block:
                self._emit(layer)

    def _branch(self, name: str, stack: list, i: int) -> bool:
        """True to skip a residual side branch; ParseError for a branch that cannot be followed."""
        parent = stack[-1][1] if stack else "the model"
        if name.startswith("branch"):
            raise _fail(
                f"({_snippet(name, 30)}) is one of several parallel branches ({_snippet(parent, 30)}); "
                "quizcnn follows one chain of layers. Replace the block with one branch's layers.",
                line=i,
                rule="parallel-branch",
            )
        if name not in _BRANCH_NAMES:
            return False
        if self.skip_branches:
            path = ".".join(entry[0] for entry in stack if entry[0] is not None)
            self.skipped.append(f"line {i}: ({_snippet(f'{path}.{name}' if path else name, 60)})")
            return True
        raise _fail(
            f"({name}) is a parallel branch of a residual block ({_snippet(parent, 30)}); quizcnn "
            "follows one chain of layers. Delete the block to analyze the main path "
            "(quizcnn calc --main-path skips such branches).",
            line=i,
            rule="parallel-branch",
        )

    def _open(self, kind: str, name: str | None, stack: list, i: int) -> None:
        short = kind.rsplit(".", 1)[-1]
        label = f"({name}): {kind}" if name else kind
        if not re.fullmatch(r"[A-Za-z_][\w.]{0,80}", kind):
            raise _fail(f"cannot read the block header {_snippet(label, 50)!r}", line=i)
        if short in _PARALLEL_BLOCKS:
            raise _fail(
                f"{_snippet(label, 50)} has parallel branches; quizcnn follows one chain of layers. "
                "Replace it with the layers of one branch.",
                line=i,
                rule="parallel-branch",
            )
        if short in LAYER_NAMES:
            raise _fail(f"{short}( must be written on one line in print(model) text", line=i)
        if stack and short not in _CHAIN_BLOCKS:
            raise _fail(
                f"{_snippet(label, 50)}: quizcnn does not know whether this block's children run "
                "one after another; if they do, write Sequential instead of its name",
                line=i,
                rule="unknown-block",
            )

    def _leaf(self, body: str, i: int, col0: int) -> None:
        if len(body) > MAX_LAYER_CHARS:
            raise _fail(f"layer text longer than {MAX_LAYER_CHARS:,} characters", body, i)
        tree = _ast_parse(body.strip(), "eval", body, line=i, col0=col0)
        reader = _Reader(body.strip(), line0=i - 1, col0=col0, numbered=True)
        node = tree.body
        if isinstance(node, ast.Tuple) and len(node.elts) == 1:
            node = node.elts[0]
        for layer in reader.item(node):
            self._emit(layer)
            if len(self.out) > MAX_LAYERS:
                raise _fail(f"more than {MAX_LAYERS:,} layers", line=i)

    def _emit(self, layer) -> None:
        kind = layer.kind
        if kind == "Linear" and self.spatial_end is not None:
            self.out.insert(self.spatial_end, make_layer("Flatten", [], {}))
            self.spatial_end = None
        if kind.endswith(("2d", "3d")) or kind in _SPATIAL_ANY_RANK:
            self.spatial_end = len(self.out) + 1
        elif kind in ("Flatten", "Linear"):
            self.spatial_end = None
        self.out.append(layer)


_AVGPOOL_CALL = re.compile(r"\bAvgPool[123]d\(")


def hidden_avgpool_options(text: str) -> bool:
    """True when ``text`` is print(model) output with an AvgPool line that does not state
    ceil_mode: PyTorch's repr leaves out ceil_mode and count_include_pad, so the defaults
    (False, True) are what parse_layers assumes there."""
    if not isinstance(text, str):
        return False
    lines = text.splitlines()
    if not any(_PRINT_PREFIX.match(ln) for ln in lines):
        return False
    return any(
        _AVGPOOL_CALL.search(ln) and "ceil_mode" not in ln for ln in map(_strip_comment, lines)
    )


def _strip_comment(line: str) -> str:
    quote = None
    for j, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "#":
            return line[:j]
    return line


# ---------------------------------------------------------------------------------------------
# shapes

_SHAPE_SEP = re.compile(r"\s*(?:[x×X*,]|\s)\s*")


def parse_shape(text: str) -> tuple[int, ...]:
    """An input shape without the batch dimension: "3x224x224", "3×224×224", "3,224,224",
    "(3, 224, 224)", "[3, 224, 224]", "3 224 224" -> (3, 224, 224). Two to four sizes:
    (C, L), (C, H, W) or (C, D, H, W). A batch dimension cannot be told apart from a 3-d
    input, so "1x3x224x224" reads as (C=1, D=3, H=224, W=224); leave the batch out."""
    if not isinstance(text, str):
        raise _fail(f"expected a shape like 3x224x224, got {type(text).__name__}")
    if len(text) > 100:
        raise _fail("shape text too long; expected something like 3x224x224", text)
    body = text.strip()
    if body[:1] in "([" and body[-1:] in ")]" and len(body) >= 2:
        body = body[1:-1].strip().rstrip(",").strip()
    if not body:
        raise _fail(
            "empty shape; expected something like 3x224x224 (channels x height x width)",
            text,
            rule="shape",
        )
    parts = _SHAPE_SEP.split(body)
    dims: list[int] = []
    for p in parts:
        if not (p.isascii() and p.isdigit() and len(p) <= MAX_DIGITS):
            raise _fail(
                f"cannot read {_snippet(p, 20)!r} as a size in shape {_snippet(text, 40)!r}; "
                "expected whole numbers like 3x224x224",
                rule="shape",
            )
        v = int(p)
        if v < 1 or v > MAX_SHAPE_DIM:
            raise _fail(
                f"size {v} in shape {_snippet(text, 40)!r} must be between 1 and {MAX_SHAPE_DIM:,}",
                rule="shape",
            )
        dims.append(v)
    if not 2 <= len(dims) <= 4:
        raise _fail(
            f"shape {_snippet(text, 40)!r} has {len(dims)} sizes; expected C x L, C x H x W "
            "or C x D x H x W (no batch dimension)",
            rule="shape",
        )
    return tuple(dims)
