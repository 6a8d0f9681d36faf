"""Section state says whether its answers hold anything, so progress needs no decryption

Revision ID: b3d9f0e4c5a2
Revises: 8e4b6d2c1a77
Create Date: 2026-11-27 21:50:00

"""

import sqlalchemy as sa
from alembic import op

revision = "b3d9f0e4c5a2"
down_revision = "8e4b6d2c1a77"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        "section_state",
        sa.Column("has_answers", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    # Answers are encrypted, so SQL cannot look inside them. A section saved before this
    # change counts as started if it was ever saved with answers, as the caseload did.
    op.execute("UPDATE section_state SET has_answers = (revision_id IS NOT NULL)")


def downgrade():
    op.drop_column("section_state", "has_answers")
