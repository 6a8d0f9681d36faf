"""A booked meeting's life through its pages: rearranged with a reason (booked afresh),
cancelled with a reason, and a late meeting's reason with the day the service manager was
told; a review follows the meeting it reviews."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import Flask

from safetyplan.core import clock, meetings
from safetyplan.core.meeting_models import Meeting
from safetyplan.core.models import YoungPerson
from safetyplan.web.extensions import db

from ..conftest import date_fields, press
from ..meetings import booked_meeting


def details(app: Flask, meeting_id: str) -> meetings.MeetingDetails:
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        assert meeting
        return meetings.details_of(meeting)


def test_rearranging_moves_the_date_and_keeps_why(app: Flask) -> None:
    staff, person_id, meeting_id = booked_meeting(app)
    listing = staff.get(f"/staff/young-people/{person_id}/meetings")
    page = staff.get(f"/staff/young-people/{person_id}/meetings/{meeting_id}/rearrange")
    assert 'href="/staff/young-people/' in listing.text and "Rearrange" in listing.text
    refused = press(staff, page, "Rearrange meeting", day_day="1", day_month="12")
    assert refused.status_code == 200
    assert "Say why the meeting is moving" in refused.text
    assert "New meeting date must be a real date" in refused.text
    moved = press(
        staff,
        refused,
        "Rearrange meeting",
        day_day="1",
        day_month="12",
        day_year="2026",
        time="10:00",
        booked_day="20",
        booked_month="11",
        booked_year="2026",
        reason="The chair is ill",
        follow_redirects=True,
    )
    assert "Meeting rearranged." in moved.text
    assert "Moved from Friday 27 November 2026 to Tuesday 1 December 2026" in moved.text
    assert "The chair is ill" in moved.text
    after = details(app, meeting_id)
    assert (str(after.day), str(after.at), str(after.booked)) == (
        "2026-12-01",
        "10:00:00",
        "2026-11-20",
    )
    # Fri 20 Nov + 48 hours is Sun 22: due Fri 20 Nov.
    assert after.deadlines[0].what.startswith("Send the invitations")
    assert str(after.deadlines[0].due) == "2026-11-20"


def test_a_booked_date_moves_only_by_rearranging(app: Flask) -> None:
    staff, person_id, meeting_id = booked_meeting(app)
    page = staff.get(f"/staff/young-people/{person_id}/meetings/{meeting_id}")
    assert "rearrange the meeting" in page.text and 'name="day_day"' not in page.text
    saved = press(staff, page, "Save meeting", venue="Town Hall", day_day="3", day_month="12")
    assert saved.status_code == 302
    after = details(app, meeting_id)
    assert (after.venue, str(after.day), str(after.booked)) == (
        "Town Hall",
        "2026-11-27",
        "2026-11-17",
    )


def test_cancelling_needs_a_reason_and_hides_the_meeting_from_the_young_person(
    app: Flask,
) -> None:
    staff, person_id, meeting_id = booked_meeting(app)
    url = f"/staff/young-people/{person_id}/meetings/{meeting_id}/cancel"
    refused = press(staff, staff.get(url), "Cancel meeting")
    assert "Say why the meeting is cancelled" in refused.text
    done = press(
        staff, refused, "Cancel meeting", reason="Family moved away", follow_redirects=True
    )
    assert "Meeting cancelled." in done.text and "Family moved away" in done.text
    assert "Overdue" not in done.text and "To do" not in done.text, "its deadlines are gone"
    assert staff.get(url).status_code == 404  # nothing more to do to a cancelled meeting
    with app.app_context():
        person = db.session.get(YoungPerson, person_id)
        assert person and meetings.next_meeting(person, date(2026, 11, 20)) is None


def test_a_late_meeting_asks_why_and_when_the_service_manager_was_told(app: Flask) -> None:
    # Agreed Mon 16 Nov 2026: held by Mon 30 Nov. On Tue 1 Dec it is late.
    staff, person_id, meeting_id = booked_meeting(app, date="2026-12-01")
    listing = staff.get(f"/staff/young-people/{person_id}/meetings")
    assert "Record why, and that the service manager was told" in listing.text
    page = staff.get(f"/staff/young-people/{person_id}/meetings/{meeting_id}/late")
    refused = press(staff, page, "Save reason", reason="Police could not come earlier")
    assert "Enter the date the service manager was told" in refused.text
    assert "Police could not come earlier" in refused.text  # nothing typed is lost
    saved = press(
        staff,
        refused,
        "Save reason",
        told_day="24",
        told_month="11",
        told_year="2026",
        follow_redirects=True,
    )
    assert "Reason: Police could not come earlier" in saved.text
    assert "The service manager was told on Tuesday 24 November 2026" in saved.text
    assert "Record why" not in saved.text


def test_a_review_follows_the_meeting_it_reviews(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 18))  # before both dates
    staff, person_id, first_id = booked_meeting(app)
    page = staff.get(f"/staff/young-people/{person_id}/meetings/new")
    assert "First meeting, Friday 27 November 2026" in page.text
    saved = press(staff, page, "Save meeting", kind="review", reviews=first_id)
    assert saved.status_code == 302
    with app.app_context():
        review = db.session.query(Meeting).filter(Meeting.reviews_id == first_id).one()
        review_id = review.id
    # 3 months after Fri 27 Nov 2026 is Sat 27 Feb 2027: held by Fri 26 Feb.
    held_by = [d.due for d in details(app, review_id).deadlines if d.is_meeting]
    assert [str(day) for day in held_by] == ["2027-02-26"]
    rearrange = staff.get(f"/staff/young-people/{person_id}/meetings/{first_id}/rearrange")
    press(
        staff,
        rearrange,
        "Rearrange meeting",
        day_day="23",
        day_month="11",
        day_year="2026",
        booked_day="17",
        booked_month="11",
        booked_year="2026",
        reason="Room free earlier",
    )
    # Moving the first meeting moves the review's limit: Tue 23 Feb 2027.
    held_by = [d.due for d in details(app, review_id).deadlines if d.is_meeting]
    assert [str(day) for day in held_by] == ["2027-02-23"]


def test_rearranging_keeps_the_time_and_refuses_the_past(app: Flask) -> None:
    """Found by the review: a blank time wiped the meeting's time, and a meeting could be
    moved into the past, or booked on a day still to come."""
    staff, person_id, meeting_id = booked_meeting(app, time="14:00")
    page = staff.get(f"/staff/young-people/{person_id}/meetings/{meeting_id}/rearrange")
    assert 'value="14:00"' in page.text
    yesterday, next_month = date.today() - timedelta(days=1), date.today() + timedelta(days=30)
    refused = press(
        staff,
        page,
        "Rearrange meeting",
        **date_fields("day", yesterday),
        **date_fields("booked", next_month),
        reason="The room is booked",
    )
    assert refused.status_code == 200
    assert "The new date must be today or later" in refused.text
    assert "The date you booked it must be today or earlier" in refused.text
    moved = press(
        staff,
        page,
        "Rearrange meeting",
        **date_fields("day", next_month),
        reason="The room is booked",
    )
    assert moved.status_code == 302
    after = details(app, meeting_id)
    assert after.day == next_month and str(after.at) == "14:00:00"


def test_a_held_meeting_is_done(app: Flask) -> None:
    """Found by the review: after the meeting, 'Hold the meeting' still said To do."""
    held = date.today() - timedelta(days=2)
    staff, person_id, _ = booked_meeting(app, date=str(held), anchor=str(held), booked=str(held))
    listing = staff.get(f"/staff/young-people/{person_id}/meetings").text
    row = listing.split("Hold the meeting", 1)[1].split("</tr>", 1)[0]
    assert "Done" in row
