"""Shared fixtures: every test gets its own QUIZCNN_HOME, so nothing touches the real user dirs."""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Tests run in UTC whatever the machine's zone: setting TZ alone does nothing to
# time.localtime() until time.tzset() is called (tests/test_timezones.py checks it).
os.environ["TZ"] = "UTC"
time.tzset()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("quizcnn-home")
    monkeypatch.setenv("QUIZCNN_HOME", str(home))
    monkeypatch.delenv("QUIZCNN_DB", raising=False)
    monkeypatch.delenv("QUIZCNN_BANK", raising=False)
    monkeypatch.delenv("QUIZCNN_LANG", raising=False)  # messages in English unless a test asks
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()  # a test that changed the zone left it behind
    yield home
