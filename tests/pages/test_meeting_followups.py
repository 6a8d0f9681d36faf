"""Gaps found in a worker and manager review of the meeting cycle: a meeting held with
nothing recorded is on the due list; a meeting with no time goes in a calendar as all day;
an unknown worker in the due list's address is said plainly; a second first meeting is
refused, pointing to the one there is."""

from __future__ import annotations

import html
import re
from datetime import date, datetime, timedelta

import icalendar
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from werkzeug.test import TestResponse

from safetyplan.core import clock, meetings
from safetyplan.core.meeting_models import Meeting
from safetyplan.core.models import StaffUser
from safetyplan.web.extensions import db

from ..conftest import AuthActions, add_staff, add_young_person, press
from .test_due_list import count_queries

FRIDAY = date(2026, 11, 27)  # the meeting day in these tests


def signed_in_staff(app: Flask, email: str = "worker@example.org") -> FlaskClient:
    client = app.test_client()
    AuthActions(client).sign_in_staff(email)
    return client


def row_with(page: TestResponse, *texts: str) -> str:
    """The due list's one table row holding all of `texts`."""
    rows = re.findall(r"<tr>.*?</tr>", page.text, re.S)
    found = [row for row in rows if all(text in row for text in texts)]
    assert len(found) == 1, f"expected one row with {texts!r}, found {len(found)}"
    return found[0]


def link_in(fragment: str) -> str:
    found = re.search(r'href="([^"]+)"', fragment)
    assert found, "no link"
    return html.unescape(found.group(1))


def first_meeting(person_name: str, worker: StaffUser, day: date, **extra: str) -> str:
    person = add_young_person(person_name.lower(), name=person_name, worker=worker)
    details = {"kind": "initial", "anchor": "2026-11-20", "booked": "2026-11-23",
               "date": day.isoformat(), **extra}  # fmt: skip
    meeting = meetings.save(person, None, details)
    db.session.commit()
    return meeting.id


# 1. What was decided: due on the meeting day, overdue from the day after, until recorded.


def test_a_held_meeting_waits_on_the_due_list_until_what_was_decided_is_recorded(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    with app.app_context():
        sam = add_staff()
        first_meeting("Alex", sam, FRIDAY)
        first_meeting("Jo", sam, FRIDAY)
    staff = signed_in_staff(app)

    monkeypatch.setattr(clock, "today", lambda: FRIDAY)
    on_the_day = row_with(staff.get("/staff/due"), "Alex</a>", "Record what was decided")
    assert "Overdue" not in on_the_day
    assert "Friday 27 November 2026" in on_the_day

    monkeypatch.setattr(clock, "today", lambda: FRIDAY + timedelta(days=1))
    due = staff.get("/staff/due")
    after = row_with(due, "Alex</a>", "Record what was decided")
    assert "Overdue" in after

    outcome = staff.get(link_in(after))
    assert outcome.status_code == 200 and "After the first meeting" in outcome.text
    saved = press(staff, outcome, "Save outcome", result="cse_plan", follow_redirects=True)
    assert "Saved what was decided." in saved.text
    due = staff.get("/staff/due")
    assert "Alex</a>" not in due.text, "recorded: nothing left to do for Alex's meeting"
    assert "Record what was decided" in row_with(due, "Jo</a>")

    # Jo's meeting did not go ahead: cancelling it takes it off the list too.
    outcome_url = link_in(row_with(due, "Jo</a>"))
    listing = staff.get(outcome_url.split("/meetings/")[0] + "/meetings")
    cancel = staff.get(link_in(re.findall(r'<a href="[^"]+">Cancel</a>', listing.text)[0]))
    cancelled = press(staff, cancel, "Cancel meeting", reason="Jo moved to another area")
    assert cancelled.status_code == 302
    assert "Record what was decided" not in staff.get("/staff/due").text


def hold(person_count: int, worker_id: str, prefix: str) -> None:
    """Young people each with a first meeting held last week and nothing recorded."""
    worker = db.session.get(StaffUser, worker_id)
    held = date.today() - timedelta(days=7)
    for n in range(person_count):
        person = add_young_person(f"{prefix}-{n}", name=f"{prefix.title()} {n}", worker=worker)
        meetings.save(person, None, {"kind": "initial", "anchor": str(held - timedelta(days=9)),
                                     "booked": str(held - timedelta(days=8)),
                                     "date": str(held)})  # fmt: skip
    db.session.commit()


def test_held_meetings_cost_the_due_list_no_more_queries_as_they_grow(app: Flask) -> None:
    with app.app_context():
        sam_id = add_staff().id
        hold(3, sam_id, "few")
    client = signed_in_staff(app)
    client.get("/staff/due")
    few = count_queries(app, client)
    with app.app_context():
        hold(30, sam_id, "many")
    assert count_queries(app, client) == few
    assert client.get("/staff/due").text.count("Record what was decided") == 33


# 2. The calendar file: a date with no time is an all-day event.


def test_a_meeting_with_no_time_goes_in_the_calendar_as_all_day(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 23))
    with app.app_context():
        first_meeting("Alex", add_staff(), FRIDAY)
    young = app.test_client()
    AuthActions(young).sign_in_young_person("alex")
    page = young.get("/notes/meeting")
    link = re.search(r'<a href="([^"]+)">Add it to my calendar</a>', page.text)
    assert link, "the page offers the calendar file"
    downloaded = young.get(html.unescape(link.group(1)))
    assert downloaded.headers["Content-Type"].startswith("text/calendar")
    event = icalendar.Calendar.from_ical(downloaded.text).walk("VEVENT")[0]
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert not isinstance(start, datetime) and start == FRIDAY, "a date, with no clock time"
    assert not isinstance(end, datetime) and end == FRIDAY + timedelta(days=1)
    assert "DTSTART;VALUE=DATE:20261127" in downloaded.text
    assert "T100000" not in downloaded.text and "DURATION" not in downloaded.text
    assert "goes in your calendar as all day" in page.text  # and the page says so


