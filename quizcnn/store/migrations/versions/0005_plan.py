"""The interview date plan (issue 22): the plan and the reviews it brought forward.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plan",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("interview", sa.String, nullable=False),
        sa.Column("minutes", sa.Integer, nullable=False),
        sa.Column("topics", sa.Text, nullable=False),
        sa.Column("target", sa.Float, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("quota_day", sa.String, nullable=True),
        sa.Column("new_quota", sa.Integer, nullable=True),
    )
    op.create_table(
        "plan_cards",
        sa.Column("card_id", sa.Integer, sa.ForeignKey("cards.id"), primary_key=True),
        sa.Column("due", sa.DateTime, nullable=False),
        sa.Column("reps", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("plan_cards")
    op.drop_table("plan")
