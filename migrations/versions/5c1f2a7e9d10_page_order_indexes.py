"""Indexes in page order, so caseload and history pages cost the same however long they grow

Revision ID: 5c1f2a7e9d10
Revises: 30854d9f47b8
Create Date: 2026-11-27 20:50:00

"""

import sqlalchemy as sa
from alembic import op

revision = "5c1f2a7e9d10"
down_revision = "30854d9f47b8"
branch_labels = None
depends_on = None

REVIEW_ORDER = sa.text("coalesce(next_review_on, '9999-12-31')")
NEWEST_FIRST = sa.text("created_at DESC")


def upgrade():
    op.create_index(
        "ix_young_person_caseload", "young_person", ["worker_id", REVIEW_ORDER, NEWEST_FIRST]
    )
    op.create_index("ix_young_person_all_cases", "young_person", [REVIEW_ORDER, NEWEST_FIRST])
    op.create_index(
        "ix_section_revision_history",
        "section_revision",
        ["young_person_id", "created_at", "version"],
    )


def downgrade():
    op.drop_index("ix_section_revision_history", table_name="section_revision")
    op.drop_index("ix_young_person_all_cases", table_name="young_person")
    op.drop_index("ix_young_person_caseload", table_name="young_person")