def test_a_meeting_with_a_time_keeps_it_in_the_calendar(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 23))
    with app.app_context():
        first_meeting("Alex", add_staff(), FRIDAY, time="09:15")
    young = app.test_client()
    AuthActions(young).sign_in_young_person("alex")
    page = young.get("/notes/meeting")
    assert "as all day" not in page.text
    downloaded = young.get("/notes/meeting/calendar.ics")
    start = icalendar.Calendar.from_ical(downloaded.text).walk("VEVENT")[0].decoded("DTSTART")
    assert isinstance(start, datetime) and (start.date(), start.hour, start.minute) == (
        FRIDAY,
        9,
        15,
    )


# 3. The due list's worker filter: an id that is no member of staff is said plainly.


def test_an_unknown_worker_on_the_due_list_is_said_plainly_and_shows_no_one(app: Flask) -> None:
    with app.app_context():
        sam = add_staff()
        other = add_staff("other@example.org", "Other Worker")
        add_staff("manager@example.org", "Morgan Manager", role="manager")
        first_meeting("Alex", sam, date.today() - timedelta(days=2))
        first_meeting("Jo", other, date.today() - timedelta(days=2))
        young_person_id = db.session.scalars(select(Meeting.young_person_id)).first()
        other_id = other.id
    manager = signed_in_staff(app, "manager@example.org")
    everyone = manager.get("/staff/due")
    assert "Alex</a>" in everyone.text and "Jo</a>" in everyone.text

    for wrong in ("no-such-worker", young_person_id):
        page = press(manager, everyone, "Show", worker=wrong)
        assert page.status_code == 404
        assert "There is a problem" in page.text and "No worker was found" in page.text
        assert "<title>Error:" in page.text
        assert "Alex</a>" not in page.text and "Jo</a>" not in page.text
        assert "for everyone" not in page.text and "Nothing is due" not in page.text

    chosen = press(manager, page, "Show", worker=other_id)
    assert chosen.status_code == 200 and "No worker was found" not in chosen.text
    assert "Jo</a>" in chosen.text and "Alex</a>" not in chosen.text

    # A worker has no filter: their own list, whatever the address says.
    worker = signed_in_staff(app)
    own = worker.get("/staff/due?worker=no-such-worker")
    assert own.status_code == 200 and "Alex</a>" in own.text and "Jo</a>" not in own.text


# 4. One first meeting: a second is refused, pointing to the first and to a review.


