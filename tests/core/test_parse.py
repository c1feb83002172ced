"""Layer text parsing: every accepted form, print(model) of real networks, and hostile input."""

from __future__ import annotations

import ast
import builtins
import contextlib
import os
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizcnn.core.errors import LayerError, ParseError
from quizcnn.core.layers import make_layer
from quizcnn.core.parse import parse_layer, parse_layers, parse_main_path, parse_shape

# ------------------------------------------------------------------------------------------
# one layer

ACCEPTED = [
    "Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False)",
    "nn.MaxPool2d(3, 2, 1)",
    "torch.nn.ConvTranspose2d(256, 128, 4, stride=2, padding=1)",
    "(conv1): Conv2d(3, 64, kernel_size=(7, 7), stride=(2, 2), padding=(3, 3), bias=False)",
    "Dropout(p=0.5, inplace=False)",
    "ReLU(inplace=True)",
    "BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)",
    "AdaptiveAvgPool2d(output_size=(1, 1))",
    "Linear(in_features=2048, out_features=1000, bias=True)",
    "Conv2d(3, 8, 3, padding=1, padding_mode='reflect')",
    "Conv2d(3, 8, 3, padding=1, padding_mode=reflect)",  # print(model) leaves it unquoted
    "Conv2d(3, 8, 3, device='cpu', dtype=torch.float32)",
    "Conv2d(3, 8, 3, device='cuda:0', dtype=torch.float16)",
    "Conv2d(3, 8, 3, padding='same')",
    "Conv2d(3, 8, 3, padding=same)",
    "Conv2d(3, 8, 3, padding='valid')",
    "Conv2d(3, 8, [3, 5], stride=[1, 2])",
    "Conv2d(3, 8, 3,)",
    "Conv2d(3, 8, 3),",
    "  nn.Conv2d(3, 8, 3)  # a comment",
    "Flatten(start_dim=1, end_dim=-1)",
    "MaxPool2d(kernel_size=3, stride=2, padding=0, dilation=1, ceil_mode=False)",
    "LocalResponseNorm(5, alpha=0.0001, beta=0.75, k=2.0)",
    "ConvTranspose2d(16, 8, 3, stride=2, padding=1, output_padding=1)",
    "Conv1d(1, 16, 5, stride=2)",
    "Conv3d(1, 4, (3, 3, 3))",
    "LeakyReLU(negative_slope=0.01)",
    "GELU(approximate='none')",
    "Identity()",
    "BatchNorm2d(32, eps=0.001, momentum=0.010000000000000009, affine=True)",
    "Conv2d(3, 8, 1_0)",
    "\ufeffConv2d(3,\xa08, 3,\u2009padding_mode=\u2018reflect\u2019, padding=\u201csame\u201d)",
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_accepted_forms_round_trip(text):
    layer = parse_layer(text)
    assert parse_layer(layer.text()) == layer
    assert parse_layers(layer.text()) == [layer]


def test_positional_and_keyword_mean_the_same():
    assert parse_layer("nn.MaxPool2d(3, 2, 1)") == make_layer(
        "MaxPool2d", [], {"kernel_size": 3, "stride": 2, "padding": 1}
    )
    a = parse_layer("Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False)")
    b = parse_layer(
        "(conv1): Conv2d(3, 64, kernel_size=(7, 7), stride=(2, 2), padding=(3, 3), bias=False)"
    )
    assert a == b
    assert a.params() == 64 * 3 * 7 * 7


def test_bare_words_equal_quoted_strings():
    assert parse_layer("Conv2d(3, 8, 3, padding=same, padding_mode=circular)") == parse_layer(
        "Conv2d(3, 8, 3, padding='same', padding_mode='circular')"
    )


def test_device_and_dtype_change_nothing():
    plain = parse_layer("Linear(4, 2)")
    assert parse_layer("nn.Linear(4, 2, device='cpu', dtype=torch.float64)") == plain
    assert parse_layer("nn.Linear(4, 2, device=None, dtype=None)") == plain


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nn.Linear(16*5*5, 120)", "Linear(400, 120)"),
        ("Linear(in_features=16 * 5 * 5, out_features=120)", "Linear(400, 120)"),
        ("Conv2d(3, 2 * 32, (2 + 1, 7 // 2), padding=-(1 - 2))", "Conv2d(3, 64, 3, padding=1)"),
        ("Conv2d(3, 64, 3, padding=(3 - 1) // 2)", "Conv2d(3, 64, 3, padding=1)"),
        ("Conv2d(3, 64, 3, padding=-(-7 // 2))", "Conv2d(3, 64, 3, padding=4)"),  # floors
        ("Conv2d(3, 64, 1" + " + 1" * 9 + ")", "Conv2d(3, 64, 10)"),
        ("(fc): Linear(in_features=4*4*50, out_features=500, bias=True)", "Linear(800, 500)"),
    ],
)
def test_integer_arithmetic_is_computed(text, expected):
    assert parse_layer(text) == parse_layer(expected)
    assert parse_layers(text) == [parse_layer(expected)]


