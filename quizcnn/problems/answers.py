"""Forgiving answer input: read what people type for numbers, ratios and shapes.

``parse_answer(text, kind)`` reads ``text`` the way the quantity asked needs it:

- ``"int"``: one exact number (sizes, parameter counts, receptive fields).
- ``"approx"``: a number graded to 3 significant figures (MACs, FLOPs); ``1.23G``, ``1.23e9``,
  ``1,233,792,000``, ``1.23 GFLOPs`` all read.
- ``"ratio"``: ``1/4``, ``0.25``, ``25%``.
- ``"shape"``: ``56x56x128``, ``56×56×128``, ``(128, 56, 56)``, ``56,56,128``,
  ``torch.Size([1, 128, 56, 56])``; given ``dims`` (the names of the dimensions asked), an
  answer with another number of dimensions (``12544`` for C×H×W) is not read but explained.
- ``"values"``: named integers, ``stride=2, padding=1`` or just ``2, 1`` in the order asked.

Commas mean one thing in every kind (``THOUSANDS_RULE``): digits grouped as ``1,234,567``
(three digits after each comma, no space, outside parentheses and brackets) are one number
(``12,544``); any other comma separates numbers (``(12, 544)``, ``12, 544`` and ``56,56,128``
are two or three).
A form that does not fit the question (several numbers where one is asked, a shape where a
count is asked, a count where a shape is asked) raises :class:`AnswerError` like garbage does:
the drills ask again and record nothing.

Full-width digits, the Unicode minus, thin spaces and surrounding blanks are all fine.
Numbers come back as ``int`` when whole, else ``fractions.Fraction`` (exact, never a float);
shapes and values as tuples of ints. Anything unreadable raises :class:`AnswerError` with a
one-line message in English (``str(e)``) and Chinese (``e.zh``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from fractions import Fraction
from typing import TypeAlias

KINDS = ("int", "approx", "ratio", "shape", "values")
# a read answer: a whole number, an exact fraction, or a shape / several values
Answer: TypeAlias = int | Fraction | tuple[int, ...]
MAX_LEN = 200
THOUSANDS_RULE = (
    "commas group thousands only as in 12,544 or 1,234,567 (three digits after each comma, "
    "no space, outside parentheses); (12, 544) and 12, 544 are two numbers",
    "逗号只在 12,544 或 1,234,567 这样的写法中表示千位分隔（每个逗号后恰好三位数字、无空格、"
    "不在括号内）；(12, 544) 和 12, 544 是两个数",
)

_MINUS = dict.fromkeys(map(ord, "\u2212\u2012\u2013\u2014\ufe63\u2010\u2011"), "-")
_UNIT_WORDS = re.compile(
    r"\s*(?:flops?|macs?|mult-adds|multiply-adds|params?|parameters?|weights?|pixels?|px"
    r"|个参数|参数|个|次)\s*$",
    re.IGNORECASE,
)
_SUFFIX = {
    "k": 10**3, "thousand": 10**3, "m": 10**6, "mil": 10**6, "million": 10**6,
    "g": 10**9, "b": 10**9, "bn": 10**9, "billion": 10**9, "t": 10**12, "trillion": 10**12,
    "万": 10**4, "亿": 10**8, "千": 10**3, "百万": 10**6, "十亿": 10**9,
}
_NUM = re.compile(
    r"""^(?P<sign>[+-])?
    (?P<mant>\d+(?:\.\d*)?|\.\d+)
    (?:(?:[eE]|\s*[x×*]\s*10\s*(?:\^|\*\*)\s*)(?P<exp>[+-]?\d+))?
    \s*(?P<suffix>[A-Za-z\u4e00-\u9fff]+)?
    \s*(?P<pct>%)?$""",
    re.VERBOSE,
)
_GROUPED = re.compile(r"^([+-]?)(\d{1,3}(?:[ ']\d{3})+)(?!\d)((?:\.\d*)?)(.*)$")
_COMMA_RUN = re.compile(r"(?<![\d.])\d+(?:,\d+)+(?![\d,])")
_GROUPED_RUN = re.compile(r"\d{1,3}(?:,\d{3})+")
_SHAPE_LIKE = re.compile(r"^[(\[]?\d+(?:\s*[x×X*]\s*\d+)+[)\]]?$")
_SHAPE_SEP = re.compile(r"\s*(?:[x×X*,;、]|\s)\s*")
_NAME_ALIASES = {
    "s": "stride", "p": "padding", "pad": "padding", "op": "output_padding",
    "outpad": "output_padding", "out_pad": "output_padding", "output-padding": "output_padding",
    "outputpadding": "output_padding", "d": "dilation", "dil": "dilation", "k": "kernel_size",
    "kernel": "kernel_size", "kernel-size": "kernel_size", "kernelsize": "kernel_size",
    "g": "groups", "n": "count", "layers": "count",
}


class AnswerError(ValueError):
    """The text could not be read as the kind of answer asked; ``zh`` has the Chinese line."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.zh = zh