def new_meeting_page(staff: FlaskClient, person_id: str) -> TestResponse:
    """The Record a meeting page, reached by its link on the meetings page."""
    listing = staff.get(f"/staff/young-people/{person_id}/meetings")
    link = re.search(r'<a class="button" href="([^"]+)">Record a meeting</a>', listing.text)
    assert link
    return staff.get(link.group(1))


NEXT_FIRST = {"anchor_day": "23", "anchor_month": "11", "anchor_year": "2026",
              "booked_day": "23", "booked_month": "11", "booked_year": "2026",
              "day_day": "1", "day_month": "12", "day_year": "2026"}  # fmt: skip


def alex_with_a_first_meeting(
    app: Flask, monkeypatch: pytest.MonkeyPatch, today: date
) -> tuple[str, str, FlaskClient]:
    """Alex's first meeting on FRIDAY, the app's clock at `today`: the meeting's and Alex's
    ids, and their worker signed in."""
    monkeypatch.setattr(clock, "today", lambda: today)
    with app.app_context():
        first_id = first_meeting("Alex", add_staff(), FRIDAY)
        person_id = db.session.scalars(select(Meeting.young_person_id)).one()
    return first_id, person_id, signed_in_staff(app)


def meeting_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Meeting)) or 0


def test_a_second_first_meeting_is_refused_with_the_first_one_linked(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    first_id, person_id, staff = alex_with_a_first_meeting(app, monkeypatch, date(2026, 11, 23))

    refused = press(staff, new_meeting_page(staff, person_id), "Save meeting", **NEXT_FIRST)
    assert refused.status_code == 200
    message = "Alex already has a first meeting, booked for Friday 27 November 2026: record a "
    assert message + "review meeting instead" in html.unescape(refused.text)
    assert 'href="#kind"' in refused.text and 'id="kind"' in refused.text  # the error summary
    first_link = re.search(r'<a href="([^"]+)">See Alex.s first meeting</a>', refused.text)
    assert first_link and first_link.group(1).endswith(f"#meeting-{first_id}")
    listing = staff.get(first_link.group(1).split("#")[0])
    assert f'id="meeting-{first_id}"' in listing.text
    with app.app_context():
        assert meeting_count() == 1

    # Choosing a review of the first meeting instead saves it.
    review = press(
        staff, refused, "Save meeting", kind="review", reviews=first_id, day_month="2",
        day_day="10", day_year="2027",
    )  # fmt: skip
    assert review.status_code == 302
    with app.app_context():
        assert meeting_count() == 2

    # The first meeting itself still saves with changes.
    edit = staff.get(f"/staff/young-people/{person_id}/meetings/{first_id}")
    assert press(staff, edit, "Save meeting", venue="Riverside Centre").status_code == 302


def test_a_held_first_meeting_is_named_and_a_cancelled_one_does_not_count(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    first_id, person_id, staff = alex_with_a_first_meeting(app, monkeypatch, date(2026, 11, 30))
    fields = {**NEXT_FIRST, "booked_day": "30", "day_day": "2"}
    refused = press(staff, new_meeting_page(staff, person_id), "Save meeting", **fields)
    assert "already has a first meeting, held on Friday 27 November 2026" in html.unescape(
        refused.text
    )

    cancel = staff.get(f"/staff/young-people/{person_id}/meetings/{first_id}/cancel")
    press(staff, cancel, "Cancel meeting", reason="Booked in error")
    again = press(staff, new_meeting_page(staff, person_id), "Save meeting", **fields)
    assert again.status_code == 302, "the cancelled one is not a first meeting any more"
    with app.app_context():
        assert meeting_count() == 2


def test_a_first_meeting_with_no_date_yet_still_counts(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 23))
    with app.app_context():
        person = add_young_person(worker=add_staff())
        meetings.save(person, None, {"kind": "initial", "anchor": "2026-11-20"})
        db.session.commit()
        person_id = person.id
    staff = signed_in_staff(app)
    refused = press(staff, new_meeting_page(staff, person_id), "Save meeting", **NEXT_FIRST)
    assert "Alex already has a first meeting, booked, with no date yet" in html.unescape(
        refused.text
    )
    with app.app_context():
        assert meeting_count() == 1
