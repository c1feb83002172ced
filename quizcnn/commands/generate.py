"""``quizcnn generate``: print randomized numeric problems with their worked solutions.

    quizcnn generate --template conv-output-size --difficulty 2 --count 3 --seed 7
    quizcnn generate --lang both --no-solutions
    quizcnn generate --list
    quizcnn generate --template conv-params --json

The same seed always gives the same problems. Without --seed a random one is drawn and shown,
so a set can be printed again.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

MAX_COUNT = 1000
LANG_HEADINGS = {
    "en": {"problem": "Problem", "difficulty": "difficulty", "seed": "seed", "answer": "Answer",
           "solution": "Solution", "hints": "Hints", "mistakes": "Common mistakes", ":": ": "},
    "zh": {"problem": "题目", "difficulty": "难度", "seed": "种子", "answer": "答案",
           "solution": "解答", "hints": "提示", "mistakes": "常见错误", ":": "："},
}
SOLUTION_KEYS = ("answer", "answer_text", "steps", "misconceptions", "extra")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "generate",
        help="randomized numeric problems (shapes, parameters, FLOPs, receptive fields)",
        description="Print randomized numeric problems with worked solutions. The same seed "
        "gives the same problems.",
    )
    p.add_argument("--template", "-t", metavar="ID", help="problem template (see --list); "
                   "default: a mix of all templates")
    p.add_argument("--difficulty", "-d", type=int, choices=(1, 2, 3), default=2,
                   help="1 (one layer) to 3 (stacks mixing everything); default 2")
    p.add_argument("--count", "-n", type=int, default=1, metavar="N",
                   help=f"how many problems (1-{MAX_COUNT}); default 1")
    p.add_argument("--seed", "-s", type=int, metavar="S", help="random seed (default: random)")
    p.add_argument("--lang", choices=("en", "zh", "both"),
                   help="language of the text: en, zh or both (default: the language of "
                   "messages, see QUIZCNN_LANG)")
    p.add_argument("--json", action="store_true", help="print the problems as JSON")
    p.add_argument("--no-solutions", action="store_true",
                   help="leave out answers and worked solutions (a practice sheet)")
    p.add_argument("--list", action="store_true", help="list the templates and their knobs")
    p.add_argument("--model", metavar="FILE",
                   help="problems on your own network: an ONNX file (exact) or layer text / "
                   "print(model) output (then give --input); output shapes, block parameters, "
                   "FLOPs per stage, receptive fields, activation memory")
    p.add_argument("--input", "-i", metavar="SHAPE",
                   help="with --model and a layer-text file: the input shape, e.g. 3x224x224")
    p.set_defaults(func=run)


def _fail(message: str) -> int:
    from quizcnn.termtext import clean

    print(clean(f"quizcnn generate: {message}", one_line=True), file=sys.stderr)
    return 2


def _langs(args: argparse.Namespace) -> str:
    """Fill in ``args.lang`` (the problems' language: the command line's when not given) and
    return the language of the program's own words: --lang's when it names one, else the
    command line's (``prefs.cli_lang``)."""
    from quizcnn.tui.prefs import cli_lang

    ui = cli_lang()
    if args.lang is None:
        args.lang = ui
    return args.lang if args.lang in ("en", "zh") else ui


def run(args: argparse.Namespace) -> int:
    from quizcnn.commands.calc_text import detail
    from quizcnn.messages import t
    from quizcnn.problems import ProblemError

    ui = _langs(args)
    if args.list:
        return _list(args)
    if not 1 <= args.count <= MAX_COUNT:
        return _fail(t("gen_count", ui, most=MAX_COUNT, n=args.count))
    seed = args.seed
    if seed is None:
        import secrets

        seed = secrets.randbelow(10**6)
    if args.model is not None:
        return _own_model(args, seed, ui)
    if args.input is not None:
        return _fail(t("gen_input_needs_model", ui))
    try:
        problems = make_problems(args.template, args.difficulty, args.count, seed)
    except ProblemError as e:
        return _fail(detail(str(e), ui))
    if len(problems) < args.count:
        print(f"quizcnn generate: {t('gen_fewer', ui, n=len(problems))}", file=sys.stderr)
    if args.json:
        import json

        from quizcnn.console import json_ascii

        out = _problem_dicts(problems, args.no_solutions)
        print(json.dumps({"seed": seed, "difficulty": args.difficulty, "problems": out},
                         ensure_ascii=json_ascii(), indent=2))
        return 0
    langs = ("en", "zh") if args.lang == "both" else (args.lang,)
    blocks = [render(p, i + 1, len(problems), langs, solutions=not args.no_solutions)
              for i, p in enumerate(problems)]
    print("\n\n".join(blocks))
    if args.seed is None:
        print("\n" + t("gen_seed_again", ui, seed=seed))
    return 0


def load_own_model(path: str, input_text: str | None, lang: str = "en"):
    """The user's model for --model, or a one-line error message (str) in ``lang``."""
    from quizcnn.commands.calc_text import detail
    from quizcnn.messages import t
    from quizcnn.problems.own_model import ModelFileError, load_model

    shape = None
    if input_text is not None:
        from quizcnn.core import ParseError, parse_shape

        try:
            shape = parse_shape(input_text)
        except ParseError as e:
            return t("calc_input_bad", lang, message=detail(e.message, lang))
    try:
        return load_model(path, shape)
    except ModelFileError as e:
        return detail(str(e), lang)


