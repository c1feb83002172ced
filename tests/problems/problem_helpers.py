"""Independent re-computation of a problem's answer from its own layer texts (via the core's
parser, not the template's specs), and answer texts for typing values back."""

from __future__ import annotations

from fractions import Fraction

from quizcnn.core import analyze, rf_box


def typed(value) -> str:
    """What a user would type for ``value``."""
    if isinstance(value, tuple):
        return "x".join(str(v) for v in value)
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    return str(value)


def _of(report, quantity):
    if quantity == "params":
        return report.params
    if quantity == "macs":
        return report.macs
    if quantity == "flops":
        return report.flops
    raise AssertionError(quantity)


def recompute(p):
    """The answer, from the core, on the problem's own texts; None for value-checked problems."""
    q = p.quantity
    if "core" in p.extra:  # a block/compute template: the core's own functions, re-called
        return _core_answer(p)
    if q == "hyperparameter":
        return None
    if q == "ratio":
        num = analyze(p.extra["num_input"], list(p.extra["num_layers"]))
        den = analyze(p.extra["den_input"], list(p.extra["den_layers"]))
        return Fraction(_of(num, p.extra["ratio_of"]), _of(den, p.extra["ratio_of"]))
    if "answer_layers" in p.extra:  # a difference or a sub-stack, named by the template
        sub = analyze(p.extra["answer_input"], list(p.extra["answer_layers"]))
        if "minus_layers" in p.extra:
            less = analyze(p.extra["answer_input"], list(p.extra["minus_layers"]))
            return _of(sub, q) - _of(less, q)
        return _of(sub, q)
    report = analyze(p.input_shape, p.layers)
    if q == "output_shape":
        return report.output
    if q in ("params", "macs", "flops"):
        return _of(report, q)
    if q == "rf_size":
        size = report.rf.size
        return size[0] if len(set(size)) == 1 and not isinstance(p.answer, tuple) else size
    if q == "rf_start":
        pos = tuple(p.extra["position"])
        box = rf_box(p.input_shape, p.layers, pos)
        return box[p.extra["axis"]][0]
    raise AssertionError(f"no recomputation for {q}")


def _core_answer(p):
    """Sum of the named field over the stored core calls (divided by the parameters of
    ``den_layers`` for a ratio); activation memory re-derives its shapes from the layers."""
    import quizcnn.core as core

    spec = p.extra["core"]
    if "keep" in spec:  # activation memory: the shapes come from the problem's own layers
        report = analyze(p.input_shape, p.layers)
        outs = [tuple(p.input_shape) if i < 0 else report.layers[i].output for i in spec["keep"]]
        return core.activations_bytes(outs, spec["batch"], spec["dtype"])
    values = []
    for c in spec["calls"]:
        v = getattr(getattr(core, c["fn"])(**c["args"]), spec["field"])
        values.append(v(*spec.get("field_args", ())) if callable(v) else v)
    total = values[0] if len(values) == 1 else sum(values)
    if "den_layers" in spec:
        return Fraction(total, analyze(spec["den_input"], list(spec["den_layers"])).params)
    return total