def normalize(text: str) -> str:
    """Fold full-width forms, Unicode minus signs and odd spaces; strip the ends."""
    text = unicodedata.normalize("NFKC", text).translate(_MINUS)
    text = text.replace("\u3000", " ").replace("\t", " ")
    return text.strip().rstrip("。").strip()


def _as_number(value: Fraction) -> int | Fraction:
    return value.numerator if value.denominator == 1 else value


def _plain(text: str, *, suffix: bool) -> Fraction:
    """One number without grouping: 12544, -3, 1.25e4, 1.23G, 25%."""
    m = _NUM.match(text)
    if not m:
        raise _not_a_number(text)
    value = Fraction(m["mant"])
    if m["exp"]:
        exp = int(m["exp"])
        if abs(exp) > 30:
            raise AnswerError(
                f"the exponent in '{text}' is out of range", f"'{text}' 中的指数超出范围"
            )
        value *= Fraction(10) ** exp
    if m["suffix"]:
        factor = _SUFFIX.get(m["suffix"].lower()) if suffix else None
        if factor is None:
            raise AnswerError(
                f"'{m['suffix']}' in '{text}' is not a number suffix (k, M, G are)",
                f"'{text}' 中的 '{m['suffix']}' 不是数量后缀（可用 k、M、G）",
            )
        value *= factor
    if m["pct"]:
        value /= 100
    return -value if m["sign"] == "-" else value


def _not_a_number(text: str) -> AnswerError:
    return AnswerError(
        f"could not read '{text}' as a number (try 12544, 12,544 or 1.25e4)",
        f"无法把 '{text}' 读成一个数（可以写 12544、12,544 或 1.25e4）",
    )


def drop_thousands_commas(text: str) -> str:
    """Remove the commas that group thousands (``THOUSANDS_RULE``): in a run of digits and
    commas written like ``1,234,567`` (1-3 digits, then groups of exactly three), outside
    parentheses and brackets. ``12,544`` -> ``12544``; ``(12,544)``, ``12, 544``,
    ``56,56,128`` and ``1,2345`` are left as they are."""
    def fix(m: re.Match[str]) -> str:
        run = m.group()
        if _GROUPED_RUN.fullmatch(run) and _depth(text, m.start()) <= 0:
            return run.replace(",", "")
        return run

    return _COMMA_RUN.sub(fix, text)


def _depth(text: str, pos: int) -> int:
    """How many parentheses or brackets are open at ``pos``."""
    head = text[:pos]
    return head.count("(") + head.count("[") - head.count(")") - head.count("]")


def _ungroup(text: str) -> str:
    """12,544 / 12 544 / 12'544 / 12_544 -> 12544; anything else unchanged."""
    text = drop_thousands_commas(re.sub(r"(?<=\d)_(?=\d)", "", text))
    m = _GROUPED.match(text)
    if m:
        return m[1] + re.sub(r"[ ,']", "", m[2]) + m[3] + m[4]
    return text


