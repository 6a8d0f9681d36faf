"""Personal fields never reach the database in the clear, and keys behave as promised."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import inspect, select, text

from safetyplan.core import crypto
from safetyplan.core.db import utcnow
from safetyplan.core.encrypted import DataKey
from safetyplan.core.meeting_models import Meeting, MeetingInvitee, MeetingTask, MeetingViews
from safetyplan.core.models import (
    HeldForm,
    PlanningSession,
    SectionRevision,
    SessionNote,
    Share,
    StaffUser,
    WorkerAlert,
    YoungPerson,
)
from safetyplan.web.extensions import db

from ..conftest import TEST_KEY, add_staff, make_app

MARKER = "Zq7marker"


def mark(column: str) -> str:
    """A marker of its own for each encrypted column, so a leak names the column."""
    return f"{MARKER}-{column.replace('.', '-').replace('_', '')}"


def plant_markers() -> YoungPerson:
    """Put a marker into every encrypted field of every model, lists and JSON included."""
    staff = StaffUser(email=f"{mark('staff_user._email')}@example.org", name="x")
    staff.name = mark("staff_user._name")
    staff.phone = mark("staff_user._phone")
    person = YoungPerson(preferred_name=f"{MARKER} Name", worker=staff)
    person.preferred_name = mark("young_person._preferred_name")
    person.set_username(mark("young_person._username"))
    person.date_of_birth = f"2010-01-01 {mark('young_person._date_of_birth')}"
    person.case_reference = mark("young_person._case_reference")
    person.decoy_notes = mark("young_person._decoy_notes")
    session = PlanningSession(young_person=person, staff=staff, held_on=date.today())
    session.present = mark("planning_session._present")
    db.session.add_all([staff, person, session])
    db.session.flush()
    revision = SectionRevision(
        young_person=person, section_number=1, version=1, author_kind="young_person"
    )
    revision.answers = {
        "code_word": mark("section_revision._answers"),
        "trusted_adult": [{"name": mark("section_revision._answers"), "phone": "07700 900 982"}],
    }
    note = SessionNote(young_person=person, planning_session_id=session.id, author_staff=staff)
    note.text = mark("session_note._text")
    share = Share(young_person=person, token_hash="0" * 64, expires_at=utcnow())
    share.label = mark("share._label")
    meeting = Meeting(young_person=person)
    meeting.details = {"venue": mark("meeting._details"), "chair": [mark("meeting._details")]}
    views = MeetingViews(young_person=person)
    views.views = {"say": mark("meeting_views._views"), "share_how": [MARKER]}
    views.sent_views = {"say": mark("meeting_views._sent_views")}
    held = HeldForm(account_id=person.get_id(), path="/notes/1", data_key_row=person.data_key_row)
    held.fields = [("code_word", mark("held_form._fields"))]
    alert = WorkerAlert(young_person=person, kind="moved")
    alert.message = mark("worker_alert._message")
    db.session.add_all([revision, note, share, meeting, views, held, alert])
    db.session.flush()
    invitee = MeetingInvitee(young_person=person, meeting_id=meeting.id, slot="gp")
    invitee.details = {"name": mark("meeting_invitee._details")}
    task = MeetingTask(young_person=person, meeting_id=meeting.id, task="views")
    task.note = mark("meeting_task._note")
    db.session.add_all([invitee, task])
    db.session.commit()
    return person


def encrypted_columns() -> list[tuple[str, str]]:
    found = []
    for mapper in db.Model.registry.mappers:
        for column in mapper.columns:
            if column.key.startswith("_"):
                found.append((mapper.local_table.name, column.key))
    return found


def test_every_model_with_personal_data_is_covered(app: Flask) -> None:
    with app.app_context():
        tables = {table for table, _ in encrypted_columns()}
    assert tables == {
        "staff_user",
        "young_person",
        "planning_session",
        "section_revision",
        "session_note",
        "share",
        "meeting",
        "meeting_views",
        "meeting_invitee",
        "meeting_task",
        "held_form",
        "worker_alert",
    }


def test_every_encrypted_column_is_filled_and_no_marker_is_stored_in_plain(app: Flask) -> None:
    with app.app_context():
        plant_markers()
        columns = encrypted_columns()
        for table, column in columns:  # a column the test forgot would pass unexamined
            filled = db.session.execute(
                text(f'SELECT count(*) FROM "{table}" WHERE "{column}" IS NOT NULL')  # noqa: S608
            ).scalar()
            assert filled, f"the test put nothing in {table}.{column}"
        engine = db.engine
        if engine.dialect.name == "sqlite":
            db.session.remove()
            engine.dispose()
            database = Path(engine.url.database or "")
            raw = b"".join(  # the database file, its WAL and anything beside it
                path.read_bytes()
                for path in database.parent.iterdir()
                if path.name.startswith(database.name)
            )
        else:
            with engine.connect() as connection:
                raw = "".join(
                    repr(tuple(row))
                    for table in inspect(engine).get_table_names()
                    for row in connection.execute(text(f'SELECT * FROM "{table}"'))  # noqa: S608
                ).encode()
        assert b"2010-01-01" not in raw
        for table, column in columns:
            marker = mark(f"{table}.{column}").encode()
            assert marker not in raw, f"{table}.{column} is stored in plain"
            assert marker.hex().encode() not in raw, f"{table}.{column} is stored in plain"
        assert MARKER.encode() not in raw


def test_every_encrypted_column_holds_an_envelope(app: Flask) -> None:
    with app.app_context():
        plant_markers()
        for table, column in encrypted_columns():
            values = db.session.execute(
                text(f'SELECT "{column}" FROM "{table}"')  # noqa: S608
            ).scalars()
            for value in values:
                if value is not None:
                    assert bytes(value)[0] == crypto.VERSION


def test_tampered_ciphertext_raises(app: Flask) -> None:
    with app.app_context():
        person = plant_markers()
        sealed = bytearray(person._preferred_name)
        sealed[-1] ^= 1
        person._preferred_name = bytes(sealed)
        with pytest.raises(crypto.DecryptionError):
            _ = person.preferred_name


def test_value_swapped_between_rows_raises(app: Flask) -> None:
    with app.app_context():
        person = plant_markers()
        other = YoungPerson(preferred_name="Other")
        db.session.add(other)
        db.session.commit()
        # Same data key, another column: the bound column name refuses it.
        person._case_reference = person._preferred_name
        with pytest.raises(crypto.DecryptionError):
            _ = person.case_reference
        # Another person's row: another key and row id.
        other._preferred_name = person._preferred_name
        with pytest.raises(crypto.DecryptionError):
            _ = other.preferred_name


def test_rotation_keeps_every_field_readable(app: Flask, tmp_path: Path) -> None:
    with app.app_context():
        plant_markers()
    new_key = crypto.encode_key(crypto.new_key())
    rotated = make_app(tmp_path, SAFETYPLAN_KEYS=f"{new_key},{TEST_KEY}")
    result = rotated.test_cli_runner().invoke(args=["rotate-keys"])
    assert "Re-wrapped" in result.output
    only_new = make_app(tmp_path, SAFETYPLAN_KEYS=new_key)
    with only_new.app_context():
        ring = only_new.extensions["safetyplan_keyring"]
        assert all(ring.is_current(row.wrapped) for row in db.session.scalars(select(DataKey)))
        person = db.session.scalars(select(YoungPerson)).one()
        assert person.preferred_name == mark("young_person._preferred_name")
        answers = db.session.scalars(select(SectionRevision)).one().answers
        assert answers["code_word"] == mark("section_revision._answers")
        details = db.session.scalars(select(Meeting)).one().details
        assert details["venue"] == mark("meeting._details")


def test_deleting_a_young_person_destroys_their_data_key(app: Flask) -> None:
    from safetyplan.core.plan import delete_young_person

    with app.app_context():
        person = plant_markers()
        key_id, wrapped = person.data_key_id, person.data_key_row.wrapped
        sealed_name = person._preferred_name
        delete_young_person(person)
        assert db.session.get(DataKey, key_id) is None
        assert db.session.scalars(select(SectionRevision)).all() == []
        assert db.session.scalars(select(Share)).all() == []
        # Even a copy of the old wrapped key and ciphertext (a backup) is now useless without
        # the key row; and with no row there is nothing to unwrap.
        assert db.session.scalars(select(YoungPerson)).all() == []
        assert wrapped and sealed_name
        db.session.commit()


def test_wrong_key_stops_start_up_with_one_sentence(app: Flask, tmp_path: Path) -> None:
    with app.app_context():
        add_staff()
    with pytest.raises(SystemExit) as stopped:
        make_app(tmp_path, SAFETYPLAN_KEYS=crypto.encode_key(crypto.new_key()))
    assert str(stopped.value).startswith("safetyplan cannot start: The encryption key does not")
    assert "\n" not in str(stopped.value)


def test_missing_key_file_with_existing_data_stops_start_up(app: Flask, tmp_path: Path) -> None:
    with app.app_context():
        add_staff()
    with pytest.raises(SystemExit) as stopped:
        make_app(tmp_path, SAFETYPLAN_KEYS="", KEY_FILE=tmp_path / "no-such-keys")
    assert "is missing" in str(stopped.value)


def test_first_start_creates_a_private_key_file_and_folder(tmp_path: Path) -> None:
    if os.environ.get("DATABASE_URL"):
        pytest.skip("the PostgreSQL database is shared by the run; covered on SQLite")
    key_file = tmp_path / "keys"
    make_app(tmp_path, SAFETYPLAN_KEYS="", KEY_FILE=key_file)
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "instance").stat().st_mode & 0o777 == 0o700


def test_an_existing_instance_folder_is_made_private_at_start(tmp_path: Path) -> None:
    """A folder copied or made by hand with loose modes is tightened, not trusted."""
    make_app(tmp_path)
    instance = tmp_path / "instance"
    instance.chmod(0o755)
    secret = instance / "secret_key"
    secret.chmod(0o644)
    make_app(tmp_path)
    assert instance.stat().st_mode & 0o777 == 0o700
    assert secret.stat().st_mode & 0o777 == 0o600
