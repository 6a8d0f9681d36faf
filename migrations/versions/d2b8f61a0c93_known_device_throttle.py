"""Failed sign-ins from the account's own device counted apart, so a stranger's guesses
never lock the owner out

Revision ID: d2b8f61a0c93
Revises: c7a1e5d92f40
Create Date: 2026-11-28 20:10:00

"""

import sqlalchemy as sa
from alembic import op

revision = "d2b8f61a0c93"
down_revision = "c7a1e5d92f40"
branch_labels = None
depends_on = None

TABLES = ("staff_user", "young_person")


def upgrade():
    for table in TABLES:
        op.add_column(
            table,
            sa.Column("device_failed_sign_ins", sa.Integer(), nullable=False, server_default="0"),
        )
        op.add_column(table, sa.Column("device_throttled_until", sa.DateTime(), nullable=True))


def downgrade():
    for table in TABLES:
        op.drop_column(table, "device_throttled_until")
        op.drop_column(table, "device_failed_sign_ins")
