"""Constructor calls: ``Conv2d(3, 64, 3)``, ``nn.X(...)``, ``torch.nn.X(...)``, one per line or
inside ``nn.Sequential(...)`` blocks, read from the AST against a whitelist (see the package
docstring for what is accepted). :class:`CallReader` is also what reads each leaf line of
print(model) text.

Why ~410 lines: :class:`CallReader` is one whitelist over the AST (calls, literals, bounded
arithmetic, dtype and bare words), kept together so every accepted node is visible in one
place."""

from __future__ import annotations

import ast
import difflib
import re
from typing import Any

from quizcnn.core.base import Layer
from quizcnn.core.errors import LayerError, ParseError
from quizcnn.core.layers import LAYER_NAMES, make_layer
from quizcnn.core.parse.common import (
    MAX_ARITH_DEPTH,
    MAX_ARITH_VALUE,
    MAX_DIGITS,
    MAX_LAYER_CHARS,
    MAX_LAYERS,
    MAX_VALUE_DEPTH,
    PASTE_FIXES,
    PRINT_PREFIX,
    ast_parse,
    guard_text,
    parse_error,
    snippet,
)

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


class CallReader:
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
        return snippet(self._src_full(node) or type(node).__name__, 40)

    def fail(self, node: ast.AST, message: str, layer: ast.AST | None = None) -> ParseError:
        text = self._src_full(layer) if layer is not None else None
        return parse_error(f"column {self._col(node)}: {message}", text, self._line(node))

    def _src_full(self, node: ast.AST) -> str:
        """The node's source text (like ast.get_source_segment, without re-splitting the text
        on every call, which made long files quadratic)."""
        lineno: int | None = getattr(node, "lineno", None)
        end_lineno: int | None = getattr(node, "end_lineno", None)
        start: int = getattr(node, "col_offset", 0)
        end: int | None = getattr(node, "end_col_offset", None)
        if lineno is None or end_lineno is None:
            return ""
        first, last = lineno - 1, end_lineno - 1
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
    def value(self, node: ast.AST, call: ast.AST, key: str | None, depth: int = 0) -> Any:
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
                return int(self._number(v, node, call))
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

    def _number(self, v: int | float, node: ast.AST, call: ast.AST) -> int | float:
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
    def layer(self, call: ast.AST, name: str | None = None) -> Layer:
        if not isinstance(call, ast.Call):
            raise self.fail(
                call, f"expected a layer call like Conv2d(3, 64, 3), found {self._src(call)!r}"
            )
        name = name or self.callee(call.func, call)
        if name not in LAYER_NAMES:
            raise self.fail(call.func, unknown_layer(name), call)
        args: list[Any] = []
        for a in call.args:
            if isinstance(a, ast.Starred):
                raise self.fail(a, f"*args are not allowed: {self._src(a)!r}", call)
            args.append(self.value(a, call, None))
        kwargs: dict[str, Any] = {}
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
        return make(name, args, kwargs, text, self._line(call))

    def sequential(self, call: ast.Call, depth: int = 0) -> list[Layer]:
        """Layers of an nn.Sequential(...) call (nested ones and OrderedDict([...]) included)."""
        if depth > 16:
            raise self.fail(call, "Sequential blocks nested too deep")
        if call.keywords:
            raise self.fail(call.keywords[0].value, "Sequential takes no keyword arguments")
        out: list[Layer] = []
        items = list(call.args)
        if len(items) == 1 and isinstance(items[0], ast.Call):
            inner = items[0]
            if self.callee(inner.func, inner) == "OrderedDict":
                items = self._ordered_dict(inner)
        for item in items:
            out.extend(self.item(item, depth + 1))
        return out

    def _ordered_dict(self, call: ast.Call) -> list[ast.expr]:
        pairs = call.args[0] if len(call.args) == 1 else None
        if call.keywords or not isinstance(pairs, ast.List | ast.Tuple):
            raise self.fail(call, "OrderedDict must hold a list of ('name', layer) pairs")
        items = []
        for pair in pairs.elts:
            if (
                not isinstance(pair, ast.Tuple)
                or len(pair.elts) != 2
                or not isinstance(pair.elts[0], ast.Constant)
                or not isinstance(pair.elts[0].value, str)
            ):
                raise self.fail(pair, f"expected a ('name', layer) pair, found {self._src(pair)!r}")
            items.append(pair.elts[1])
        return items

    def item(self, node: ast.AST, depth: int = 0) -> list[Layer]:
        """A layer call or a Sequential call, as a list of layers."""
        if isinstance(node, ast.Call):
            name = self.callee(node.func, node)
            if name in ("Sequential", "ModuleList") and name not in LAYER_NAMES:
                if name == "ModuleList":
                    raise self.fail(node, "ModuleList has no order of its own; use nn.Sequential")
                return self.sequential(node, depth)
            return [self.layer(node, name)]
        return [self.layer(node)]


