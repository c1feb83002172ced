"""Mock interviews (``quizcnn interview``): one row per round, one per question asked in it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "interviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("ended_at", sa.DateTime, nullable=True),
        sa.Column("minutes", sa.Integer, nullable=False),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("lang", sa.String, nullable=False),
        sa.Column("seed", sa.Integer, nullable=False),
        sa.Column("ended_by", sa.String, nullable=False),
        sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id"), nullable=True),
    )
    op.create_index("ix_interviews_started", "interviews", ["started_at"])
    op.create_table(
        "interview_questions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("interview_id", sa.Integer, sa.ForeignKey("interviews.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("bank_id", sa.String, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("skill", sa.String, nullable=False),
        sa.Column("topic", sa.String, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("outcome", sa.String, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("seconds", sa.Float, nullable=False),
        sa.Column("budget_seconds", sa.Float, nullable=False),
        sa.Column("points", sa.Text, nullable=False),
        sa.Column("missed", sa.Text, nullable=False),
        sa.Column("answer", sa.Text, nullable=True),
        sa.Column("rating", sa.Integer, nullable=True),
    )
    op.create_index("ix_interview_questions_round", "interview_questions",
                    ["interview_id", "position"])


def downgrade() -> None:
    op.drop_index("ix_interview_questions_round", "interview_questions")
    op.drop_table("interview_questions")
    op.drop_index("ix_interviews_started", "interviews")
    op.drop_table("interviews")
