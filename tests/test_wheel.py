"""The built wheel carries the shipped bank and data, and works away from the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
         "-q", "-w", str(work / "dist")],
        check=True, capture_output=True, text=True,
    )
    wheel = next((work / "dist").glob("quizcnn-*.whl"))
    target = work / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
         str(wheel)],
        check=True, capture_output=True, text=True,
    )
    return target


def _run(target: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(target), PYTHONSAFEPATH="1")
    return subprocess.run(
        [sys.executable, *args], cwd=target.parent, env=env, capture_output=True, text=True,
    )


def test_wheel_ships_bank_and_data(installed: Path):
    code = (
        "import json, quizcnn, quizcnn.resources as r; "
        "print(json.dumps([quizcnn.__file__, str(r.questions_dir()), str(r.data_dir()), "
        "sorted(p.name for p in r.questions_dir().glob('*.md')), "
        "sorted(p.name for p in r.data_dir().iterdir())]))"
    )
    out = _run(installed, "-c", code)
    assert out.returncode == 0, out.stderr
    module, questions, data, decks, data_items = json.loads(out.stdout)
    for path in (module, questions, data):
        assert Path(path).resolve().is_relative_to(installed.resolve()), path
    assert "README.md" in decks
    assert "architectures" in data_items


def test_wheel_runs_calc(installed: Path):
    out = _run(installed, "-m", "quizcnn", "calc", "--input", "3x224x224", "--json",
               "Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False)")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["output"] == [64, 112, 112]
    assert report["params"] == 64 * 3 * 7 * 7
