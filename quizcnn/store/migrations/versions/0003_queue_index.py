"""A covering index for today's queue, due counts and mastery (replaces ix_cards_due); leeches.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

COLUMNS = [
    "in_bank",
    "suspended",
    "state",
    "due",
    "last_review",
    "stability",
    "buried_until",
    "topic",
    "bank_id",
]


def upgrade() -> None:
    op.drop_index("ix_cards_due", table_name="cards")
    op.create_index("ix_cards_queue", "cards", COLUMNS)
    op.create_index("ix_cards_leech", "cards", ["leech", "in_bank"])


def downgrade() -> None:
    op.drop_index("ix_cards_leech", table_name="cards")
    op.drop_index("ix_cards_queue", table_name="cards")
    op.create_index("ix_cards_due", "cards", ["in_bank", "suspended", "due"])
