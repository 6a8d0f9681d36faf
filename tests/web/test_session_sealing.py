"""The session table holds nothing personal in the clear: messages that name people or
links (kept in the session until the next page) are sealed, and no fingerprint of the
person's address and browser is kept at all."""

from __future__ import annotations

import re
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, text

from safetyplan.core import sharing
from safetyplan.core.db import utcnow
from safetyplan.core.models import Share, WebSession
from safetyplan.web.extensions import db

from ..conftest import AuthActions, add_staff, add_young_person, press

MARKER = "Qx9plantmarker"


def raw_session_table(app: Flask) -> bytes:
    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "sqlite":
            db.session.remove()
            engine.dispose()
            database = Path(engine.url.database or "")
            return b"".join(  # the file and its WAL
                path.read_bytes()
                for path in database.parent.iterdir()
                if path.name.startswith(database.name)
            )
        with engine.connect() as connection:
            return repr(connection.execute(text("SELECT * FROM web_session")).all()).encode()


def test_messages_naming_people_and_links_are_sealed(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        person = add_young_person(worker=add_staff())
        share, _ = sharing.create_share(person, f"Auntie {MARKER}", [1], 7, None, utcnow(), "fast")
        db.session.commit()
        share_id = share.id
    auth.sign_in_young_person()
    stop_page = re.search(r'href="(/notes/shares/[^"]+/stop)"', client.get("/notes/shares").text)
    assert stop_page
    press(client, client.get(stop_page.group(1)), "Yes, stop the link")  # "The link ... stopped"
    staff = app.test_client()
    AuthActions(staff).sign_in_staff()
    press(
        staff,
        staff.get("/staff/young-people/new"),
        "Save",
        preferred_name=f"{MARKER} Young",
        date_of_birth_day="",
    )
    with app.app_context():
        assert db.session.get(Share, share_id).revoked_at  # type: ignore[union-attr]
        rows = db.session.scalars(select(WebSession)).all()
        assert rows and all(not row.data.startswith("{") for row in rows)
    raw = raw_session_table(app)
    assert MARKER.encode() not in raw
    assert b'"_id"' not in raw and b'"_user_id"' not in raw


def test_a_sealed_session_still_works_and_a_tampered_one_is_refused(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        add_young_person(worker=add_staff())
    auth.sign_in_young_person()
    assert client.get("/notes/").status_code == 200
    with app.app_context():
        row = db.session.scalars(select(WebSession)).one()
        other = db.session.scalars(select(WebSession)).one()
        assert row is other
        row.data = row.data[:-8] + ("A" * 8 if not row.data.endswith("A" * 8) else "B" * 8)
        db.session.commit()
    assert client.get("/notes/").status_code == 302  # unreadable: signed out, no 500