def test_negative_numbers():
    assert parse_layer("Flatten(0, -1)") == make_layer("Flatten", [0, -1], {})


# ------------------------------------------------------------------------------------------
# rejected text: the message names the piece and the column


@pytest.mark.parametrize(
    ("text", "piece", "column"),
    [
        ("Conv2d(3, foo, 3)", "'foo'", 11),
        ("Conv2d(3, 64, 6/2)", "'/' is not computed", 15),
        ("Conv2d(3, 64, 2**3)", "only +, -, * and //", 15),
        ("Conv2d(3, 64, 7 % 2)", "only +, -, * and //", 15),
        ("Conv2d(3, 64, 2 * 1.5)", "whole numbers only", 19),
        ("Conv2d(3, 64, 2 * True)", "whole numbers only", 19),
        ("Conv2d(3, 64, k * 2)", "'k'", 15),
        ("Conv2d(3, 64, 4 // (2 - 2))", "division by zero", 15),
        ("Conv2d(3, 64, 30000 * 30000 * 3)", "too large", 15),
        ("Conv2d(3, 64, 1" + " + 1" * 11 + ")", "nested more than 10", 15),
        ("Conv2d(3, 64, 'a' * 3)", "whole numbers only", 15),
        ("Conv2d(3, 64, k[0])", "subscripts", 15),
        ("Conv2d(3, 64, int('3'))", "calls are not allowed", 15),
        ("Conv2d(3, 64, lambda: 3)", "lambda", 15),
        ("Conv2d(3, 64, f'{x}')", "f-strings", 15),
        ("Conv2d(3, 64, *ks)", "*args", 15),
        ("Conv2d(3, 64, **kw)", "'**kw'", 17),
        ("Conv2d(3, 64, --3)", "'-' only goes before a number", 15),
        ("Conv2d(3, 64, 3j)", "complex", 15),
        ("Conv2d(3, 64, {3: 3})", "dicts", 15),
        ("Conv2d(3, 64, 3, dtype=torch.int64)", "floating point", 24),
        ("Conv2d(3, 64, 3, dtype=np.float32)", "attribute", 24),
        ("Conv2d(3, 64, 3, padding=sane)", "'sane'", 26),
        ("Conv2d(3, 64, 3, device=torch.device('cpu'))", "calls", 25),
        ("Conv2d(3, 64, 1e999)", "too large", 15),
        ("Conv2d(3, 64, 3, bias=False, bias=True)", "twice", 35),
        ("(conv1): Conv2d(3, foo, 3)", "'foo'", 20),
        ("os.system('ls')", "os.system", 1),
        ("__import__('os').system('ls')", "called by its name", 1),
        ("Conv2d(3, 64 3)", "not valid layer syntax", 11),
        ("Conv4d(3, 64, 3)", "did you mean Conv3d", 1),
    ],
)
def test_rejected_with_piece_and_column(text, piece, column):
    with pytest.raises(ParseError) as info:
        parse_layer(text)
    msg = str(info.value)
    assert piece in msg
    assert f"column {column}:" in msg


@pytest.mark.parametrize(
    "text",
    [
        "().__class__",
        "Conv2d.__init__(1)",
        "nn.Sequential(Conv2d(1, 2, 3))",
        "getattr(nn, 'Conv2d')(3, 8, 3)",
        "Conv2d(3, 8, 3)(x)",
        "Conv2d(3, 8, 3) + 1",
        "x = Conv2d(3, 8, 3)",
        "",
        "   ",
        "Conv2d",
        "3",
    ],
)
def test_not_a_layer_call(text):
    with pytest.raises(ParseError):
        parse_layer(text)


def test_unknown_argument_is_a_layer_error():
    with pytest.raises(LayerError) as info:
        parse_layer("Conv2d(3, 8, 3, foo=1)")
    assert "foo" in str(info.value)


