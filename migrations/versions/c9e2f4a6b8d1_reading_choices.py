"""A young person's reading choices: their language and easy read

Revision ID: c9e2f4a6b8d1
Revises: e5c3a9b7f214
Create Date: 2026-11-29 10:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "c9e2f4a6b8d1"
down_revision = "e5c3a9b7f214"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("young_person", sa.Column("language", sa.String(8), nullable=True))
    op.add_column(
        "young_person",
        sa.Column("easy_read", sa.Boolean(), nullable=False, server_default="0"),
    )


def downgrade():
    op.drop_column("young_person", "easy_read")
    op.drop_column("young_person", "language")
