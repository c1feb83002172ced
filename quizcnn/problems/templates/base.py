"""The Template base class: draw with its own random.Random, finish into a Problem."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from quizcnn.problems.answers import Answer, matches, shape_example
from quizcnn.problems.common import Spec, build, fmt_answer, fmt_shape, spec_text
from quizcnn.problems.forms import Extra, decode_extra, encode_extra
from quizcnn.problems.model import (
    QUANTITY_KINDS,
    Misconception,
    Problem,
    ProblemError,
    Step,
    Verdict,
)

MAX_DRAWS = 500

ORDER_NOTE = {
    "shape": ("Answer as {order} (no batch dimension), e.g. `{example}` or `{spaced}`; exact "
              "(`{grouped}` without spaces reads as one number: {rule}).",
              "按 {order} 的顺序作答（不含批维度），例如 `{example}` 或 `{spaced}`；要求精确"
              "（不带空格的 `{grouped}` 会被读成一个数：{rule}）。"),
    "int": ("Give the exact whole number (`12544` or `12,544`).",
            "请给出精确的整数（`12544` 或 `12,544`）。"),
    "approx": ("Right to 3 significant figures counts: `1.23G`, `1.23e9` and `1,230,000,000` "
               "all work.", "精确到三位有效数字即可：`1.23G`、`1.23e9`、`1,230,000,000` 都可以。"),
    "ratio": ("Give an exact fraction (`1/4`) or a decimal to 3 significant figures "
              "(`0.25`, `25%`).", "请给出精确分数（`1/4`）或三位有效数字的小数（`0.25`、`25%`）。"),
    "values": ("Answer as `{example}`, or just the numbers in that order.",
               "请按 `{example}` 的形式作答，或按此顺序只写数字。"),
    "count": ("Give one whole number.", "请给出一个整数。"),
}
RULE_WORDS = ("commas group thousands", "逗号表示千位分隔")


@dataclass
class Draft:
    """What a template's ``draw`` returns; ``Template.generate`` turns it into a Problem."""

    specs: Sequence[Spec]
    input_shape: tuple[int, ...] | None
    quantity: str
    answer: Answer
    prompt: dict[str, str]
    steps: dict[str, list[Step]]
    hints: dict[str, list[str]] = field(default_factory=dict)
    mistakes: Sequence[Misconception | None] = field(default_factory=list)
    tags: Sequence[str] = field(default_factory=list)
    extra: Extra = field(default_factory=Extra)


