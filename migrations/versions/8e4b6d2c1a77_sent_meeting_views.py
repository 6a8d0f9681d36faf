"""Meeting views: what was sent kept apart from the draft; one row per meeting

Revision ID: 8e4b6d2c1a77
Revises: 5c1f2a7e9d10
Create Date: 2026-11-27 21:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "8e4b6d2c1a77"
down_revision = "5c1f2a7e9d10"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("meeting_views", sa.Column("_sent_views", sa.LargeBinary(), nullable=True))
    # Before this change the worker saw the draft itself, so what was sent cannot be told
    # from later edits. Mark those rows not sent: the draft stays private and the young
    # person sends it again. (Ciphertext cannot simply be copied: it is bound to its column.)
    op.execute("UPDATE meeting_views SET sent_at = NULL")
    op.create_index(
        "ix_meeting_views_one_per_meeting",
        "meeting_views",
        ["young_person_id", "meeting_id"],
        unique=True,
    )


def downgrade():
    op.drop_index("ix_meeting_views_one_per_meeting", table_name="meeting_views")
    op.drop_column("meeting_views", "_sent_views")
