"""Section state names the answers a worker last restored, so the young person's plan home
can tell them without reading (or decrypting) any revision

Revision ID: e5c3a9b7f214
Revises: e4c2a9d17b35
Create Date: 2026-11-28 22:20:00

"""

import sqlalchemy as sa
from alembic import op

revision = "e5c3a9b7f214"
down_revision = "e4c2a9d17b35"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("section_state", sa.Column("restored_fields", sa.JSON(), nullable=True))


def downgrade():
    op.drop_column("section_state", "restored_fields")
