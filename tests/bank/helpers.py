"""Small helpers shared by the bank tests."""

from __future__ import annotations


def load_dir(folder, **kw):
    from quizcnn.bank import load

    return load([folder], user_bank=False, **kw)


def messages(bank, severity=None):
    return [d.message for d in bank.diagnostics if severity is None or d.severity == severity]
