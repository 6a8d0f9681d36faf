"""The invitation list: everyone the guide names, each with their invitation, reply and
report, and quoracy from the council's rule."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from safetyplan.core import invitations
from safetyplan.core.meeting_models import MeetingInvitee
from safetyplan.web.extensions import db

from ..conftest import fresh_app, press
from .test_meeting_life import booked_meeting

GUIDE = (
    "The young person",
    "Parents or carers",
    "Social worker",
    "Team manager",
    "School",
    "School nurse",
    "GP",
    "Police CSE team",
    "Specialist CSE worker",
    "Children&#39;s rights officer",
    "Advocate",
)


def reply(staff: FlaskClient, url: str, slot: str, **fields: str) -> None:
    page = staff.get(f"{url}/{slot}")
    assert press(staff, page, "Save", **fields).status_code == 302


def test_everyone_the_guide_names_is_listed_and_each_reply_is_kept(app: Flask) -> None:
    staff, person_id, meeting_id = booked_meeting(app)
    url = f"/staff/young-people/{person_id}/meetings/{meeting_id}/invitations"
    listing = staff.get(url)
    assert all(who in listing.text for who in GUIDE)
    assert "Not quorate yet" in listing.text and "chair may postpone" in listing.text
    page = staff.get(f"{url}/gp")
    refused = press(staff, page, "Save", invited_day="31", invited_month="2", name="Dr Okafor")
    assert refused.status_code == 200 and "Date invited must be a real date" in refused.text
    assert "Dr Okafor" in refused.text  # nothing typed is lost
    saved = press(
        staff,
        refused,
        "Save",
        invited_day="18",
        invited_month="11",
        invited_year="2026",
        invited_how="email",
        reply="no",
        apologies="y",
        report_asked="y",
        follow_redirects=True,
    )
    assert "GP: saved." in saved.text
    row = saved.text[saved.text.index("Dr Okafor") :]
    row = row[: row.index("</tr>")]
    assert "Wednesday 18 November 2026 (email)" in row
    assert "Not coming, apologies sent" in row and "Asked for" in row
    with app.app_context():
        stored = db.session.scalars(select(MeetingInvitee._details)).one()
        assert b"Okafor" not in stored  # sealed at rest
    assert "Dr Okafor" in staff.get(f"{url}/gp").text  # the form opens with what was saved


def test_quoracy_follows_the_default_rule(app: Flask) -> None:
    staff, person_id, meeting_id = booked_meeting(app)
    url = f"/staff/young-people/{person_id}/meetings/{meeting_id}/invitations"
    for slot in ("chair", "worker", "police"):
        reply(staff, url, slot, reply="yes")
    not_yet = staff.get(url).text
    assert "Not quorate yet" in not_yet and "GP or School nurse or School" in not_yet
    reply(staff, url, "school_nurse", reply="yes")
    assert "Quorate so far" in staff.get(url).text


def test_someone_else_can_be_added(app: Flask) -> None:
    staff, person_id, meeting_id = booked_meeting(app)
    url = f"/staff/young-people/{person_id}/meetings/{meeting_id}/invitations"
    listing = staff.get(url)
    assert f'href="{url}/other-1">Add someone else involved' in listing.text
    reply(staff, url, "other-1", name="Youth offending team worker")
    listing = staff.get(url)
    assert "Youth offending team worker" in listing.text
    assert f'href="{url}/other-2">Add someone else involved' in listing.text
    assert staff.get(f"{url}/other-99").status_code == 404
    assert staff.get(f"{url}/nobody").status_code == 404


def test_a_forged_reply_is_an_error_on_the_page(app: Flask) -> None:
    staff, person_id, meeting_id = booked_meeting(app)
    url = f"/staff/young-people/{person_id}/meetings/{meeting_id}/invitations/police"
    refused = press(staff, staff.get(url), "Save", reply="maybe", invited_how="pigeon")
    assert refused.status_code == 200 and "error-summary" in refused.text


def test_the_quorum_rule_is_a_setting(tmp_path: Path) -> None:
    app = fresh_app(tmp_path, MEETING_QUORUM="chair; police")
    staff, person_id, meeting_id = booked_meeting(app)
    url = f"/staff/young-people/{person_id}/meetings/{meeting_id}/invitations"
    for slot in ("chair", "police"):
        reply(staff, url, slot, reply="yes")
    assert "Quorate so far" in staff.get(url).text
    with app.app_context():
        db.engine.dispose()


def test_quorum_rule_reading() -> None:
    people = [invitations.Invitee("chair", reply="yes"), invitations.Invitee("gp", reply="no")]
    result = invitations.quorum("chair; worker; gp | school", people)
    assert not result.met
    assert result.missing == ["Social worker", "GP or School"]
    assert invitations.quorum("chair", people).met
