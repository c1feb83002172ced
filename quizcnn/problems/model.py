"""The data of a generated problem and of a graded answer.

A :class:`Problem` is plain data (JSON-ready through ``to_dict``/``from_dict``, an exact round
trip). Its ``answer`` and every misconception's ``value`` were computed by ``quizcnn.core`` on
the problem's own layers when the problem was generated; ``check`` only reads the user's text
and compares. Problems whose several answers are right (``quantity == "hyperparameter"``) hand
the user's values to their template, which runs them through the core.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from quizcnn.problems.answers import (
    Answer,
    AnswerError,
    as_number,
    as_values,
    close_3sf,
    matches,
    parse_answer,
)
from quizcnn.problems.forms import (
    Extra,
    MisconceptionDict,
    ProblemDict,
    StepDict,
    as_answer,
    as_shape,
    decode,
    decode_extra,
    encode_answer,
    encode_extra,
)

LANGS = ("en", "zh")

# quantity -> how the answer is read (a tuple answer is always read as a shape)
QUANTITY_KINDS = {
    "output_shape": "shape",
    "output_size": "int",
    "params": "int",
    "macs": "approx",
    "flops": "approx",
    "rf_size": "int",
    "rf_start": "int",
    "ratio": "ratio",
    "hyperparameter": "values",
    "bytes": "approx",
    "mults": "approx",
    "channels": "int",
    "matrix_shape": "shape",
    "option": "int",  # the number of a listed option (problems on the user's own model)
}
_DIM_NAMES = {
    "C": ("channels (C)", "通道数 C"),
    "D": ("depth (D)", "深度 D"),
    "H": ("height (H)", "高度 H"),
    "W": ("width (W)", "宽度 W"),
    "L": ("length (L)", "长度 L"),
    "rows": ("rows", "行数"),
    "cols": ("columns", "列数"),
}


class ProblemError(ValueError):
    """Unknown template, bad difficulty, or a problem dict that cannot be read."""


@dataclass(frozen=True)
class Step:
    """One line of a worked solution: what is computed, the formula, the numbers, the result."""

    title: str
    formula: str
    substitution: str
    result: str

    def to_dict(self) -> StepDict:
        return {"title": self.title, "formula": self.formula,
                "substitution": self.substitution, "result": self.result}

    @classmethod
    def from_dict(cls, d: StepDict) -> Step:
        return cls(d["title"], d["formula"], d["substitution"], d["result"])


@dataclass(frozen=True)
class Misconception:
    """A common wrong answer (``value``, computed from the problem's layers) and its cause."""

    id: str
    message: dict[str, str]
    value: Answer | None = None

    def to_dict(self) -> MisconceptionDict:
        return {"id": self.id, "message": dict(self.message),
                "value": None if self.value is None else encode_answer(self.value)}

    @classmethod
    def from_dict(cls, d: MisconceptionDict) -> Misconception:
        value = decode(d.get("value"))
        return cls(d["id"], dict(d["message"]), None if value is None else as_answer(value))


@dataclass(frozen=True)
class Verdict:
    """The grade of one answer. ``error`` set means unreadable input, not a wrong answer."""

    correct: bool
    parsed: Answer | None
    error: str | None
    misconception: Misconception | None
    expected: str
    detail: dict[str, str] | None = None


def _steps_to(steps: dict[str, list[Step]]) -> dict[str, list[StepDict]]:
    return {lang: [s.to_dict() for s in lst] for lang, lst in steps.items()}


@dataclass
class Problem:
    template: str
    template_version: int
    seed: int
    difficulty: int
    quantity: str
    prompt: dict[str, str]
    layers: list[str]
    input_shape: tuple[int, ...] | None
    answer: Answer
    answer_text: str
    steps: dict[str, list[Step]] = field(default_factory=dict)
    hints: dict[str, list[str]] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    misconceptions: list[Misconception] = field(default_factory=list)
    title: dict[str, str] = field(default_factory=dict)
    extra: Extra = field(default_factory=Extra)

    @property
    def kind(self) -> str:
        if self.quantity == "hyperparameter":
            return "values"
        if isinstance(self.answer, tuple):
            return "shape"
        return QUANTITY_KINDS[self.quantity]

    @property
    def dims(self) -> list[str]:
        if "dims" in self.extra:
            return list(self.extra["dims"])
        n = len(self.answer) if isinstance(self.answer, tuple) else 0
        return {1: ["L"], 2: ["H", "W"], 3: ["C", "H", "W"], 4: ["C", "D", "H", "W"]}.get(
            n, [str(i) for i in range(n)]
        )

    # -- reading and grading ---------------------------------------------------------------
    def read(self, text: str) -> Answer:
        """The value ``text`` gives for this problem, read as ``check`` reads it (the drills'
        live preview uses this too, so what the preview accepts is what is graded). Raises
        AnswerError for text that cannot be read or whose form does not fit the question
        (a count where a shape is asked, a shape or several numbers where a count is)."""
        try:
            return parse_answer(text, self.kind, names=self.extra.get("names", ()),
                                dims=self.dims if self.kind == "shape" else None)
        except AnswerError:
            value = self._square(text)
            if value is None:
                raise
            return value

    def show(self, value: Answer) -> str:
        """How a value read from the user is shown back: ``64 × 56 × 56``, ``12,544``,
        ``stride=2, padding=1``, ``1/4 ≈ 0.25``."""
        if self.kind == "values" and isinstance(value, tuple):  # "values" are always tuples
            names = list(self.extra.get("names", ()))
            if names == ["count"]:
                return str(value[0])
            return ", ".join(f"{n}={v}" for n, v in zip(names, value, strict=False))
        if isinstance(value, tuple):
            return " × ".join(str(v) for v in value)
        value = Fraction(value)
        if value.denominator == 1:
            return f"{value.numerator:,}"
        return f"{value.numerator}/{value.denominator} ≈ {float(value):.6g}"

    def check(self, text: str) -> Verdict:
        """Grade ``text``; never raises (unreadable input gives ``error``)."""
        try:
            value = self.read(text)
        except AnswerError as e:
            return Verdict(False, None, str(e), None, self.answer_text,
                           {"en": str(e), "zh": e.zh})
        try:
            if self.quantity == "hyperparameter":
                from quizcnn.problems.registry import get_template

                return get_template(self.template).check_values(self, as_values(value))
            return self._grade(value)
        except Exception as e:  # a bug must not crash a drill; the tests look for this text
            msg = f"internal error while checking this answer: {type(e).__name__}: {e}"
            return Verdict(False, value, msg, None, self.answer_text, {"en": msg, "zh": msg})

    def _square(self, text: str) -> int | None:
        """``7x7`` for a size asked as one number: read as 7 (sizes are often written so)."""
        if self.kind != "int" or self.quantity not in ("rf_size", "output_size"):
            return None
        try:
            dims = parse_answer(text, "shape")
        except AnswerError:
            return None
        if not isinstance(dims, tuple):  # a "shape" answer always reads as a tuple
            return None
        return dims[0] if len(dims) in (2, 3) and len(set(dims)) == 1 else None

    def _grade(self, value: Answer) -> Verdict:
        kind = self.kind
        if kind == "shape":
            return self._grade_shape(as_values(value))
        if matches(kind, value, self.answer):
            detail = None
            if kind != "int" and Fraction(as_number(value)) != Fraction(as_number(self.answer)):
                detail = {"en": "Right to 3 significant figures.", "zh": "三位有效数字正确。"}
            return self.verdict(True, value, detail=detail)
        for m in self.misconceptions:
            if m.value is not None and not isinstance(m.value, tuple) and matches(kind, value, m.value):
                return self.verdict(False, value, misconception=m)
        if kind == "int" and Fraction(as_number(value)).denominator != 1:
            return self.verdict(False, value, detail={
                "en": "This quantity is a whole number: check where the formula rounds down.",
                "zh": "这个量是整数：检查公式里向下取整的地方。"})
        if kind == "int" and close_3sf(as_number(value), as_number(self.answer)):
            return self.verdict(False, value, detail={
                "en": "Close, but this count is exact: give every digit.",
                "zh": "很接近，但这个数要求精确：请写出全部数字。"})
        return self.verdict(False, value)

    def _grade_shape(self, value: tuple[int, ...]) -> Verdict:
        want = as_values(self.answer)
        if value == want:
            return self.verdict(True, value)
        if len(value) == len(want) + 1 and value[0] == 1 and value[1:] == want:
            return self.verdict(True, value, detail={
                "en": "Right (the leading batch dimension 1 is not needed).",
                "zh": "正确（不需要写批大小 1）。"})
        for m in self.misconceptions:
            if isinstance(m.value, tuple) and m.value == value:
                return self.verdict(False, value, misconception=m)
        names = self.dims
        order = " × ".join(names)
        if len(value) != len(want):
            return self.verdict(False, value, detail={
                "en": f"Give {len(want)} numbers in the order {order}; you gave {len(value)}.",
                "zh": f"请按 {order} 的顺序给出 {len(want)} 个数；你给了 {len(value)} 个。"})
        if sorted(value) == sorted(want):
            order_mistake = next((m for m in self.misconceptions if m.id == "shape-order"), None)
            if order_mistake is not None:
                return self.verdict(False, value, misconception=order_mistake)
            return self.verdict(False, value, detail={
                "en": f"The numbers are right but in the wrong order: write {order}.",
                "zh": f"数值正确但顺序不对：请按 {order} 的顺序写。"})
        wrong = [i for i, (a, b) in enumerate(zip(value, want, strict=True)) if a != b]
        en_bad = ", ".join(_DIM_NAMES.get(names[i], (names[i],) * 2)[0] for i in wrong)
        zh_bad = "、".join(_DIM_NAMES.get(names[i], (names[i],) * 2)[1] for i in wrong)
        if len(wrong) < len(want):
            return self.verdict(False, value, detail={
                "en": f"Partly right: the {en_bad} {'is' if len(wrong) == 1 else 'are'} wrong; "
                      "the other dimensions are right.",
                "zh": f"部分正确：{zh_bad} 不对，其余维度正确。"})
        return self.verdict(False, value)

    def verdict(self, correct: bool, value: Answer, *, misconception: Misconception | None = None,
                detail: dict[str, str] | None = None) -> Verdict:
        if misconception is not None and detail is None:
            detail = dict(misconception.message)
        return Verdict(correct, value, None, misconception, self.answer_text, detail)

    # -- (de)serialisation ------------------------------------------------------------------
    def to_dict(self) -> ProblemDict:
        return {
            "template": self.template,
            "template_version": self.template_version,
            "seed": self.seed,
            "difficulty": self.difficulty,
            "quantity": self.quantity,
            "title": dict(self.title),
            "prompt": dict(self.prompt),
            "layers": list(self.layers),
            "input_shape": None if self.input_shape is None else list(self.input_shape),
            "answer": encode_answer(self.answer),
            "answer_text": self.answer_text,
            "steps": _steps_to(self.steps),
            "hints": {k: list(v) for k, v in self.hints.items()},
            "tags": list(self.tags),
            "misconceptions": [m.to_dict() for m in self.misconceptions],
            "extra": encode_extra(self.extra),
        }

    @classmethod
    def from_dict(cls, d: ProblemDict) -> Problem:
        """The problem ``to_dict`` gave (read from JSON: ProblemError if ``d`` is not one)."""
        try:
            return cls(
                template=d["template"],
                template_version=int(d["template_version"]),
                seed=d["seed"],
                difficulty=int(d["difficulty"]),
                quantity=d["quantity"],
                title=dict(d.get("title", {})),
                prompt=dict(d["prompt"]),
                layers=list(d["layers"]),
                input_shape=as_shape(decode(d["input_shape"])),
                answer=as_answer(decode(d["answer"])),
                answer_text=d["answer_text"],
                steps={k: [Step.from_dict(s) for s in v] for k, v in d.get("steps", {}).items()},
                hints={k: list(v) for k, v in d.get("hints", {}).items()},
                tags=list(d.get("tags", [])),
                misconceptions=[Misconception.from_dict(m) for m in d.get("misconceptions", [])],
                extra=decode_extra(d.get("extra", {})),
            )
        except (KeyError, TypeError, ValueError, ZeroDivisionError) as e:
            raise ProblemError(f"not a problem dict: {type(e).__name__}: {e}") from None