def own_model_header(model, lang: str) -> list[str]:
    """What a set of problems on the user's model starts with: the model, the notes."""
    from quizcnn.commands.calc_text import detail
    from quizcnn.messages import t

    r = model.report
    lines = [t("model_header", lang, name=model.name, input="x".join(map(str, r.input)),
               nodes=len(r.nodes), params=f"{r.params:,}"),
             t("model_practice", lang)]
    lines += [t("model_note", lang, note=detail(n, lang)) for n in model.notes]
    return lines


def _own_model(args: argparse.Namespace, seed: int, ui: str = "en") -> int:
    from quizcnn.messages import t
    from quizcnn.problems.own_model import make_problems as own_problems
    from quizcnn.termtext import clean

    if args.template is not None:
        return _fail(t("gen_template_and_model", ui))
    model = load_own_model(args.model, args.input, ui)
    if isinstance(model, str):
        return _fail(model)
    problems = own_problems(model, args.count, seed)
    lang = ui
    if not problems:
        return _fail(t("model_none", lang))
    if len(problems) < args.count:
        print(f"quizcnn generate: {t('model_fewer', lang, n=len(problems))}", file=sys.stderr)
    if args.json:
        import json

        from quizcnn.console import json_ascii

        out = _problem_dicts(problems, args.no_solutions)
        print(json.dumps({"seed": seed, "model": model.name, "notes": model.notes,
                          "problems": out}, ensure_ascii=json_ascii(), indent=2))
        return 0
    langs = ("en", "zh") if args.lang == "both" else (args.lang,)
    head = "\n".join(clean(line) for line in own_model_header(model, lang))
    blocks = [render(p, i + 1, len(problems), langs, solutions=not args.no_solutions)
              for i, p in enumerate(problems)]
    print(head + "\n\n" + "\n\n".join(blocks))
    if args.seed is None:
        print("\n" + t("gen_seed_again", ui, seed=seed))
    return 0


def make_problems(template: str | None, difficulty: int, count: int, seed: int) -> list:
    """``count`` problems: of one template (no repeats), or a mix cycling through all."""
    import random

    from quizcnn.problems.registry import TEMPLATE_IDS, generate, generate_many, get_template

    if template is not None:
        get_template(template)
        return generate_many(template, difficulty, count, seed)
    order = list(TEMPLATE_IDS)
    random.Random(seed).shuffle(order)
    return [generate(order[i % len(order)], seed + i, difficulty) for i in range(count)]


def _math(text: str) -> str:
    from quizcnn.mathtext import render_markdown_math

    return render_markdown_math(text)


def render(problem, number: int, total: int, langs, *, solutions: bool) -> str:
    """Plain-text form of one problem (math shown as Unicode)."""
    parts = []
    for lang in langs:
        h = LANG_HEADINGS[lang]
        title = problem.title.get(lang, problem.template)
        c = h[":"]
        parts.append(f"== {h['problem']} {number}/{total}{c}{title} · {problem.template} · "
                     f"{h['difficulty']} {problem.difficulty} · {h['seed']} {problem.seed} ==")
        parts.append(_math(problem.prompt[lang]))
        if not solutions:
            continue
        parts.append(f"{h['answer']}{c}{problem.answer_text}")
        parts.append(f"{h['solution']}{c.rstrip()}")
        for i, step in enumerate(problem.steps.get(lang, []), 1):
            lines = [f"  {i}. {_math(step.title)}"]
            # each piece is a whole equation (o = formula, o = numbers, o = value): one a line
            for piece in (step.formula, step.substitution, step.result):
                if piece:
                    lines.append(f"     {_math(piece)}")
            parts.append("\n".join(lines))
        hints = problem.hints.get(lang, [])
        if hints:
            parts.append(f"{h['hints']}{c.rstrip()}\n" + "\n".join(f"  - {_math(x)}" for x in hints))
        if problem.misconceptions:
            parts.append(f"{h['mistakes']}{c.rstrip()}\n" + "\n".join(
                f"  - {_value(m.value)}{c}{_math(m.message[lang])}" for m in problem.misconceptions))
    return "\n\n".join(parts)


def _value(value) -> str:
    from fractions import Fraction

    if isinstance(value, tuple):
        return "×".join(map(str, value))
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _list(args: argparse.Namespace) -> int:
    from quizcnn.messages import t as msg
    from quizcnn.problems import templates

    lang = "zh" if args.lang == "zh" else "en"
    if args.json:
        import json

        from quizcnn.console import json_ascii

        data = [{"id": t.id, "version": t.version, "title": t.title, "quantity": t.quantity,
                 "knobs": {str(k): v for k, v in t.knobs.items()}} for t in templates()]
        print(json.dumps(data, ensure_ascii=json_ascii(), indent=2, default=str))
        return 0
    for t in templates():
        print(msg("gen_list_item", lang, id=t.id, title=t.title[lang], quantity=t.quantity))
        for level, knobs in sorted(t.knobs.items()):
            text = "; ".join(f"{k}={_knob(v)}" for k, v in knobs.items())
            print(f"  {level}: {text}")
    return 0


def _knob(value) -> str:
    if isinstance(value, tuple):
        return "/".join(map(str, value))
    return str(value)


def _problem_dicts(problems: list[Any], no_solutions: bool) -> list[dict[str, Any]]:
    """The problems as ``--json`` prints them (without their solutions on request)."""
    out = []
    for p in problems:
        d = p.to_dict()
        if no_solutions:
            for key in SOLUTION_KEYS:
                d.pop(key, None)
        out.append(d)
    return out