_GUARDS = {
    "long": ("Conv2d(3, 64, 3" + ", 1" * 3000 + ")", "characters"),
    "nested": ("Conv2d(3, 64, " + "(" * 40 + "3" + ")" * 40 + ")", "nested"),
    "4900 digits": ("Conv2d(3, 64, " + "9" * 4900 + ")", "digits"),
    "10 digits": ("Conv2d(3, 64, 1234567890)", "digits"),
    "10 digits with _": ("Conv2d(3, 64, 1_234_567_890)", "digits"),
    "float": ("Conv2d(3, 64, 3, eps=12345678901.5)", "too large"),
    "hex": ("Conv2d(3, 64, 0x7fffffffffff)", "too large"),
    "signs": ("Conv2d(3, 64, " + "-" * 2000 + "3)", "signs"),
    "attributes": ("Conv2d(3, 64, a" + ".b" * 2400 + ")", "attribute access"),
    "sums": ("Conv2d(3, 64, 1" + "+1" * 2400 + ")", "arithmetic"),
    "string": ("Conv2d(3, 64, 3, padding_mode='" + "x" * 100 + "')", "too long"),
    "nul": ("Conv2d(3, 64, \x00)", "NUL"),
}


@pytest.mark.parametrize(("text", "words"), list(_GUARDS.values()), ids=list(_GUARDS))
def test_size_guards(text, words):
    with pytest.raises(ParseError) as info:
        parse_layer(text)
    assert words in str(info.value)


def test_size_guards_for_whole_texts():
    with pytest.raises(ParseError, match="too complex"):
        parse_layers("Conv2d(3, 64, 1" + "+1" * 100_000 + ")")
    with pytest.raises(ParseError, match="characters long"):
        parse_layers("ReLU()\n" * 60_000)
    with pytest.raises(ParseError, match="more than 5,000 layers"):
        parse_layers("ReLU(); " * 5_001)
    # comments may hold anything the guards look for
    assert len(parse_layers("# ---- 12345678901234 ((((((((((((((((((((((((((((((\nReLU()")) == 1


# ------------------------------------------------------------------------------------------
# nothing is ever run

INJECTIONS = [
    "__import__('os').system('touch PWNED')",
    "Conv2d(__import__('os').system('touch PWNED'), 8, 3)",
    "Conv2d(3, 8, 3, padding_mode=__import__('os').system('touch PWNED'))",
    "().__class__.__bases__[0].__subclasses__()",
    "Conv2d(3, 8, (lambda: __import__('os').system('touch PWNED'))())",
    "Conv2d(3, 8, [x for x in __import__('os').system('touch PWNED')])",
    "Conv2d(3, 8, f\"{__import__('os').system('touch PWNED')}\")",
    "Conv2d(3, 8, 3, **{'x': __import__('os').system('touch PWNED')})",
    "Conv2d(*__import__('os').system('touch PWNED'))",
    "eval(\"__import__('os').system('touch PWNED')\")",
    "exec('import os')",
    "nn.__class__.__init__.__globals__['os'].system('touch PWNED')",
    "torch.nn.Conv2d(3, 8, 3, dtype=torch.__dict__)",
    "Conv2d(3, 8, 3, dtype=__import__('os').system)",
    "(conv1): __import__('os').system('touch PWNED')",
    "Conv2d(3, 8, (yield))",
    "Conv2d(3, 8, (x := 3))",
    "Conv2d(3, 8, 3 if True else 4)",
    "Conv2d(3, 8, not 3)",
    "Conv2d(3, 8, ~3)",
    "Conv2d(3, 8, 3)[0]",
    "import os",
    "Conv2d(3, 8, open('PWNED', 'w'))",
    "Conv2d(3, 8, 2 * __import__('os').system('touch PWNED'))",
    "Conv2d(3, 8, (lambda: 1)() + 1)",
    "Conv2d(3, 8, 1 + open('PWNED', 'w').write('x'))",
    "Conv2d(3, 8, -(x := 3) * 2)",
    "Conv2d(3, 8, 9 ** 9 ** 9 ** 9)",
    "Conv2d(3, 8, 99999 * 99999 * 99999 * 99999)",
    "Conv2d(3, 8, ('a' * 999999) + 'b')",
]


class _Ran(BaseException):
    pass


@contextlib.contextmanager
def tripwires():
    """Fail loudly if anything evaluates, imports, opens files or starts a process.

    Only around the parse call itself: pytest's own machinery needs these between tests."""
    calls: list[str] = []

    def trip(name):
        def fn(*args, **kwargs):
            calls.append(name)
            raise _Ran(name)

        return fn

    real_compile = builtins.compile

    def ast_only_compile(source, filename, mode, flags=0, *args, **kwargs):
        if not flags & ast.PyCF_ONLY_AST:
            calls.append("compile")
            raise _Ran("compile")
        return real_compile(source, filename, mode, flags, *args, **kwargs)

    targets = [(builtins, n, trip(n)) for n in ("eval", "exec", "open", "breakpoint")]
    targets += [
        (builtins, "compile", ast_only_compile),
        (os, "system", trip("os.system")),
        (os, "popen", trip("os.popen")),
        (subprocess, "Popen", trip("subprocess.Popen")),
        (builtins, "__import__", trip("__import__")),
    ]
    saved = [(obj, name, getattr(obj, name)) for obj, name, _ in targets]
    try:
        for obj, name, fake in targets:
            setattr(obj, name, fake)
        yield calls
    finally:
        for obj, name, real in reversed(saved):
            setattr(obj, name, real)


