"""Tell my worker keeps the review date it brought forward, and the day it moved it to

Revision ID: d8f3b1a6e527
Revises: c9e2f4a6b8d1
Create Date: 2026-11-29 01:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "d8f3b1a6e527"
down_revision = "c9e2f4a6b8d1"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("worker_alert", sa.Column("review_moved_to", sa.Date(), nullable=True))
    op.add_column("worker_alert", sa.Column("review_moved_from", sa.Date(), nullable=True))


def downgrade():
    op.drop_column("worker_alert", "review_moved_from")
    op.drop_column("worker_alert", "review_moved_to")
