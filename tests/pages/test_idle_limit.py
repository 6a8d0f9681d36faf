"""Nothing typed is lost at the idle limit: a save sent after it is kept, sealed, for the
person who typed it, and is back in the same form when they sign in again."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update

from safetyplan.core import plan, workbook
from safetyplan.core.db import utcnow
from safetyplan.core.models import HeldForm, SessionNote, WebSession, YoungPerson
from safetyplan.web.extensions import db

from ..conftest import AuthActions, add_staff, add_young_person, press

FIRST = workbook.SECTIONS[0]
TYPED = "Can you pick me up from the big Tesco?"


def idle_for_an_hour(app: Flask) -> None:
    with app.app_context():
        db.session.execute(update(WebSession).values(last_seen_at=utcnow() - timedelta(hours=1)))
        db.session.commit()


def test_a_young_persons_late_save_is_kept_and_back_after_signing_in(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        add_young_person(worker=add_staff())
    auth.sign_in_young_person()
    form = client.get("/notes/1")
    idle_for_an_hour(app)
    # As Chromium sends the app's own forms under Referrer-Policy: no-referrer.
    client.environ_base.update(HTTP_ORIGIN="null", HTTP_SEC_FETCH_SITE="same-origin")
    late = press(client, form, "Save", code_word=TYPED)
    assert late.status_code == 401
    assert "We kept what you typed" in late.text
    with app.app_context():
        held = db.session.scalars(select(HeldForm)).one()
        assert TYPED.encode() not in held._fields  # sealed

    auth.sign_in_young_person()
    again = client.get("/notes/1")
    assert TYPED in again.text and "We kept what you typed" in again.text
    assert press(client, again, "Save").status_code == 302
    with app.app_context():
        person = YoungPerson.by_username("blue-fox")
        assert person
        assert plan.current_section(person, FIRST).answers["code_word"] == TYPED
        assert db.session.scalars(select(HeldForm)).first() is None
    assert "We kept what you typed" not in client.get("/notes/1").text


def test_a_workers_late_note_is_kept_for_them_only(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        person_id = add_young_person(worker=add_staff()).id
        add_staff("other@example.org", "Robin Other", role="manager")
    auth.sign_in_staff()
    record = f"/staff/young-people/{person_id}"
    session_url = press(client, client.get(record), "Start session").headers["Location"]
    page = client.get(session_url)
    idle_for_an_hour(app)
    late = press(client, page, "Save", text="Worried about Friday night")
    assert late.status_code == 401 and "We kept what you typed" in late.text

    manager = app.test_client()
    AuthActions(manager).sign_in_staff("other@example.org")
    assert "Worried about Friday" not in manager.get(session_url).text

    auth.sign_in_staff()
    again = client.get(session_url)
    assert "Worried about Friday night" in again.text
    assert press(client, again, "Save").status_code == 302
    with app.app_context():
        assert db.session.scalars(select(SessionNote)).one().text == "Worried about Friday night"
        assert db.session.scalars(select(HeldForm)).first() is None


def test_a_form_from_another_site_is_not_kept(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        add_young_person(worker=add_staff())
    auth.sign_in_young_person()
    idle_for_an_hour(app)
    forged = client.post(
        "/notes/1", data={"code_word": "planted"}, headers={"Origin": "https://evil.example"}
    )
    assert forged.status_code == 400 and "timed out" in forged.text
    with app.app_context():
        assert db.session.scalars(select(HeldForm)).first() is None


def test_stay_signed_in_keeps_the_session_alive(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        add_young_person(worker=add_staff())
    auth.sign_in_young_person()
    page = client.get("/notes/1").text
    assert 'data-idle-seconds="900"' in page and 'data-still-here-url="/still-here"' in page
    with app.app_context():
        db.session.execute(update(WebSession).values(last_seen_at=utcnow() - timedelta(minutes=14)))
        db.session.commit()
    assert client.get("/still-here").status_code == 204
    with app.app_context():
        seen = db.session.scalars(select(WebSession.last_seen_at)).one()
        assert utcnow() - seen < timedelta(minutes=1)
