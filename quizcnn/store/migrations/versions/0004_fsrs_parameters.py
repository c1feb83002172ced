"""Personal FSRS parameters fitted by ``quizcnn db optimize`` (the active row is used).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fsrs_parameters",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("fitted_at", sa.DateTime, nullable=False),
        sa.Column("parameters", sa.Text, nullable=False),
        sa.Column("reviews", sa.Integer, nullable=False),
        sa.Column("held_out", sa.Integer, nullable=False),
        sa.Column("log_loss_default", sa.Float, nullable=True),
        sa.Column("log_loss_fitted", sa.Float, nullable=True),
        sa.Column("rmse_default", sa.Float, nullable=True),
        sa.Column("rmse_fitted", sa.Float, nullable=True),
        sa.Column("active", sa.Boolean, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("fsrs_parameters")