def _expect_parse_error(parse, text):
    try:
        parse(text)
    except ParseError as e:
        return e
    raise AssertionError(f"accepted {text!r}")


@pytest.mark.parametrize("text", INJECTIONS)
def test_injection_runs_nothing(text, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with tripwires() as calls:
        _expect_parse_error(parse_layer, text)
        _expect_parse_error(parse_layers, text)
    assert calls == []
    assert list(tmp_path.iterdir()) == []


def test_tripwires_work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with tripwires() as calls:
        with pytest.raises(_Ran):
            eval("1")  # noqa: S307 - checks the tripwire itself
    assert calls == ["eval"]


def test_injection_in_multiline_text_runs_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "Conv2d(3, 8, 3)\nReLU()\nConv2d(8, 8, __import__('os').system('touch PWNED'))\n"
    seq = "nn.Sequential(\n  nn.ReLU(),\n  __import__('os').system('touch PWNED'),\n)"
    with tripwires() as calls:
        e1 = _expect_parse_error(parse_layers, text)
        e2 = _expect_parse_error(parse_layers, seq)
    assert (e1.line, e2.line) == (3, 3)
    assert calls == []
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------------------------------
# many layers: files, nn.Sequential, ';'


def _kinds(layers):
    return [layer.kind for layer in layers]


def test_file_with_comments_blank_lines_semicolons_and_commas():
    text = (
        "# a tiny net\n"
        "\n"
        "Conv2d(3, 16, 3, padding=1)   # conv\n"
        "nn.BatchNorm2d(16); nn.ReLU(inplace=True)\n"
        "nn.MaxPool2d(2),\n"
        "torch.nn.Conv2d(16, 32, 3,\n"
        "                stride=2)\n"
    )
    assert _kinds(parse_layers(text)) == ["Conv2d", "BatchNorm2d", "ReLU", "MaxPool2d", "Conv2d"]


def test_semicolons_on_one_line():
    assert _kinds(parse_layers("Conv2d(3, 8, 3); ReLU(); MaxPool2d(2)")) == [
        "Conv2d",
        "ReLU",
        "MaxPool2d",
    ]


def test_pasted_sequential_assigned_and_nested():
    text = """
    self.features = nn.Sequential(
        nn.Conv2d(3, 64, kernel_size=11, stride=4, padding=2),  # conv1
        nn.ReLU(inplace=True),
        nn.Sequential(
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(64, 192, kernel_size=5, padding=2),
        ),
    )
    """
    text = "\n".join(line[4:] for line in text.splitlines())
    layers = parse_layers(text)
    assert _kinds(layers) == ["Conv2d", "ReLU", "MaxPool2d", "Conv2d"]
    assert layers[3] == parse_layer("Conv2d(64, 192, 5, padding=2)")


def test_sequential_with_ordered_dict():
    text = (
        "model = nn.Sequential(OrderedDict([\n"
        "    ('conv1', nn.Conv2d(1, 20, 5)),\n"
        "    ('relu1', nn.ReLU()),\n"
        "    ('conv2', nn.Conv2d(20, 64, 5)),\n"
        "]))\n"
    )
    assert _kinds(parse_layers(text)) == ["Conv2d", "ReLU", "Conv2d"]
    assert _kinds(parse_layers(text.replace("OrderedDict", "collections.OrderedDict"))) == [
        "Conv2d",
        "ReLU",
        "Conv2d",
    ]


def test_sequential_code_never_inserts_flatten():
    layers = parse_layers("nn.Sequential(nn.Conv2d(3, 8, 3), nn.Linear(8, 2))")
    assert _kinds(layers) == ["Conv2d", "Linear"]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("Conv2d(3, 8, 3)\n\nConv2d(8, 8, bar)\n", 3, "'bar'"),
        ("Conv2d(3, 8, 3)\nConv2d(8, 8 3)\n", 2, "syntax"),
        ("Conv2d(3, 8, 3)\nimport os\n", 2, "import os"),
        ("Conv2d(3, 8, 3)\nConv2d(8, 8, 3, groups=3)\n", 2, "groups"),
        ("Conv2d(3, 8, 3)\nx = 3\n", 2, "found '3'"),
        ("nn.Sequential(\n  nn.ReLU(),\n  nn.Conv2d(3, 8, k),\n)", 3, "'k'"),
        ("nn.ModuleList([nn.ReLU()])", 1, "ModuleList"),
        ("nn.Sequential(nn.ReLU(), inplace=True)", 1, "keyword"),
        ("nn.Sequential(OrderedDict({'a': nn.ReLU()}))", 1, "pairs"),
        ("Conv2d(3, 8, 3)\nFoo(1)\n", 2, "unknown layer 'Foo'"),
    ],
)
def test_multiline_errors_carry_the_line(text, line, words):
    with pytest.raises(ParseError) as info:
        parse_layers(text)
    assert info.value.line == line
    assert str(info.value).startswith(f"line {line}:")
    assert words in str(info.value)


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "nn.Sequential()"])
def test_no_layers(text):
    with pytest.raises(ParseError, match="no layers"):
        parse_layers(text)


