"""Deleting a young person reaches the backups too, as the screen says: after the next key
epoch starts and the old key is retired, a backup taken before the deletion no longer
opens. SQLite only: a backup here is a copy of the database file."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from safetyplan.core import crypto, plan, workbook
from safetyplan.core.encrypted import DataKey
from safetyplan.core.models import YoungPerson
from safetyplan.web.extensions import db

from ..conftest import AuthActions, add_staff, add_young_person, empty_database, make_app, press

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgresql"),
    reason="a backup here is a copy of the SQLite file",
)


@pytest.fixture
def app_with_key_file(tmp_path: Path) -> Flask:
    empty_database(tmp_path)
    app = make_app(tmp_path, SAFETYPLAN_KEYS="", AUTO_MIGRATE=True, BACKUP_RETENTION_DAYS=0)
    return app


def data_key_rows(database: Path) -> dict[str, bytes]:
    with sqlite3.connect(database) as connection:
        return dict(connection.execute("SELECT id, wrapped FROM data_key").fetchall())


def test_a_backup_from_before_a_deletion_no_longer_opens_once_the_old_key_is_retired(
    app_with_key_file: Flask, tmp_path: Path
) -> None:
    app = app_with_key_file
    key_file = Path(app.config["KEY_FILE"])
    database = Path(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"))
    with app.app_context():
        leaving = add_young_person("leaving-fox", "Leaving", add_staff())
        plan.save_section(
            leaving, workbook.SECTIONS[0], {"code_word": "purple"}, base_version=0, done=False
        )
        staying_id = add_young_person("staying-owl", "Staying").id
        leaving_id, leaving_key = leaving.id, leaving.data_key_id
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    backup = tmp_path / "backup.sqlite"
    shutil.copy(database, backup)  # (WAL folded in by dispose)
    ring = crypto.load_keyring(None, key_file, create=False)
    assert ring.unwrap(data_key_rows(backup)[leaving_key], leaving_key)  # readable today

    client = app.test_client()
    AuthActions(client).sign_in_staff()
    page = client.get(f"/staff/young-people/{leaving_id}/delete")
    assert "Backups taken before today still hold a copy until" in page.text
    done = press(client, page, "Delete for good", confirm="DELETE", follow_redirects=True)
    assert "stop being readable on" in done.text
    gone = data_key_rows(backup)[leaving_key]
    live = b"".join(path.read_bytes() for path in tmp_path.glob("test.sqlite*"))
    assert gone not in live  # not in the database file, and not left in its WAL

    runner = app.test_cli_runner()
    assert runner.invoke(args=["rotate-keys", "--new-key"]).exit_code == 0
    retired = runner.invoke(args=["retire-keys"])
    assert retired.exit_code == 0 and "Retired 1 old keys" in retired.output

    now = crypto.load_keyring(None, key_file, create=False)
    with pytest.raises(crypto.DecryptionError):  # the deleted person's key in the backup
        now.unwrap(data_key_rows(backup)[leaving_key], leaving_key)
    with app.app_context():  # the live service still reads everyone it kept
        staying = db.session.get(YoungPerson, staying_id)
        assert staying and staying.preferred_name == "Staying"
        assert db.session.get(YoungPerson, leaving_id) is None
        assert len(db.session.scalars(select(DataKey)).all()) >= 2


def test_old_keys_are_kept_until_the_backup_retention_has_passed(tmp_path: Path) -> None:
    empty_database(tmp_path)
    app = make_app(tmp_path, SAFETYPLAN_KEYS="", AUTO_MIGRATE=True, BACKUP_RETENTION_DAYS=35)
    with app.app_context():
        add_young_person()
    runner = app.test_cli_runner()
    assert runner.invoke(args=["rotate-keys", "--new-key"]).exit_code == 0
    waiting = runner.invoke(args=["retire-keys"])
    assert "Nothing to retire yet (due" in waiting.output
    assert len(crypto.load_keyring(None, Path(app.config["KEY_FILE"]), create=False).keys) == 2
