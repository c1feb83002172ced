"""The suite passes in any time zone (issue 11 item 15): conftest pins UTC with time.tzset().

The full date-sensitive files run under two zones in CI (.ci/run); here one test that prints a
local clock time runs in a child pytest under each, and this process checks its own zone.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LOCAL_TIME_TEST = "tests/store/test_drill_plain.py::test_basic_card_reveal_and_self_rate"


def test_this_process_runs_in_utc():
    assert time.strftime("%z", time.localtime(0)) == "+0000"
    assert time.localtime(0).tm_hour == 0


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Asia/Shanghai"])
def test_a_local_time_test_passes_under_another_zone(zone):
    env = {**os.environ, "TZ": zone, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", LOCAL_TIME_TEST],
        cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:]
