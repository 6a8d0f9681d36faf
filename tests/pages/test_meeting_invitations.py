"""The invitation list: everyone the guide names, each with their invitation, reply and
report, and quoracy from the council's rule."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from safetyplan.core import clock, invitations
from safetyplan.core.meeting_models import MeetingInvitee
from safetyplan.web.extensions import db

from ..conftest import csrf_token, fresh_app, press
from ..meetings import booked_meeting

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


INVITED = {"invited_day": "18", "invited_month": "11", "invited_year": "2026"}


@pytest.fixture(autouse=True)
def on_24_november(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 24))


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
        reply(staff, url, slot, reply="yes", **INVITED)
    not_yet = staff.get(url).text
    assert "Not quorate yet" in not_yet and "GP or School nurse or School" in not_yet
    reply(staff, url, "school_nurse", reply="yes", **INVITED)
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
        reply(staff, url, slot, reply="yes", **INVITED)
    assert "Quorate so far" in staff.get(url).text
    with app.app_context():
        db.engine.dispose()


def test_quorum_rule_reading() -> None:
    invited = date(2026, 11, 18)
    people = [
        invitations.Invitee("chair", reply="yes", invited_on=invited),
        invitations.Invitee("gp", reply="no", invited_on=invited),
        invitations.Invitee("worker", reply="yes"),  # never invited: doesn't count
    ]
    result = invitations.quorum("chair; worker; gp | school", people)
    assert not result.met
    assert result.missing == ["Social worker", "GP or School"]
    assert invitations.quorum("chair", people).met


def stored(app: Flask, slot: str) -> dict[str, object]:
    with app.app_context():
        row = db.session.scalars(select(MeetingInvitee).where(MeetingInvitee.slot == slot)).one()
        return dict(row.details)


def test_a_save_from_an_older_tab_keeps_the_newer_one_and_what_was_typed(app: Flask) -> None:
    staff, person_id, meeting_id = booked_meeting(app)
    url = f"/staff/young-people/{person_id}/meetings/{meeting_id}/invitations/school_nurse"
    first_tab, second_tab = staff.get(url), staff.get(url)
    reply_first = press(staff, first_tab, "Save", name="Nurse Ada", reply="yes", **INVITED)
    assert reply_first.status_code == 302
    refused = press(staff, second_tab, "Save", report_asked="y")
    assert refused.status_code == 200 and "This changed while you had it open" in refused.text
    assert re.search(r'<input checked[^>]*id="report_asked"', refused.text)  # kept
    latest = refused.text[refused.text.index('id="latest"') :]
    assert "Nurse Ada" in latest and "Coming" in latest
    assert stored(app, "school_nurse")["name"] == "Nurse Ada"  # not wiped
    assert stored(app, "school_nurse")["report_asked"] is False
    # Saving again, having checked, is applied on top of the latest.
    again = press(staff, refused, "Save", name="Nurse Ada", reply="yes", **INVITED)
    assert again.status_code == 302
    saved = stored(app, "school_nurse")
    assert saved["name"] == "Nurse Ada" and saved["reply"] == "yes"
    assert saved["report_asked"] is True


@pytest.mark.parametrize(
    ("fields", "field_id", "message"),
    [
        ({"reply": "yes", "apologies": "y", **INVITED}, "apologies", "coming and send apologies"),
        ({"reply": "yes"}, "reply", "only be coming once invited"),
        ({"report_received": "y"}, "report_received", "only be received once asked for"),
        (
            {"invited_day": "25", "invited_month": "11", "invited_year": "2026"},
            "invited_day",
            "can&#39;t be in the future",
        ),
    ],
)
def test_contradictions_are_refused_naming_the_field(
    app: Flask, fields: dict[str, str], field_id: str, message: str
) -> None:
    staff, person_id, meeting_id = booked_meeting(app)
    url = f"/staff/young-people/{person_id}/meetings/{meeting_id}/invitations/gp"
    refused = press(staff, staff.get(url), "Save", name="Dr Okafor", **fields)
    assert refused.status_code == 200 and "error-summary" in refused.text
    assert f'href="#{field_id}">' in refused.text and message in refused.text
    assert 'value="Dr Okafor"' in refused.text  # nothing typed is lost
    with app.app_context():
        assert db.session.scalars(select(MeetingInvitee)).first() is None


def test_an_invitation_after_the_meeting_is_refused(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2026, 12, 10))
    staff, person_id, meeting_id = booked_meeting(app)
    url = f"/staff/young-people/{person_id}/meetings/{meeting_id}/invitations/gp"
    late = {"invited_day": "28", "invited_month": "11", "invited_year": "2026"}
    refused = press(staff, staff.get(url), "Save", **late)
    assert "Date invited can&#39;t be after the meeting" in refused.text


def test_someone_else_needs_a_name_or_role_and_can_be_taken_off(app: Flask) -> None:
    staff, person_id, meeting_id = booked_meeting(app)
    url = f"/staff/young-people/{person_id}/meetings/{meeting_id}/invitations"
    blank = press(staff, staff.get(f"{url}/other-1"), "Save", name="  ")
    assert blank.status_code == 200 and "Enter their name or their role" in blank.text
    assert "Take off the list" not in blank.text  # nothing recorded to take off
    reply(staff, url, "other-1", name="Youth offending team worker")
    page = staff.get(f"{url}/other-1")
    removed = press(staff, page, "Take off the list", follow_redirects=True)
    assert "Taken off the invitation list." in removed.text
    assert "Youth offending team worker" not in removed.text
    with app.app_context():
        assert db.session.scalars(select(MeetingInvitee)).first() is None
    assert "Take off the list" not in staff.get(f"{url}/gp").text  # the guide's people stay
    forged = staff.post(f"{url}/gp/remove", data={"csrf_token": csrf_token(page)})
    assert forged.status_code == 404
