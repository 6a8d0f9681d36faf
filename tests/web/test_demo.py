"""`make demo`: the demo accounts work and show every journey's starting point."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from safetyplan.core.models import YoungPerson
from safetyplan.web.cli import DEMO_STAFF, DEMO_YOUNG_PERSON

from ..conftest import AuthActions


def test_demo_accounts_sign_in_and_show_a_plan_and_a_meeting(
    app: Flask, runner: FlaskCliRunner, client: FlaskClient, auth: AuthActions
) -> None:
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    assert DEMO_YOUNG_PERSON[1] in first.output
    assert runner.invoke(args=["demo"]).exit_code == 0  # running it again adds nothing twice

    assert auth.sign_in_young_person(*DEMO_YOUNG_PERSON).status_code == 302
    help_now = client.get("/notes/help").text
    assert 'href="sms:07700900982?&amp;body=Can%20you%20bring%20my%20blue%20hoodie' in help_now
    meeting = client.get("/notes/meeting").text
    assert "in 9 days" in meeting and "Riverside Centre" in meeting
    auth.sign_out()

    email, _name, _manager, password = DEMO_STAFF[1]
    assert auth.sign_in_staff(email, password).status_code == 302
    caseload = client.get("/staff/").text
    assert "Jordan" in caseload
    with app.app_context():
        person = YoungPerson.by_username(DEMO_YOUNG_PERSON[0])
        assert person
        person_id = person.id
    meetings_page = client.get(f"/staff/young-people/{person_id}/meetings").text
    assert "Send the invitations" in meetings_page and "Riverside Centre" in meetings_page
    assert "later than the deadline" not in meetings_page