class Template:
    """A problem family. Subclasses set the class attributes and implement ``draw``."""

    id: str = ""
    version: int = 1
    title: ClassVar[dict[str, str]] = {}
    quantity: str = ""
    # difficulty -> what it draws (shown by ``generate --list``): knob name -> its values
    knobs: ClassVar[dict[int, dict[str, object]]] = {}
    tags: tuple[str, ...] = ()

    def draw(self, rng: random.Random, level: int) -> Draft | None:  # pragma: no cover
        raise NotImplementedError

    def check_values(self, problem: Problem, values: tuple[int, ...]) -> Verdict:
        raise ProblemError(f"template {self.id} has no value checker")

    def generate(self, seed: int, level: int) -> Problem:
        from quizcnn.core import LayerError

        rng = random.Random(f"{self.id}:{level}:{seed}")
        for _ in range(MAX_DRAWS):
            try:
                draft = self.draw(rng, level)
            except LayerError:
                continue  # an impossible draw: draw again from the same stream
            if draft is not None:
                return self.finish(draft, seed, level)
        raise ProblemError(f"template {self.id} found no valid problem for seed {seed}")

    def finish(self, draft: Draft, seed: int, level: int) -> Problem:
        texts = [spec_text(s) for s in draft.specs]
        build(draft.specs)  # every shown layer must be a valid layer
        quantity = draft.quantity
        answer = draft.answer
        kind = "values" if quantity == "hyperparameter" else (
            "shape" if isinstance(answer, tuple) else QUANTITY_KINDS[quantity])
        # a shape, or the several values a "hyperparameter" problem asks for
        values = answer if isinstance(answer, tuple) else ()
        extra = draft.extra.copy()
        if kind == "shape" and "dims" not in extra:
            extra["dims"] = {2: ("H", "W"), 3: ("C", "H", "W"), 4: ("C", "D", "H", "W")}.get(
                len(values), tuple(str(i) for i in range(len(values))))
        mistakes = _clean(kind, answer, [m for m in draft.mistakes if m is not None])
        if kind == "shape" and tuple(extra["dims"])[:1] == ("C",):
            flipped = tuple(values[1:]) + (values[0],)
            if flipped != values and all(m.value != flipped for m in mistakes):
                mistakes.append(shape_order(extra["dims"], flipped))
        prompt: dict[str, str] = {}
        count = kind == "values" and tuple(extra["names"]) == ("count",)
        for i, lang in enumerate(("en", "zh")):
            note = ORDER_NOTE["count" if count else kind][i]
            if kind == "shape":
                order = "×".join(extra["dims"])
                example = shape_example(len(values))
                parts = example.split("x")
                note = note.format(order=order, example=example, spaced=", ".join(parts),
                                   grouped=",".join(parts), rule=RULE_WORDS[i])
            elif kind == "values" and not count:
                note = note.format(example=", ".join(f"{n}=…" for n in extra["names"]))
            prompt[lang] = draft.prompt[lang].rstrip() + "\n\n*" + note + "*"
        problem = Problem(
            template=self.id,
            template_version=self.version,
            seed=seed,
            difficulty=level,
            quantity=quantity,
            title=dict(self.title),
            prompt=prompt,
            layers=texts,
            input_shape=None if draft.input_shape is None else tuple(draft.input_shape),
            answer=answer,
            answer_text=(str(values[0]) if count else
                         ", ".join(f"{n}={v}" for n, v in zip(extra["names"], values, strict=True))
                         if kind == "values" else fmt_answer(quantity, answer)),
            steps=draft.steps,
            hints=draft.hints,
            tags=sorted(set(self.tags) | set(draft.tags) | {f"template:{self.id}"}),
            misconceptions=mistakes,
            extra=decode_extra(encode_extra(extra)),
        )
        return problem


def _clean(kind: str, answer: Answer, mistakes: list[Misconception]) -> list[Misconception]:
    """Drop wrong answers that would count as right, and later duplicates of a value."""
    out: list[Misconception] = []
    for m in mistakes:
        v = m.value
        if v is None or isinstance(v, tuple) != (kind in ("shape", "values")):
            continue
        if matches(kind, v, answer) or (kind not in ("shape", "values") and matches(kind, answer, v)):
            continue
        if any(o.value is not None and (matches(kind, v, o.value) or matches(kind, o.value, v))
               for o in out):
            continue
        if any(o.id == m.id for o in out):
            continue
        out.append(m)
    return out


def shape_order(dims: Sequence[str], value: tuple[int, ...]) -> Misconception:
    order = "×".join(dims)
    return Misconception("shape-order", {
        "en": f"Right numbers, wrong order: PyTorch writes shapes channels first ({order}); "
              "channels last is the TensorFlow / image-file order.",
        "zh": f"数值对了，顺序不对：PyTorch 的形状是通道在前（{order}）；通道在后是 TensorFlow / 图像文件的顺序。",
    }, value)


def layers_block(specs: Sequence[Spec], input_shape: Sequence[int],
                 dims: str = "C×H×W") -> tuple[str, str]:
    code = "```python\n" + "\n".join(spec_text(s) for s in specs) + "\n```"
    shape = fmt_shape(input_shape).replace("×", r" \times ")
    return (f"{code}\n\nInput: one tensor of shape {dims} = ${shape}$ (batch dimension left out).",
            f"{code}\n\n输入：形状为 {dims} = ${shape}$ 的张量（不写批维度）。")
