"""Drill sessions, and each review's session; an index for per-day statistics.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("ended_at", sa.DateTime, nullable=True),
        sa.Column("mode", sa.String, nullable=False),
        sa.Column("reviewed", sa.Integer, nullable=False),
        sa.Column("correct", sa.Integer, nullable=False),
        sa.Column("again", sa.Integer, nullable=False),
        sa.Column("new", sa.Integer, nullable=False),
    )
    # SQLite can add a column with a REFERENCES clause in place (NULL default): no table copy.
    op.execute("ALTER TABLE reviews ADD COLUMN session_id INTEGER REFERENCES sessions (id)")
    op.create_index("ix_reviews_time", "reviews", ["reviewed_at"])


def downgrade() -> None:
    op.drop_index("ix_reviews_time", table_name="reviews")
    with op.batch_alter_table("reviews") as batch:
        batch.drop_column("session_id")
    op.drop_table("sessions")
