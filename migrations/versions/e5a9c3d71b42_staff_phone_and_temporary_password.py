"""Staff work phone numbers (letters follow the allocated worker), temporary passwords
that must be changed at the next sign-in, and the audit log filtered by staff member

Revision ID: e5a9c3d71b42
Revises: d2b8f61a0c93
Create Date: 2026-11-29 10:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "e5a9c3d71b42"
down_revision = "d2b8f61a0c93"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("staff_user", sa.Column("_phone", sa.LargeBinary(), nullable=True))
    op.add_column(
        "staff_user",
        sa.Column(
            "must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()
        ),
    )
    op.create_index("ix_audit_event_actor_id", "audit_event", ["actor_id"])


def downgrade():
    op.drop_index("ix_audit_event_actor_id", table_name="audit_event")
    with op.batch_alter_table("staff_user") as batch:
        batch.drop_column("must_change_password")
        batch.drop_column("_phone")