# ------------------------------------------------------------------------------------------
# print(model) text of real torchvision networks, written out from their known structure.
# Checked once against str(model) of the same modules built with torch 2.13 (identical, except
# that torch 2.13 also prints BatchNorm's new `bias=True`, see test_torch_2_13_batchnorm_text).

BN = "eps=1e-05, momentum=0.1, affine=True, track_running_stats=True"
RELU = "ReLU(inplace=True)"


def _conv(cin, cout, k, s=1, p=0, bias=True):
    pad = f", padding=({p}, {p})" if p else ""
    tail = "" if bias else ", bias=False"
    return f"Conv2d({cin}, {cout}, kernel_size=({k}, {k}), stride=({s}, {s}){pad}{tail})"


def _pool(k, s, p=0):
    return f"MaxPool2d(kernel_size={k}, stride={s}, padding={p}, dilation=1, ceil_mode=False)"


def _block(name, kind, children, indent=0):
    """print(model) lines of one container: its header, children (2 spaces deeper), ')'."""
    pad = " " * indent
    lines = [f"{pad}({name}): {kind}(" if name is not None else f"{pad}{kind}("]
    for child_name, child in children:
        if isinstance(child, list):  # a nested block: [kind, children]
            lines += _block(child_name, child[0], child[1], indent + 2)
        else:
            lines.append(f"{pad}  ({child_name}): {child}")
    lines.append(f"{pad})")
    return lines


def _classifier(fc_in):
    return [
        ("0", "Dropout(p=0.5, inplace=False)"),
        ("1", f"Linear(in_features={fc_in}, out_features=4096, bias=True)"),
        ("2", RELU),
        ("3", "Dropout(p=0.5, inplace=False)"),
        ("4", "Linear(in_features=4096, out_features=4096, bias=True)"),
        ("5", RELU),
        ("6", "Linear(in_features=4096, out_features=1000, bias=True)"),
    ]


def alexnet_text():
    f = [
        _conv(3, 64, 11, 4, 2),
        RELU,
        _pool(3, 2),
        _conv(64, 192, 5, 1, 2),
        RELU,
        _pool(3, 2),
        _conv(192, 384, 3, 1, 1),
        RELU,
        _conv(384, 256, 3, 1, 1),
        RELU,
        _conv(256, 256, 3, 1, 1),
        RELU,
        _pool(3, 2),
    ]
    children = [
        ("features", ["Sequential", [(str(i), x) for i, x in enumerate(f)]]),
        ("avgpool", "AdaptiveAvgPool2d(output_size=(6, 6))"),
        ("classifier", ["Sequential", _classifier(9216)]),
    ]
    return "\n".join(_block(None, "AlexNet", children))


def vgg16_text():
    cfg = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"]
    f, cin = [], 3
    for v in cfg:
        if v == "M":
            f.append(_pool(2, 2))
        else:
            f += [_conv(cin, v, 3, 1, 1), RELU]
            cin = v
    head = [
        "Linear(in_features=25088, out_features=4096, bias=True)",
        RELU,
        "Dropout(p=0.5, inplace=False)",
        "Linear(in_features=4096, out_features=4096, bias=True)",
        RELU,
        "Dropout(p=0.5, inplace=False)",
        "Linear(in_features=4096, out_features=1000, bias=True)",
    ]
    vgg_head = [(str(i), x) for i, x in enumerate(head)]
    children = [
        ("features", ["Sequential", [(str(i), x) for i, x in enumerate(f)]]),
        ("avgpool", "AdaptiveAvgPool2d(output_size=(7, 7))"),
        ("classifier", ["Sequential", vgg_head]),
    ]
    return "\n".join(_block(None, "VGG", children))


