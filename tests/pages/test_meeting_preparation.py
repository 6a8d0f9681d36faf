"""The preparation checklist: each item due by its deadline, ticked with who and when;
"Overdue" clears when it is done."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask

from safetyplan.core import clock

from ..conftest import press
from ..meetings import booked_meeting


def item(page_text: str, key: str) -> str:
    start = page_text.index(f'id="task-{key}"')
    return page_text[start : page_text.index("</li>", start)]


@pytest.fixture
def on_24_november(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 24))


@pytest.mark.usefixtures("on_24_november")
def test_ticking_clears_overdue_and_says_who_and_when(app: Flask) -> None:
    # Booked Tue 17 Nov 2026 for Fri 27 Nov: invitations were due Thu 19 Nov; the report
    # reaches the family by Wed 25 Nov; the chair talks with the worker 22-26 Nov.
    staff, person_id, meeting_id = booked_meeting(app)
    url = f"/staff/young-people/{person_id}/meetings/{meeting_id}/preparation"
    page = staff.get(url)
    for label in (
        "Invitations sent",
        "Report updated",
        "Chronology updated",
        "Genogram updated",
        "Risk assessment updated",
        "Ecomap updated, when needed",
        "Chair&#39;s pre-meeting discussion held",
        "Young person&#39;s views gathered, and how they will be heard",
    ):
        assert label in page.text
    invitations = item(page.text, "invitations")
    assert "Overdue" in invitations and "Thursday 19 November 2026" in invitations
    assert "Wednesday 25 November 2026" in item(page.text, "report_shared")
    assert "Thursday 26 November 2026" in item(page.text, "chair_discussion")
    assert "Due" not in item(page.text, "ecomap")
    listing = f"/staff/young-people/{person_id}/meetings"
    assert "Overdue" in staff.get(listing).text
    done = press(staff, page, "Mark done: Invitations sent", follow_redirects=True)
    invitations = item(done.text, "invitations")
    assert "Overdue" not in invitations and "Done by Sam Worker" in invitations
    # The meetings page's deadline is done too.
    deadlines = staff.get(listing).text
    row = deadlines[deadlines.index("Send the invitations") :]
    assert "Done" in row[: row.index("</tr>")] and "Overdue" not in deadlines
    undone = press(staff, done, "Mark not done: Invitations sent", follow_redirects=True)
    assert "Overdue" in item(undone.text, "invitations")
    genogram = press(staff, undone, "Mark done: Genogram updated", follow_redirects=True)
    assert "Done by Sam Worker" in item(genogram.text, "genogram")
    assert "Overdue" in item(genogram.text, "invitations")  # each item on its own


@pytest.mark.usefixtures("on_24_november")
def test_the_young_persons_views_say_how_they_will_be_heard(app: Flask) -> None:
    staff, person_id, meeting_id = booked_meeting(app)
    url = f"/staff/young-people/{person_id}/meetings/{meeting_id}/preparation"
    label = "Mark done: Young person's views gathered, and how they will be heard"
    refused = press(staff, staff.get(url), label)
    assert refused.status_code == 200
    assert "Say how the young person&#39;s views will reach the meeting" in refused.text
    done = press(
        staff, refused, label, note="A letter, read out by the chair", follow_redirects=True
    )
    views = item(done.text, "views")
    assert "How they will be heard: A letter, read out by the chair" in views
    assert "Done by Sam Worker" in views


def test_unknown_items_are_not_found(app: Flask) -> None:
    staff, person_id, meeting_id = booked_meeting(app)
    url = f"/staff/young-people/{person_id}/meetings/{meeting_id}/preparation"
    page = staff.get(url)
    token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    assert staff.post(f"{url}/nothing/done", data={"csrf_token": token}).status_code == 404
    # The views item is ticked only with how they will be heard.
    assert staff.post(f"{url}/views/done", data={"csrf_token": token}).status_code == 200
    assert staff.post(f"{url}/nothing/undo", data={"csrf_token": token}).status_code == 404


GUIDE_SLOTS = (
    "young_person",
    "parents",
    "worker",
    "team_manager",
    "chair",
    "police",
    "school",
    "school_nurse",
    "gp",
    "cse_worker",
    "rights_officer",
    "advocate",
)


@pytest.mark.usefixtures("on_24_november")
def test_invitations_are_done_once_everyone_is_recorded_as_invited(app: Flask) -> None:
    staff, person_id, meeting_id = booked_meeting(app)
    meeting_url = f"/staff/young-people/{person_id}/meetings/{meeting_id}"
    invited = {"invited_day": "18", "invited_month": "11", "invited_year": "2026"}
    for slot in GUIDE_SLOTS[:8]:
        page = staff.get(f"{meeting_url}/invitations/{slot}")
        assert press(staff, page, "Save", **invited).status_code == 302
    invitations = item(staff.get(f"{meeting_url}/preparation").text, "invitations")
    assert "8 of 12 on the" in invitations and "Overdue" in invitations
    for slot in GUIDE_SLOTS[8:]:
        page = staff.get(f"{meeting_url}/invitations/{slot}")
        assert press(staff, page, "Save", **invited).status_code == 302
    invitations = item(staff.get(f"{meeting_url}/preparation").text, "invitations")
    assert "12 of 12 on the" in invitations and "Done" in invitations
    assert "Overdue" not in invitations and "Mark done" not in invitations
    deadlines = staff.get(f"/staff/young-people/{person_id}/meetings").text
    row = deadlines[deadlines.index("Send the invitations") :]
    assert "Done" in row[: row.index("</tr>")]


@pytest.mark.usefixtures("on_24_november")
def test_invitations_are_done_once_the_letters_are_issued(app: Flask) -> None:
    staff, person_id, meeting_id = booked_meeting(app)
    meeting_url = f"/staff/young-people/{person_id}/meetings/{meeting_id}"
    assert "Invitations sent" in staff.get("/staff/due").text
    press(staff, staff.get(f"{meeting_url}/letters"), "Issue the letters")
    invitations = item(staff.get(f"{meeting_url}/preparation").text, "invitations")
    assert "the letters were issued on Tuesday 24 November 2026" in invitations
    assert "Done" in invitations and "Overdue" not in invitations
    assert "Invitations sent" not in staff.get("/staff/due").text


@pytest.mark.usefixtures("on_24_november")
def test_marking_the_views_not_done_keeps_how_they_will_be_heard(app: Flask) -> None:
    staff, person_id, meeting_id = booked_meeting(app)
    url = f"/staff/young-people/{person_id}/meetings/{meeting_id}/preparation"
    label = "Mark done: Young person's views gathered, and how they will be heard"
    note = "Through their advocate"
    done = press(staff, staff.get(url), label, note=note, follow_redirects=True)
    undone = press(staff, done, "Mark not done: Young person", follow_redirects=True)
    assert f"{note}</textarea>" in item(undone.text, "views")
    again = press(staff, undone, label, follow_redirects=True)  # nothing retyped
    assert f"How they will be heard: {note}" in item(again.text, "views")
