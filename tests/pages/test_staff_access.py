"""The access-control matrix: every staff and young-person page, for every kind of visitor.
Each gets exactly what it should (status and body), and nothing about anyone else."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from safetyplan.core import accounts, meetings, plan, planning_sessions, workbook
from safetyplan.core.models import SectionRevision, StaffUser, YoungPerson
from safetyplan.web.extensions import db

from ..conftest import AuthActions, add_staff, add_young_person
from ..web.test_security_headers import PUBLIC

NAME_A = "Anouk"
NAME_B = "Bartholomew"
NOTE = "Private-note-marker"
MANAGER_ONLY = {
    "staff.audit_log",
    "staff.young_person_audit",
    "staff.staff_accounts",
    "staff.staff_account",
    "staff.hand_over",
    "staff.export_audit",
}


@pytest.fixture
def world(app: Flask) -> dict[str, Any]:
    with app.app_context():
        worker_a = add_staff("a@example.org", "Worker Aye")
        other = add_staff("o@example.org", "Worker Oh")
        add_staff("m@example.org", "Morgan Manager", role="manager")
        gone = add_staff("gone@example.org", "Worker Gone")
        person_a = add_young_person("user-a", NAME_A, worker_a)
        add_young_person("user-b", NAME_B, other)
        add_young_person("user-gone", "Ghost", worker_a)
        section = workbook.SECTIONS[0]
        plan.save_section(person_a, section, {"code_word": "apple"}, base_version=0, done=False)
        session = planning_sessions.start(person_a, worker_a, date.today(), "")
        planning_sessions.add_note(session, worker_a, NOTE)
        revision = db.session.query(SectionRevision).one()
        meeting = meetings.save(
            person_a,
            None,
            {"kind": "initial", "anchor": "2026-11-20", "date": "2026-12-01", "venue": "Town Hall"},
        )
        db.session.commit()
        return {
            "young_person_id": person_a.id,
            "session_id": session.id,
            "revision_id": revision.id,
            "staff_id": gone.id,
            "number": 1,
            "code": "ABCDEFGHJK",
            "meeting_id": meeting.id,
            "slot": "police",
            "task": "genogram",
            "share_id": "f" * 32,
            "alert_id": "e" * 32,
        }


def sign_in(app: Flask, who: str) -> FlaskClient:
    client = app.test_client()
    auth = AuthActions(client)
    if who.startswith("young_person"):
        username = {
            "young_person_a": "user-a",
            "young_person_b": "user-b",
            "young_person_deactivated": "user-gone",
        }[who]
        assert auth.sign_in_young_person(username).status_code == 302
    elif who != "anonymous":
        email = {
            "worker_of_a": "a@example.org",
            "other_worker": "o@example.org",
            "manager": "m@example.org",
            "worker_deactivated": "gone@example.org",
        }[who]
        assert auth.sign_in_staff(email).status_code == 302
    if who.endswith("deactivated"):
        with app.app_context():
            account: Any = (
                YoungPerson.by_username("user-gone")
                if who.startswith("young")
                else StaffUser.by_email("gone@example.org")
            )
            accounts.deactivate(account)
            db.session.commit()
    return client


def pages(app: Flask, ids: dict[str, Any]) -> list[tuple[str, str]]:
    found = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            blueprint = rule.endpoint.split(".")[0]
            if blueprint not in ("staff", "young_person") or "GET" not in (rule.methods or ()):
                continue
            found.append(
                (rule.endpoint, app.url_for(rule.endpoint, **{a: ids[a] for a in rule.arguments}))
            )
    return found


def expected(who: str, endpoint: str) -> int:
    staff_page = endpoint.startswith("staff.")
    if endpoint == "young_person.enrol":
        return 404  # a code that was never issued
    if endpoint == "young_person.meeting_calendar" and who in ("young_person_b",):
        return 404  # B has no meeting
    if endpoint == "young_person.check_views" and who in ("young_person_a", "young_person_b"):
        return 302 if who == "young_person_a" else 404  # A's meeting, with no views to check
    if endpoint == "staff.letters_pdf" and who in ("worker_of_a", "manager"):
        return 302  # to the letters page: none issued yet
    if endpoint == "staff.parents_outcome_letter" and who in ("worker_of_a", "manager"):
        return 302  # to the outcome page: no outcome recorded yet
    if endpoint in ("young_person.stop_share", "young_person.share_made") and who in (
        "young_person_a",
        "young_person_b",
    ):
        return 404  # the share id is nobody's
    if endpoint in PUBLIC:
        return 200
    if who == "anonymous" or who.endswith("deactivated"):
        return 302
    if who.startswith("young_person"):
        return 403 if staff_page else 200
    if not staff_page:
        return 403
    if endpoint in MANAGER_ONLY:
        return 200 if who == "manager" else 403
    if who == "other_worker" and endpoint not in (
        "staff.caseload_page",
        "staff.due_page",
        "staff.new_young_person",
        "staff.own_password",
    ):
        return 404
    return 200


WHO = [
    "anonymous",
    "young_person_a",
    "young_person_b",
    "worker_of_a",
    "other_worker",
    "manager",
    "worker_deactivated",
    "young_person_deactivated",
]


@pytest.mark.parametrize("who", WHO)
def test_access_matrix(app: Flask, world: dict[str, Any], who: str) -> None:
    client = sign_in(app, who)
    checked = 0
    for endpoint, url in pages(app, world):
        response = client.get(url)
        assert response.status_code == expected(who, endpoint), f"{who} {endpoint}"
        body = response.get_data().decode(errors="replace")  # a PDF is bytes
        assert NOTE not in body or (
            who in ("worker_of_a", "manager") and endpoint in ("staff.session", "staff.all_notes")
        )
        if who in ("young_person_b", "other_worker", "anonymous") or who.endswith("deactivated"):
            assert NAME_A not in body, f"{who} saw A's name on {endpoint}"
        if who == "young_person_a":
            assert NAME_B not in body
        checked += 1
    assert checked >= 20


def test_other_worker_cannot_post_to_another_caseload(app: Flask, world: dict[str, Any]) -> None:
    """Every staff action on a young person, pressed by a worker whose caseload they are
    not on, is refused as if they did not exist."""
    client = sign_in(app, "other_worker")
    from ..conftest import csrf_token

    token = csrf_token(client.get("/staff/"))
    refused = 0
    with app.test_request_context():
        actions = [
            app.url_for(rule.endpoint, **{a: world[a] for a in rule.arguments})
            for rule in app.url_map.iter_rules()
            if rule.endpoint.startswith("staff.")
            and "POST" in (rule.methods or ())
            and "young_person_id" in rule.arguments
        ]
    for url in actions:
        data = {"csrf_token": token, "confirm": "DELETE", "text": "x", "held_on_day": "1"}
        assert client.post(url, data=data).status_code == 404, url
        refused += 1
    assert refused >= 12
    with app.app_context():
        person = db.session.get(YoungPerson, world["young_person_id"])
        assert person and person.active and person.sign_in_code_hash is None


def test_staff_views_of_personal_data_and_refusals_are_audited(
    app: Flask, world: dict[str, Any]
) -> None:
    from sqlalchemy import select

    from safetyplan.core.models import AuditEvent

    person = f"/staff/young-people/{world['young_person_id']}"
    worker = sign_in(app, "worker_of_a")
    for path in (
        "/edit",
        "/delete",
        f"/sessions/{world['session_id']}/sections/1",
        f"/meetings/{world['meeting_id']}",
    ):
        assert worker.get(person + path).status_code == 200, path
    assert sign_in(app, "other_worker").get(person).status_code == 404
    with app.app_context():
        events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        details = [(event.action, event.detail) for event in events]
    for seen in (
        ("viewed_record", "edit"),
        ("viewed_record", "delete"),
        ("viewed_plan", "section 1"),
        ("viewed_meetings", "edit"),
        ("refused_access", world["young_person_id"]),
    ):
        assert seen in details, seen
