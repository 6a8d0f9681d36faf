"""A trusted adult can say on the shared page that they are ready to act on the code word,
or that they can't; the worker can record that they have spoken with them

Revision ID: f1a7c3e9b250
Revises: e5a9c3d71b42
Create Date: 2026-11-28 21:50:00

"""

import sqlalchemy as sa
from alembic import op

revision = "f1a7c3e9b250"
down_revision = "e5a9c3d71b42"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("share", sa.Column("adult_answer", sa.String(16), nullable=True))
    op.add_column("share", sa.Column("adult_answered_at", sa.DateTime(), nullable=True))
    op.add_column("share", sa.Column("worker_spoke_at", sa.DateTime(), nullable=True))


def downgrade():
    op.drop_column("share", "worker_spoke_at")
    op.drop_column("share", "adult_answered_at")
    op.drop_column("share", "adult_answer")
