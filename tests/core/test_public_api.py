"""The names later issues rely on are the functions, whatever was imported before."""

from __future__ import annotations

import subprocess
import sys


def test_analyze_is_the_function_even_after_its_module_was_imported():
    code = (
        "import quizcnn.core.analyze, quizcnn.core.rf, quizcnn.core.parse\n"
        "import quizcnn.core as c\n"
        "assert callable(c.analyze) and c.analyze.__name__ == 'analyze', c.analyze\n"
        "r = c.analyze('3x224x224', ['Conv2d(3, 64, 7, stride=2, padding=3, bias=False)'])\n"
        "assert r.output == (64, 112, 112) and r.params == 9408\n"
        "assert callable(c.rf_box) and callable(c.parse_layer)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
