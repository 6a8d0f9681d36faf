"""Tell my worker: what happened, from the young person to their worker, sealed

Revision ID: a4e8d2f6c1b3
Revises: f1a7c3e9b250
Create Date: 2026-11-28 22:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "a4e8d2f6c1b3"
down_revision = "f1a7c3e9b250"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "worker_alert",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "young_person_id",
            sa.String(32),
            sa.ForeignKey("young_person.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("_message", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("followed_up_at", sa.DateTime(), nullable=True),
        sa.Column("followed_up_by", sa.String(32), sa.ForeignKey("staff_user.id"), nullable=True),
    )
    op.create_index("ix_worker_alert_young_person_id", "worker_alert", ["young_person_id"])
    op.create_index("ix_worker_alert_created_at", "worker_alert", ["created_at"])


def downgrade():
    op.drop_table("worker_alert")
