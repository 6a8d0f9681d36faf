"""Start-up runs the migrations, and they build exactly the schema the models describe,
including the indexes the caseload and history pages are read through."""

from __future__ import annotations

import warnings
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from safetyplan.core.db import Base
from safetyplan.web.extensions import db

from ..conftest import empty_database, make_app


def index_names() -> set[str]:
    """Read from the catalogue: SQLAlchemy cannot reflect SQLite's expression indexes."""
    query = (
        "SELECT indexname FROM pg_indexes"
        if db.engine.dialect.name == "postgresql"
        else "SELECT name FROM sqlite_master WHERE type = 'index'"
    )
    with db.engine.connect() as connection:
        return set(connection.scalars(text(query)))


def drop_version_table() -> None:
    with db.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


def test_start_up_migrates_an_empty_database_to_the_models(tmp_path: Path) -> None:
    empty_database(tmp_path)
    app = make_app(tmp_path, AUTO_MIGRATE=True)
    with app.app_context():
        try:
            with db.engine.connect() as connection, warnings.catch_warnings():
                # Alembic cannot compare expression indexes on SQLite, and says so.
                warnings.simplefilter("ignore")
                differences = compare_metadata(
                    MigrationContext.configure(connection), Base.metadata
                )
            indexes = index_names()
        finally:
            drop_version_table()
            db.engine.dispose()
    assert differences == []
    assert {
        "ix_young_person_caseload",
        "ix_young_person_all_cases",
        "ix_section_revision_history",
    } <= indexes