def resnet50_text(downsample=True):
    def bottleneck(cin, width, stride, with_ds):
        out = width * 4
        kids = [
            ("conv1", _conv(cin, width, 1, bias=False)),
            ("bn1", f"BatchNorm2d({width}, {BN})"),
            ("conv2", _conv(width, width, 3, stride, 1, bias=False)),
            ("bn2", f"BatchNorm2d({width}, {BN})"),
            ("conv3", _conv(width, out, 1, bias=False)),
            ("bn3", f"BatchNorm2d({out}, {BN})"),
            ("relu", RELU),
        ]
        if with_ds:
            ds = [("0", _conv(cin, out, 1, stride, bias=False)), ("1", f"BatchNorm2d({out}, {BN})")]
            kids.append(("downsample", ["Sequential", ds]))
        return ["Bottleneck", kids]

    children = [
        ("conv1", _conv(3, 64, 7, 2, 3, bias=False)),
        ("bn1", f"BatchNorm2d(64, {BN})"),
        ("relu", RELU),
        ("maxpool", _pool(3, 2, 1)),
    ]
    cin = 64
    for i, (width, blocks, stride) in enumerate(
        [(64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2)]
    ):
        stage = []
        for b in range(blocks):
            s = stride if b == 0 else 1
            stage.append((str(b), bottleneck(cin, width, s, downsample and b == 0)))
            cin = width * 4
        children.append((f"layer{i + 1}", ["Sequential", stage]))
    children += [
        ("avgpool", "AdaptiveAvgPool2d(output_size=(1, 1))"),
        ("fc", "Linear(in_features=2048, out_features=1000, bias=True)"),
    ]
    return "\n".join(_block(None, "ResNet", children))


def _leaf_params(text):
    """Parameters of every leaf line, read one line at a time (branches included)."""
    total = 0
    for line in text.splitlines():
        if line.rstrip().endswith(")") and "): " in line and not line.rstrip().endswith("("):
            total += parse_layer(line).params()
    return total


def test_print_model_texts_match_pytorch_parameter_totals():
    # torchvision's documented totals: the texts above really are these networks.
    assert _leaf_params(alexnet_text()) == 61_100_840
    assert _leaf_params(vgg16_text()) == 138_357_544
    assert _leaf_params(resnet50_text()) == 25_557_032


@pytest.mark.parametrize(
    ("make", "n_layers", "params"),
    [(alexnet_text, 22, 61_100_840), (vgg16_text, 40, 138_357_544)],
)
def test_print_model_alexnet_vgg16(make, n_layers, params):
    layers = parse_layers(make())
    assert len(layers) == n_layers  # the printed leaves + one Flatten
    assert sum(layer.params() for layer in layers) == params
    kinds = _kinds(layers)
    assert kinds.count("Flatten") == 1
    # torchvision flattens in forward() right after avgpool
    assert kinds[kinds.index("Flatten") - 1] == "AdaptiveAvgPool2d"


def test_print_model_resnet50_downsample_is_reported_as_a_branch():
    text = resnet50_text()
    first = next(i for i, ln in enumerate(text.splitlines(), 1) if "(downsample)" in ln)
    with pytest.raises(ParseError) as info:
        parse_layers(text)
    err = info.value
    assert err.line == first
    assert err.rule == "parallel-branch"
    assert "(downsample) is a parallel branch of a residual block" in str(err)
    assert "Delete the block" in str(err)


def test_print_model_resnet50_main_path():
    full = resnet50_text()
    main = resnet50_text(downsample=False)
    layers = parse_layers(main)
    kinds = _kinds(layers)
    assert kinds.count("Conv2d") == 1 + 16 * 3
    assert kinds[-3:] == ["AdaptiveAvgPool2d", "Flatten", "Linear"]
    branch = _leaf_params(full) - _leaf_params(main)
    assert sum(layer.params() for layer in layers) == 25_557_032 - branch


def test_torch_2_13_batchnorm_text():
    # torch 2.13: BatchNorm2d(..., *, bias=True); print(model) writes bias=... for every BN
    text = "(bn1): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)"
    assert parse_layer(text).params() == 128
    no_bias = "BatchNorm2d(4, eps=1e-05, momentum=None, affine=False, bias=False, track_running_stats=True)"
    assert parse_layer(no_bias).params() == 0
    assert parse_layer("BatchNorm2d(4, bias=False)").params() == 4


def test_main_path_skips_residual_branches_and_lists_them():
    text = resnet50_text()
    lines = [i for i, ln in enumerate(text.splitlines(), 1) if "(downsample)" in ln]
    layers, skipped = parse_main_path(text)
    assert layers == parse_layers(resnet50_text(downsample=False))
    assert skipped == [f"line {n}: (layer{k}.0.downsample)" for k, n in enumerate(lines, 1)]
    # nothing to skip: same as parse_layers
    assert parse_main_path(alexnet_text()) == (parse_layers(alexnet_text()), [])
    # a single-line branch is skipped too
    one = "Block(\n  (conv): Conv2d(8, 8, 3)\n  (shortcut): Identity()\n)"
    assert parse_main_path(one) == ([parse_layer("Conv2d(8, 8, 3)")], ["line 3: (shortcut)"])