def parse_number(text: str, *, suffix: bool = True) -> Fraction:
    """Read one number (grouping, exponent, k/M/G suffix, %, a/b) exactly."""
    text = _UNIT_WORDS.sub("", normalize(text)).lstrip("~≈=约 ").strip()
    if not text:
        raise AnswerError("the answer is empty", "答案为空")
    if "/" in text:
        num, _, den = text.partition("/")
        top = _plain(_ungroup(num.strip()), suffix=False)
        bottom = _plain(_ungroup(den.strip()), suffix=False)
        if bottom == 0:
            raise AnswerError(f"'{text}' divides by zero", f"'{text}' 的分母为零")
        return top / bottom
    if ":" in text:
        raise AnswerError(
            f"write a ratio like 1:4 as a fraction (1/4) or a decimal (0.25), not '{text}'",
            f"比例请写成分数（1/4）或小数（0.25），而不是 '{text}'",
        )
    flat = _ungroup(text)
    if _SHAPE_LIKE.match(flat) or re.search(r"\d\s*[x×]\s*\d+\s*[x×]", flat):
        raise AnswerError(
            f"'{text}' is a shape; one number is asked here",
            f"'{text}' 是一个形状；这里只要一个数",
        )
    if re.search(r"\d\s*[,;]\s*\d|\d\s+\d", flat):
        raise AnswerError(
            f"'{text}' reads as several numbers; one number is asked ({THOUSANDS_RULE[0]})",
            f"'{text}' 被读成多个数；这里只要一个数（{THOUSANDS_RULE[1]}）",
        )
    return _plain(flat, suffix=True)


def parse_shape(text: str, dims: Sequence[str] | None = None) -> tuple[int, ...]:
    """Read a shape: 56x56x128, 56×56×128, (128, 56, 56), 128,56,56, torch.Size([1, 3, 8, 8]).

    ``dims`` (e.g. ``("C", "H", "W")``): the dimensions asked; a shape of another length
    (except a leading batch dimension of 1) raises AnswerError saying what was read."""
    typed = normalize(text)
    text = _UNIT_WORDS.sub("", typed)
    text = re.sub(r"^(?:torch\.)?size\s*", "", text, flags=re.IGNORECASE).strip()
    text = drop_thousands_commas(text).strip("()[]{} ").strip()
    if not text:
        raise AnswerError(
            "the answer is empty; write a shape like 64x112x112",
            "答案为空；请写出形状，例如 64x112x112",
        )
    parts = _SHAPE_SEP.split(text.strip("()[] ").rstrip(",").strip())
    found = []
    for part in parts:
        part = part.strip("()[] ").replace("_", "")
        if not part.isdigit():
            raise AnswerError(
                f"could not read '{part}' in '{text}' as a whole number; "
                "write a shape like 64x112x112 or (64, 112, 112)",
                f"无法把 '{text}' 中的 '{part}' 读成整数；请写成 64x112x112 或 (64, 112, 112)",
            )
        found.append(int(part))
    shape = tuple(found)
    if dims is not None and len(shape) != len(dims) and not (
            len(shape) == len(dims) + 1 and shape[0] == 1):
        order = "×".join(dims)
        example = shape_example(len(dims))
        if len(shape) == 1:
            read_en, read_zh = f"one number ({shape[0]:,})", f"一个数（{shape[0]:,}）"
        else:
            read_en, read_zh = f"{len(shape)} numbers", f" {len(shape)} 个数"
        note_en = note_zh = ""
        if len(shape) < len(dims) and "," in typed:
            note_en, note_zh = f"; {THOUSANDS_RULE[0]}", f"；{THOUSANDS_RULE[1]}"
        raise AnswerError(
            f"'{typed}' reads as {read_en}, but a shape of {len(dims)} numbers ({order}) is "
            f"asked: write it like {example}{note_en}",
            f"'{typed}' 被读成{read_zh}，但这里要的是 {len(dims)} 个数的形状（{order}）："
            f"请写成 {example} 这样{note_zh}",
        )
    return shape


def shape_example(n: int) -> str:
    """An example shape with ``n`` dimensions, as the answer hints write it: 64x112x112."""
    return "x".join(str(v) for v in {1: (112,), 2: (112, 112), 3: (64, 112, 112)}.get(
        n, (64,) + (16,) * (n - 3) + (112, 112)))


