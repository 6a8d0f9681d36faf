"""A safe-word passphrase: a second passphrase that opens only ordinary notes

Revision ID: b5f9e3a7d2c4
Revises: a4e8d2f6c1b3
Create Date: 2026-11-28 22:10:00

"""

import sqlalchemy as sa
from alembic import op

revision = "b5f9e3a7d2c4"
down_revision = "a4e8d2f6c1b3"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("young_person", sa.Column("safe_word_hash", sa.String(255), nullable=True))
    op.add_column(
        "young_person",
        sa.Column("safe_word_tells_worker", sa.Boolean(), nullable=False, server_default="0"),
    )
    op.add_column("young_person", sa.Column("_decoy_notes", sa.LargeBinary(), nullable=True))


def downgrade():
    op.drop_column("young_person", "_decoy_notes")
    op.drop_column("young_person", "safe_word_tells_worker")
    op.drop_column("young_person", "safe_word_hash")
