"""Alembic migrations for the progress database (run by quizcnn.store.db on open)."""