def parse_values(text: str, names: Sequence[str]) -> tuple[int, ...]:
    """Read integers for ``names``: ``stride=2, padding=1``, ``s=2 p=1`` or ``2, 1``."""
    names = list(names)
    raw = drop_thousands_commas(normalize(text))
    if not raw:
        raise AnswerError("the answer is empty", "答案为空")
    pairs = re.findall(r"([A-Za-z_\-]+)\s*[=:]?\s*(-?\d+)", raw)
    if any(key.lower() != "x" for key, _ in pairs):
        found: dict[str, int] = {}
        for key, val in pairs:
            name = key.lower().strip("_-")
            name = _NAME_ALIASES.get(name, name)
            if name not in names:
                raise AnswerError(
                    f"'{key}' is not asked here (give {', '.join(names)})",
                    f"这里没有问 '{key}'（请给出 {', '.join(names)}）",
                )
            found[name] = int(val)
        missing = [n for n in names if n not in found]
        if missing:
            raise AnswerError(
                f"missing a value for {', '.join(missing)}", f"缺少 {', '.join(missing)} 的值"
            )
        return tuple(found[n] for n in names)
    parts = [p for p in re.split(r"[\s,;/x×、()\[\]]+", raw) if p]
    if len(parts) != len(names) or not all(re.fullmatch(r"[+-]?\d+", p) for p in parts):
        if names == ["count"]:
            raise AnswerError("give one whole number, e.g. 3", "请给出一个整数，例如 3")
        if len(names) == 1:
            raise AnswerError(f"give one whole number for {names[0]}, e.g. {names[0]}=1",
                              f"请给出 {names[0]} 的一个整数，例如 {names[0]}=1")
        raise AnswerError(
            f"give {len(names)} whole numbers: {', '.join(names)} (e.g. "
            + ", ".join(f"{n}=1" for n in names) + ")",
            f"请给出 {len(names)} 个整数：{', '.join(names)}",
        )
    return tuple(int(p) for p in parts)


def parse_answer(
    text: str, kind: str, *, names: Sequence[str] = (), dims: Sequence[str] | None = None
) -> Answer:
    """Read ``text`` as an answer of ``kind`` (see the module doc); raises AnswerError.

    ``names``: the values asked (kind "values"); ``dims``: the dimensions of a shape asked."""
    if kind not in KINDS:
        raise ValueError(f"unknown answer kind {kind!r}")
    if not isinstance(text, str):
        raise AnswerError("the answer must be text", "答案必须是文本")
    if len(text) > MAX_LEN:
        raise AnswerError(
            f"the answer is too long ({len(text)} characters)", f"答案太长（{len(text)} 个字符）"
        )
    if kind == "shape":
        return parse_shape(text, dims)
    if kind == "values":
        return parse_values(text, names)
    return _as_number(parse_number(text))


def sig_unit(expected: Fraction | int) -> Fraction:
    """One unit in the third significant figure of ``expected`` (exactly)."""
    m = abs(Fraction(expected))
    if m == 0:
        return Fraction(0)
    p = 0
    while Fraction(10) ** (p + 1) <= m:
        p += 1
    while Fraction(10) ** p > m:
        p -= 1
    return Fraction(10) ** (p - 2)


def close_3sf(value: int | Fraction, expected: int | Fraction) -> bool:
    """True when ``value`` is ``expected`` to 3 significant figures (within half a unit)."""
    return abs(Fraction(value) - Fraction(expected)) * 2 <= sig_unit(expected)


def as_number(value: Answer) -> int | Fraction:
    if isinstance(value, tuple):  # as Fraction(value) would
        raise TypeError(f"a number is expected, not {value!r}")
    return value


def matches(kind: str, value: Answer, expected: Answer) -> bool:
    """Does a parsed ``value`` count as ``expected`` for this kind of answer?"""
    if kind in ("shape", "values"):
        return as_values(value) == as_values(expected)
    v, e = as_number(value), as_number(expected)
    if kind == "int":
        return Fraction(v) == Fraction(e)
    return Fraction(v) == Fraction(e) or close_3sf(v, e)


def as_values(value: Answer) -> tuple[int, ...]:
    if not isinstance(value, tuple):  # as tuple(value) would
        raise TypeError(f"'{type(value).__name__}' object is not iterable")
    return value
