"""Initial schema: cards, reviews, settings.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cards",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("bank_id", sa.String, nullable=False, unique=True),
        sa.Column("topic", sa.String, nullable=False),
        sa.Column("qtype", sa.String, nullable=False),
        sa.Column("tags", sa.String, nullable=False),
        sa.Column("langs", sa.String, nullable=False),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("in_bank", sa.Boolean, nullable=False),
        sa.Column("state", sa.Integer, nullable=False),
        sa.Column("step", sa.Integer, nullable=True),
        sa.Column("stability", sa.Float, nullable=True),
        sa.Column("difficulty", sa.Float, nullable=True),
        sa.Column("due", sa.DateTime, nullable=True),
        sa.Column("last_review", sa.DateTime, nullable=True),
        sa.Column("reps", sa.Integer, nullable=False),
        sa.Column("lapses", sa.Integer, nullable=False),
        sa.Column("suspended", sa.Boolean, nullable=False),
        sa.Column("leech", sa.Boolean, nullable=False),
        sa.Column("buried_until", sa.DateTime, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_cards_due", "cards", ["in_bank", "suspended", "due"])
    op.create_index("ix_cards_new", "cards", ["last_review", "level", "position"])
    op.create_index("ix_cards_topic", "cards", ["topic"])
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("card_id", sa.Integer, sa.ForeignKey("cards.id"), nullable=False),
        sa.Column("reviewed_at", sa.DateTime, nullable=False),
        sa.Column("rating", sa.Integer, nullable=False),
        sa.Column("duration_ms", sa.Integer, nullable=True),
        sa.Column("answer", sa.Text, nullable=True),
        sa.Column("correct", sa.Boolean, nullable=True),
        sa.Column("misconception", sa.String, nullable=True),
        sa.Column("problem", sa.Text, nullable=True),
        sa.Column("lang", sa.String, nullable=True),
        sa.Column("hint_used", sa.Boolean, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("state_before", sa.Integer, nullable=False),
        sa.Column("card_before", sa.Text, nullable=True),
    )
    op.create_index("ix_reviews_card", "reviews", ["card_id", "reviewed_at"])
    op.create_table(
        "settings",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("settings")
    op.drop_table("reviews")
    op.drop_table("cards")