def make(name: str, args: list[Any], kwargs: dict[str, Any], text: str, line: int | None) -> Layer:
    if name.startswith(_FACTORY_PREFIXES):
        dev = kwargs.pop("device", None)
        kwargs.pop("dtype", None)
        if dev is not None and not (
            isinstance(dev, str) and re.fullmatch(r"[a-z]{2,10}(:\d{1,3})?", dev)
        ):
            raise parse_error(
                f"device must be a string like 'cpu' or 'cuda:0', found {dev!r}", text, line
            )
    try:
        return make_layer(name, args, kwargs)
    except ParseError as e:
        if line is not None and e.line is None:
            e.line = line
        if e.layer is None:
            e.layer = snippet(text)
        raise
    except LayerError as e:
        if line is None:
            raise
        raise ParseError(
            e.message, layer=e.layer or snippet(text), rule=e.rule, line=line
        ) from None


def unknown_layer(name: str) -> str:
    close = difflib.get_close_matches(name, sorted(LAYER_NAMES), n=1, cutoff=0.75)
    hint = f"; did you mean {close[0]}?" if close else ""
    return (
        f"unknown layer {snippet(name, 40)!r}{hint} (quizcnn knows {len(LAYER_NAMES)} layer types)"
    )


def parse_layer(text: str) -> Layer:
    """One PyTorch constructor call (``Conv2d(...)``, ``nn.X(...)``, ``torch.nn.X(...)``,
    or a print(model) line ``(conv1): Conv2d(...)``) -> Layer. Raises ParseError / LayerError."""
    guard_text(text, MAX_LAYER_CHARS, "the layer text")
    text = text.translate(PASTE_FIXES)
    body = text.strip()
    col0 = len(text) - len(text.lstrip())
    m = PRINT_PREFIX.match(body)
    if m:
        col0 += m.end()
        body = body[m.end() :]
    if not body:
        raise parse_error("empty layer text; expected a call like Conv2d(3, 64, kernel_size=3)")
    tree = ast_parse(body, "eval", text, col0=col0)
    node = tree.body
    reader = CallReader(body, col0=col0)
    if isinstance(node, ast.Tuple) and len(node.elts) == 1:  # "Conv2d(...)," pasted from a list
        node = node.elts[0]
    if isinstance(node, ast.Call) and reader.callee(node.func, node) == "Sequential":
        raise reader.fail(
            node, "one layer expected, found a Sequential block (use parse_layers)", node
        )
    return reader.layer(node)


def parse_code(text: str) -> list[Layer]:
    """Python-looking text: layer calls, Sequential blocks, `name = ...`, `;`, `#`, commas."""
    # A line copied out of an nn.Sequential(...) ends with ','; as a statement it is a tuple,
    # whose elements are read one by one below. ';' and '#' are Python's own.
    source = "\n".join(text.splitlines())
    tree = ast_parse(source, "exec", text, line=0)
    reader = CallReader(source, numbered=True)
    out: list[Layer] = []
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
                raise parse_error(f"more than {MAX_LAYERS:,} layers")
    return out


def _is_target(node: ast.AST) -> bool:
    for _ in range(4):
        if isinstance(node, ast.Name):
            return True
        if not isinstance(node, ast.Attribute):
            return False
        node = node.value
    return False