def test_main_path_still_refuses_parallel_blocks():
    for text in [
        "Net(\n  (mixed): InceptionA(\n    (branch1x1): ReLU()\n  )\n)",
        "Net(\n  (s): Sequential(\n    (branch1x1): ReLU()\n  )\n)",
    ]:
        with pytest.raises(ParseError) as info:
            parse_main_path(text)
        assert info.value.rule == "parallel-branch"


def test_print_model_networks_analyze_to_1000_classes():
    from quizcnn.core.analyze import analyze

    for text, params in [
        (alexnet_text(), 61_100_840),
        (vgg16_text(), 138_357_544),
        (resnet50_text(downsample=False), None),
    ]:
        report = analyze((3, 224, 224), parse_layers(text))
        assert tuple(report.output) == (1000,)
        if params is not None:
            assert report.params == params


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (
            "Net(\n  (mixed): InceptionA(\n    (branch1x1): ReLU()\n  )\n)",
            2,
            "parallel branches",
        ),
        (
            "Net(\n  (features): Sequential(\n    (branch3x3): ReLU()\n  )\n)",
            3,
            "parallel branch",
        ),
        (
            "Net(\n  (se): SqueezeExcitation(\n    (fc1): ReLU()\n  )\n)",
            2,
            "parallel branches",
        ),
        ("Net(\n  (b): MyBlock(\n    (0): ReLU()\n  )\n)", 2, "write Sequential"),
        ("Net(\n  (a): ReLU()\n", 1, "never closed"),
        ("(a): ReLU()\n)\n", 2, "closes no block"),
        ("Net(\n  (a): ReLU()\n  (b): Conv2d(3, 8, oops)\n)", 3, "'oops'"),
        ("Net(\n  (a): ReLU()\n  (b): Conv2d(3, 8, 3, groups=5)\n)", 3, "groups"),
        ("Net(\n  (a): Conv2d(\n  )\n)", 2, "one line"),
    ],
)
def test_print_model_errors(text, line, words):
    with pytest.raises(ParseError) as info:
        parse_layers(text)
    assert info.value.line == line
    assert words in str(info.value)


def test_print_model_lines_one_per_line_and_empty_containers():
    text = (
        "(conv1): Conv2d(3, 64, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))\n"
        "(relu): ReLU(inplace=True)\n"
        "(extra): Sequential()\n"
        "(pool): AdaptiveAvgPool2d(output_size=(1, 1))\n"
        "(fc): Linear(in_features=64, out_features=10, bias=True)\n"
    )
    assert _kinds(parse_layers(text)) == [
        "Conv2d",
        "ReLU",
        "AdaptiveAvgPool2d",
        "Flatten",
        "Linear",
    ]


def test_print_model_repeated_children():
    # torch prints equal ModuleList children once: "(0-2): 3 x Conv2d(...)"
    text = (
        "ModuleList(\n"
        "  (0-2): 3 x Conv2d(3, 3, kernel_size=(3, 3), stride=(1, 1))\n"
        "  (3-4): 2 x Sequential(\n"
        "    (0): Conv2d(3, 3, kernel_size=(1, 1), stride=(1, 1))\n"
        "    (1): ReLU()\n"
        "  )\n"
        ")\n"
    )
    conv3, conv1 = parse_layer("Conv2d(3, 3, 3)"), parse_layer("Conv2d(3, 3, 1)")
    relu = parse_layer("ReLU()")
    assert parse_layers(text) == [conv3, conv3, conv3, conv1, relu, conv1, relu]
    with pytest.raises(ParseError, match="more than 5,000 layers"):
        parse_layers("ModuleList(\n  (0-9998): 9999 x ReLU()\n)")


def test_print_model_chain_blocks_are_followed():
    text = "\n".join(
        [
            "MobileNetV2(",
            "  (features): Sequential(",
            "    (0): Conv2dNormActivation(",
            "      (0): Conv2d(3, 32, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)",
            f"      (1): BatchNorm2d(32, {BN})",
            "      (2): ReLU6(inplace=True)",
            "    )",
            "  )",
            ")",
        ]
    )
    assert _kinds(parse_layers(text)) == ["Conv2d", "BatchNorm2d", "ReLU6"]


