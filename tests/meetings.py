"""Set-up the meeting tests share: a young person with their worker and a meeting booked
for them, and that worker signed in on a test client."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from safetyplan.core import meetings
from safetyplan.core.meeting_models import Meeting
from safetyplan.core.models import YoungPerson
from safetyplan.web.extensions import db

from .conftest import AuthActions, add_staff, add_young_person

# Agreed Mon 16 Nov 2026, booked Tue 17 Nov, held Fri 27 Nov: invitations due Thu 19 Nov.
FIRST_MEETING = {
    "kind": "initial",
    "anchor": "2026-11-16",
    "booked": "2026-11-17",
    "date": "2026-11-27",
}


def add_meeting(details: dict[str, str] = FIRST_MEETING) -> tuple[YoungPerson, Meeting]:
    """In an app context: Alex, with worker Sam, and a meeting with these details, saved."""
    person = add_young_person(worker=add_staff())
    meeting = meetings.save(person, None, details)
    db.session.commit()
    return person, meeting


def book_meeting(app: Flask, details: dict[str, str] = FIRST_MEETING) -> tuple[str, str]:
    """Alex's meeting with these details (the first meeting above unless given): the young
    person's and the meeting's ids."""
    with app.app_context():
        person, meeting = add_meeting(details)
        return person.id, meeting.id


def signed_in_worker(app: Flask) -> FlaskClient:
    """A test client with Alex's worker, Sam, signed in."""
    staff = app.test_client()
    AuthActions(staff).sign_in_staff()
    return staff


def booked_meeting(app: Flask, **changes: str) -> tuple[FlaskClient, str, str]:
    """The first meeting above (`changes` change any of its details), with its worker signed
    in on a test client."""
    person_id, meeting_id = book_meeting(app, {**FIRST_MEETING, **changes})
    return signed_in_worker(app), person_id, meeting_id
