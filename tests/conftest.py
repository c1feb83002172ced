"""Shared fixtures: every test gets its own QUIZCNN_HOME, so nothing touches the real user dirs."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("quizcnn-home")
    monkeypatch.setenv("QUIZCNN_HOME", str(home))
    monkeypatch.delenv("QUIZCNN_DB", raising=False)
    monkeypatch.delenv("QUIZCNN_BANK", raising=False)
    monkeypatch.setenv("TZ", "UTC")
    yield home
