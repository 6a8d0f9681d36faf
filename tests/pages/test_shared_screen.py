"""Private notes stay off the screen shared with the young person, and staff can read every
note about a young person on one page, for supervision."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from safetyplan.core import planning_sessions
from safetyplan.core.models import (
    AuditEvent,
    PlanningSession,
    SectionState,
    SessionNote,
    StaffUser,
)
from safetyplan.web.extensions import db

from ..conftest import AuthActions, add_staff, add_young_person, press

NOTE = "Worried about the older boyfriend - raise at supervision."


def started_session(app: Flask, client: FlaskClient, auth: AuthActions) -> str:
    with app.app_context():
        person_id = add_young_person(worker=add_staff()).id
    auth.sign_in_staff()
    record = client.get(f"/staff/young-people/{person_id}")
    session_page = press(client, record, "Start session", follow_redirects=True)
    press(client, session_page, "Save", text=NOTE)
    return session_page.request.path


def test_the_young_persons_view_shows_the_plan_and_never_the_notes(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    session_url = started_session(app, client, auth)
    full = client.get(session_url)
    assert NOTE in full.text
    shared = press(client, full, "Show the young person's view", follow_redirects=True)
    assert shared.request.path == session_url + "/together"
    assert "Alex's safety plan" in shared.text and "My emergency code" in shared.text
    assert NOTE not in shared.text and "Private note" not in shared.text
    assert "Caseload" not in shared.text  # no way to other people's records on this screen

    # While it is on, the full session page (where saving a section returns) stays away.
    assert client.get(session_url).location == session_url + "/together"
    section = client.get(session_url + "/sections/1")
    saved = press(client, section, "Save", code_word="Is the cat fed?", follow_redirects=True)
    assert saved.request.path == session_url + "/together"
    assert "Is the cat fed?" in saved.text and NOTE not in saved.text

    back = press(client, saved, "Back to the full session", follow_redirects=True)
    assert back.request.path == session_url and NOTE in back.text


def test_every_note_about_a_young_person_on_one_page_for_staff_only(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        worker = add_staff()
        add_staff("other@example.org", "Other Worker")
        person = add_young_person(worker=worker)
        first = planning_sessions.start(person, worker, date(2026, 11, 2), "")
        planning_sessions.add_note(first, worker, "First session note")
        second = planning_sessions.start(person, worker, date(2026, 11, 9), "")
        planning_sessions.add_note(second, worker, "Second session note\nwith two lines")
        handover = SessionNote(young_person=person, author_staff=worker)
        handover.text = "Handover from Sam to Nia."
        db.session.add(handover)
        db.session.commit()
        person_id, second_id = person.id, second.id
    auth.sign_in_staff()
    record = client.get(f"/staff/young-people/{person_id}")
    assert f'href="/staff/young-people/{person_id}/notes"' in record.text
    page = client.get(f"/staff/young-people/{person_id}/notes")
    for text in ("First session note", "Second session note<br>with two lines", "Handover from"):
        assert text in page.text
    assert "Monday 2 November 2026" in page.text and "Not from a session" in page.text
    assert f"/sessions/{second_id}" in page.text
    with app.app_context():
        viewed = db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.young_person_id == person_id)
        ).all()
        assert "viewed_notes" in viewed

    other = app.test_client()
    AuthActions(other).sign_in_staff("other@example.org")
    assert other.get(f"/staff/young-people/{person_id}/notes").status_code == 404
    young = app.test_client()
    AuthActions(young).sign_in_young_person()
    assert young.get(f"/staff/young-people/{person_id}/notes").status_code == 403


def test_a_workers_section_page_has_the_tips_and_save_and_next(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    session_url = started_session(app, client, auth)
    section = client.get(session_url + "/sections/1")
    assert "Tips" in section.text
    moved_on = press(client, section, "Save and go to the next part", code_word="Pineapple")
    assert moved_on.location == session_url + "/sections/2"
    last = client.get(session_url + "/sections/15")
    assert "Save and go to the next part" not in last.text
    with app.app_context():
        saved = db.session.scalars(select(SectionState.version)).all()
        assert saved == [1]


def test_showing_the_young_persons_view_saves_the_typed_note_and_ticks_first(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    session_url = started_session(app, client, auth)
    shared = press(
        client,
        client.get(session_url),
        "Show the young person's view",
        follow_redirects=True,
        text="Typed just before turning the screen",
        sections=["2", "5"],
    )
    assert shared.request.path == session_url + "/together"
    assert "Typed just before" not in shared.text and "Only staff" not in shared.text
    with app.app_context():
        notes = db.session.scalars(select(SessionNote).order_by(SessionNote.created_at)).all()
        assert [note.text for note in notes] == [NOTE, "Typed just before turning the screen"]
        assert db.session.scalars(select(PlanningSession)).one().reviewed_sections == [2, 5]


def test_every_page_reachable_from_the_shared_screen_keeps_staff_things_off_it(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    session_url = started_session(app, client, auth)
    with app.app_context():
        add_young_person(
            "green-owl", "Morgan Someone-Else", worker=db.session.scalars(select(StaffUser)).one()
        )
    caseload = client.get("/staff/")
    assert "Morgan Someone-Else" in caseload.text
    shared = press(client, client.get(session_url), "Show the young person's view")
    together = session_url + "/together"
    assert shared.location == together
    section = client.get(session_url + "/sections/3")
    assert section.status_code == 200
    for page in (client.get(together), section):
        assert "Caseload" not in page.text and "Audit log" not in page.text
        assert "Morgan" not in page.text and "Sign out" not in page.text
        assert f'class="header__brand" href="{together}"' in page.text
    assert f'<a class="back-link" href="{together}">Back to the plan</a>' in section.text
    # Whatever else is asked for (a bookmark, the address bar) shows the shared plan.
    for elsewhere in (
        "/staff/",
        "/staff/due",
        session_url,
        session_url.split("/sessions")[0] + "/notes",
    ):
        assert client.get(elsewhere).location == together
    back = press(client, client.get(together), "Back to the full session")
    assert back.location == session_url
    assert "Morgan Someone-Else" in client.get("/staff/").text


def test_a_note_too_long_stays_on_the_session_page_with_its_error(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    session_url = started_session(app, client, auth)
    too_long = "word " * 20_000
    refused = press(client, client.get(session_url), "Show the young person's view", text=too_long)
    assert refused.status_code == 200 and "Notes can be up to" in refused.text
    assert too_long.strip() in refused.text  # nothing typed is lost
    assert client.get(session_url).status_code == 200  # the shared view did not start
