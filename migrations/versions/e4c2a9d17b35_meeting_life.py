"""The meeting's life: the meeting a review follows, its state, its invitation list and
its preparation checklist

Revision ID: e4c2a9d17b35
Revises: b5f9e3a7d2c4
Create Date: 2026-12-01 10:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "e4c2a9d17b35"
down_revision = "b5f9e3a7d2c4"
branch_labels = None
depends_on = None


def _owned_columns():
    return [
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("young_person_id", sa.String(length=32), nullable=False),
        sa.Column("meeting_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["young_person_id"], ["young_person.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    ]


def upgrade():
    op.add_column("meeting", sa.Column("reviews_id", sa.String(length=32), nullable=True))
    op.add_column(
        "meeting",
        sa.Column("state", sa.String(length=16), nullable=False, server_default="planned"),
    )
    op.create_index("ix_meeting_reviews_id", "meeting", ["reviews_id"])
    op.create_table(
        "meeting_invitee",
        *_owned_columns(),
        sa.Column("slot", sa.String(length=24), nullable=False),
        sa.Column("_details", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("meeting_id", "slot"),
    )
    op.create_index("ix_meeting_invitee_young_person_id", "meeting_invitee", ["young_person_id"])
    op.create_table(
        "meeting_task",
        *_owned_columns(),
        sa.Column("task", sa.String(length=24), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("done_by_id", sa.String(length=32), nullable=True),
        sa.Column("_note", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(["done_by_id"], ["staff_user.id"], ondelete="SET NULL"),
        sa.UniqueConstraint("meeting_id", "task"),
    )
    op.create_index("ix_meeting_task_young_person_id", "meeting_task", ["young_person_id"])


def downgrade():
    op.drop_index("ix_meeting_task_young_person_id", table_name="meeting_task")
    op.drop_table("meeting_task")
    op.drop_index("ix_meeting_invitee_young_person_id", table_name="meeting_invitee")
    op.drop_table("meeting_invitee")
    op.drop_index("ix_meeting_reviews_id", table_name="meeting")
    op.drop_column("meeting", "state")
    op.drop_column("meeting", "reviews_id")