# ------------------------------------------------------------------------------------------
# shapes


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("3x224x224", (3, 224, 224)),
        ("3×224×224", (3, 224, 224)),
        ("3X224X224", (3, 224, 224)),
        ("3,224,224", (3, 224, 224)),
        ("(3, 224, 224)", (3, 224, 224)),
        ("[3, 224, 224]", (3, 224, 224)),
        (" 3 x 224 x 224 ", (3, 224, 224)),
        ("1x16000", (1, 16000)),
        ("1x16x64x64", (1, 16, 64, 64)),
    ],
)
def test_parse_shape(text, shape):
    assert parse_shape(text) == shape


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("224", "1 sizes"),
        ("1x1x3x224x224", "5 sizes"),
        ("3x0x224", "between 1"),
        ("3x-2x2", "cannot read"),
        ("3x2.5x2", "cannot read"),
        ("3xx224", "cannot read"),
        ("3x224x" + "9" * 12, "cannot read"),
        ("3x99999999x9", "between 1"),
        ("x" * 200, "too long"),
        ("3x２２４x224", "cannot read"),
    ],
)
def test_parse_shape_errors(text, words):
    with pytest.raises(ParseError) as info:
        parse_shape(text)
    assert words in str(info.value)


# ------------------------------------------------------------------------------------------
# any text: ParseError / LayerError or a result, never anything else

_TOKENS = (
    "Conv2d|nn.|torch.|MaxPool2d|Sequential|(|)|[|]|,|=|:|3|64|-1|0|1e-05|'same'|same|True|None|"
    "kernel_size|stride|padding|groups|bias|dtype|torch.float32|\n| |#|;|(0): |__import__|'os'|"
    ".system|lambda|*|**|x|{|}|\"|'|\\|OrderedDict|ReLU|Linear|(downsample): |Bottleneck|AlexNet"
).split("|")
texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(_TOKENS), max_size=40).map("".join),
)


@settings(max_examples=300)
@given(texts)
def test_any_text_parse_layer(text):
    try:
        parse_layer(text)
    except LayerError:
        pass


@settings(max_examples=300)
@given(texts)
def test_any_text_parse_layers(text):
    try:
        parse_layers(text)
    except LayerError:
        pass


@given(
    st.one_of(
        st.text(max_size=60), st.lists(st.sampled_from("0123x×,() 9-."), max_size=20).map("".join)
    )
)
def test_any_text_parse_shape(text):
    try:
        shape = parse_shape(text)
    except ParseError:
        return
    assert 2 <= len(shape) <= 4 and all(isinstance(v, int) and v >= 1 for v in shape)


# ------------------------------------------------------------------------------------------
# random layers written the ways people write them read the same as make_layer builds them

_CONV_ORDER = ("in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation")


def _render(value, as_list):
    if isinstance(value, tuple):
        inner = ", ".join(str(v) for v in value)
        return f"[{inner}]" if as_list else f"({inner})"
    return repr(value)


@st.composite
def conv_calls(draw):
    size = st.integers(1, 7)
    pair = st.one_of(size, st.tuples(size, size))
    values = {
        "in_channels": draw(st.sampled_from([1, 2, 3, 4, 6, 8])),
        "out_channels": draw(st.sampled_from([1, 2, 4, 8, 12])),
        "kernel_size": draw(pair),
        "stride": draw(pair),
        "padding": draw(st.one_of(st.integers(0, 3), st.tuples(st.integers(0, 3), size))),
        "dilation": draw(pair),
    }
    extra = draw(
        st.fixed_dictionaries(
            {},
            optional={
                "groups": st.sampled_from([1, 2, 4]),
                "bias": st.booleans(),
                "padding_mode": st.sampled_from(["zeros", "reflect", "circular"]),
            },
        )
    )
    n_pos = draw(st.integers(3, len(_CONV_ORDER)))
    prefix = draw(st.sampled_from(["", "nn.", "torch.nn.", "(conv1): ", "  (0): "]))
    as_list = draw(st.booleans())
    pos = [_render(values[k], as_list) for k in _CONV_ORDER[:n_pos]]
    kw = {k: values[k] for k in _CONV_ORDER[n_pos:]} | extra
    order = draw(st.permutations(list(kw)))
    parts = pos + [f"{k}={_render(kw[k], as_list)}" for k in order]
    comma = draw(st.sampled_from(["", ","]))
    text = f"{prefix}Conv2d({', '.join(parts)}{comma})"
    return text, [values[k] for k in _CONV_ORDER[:n_pos]], kw


@given(conv_calls())
def test_random_conv_text_reads_like_make_layer(case):
    text, args, kwargs = case
    try:
        expected = make_layer("Conv2d", args, dict(kwargs))
    except LayerError as err:
        with pytest.raises(LayerError) as info:
            parse_layer(text)
        assert info.value.rule == err.rule
        return
    layer = parse_layer(text)
    assert layer == expected
    assert parse_layer(layer.text()) == layer
    assert parse_layers(f"# pasted\n{text}\n\n{layer.text()}  # again\n") == [layer, layer]
