"""Tell my worker: a young person says something happened; only their worker (and managers)
see it, sealed at rest, until it is followed up."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, text

from safetyplan.core import clock, deadlines
from safetyplan.core.models import WorkerAlert, YoungPerson
from safetyplan.web.extensions import db

from ..conftest import AuthActions, add_staff, add_young_person, csrf_token, press

MARKER = "Qz7 moved to my nans on Friday"


def test_what_the_young_person_tells_reaches_their_worker_only(app: Flask) -> None:
    with app.app_context():
        worker = add_staff()
        add_staff("other@example.org", "Other Worker")
        add_staff("manager@example.org", "Morgan Manager", role="manager")
        person_id = add_young_person(worker=worker).id
    young = app.test_client()
    AuthActions(young).sign_in_young_person()
    help_page = young.get("/notes/help")
    assert 'href="/notes/tell-my-worker"' in help_page.text
    form = young.get("/notes/tell-my-worker")
    assert "This is not for emergencies" in form.text and "Monday to Friday" in form.text
    nothing = press(young, form, "Send to my worker")
    assert nothing.status_code == 200 and "Choose what happened" in nothing.text
    forged = press(young, form, "Send to my worker", kind="not-a-kind")
    assert forged.status_code == 200 and "Choose what happened" in forged.text
    sent = press(young, form, "Send to my worker", kind="moved", message=MARKER)
    assert "Your worker will see it" in sent.text

    with app.app_context():
        raw = db.session.execute(text("select _message from worker_alert")).scalar_one()
        assert MARKER.encode() not in raw
        person = db.session.get(YoungPerson, person_id)
        assert person and person.next_review_on == deadlines.add_working_days(
            clock.today() - timedelta(days=1), 1
        )

    other = app.test_client()
    AuthActions(other).sign_in_staff("other@example.org")
    assert MARKER not in other.get("/staff/").text
    assert "I moved somewhere new" not in other.get("/staff/").text
    manager = app.test_client()
    AuthActions(manager).sign_in_staff("manager@example.org")
    assert "I moved somewhere new" in manager.get("/staff/").text

    staff = app.test_client()
    AuthActions(staff).sign_in_staff()
    caseload = staff.get("/staff/")
    assert "To follow up" in caseload.text and "I moved somewhere new" in caseload.text
    record = staff.get(f"/staff/young-people/{person_id}")
    assert MARKER in record.text
    with app.app_context():
        alert_id = db.session.scalars(select(WorkerAlert.id)).one()
    forged = other.post(
        f"/staff/young-people/{person_id}/alerts/{alert_id}/done",
        data={"csrf_token": csrf_token(other.get("/staff/"))},
    )
    assert forged.status_code == 404
    press(staff, record, "Mark as followed up")
    assert "I moved somewhere new" not in staff.get("/staff/").text
    with app.app_context():
        assert db.session.get(WorkerAlert, alert_id).followed_up_at  # type: ignore[union-attr]


SATURDAY, MONDAY = date(2026, 11, 28), date(2026, 11, 30)


def tell_on_a_saturday(app: Flask, monkeypatch: pytest.MonkeyPatch, review: date) -> str:
    monkeypatch.setattr(clock, "today", lambda: SATURDAY)
    with app.app_context():
        person = add_young_person(worker=add_staff())
        person.next_review_on = review
        db.session.commit()
        person_id = person.id
    young = app.test_client()
    AuthActions(young).sign_in_young_person()
    press(young, young.get("/notes/tell-my-worker"), "Send to my worker", kind="moved")
    return person_id


def review_on(app: Flask, person_id: str) -> date | None:
    with app.app_context():
        person = db.session.get(YoungPerson, person_id)
        return person.next_review_on if person else None


def test_telling_on_a_weekend_brings_a_hand_set_review_to_the_next_working_day_and_says_so(
    app: Flask, client: FlaskClient, auth: AuthActions, monkeypatch: pytest.MonkeyPatch
) -> None:
    person_id = tell_on_a_saturday(app, monkeypatch, date(2027, 2, 19))
    assert review_on(app, person_id) == MONDAY  # not the Saturday it was told on
    auth.sign_in_staff()
    record = client.get(f"/staff/young-people/{person_id}")
    assert (
        "This brought the plan's review forward to Monday 30 November 2026 "
        "(it was Friday 19 February 2027)." in record.text
    )
    put_back = press(client, record, "Put the review back to Friday 19 February 2027")
    assert review_on(app, person_id) == date(2027, 2, 19)
    after = client.get(put_back.location)
    assert "Put the review date back to Friday 19 February 2027." in after.text
    assert "Put the review back to" not in after.text  # done: the button goes
    again = press(client, record, "Put the review back to", follow_redirects=True)  # stale page
    assert "The review date has changed since, so it stays as it is." in again.text

    # Told again: only the new alert offers to put the review back (found by the review).
    young = app.test_client()
    AuthActions(young).sign_in_young_person()
    press(young, young.get("/notes/tell-my-worker"), "Send to my worker", kind="code_word")
    assert client.get(put_back.location).text.count("Put the review back to") == 1


def test_telling_leaves_a_review_that_is_already_sooner(
    app: Flask, client: FlaskClient, auth: AuthActions, monkeypatch: pytest.MonkeyPatch
) -> None:
    overdue = date(2026, 11, 20)
    person_id = tell_on_a_saturday(app, monkeypatch, overdue)
    assert review_on(app, person_id) == overdue
    auth.sign_in_staff()
    record = client.get(f"/staff/young-people/{person_id}")
    assert "I moved somewhere new" in record.text and "brought the plan" not in record.text
