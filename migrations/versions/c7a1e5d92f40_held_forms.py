"""Held forms: what was typed after the idle limit, sealed, until the person signs in again

Revision ID: c7a1e5d92f40
Revises: b3d9f0e4c5a2
Create Date: 2026-11-28 19:50:00

"""

import sqlalchemy as sa
from alembic import op

revision = "c7a1e5d92f40"
down_revision = "b3d9f0e4c5a2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "held_form",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("account_id", sa.String(length=64), nullable=False),
        sa.Column("path", sa.String(length=200), nullable=False),
        sa.Column("data_key_id", sa.String(length=32), nullable=False),
        sa.Column("_fields", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["data_key_id"], ["data_key.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_held_form_account_id", "held_form", ["account_id"])
    op.create_index("ix_held_form_created_at", "held_form", ["created_at"])


def downgrade():
    op.drop_index("ix_held_form_created_at", table_name="held_form")
    op.drop_index("ix_held_form_account_id", table_name="held_form")
    op.drop_table("held_form")
