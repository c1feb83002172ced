"""The core, the bank and the print path must not pull in the UI or the ORM."""

from __future__ import annotations

import subprocess
import sys

import pytest

# module -> packages it must not import
RULES = {
    "quizcnn.core": ("textual", "sqlalchemy"),
    "quizcnn.core.graph": ("textual", "sqlalchemy", "numpy", "onnx"),
    # the ONNX reader loads onnx (an optional extra) only when a model file is read
    "quizcnn.onnx_reader": ("textual", "sqlalchemy", "onnx", "numpy"),
    "quizcnn.commands.calc_graph": ("textual", "sqlalchemy", "onnx", "numpy"),
    "quizcnn.cli": ("textual", "sqlalchemy", "numpy"),
    "quizcnn.bank": ("textual", "sqlalchemy"),
    "quizcnn.problems": ("textual", "sqlalchemy"),
    "quizcnn.printing": ("textual",),
    "quizcnn.store": ("textual",),
    # the FSRS optimizer (fsrs-rs-python) loads only when 'db optimize' fits
    "quizcnn.store.scheduler": ("textual", "fsrs_rs_python"),
    "quizcnn.store.optimize": ("textual", "fsrs_rs_python"),
    "quizcnn.backup.fsrs_params": ("textual", "fsrs_rs_python"),
    "quizcnn.drill.session": ("textual", "sqlalchemy"),  # the store is loaded when a session starts
    "quizcnn.drill.plain": ("textual",),
    "quizcnn.plan": ("textual", "sqlalchemy"),  # the planner's core; service loads the store
    "quizcnn.plan.simulate": ("textual", "sqlalchemy"),
    "quizcnn.messages": ("textual", "sqlalchemy"),
    "quizcnn.termtext": ("textual", "sqlalchemy"),
    "quizcnn.htmltext": ("textual", "sqlalchemy"),
    "quizcnn.backup": ("textual", "sqlalchemy"),  # sections load the store when used
    "quizcnn.backup.run": ("textual",),
    # the app's UI-free parts: what runs before the first paint and the drill's data
    "quizcnn.tui.data": ("textual", "sqlalchemy"),
    "quizcnn.tui.index": ("textual", "sqlalchemy"),
    "quizcnn.tui.flow": ("textual", "sqlalchemy"),
}


@pytest.mark.parametrize("module", sorted(RULES))
def test_module_does_not_import(module):
    banned = RULES[module]
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        f"bad = sorted({{m.split('.')[0] for m in sys.modules}} & set({banned!r})); "
        "print(','.join(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "", f"importing {module} imported {out}"
