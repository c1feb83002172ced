"""Alembic environment: quizcnn passes an open connection in ``config.attributes``."""

from __future__ import annotations

from alembic import context

from quizcnn.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("quizcnn migrations run from quizcnn.store.db, with a connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
