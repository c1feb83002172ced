"""The dict forms of problems: what ``Problem.to_dict`` gives (JSON for ``generate --json``,
the store and printing), typed as TypedDicts, and ``Extra``, the data a template keeps beside
an answer. ``encode``/``decode`` turn answer values into JSON and back (tuples <-> lists,
Fractions <-> ``{"fraction": "p/q"}``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TypeAlias, TypedDict, cast

from quizcnn.problems.answers import Answer

# A JSON value as ``json`` reads and writes it; ``Value`` is what ``decode`` makes of one
# (lists become tuples, ``{"fraction": "p/q"}`` becomes a Fraction).
JSON: TypeAlias = "str | int | float | bool | None | list[JSON] | dict[str, JSON]"
Value: TypeAlias = "str | int | float | bool | None | Fraction | tuple[Value, ...] | dict[str, Value]"


class StepDict(TypedDict):
    title: str
    formula: str
    substitution: str
    result: str


class FractionDict(TypedDict):
    fraction: str  # "p/q"


# an encoded answer: an int, {"fraction": "p/q"}, or a shape / several values as a list
EncodedAnswer: TypeAlias = int | FractionDict | list[int]


class MisconceptionDict(TypedDict):
    id: str
    message: dict[str, str]
    value: EncodedAnswer | None


class ProblemDict(TypedDict):
    template: str
    template_version: int
    seed: int
    difficulty: int
    quantity: str
    title: dict[str, str]
    prompt: dict[str, str]
    layers: list[str]
    input_shape: list[int] | None
    answer: EncodedAnswer
    answer_text: str
    steps: dict[str, list[StepDict]]
    hints: dict[str, list[str]]
    tags: list[str]
    misconceptions: list[MisconceptionDict]
    extra: dict[str, JSON]


# -- what a problem keeps beside its answer (``Problem.extra``) ---------------------------------
# an argument of a call (a PyTorch constructor, a core function): a size, a flag, a name such
# as padding='same', or one size per axis
CallArg: TypeAlias = int | bool | str | tuple[int, ...]


class CoreCall(TypedDict):
    """One call of a ``quizcnn.core.blocks`` function: its name and keyword arguments."""

    fn: str
    args: dict[str, CallArg]


class CoreSpec(TypedDict, total=False):
    """The core calls behind a block/compute template's answer (their ``field``, summed)."""

    calls: Sequence[CoreCall]
    field: str
    field_args: Sequence[str]
    keep: Sequence[int]
    batch: int
    dtype: str
    den_layers: Sequence[str]  # the layers a ratio's denominator counts
    den_input: tuple[int, ...]


class Extra(TypedDict, total=False):
    """Data a template keeps with a problem: how the answer is read (``dims``, ``names``) and
    what lets anyone recompute it (layers, inputs, core calls). Tuples here are lists in the
    dict form; own-model problems (``own_model_kinds``) keep lists as lists."""

    dims: Sequence[str]  # the names of a shape answer's dimensions, in order
    names: Sequence[str]  # the values asked by a "values" answer, in order
    # transposed-inverse / conv-missing-hyperparameter
    target: tuple[int, ...]
    prefix: Sequence[str]
    suffix: Sequence[str]
    unknown_name: str
    unknown_args: tuple[CallArg, ...]
    unknown_kwargs: dict[str, CallArg]
    solution_layers: Sequence[str]
    solutions: int
    # receptive-field templates
    position: tuple[int, ...]
    axis: int
    target_rf: int
    channels: int
    dilation: int
    # ratios and differences of layer stacks
    ratio_of: str
    num_layers: Sequence[str]
    den_layers: Sequence[str]
    num_input: tuple[int, ...]
    den_input: tuple[int, ...]
    depthwise: bool
    answer_layers: Sequence[str]
    minus_layers: Sequence[str]
    answer_input: tuple[int, ...]
    network: str
    core: CoreSpec
    # problems on the user's own model
    model: str
    kind: str
    subject: str | tuple[str, ...]
    node: str
    block: str
    nodes: Sequence[str]
    stage: str
    stage_flops: int
    total_flops: int
    options: int
    answer_label: str
    option_nodes: Sequence[str]
    elements: int


def encode(value: object) -> JSON:
    """JSON-ready form of an answer value (tuples -> lists, Fractions -> {"fraction": "p/q"})."""
    if isinstance(value, Fraction):
        return {"fraction": f"{value.numerator}/{value.denominator}"}
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    if value is None or isinstance(value, str | int | float):
        return value
    raise TypeError(f"no JSON form for a {type(value).__name__}: {value!r}")


def decode(value: object) -> Value:
    """The value ``encode`` wrote (read from JSON); TypeError for anything JSON does not hold."""
    if isinstance(value, dict) and set(value) == {"fraction"}:
        fraction = value["fraction"]
        if not isinstance(fraction, str):
            raise TypeError(f"a fraction is written as 'p/q', not {fraction!r}")
        return Fraction(fraction)
    if isinstance(value, list):
        return tuple(decode(v) for v in value)
    if isinstance(value, dict):
        return {k: decode(v) for k, v in value.items()}
    if value is None or isinstance(value, str | int | float):
        return value
    raise TypeError(f"not a JSON value: {value!r}")


def encode_answer(value: Answer) -> EncodedAnswer:
    """``encode`` for an answer: the same JSON, typed."""
    if isinstance(value, Fraction):
        return {"fraction": f"{value.numerator}/{value.denominator}"}
    if isinstance(value, tuple):
        return list(value)
    return value


def as_answer(value: Value) -> Answer:
    """A decoded answer value, checked to be one (a number, a fraction or a tuple of ints)."""
    if isinstance(value, int | Fraction):
        return value
    if isinstance(value, tuple):
        ints = tuple(v for v in value if isinstance(v, int))
        if len(ints) == len(value):
            return ints
    raise TypeError(f"not an answer value: {value!r}")


def as_shape(value: Value) -> tuple[int, ...] | None:
    if value is None:
        return None
    answer = as_answer(value)
    if not isinstance(answer, tuple):
        raise TypeError(f"not a shape: {value!r}")
    return answer


def encode_extra(extra: Extra) -> dict[str, JSON]:
    return {k: encode(v) for k, v in extra.items()}


def decode_extra(extra: Mapping[str, object]) -> Extra:
    # The keys and value forms are those encode_extra wrote for an Extra (tuples came back
    # as tuples, fractions as Fractions); a dict read back is not checked key by key.
    return cast(Extra, {k: decode(v) for k, v in extra.items()})
