"""The worker who made a section's last change, kept with its state: ticking "done" makes
no new revision, so the revision's author was sometimes someone else

Revision ID: a7d3e9c1f5b8
Revises: d8f3b1a6e527
Create Date: 2026-11-29 04:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "a7d3e9c1f5b8"
down_revision = "d8f3b1a6e527"
branch_labels = None
depends_on = None


# SQLite adds a foreign key by copying the table; reflecting only this one (not the tables
# it points to) skips young_person's expression index, which SQLAlchemy cannot reflect.
ONLY_THIS_TABLE = {"resolve_fks": False}


def upgrade():
    with op.batch_alter_table("section_state", reflect_kwargs=ONLY_THIS_TABLE) as batch:
        batch.add_column(sa.Column("updated_by_staff_id", sa.String(length=32), nullable=True))
        batch.create_foreign_key(
            "fk_section_state_updated_by_staff_id", "staff_user", ["updated_by_staff_id"], ["id"]
        )
    # Until now the current revision's author was the best guess: keep it for past changes.
    op.execute(
        "UPDATE section_state SET updated_by_staff_id = ("
        " SELECT author_staff_id FROM section_revision"
        " WHERE section_revision.id = section_state.revision_id)"
        " WHERE updated_by = 'staff'"
    )


def downgrade():
    with op.batch_alter_table("section_state", reflect_kwargs=ONLY_THIS_TABLE) as batch:
        batch.drop_constraint("fk_section_state_updated_by_staff_id", type_="foreignkey")
        batch.drop_column("updated_by_staff_id")
