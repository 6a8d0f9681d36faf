"""Meetings: public pages, the worker's record, My meeting with its countdown and views,
the calendar file and the letters."""

from __future__ import annotations

import html
import io
import re
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader
from sqlalchemy import select

from safetyplan.core import clock, meetings
from safetyplan.core.meeting_models import Meeting, MeetingViews
from safetyplan.core.models import YoungPerson
from safetyplan.web.extensions import db
from safetyplan.young_person.meeting import countdown

from ..conftest import AuthActions, add_staff, add_young_person, csrf_token, press


def test_public_pages_need_no_sign_in_and_are_discreet(client: FlaskClient) -> None:
    for url, heading in (
        ("/meeting/", "Your meeting"),
        ("/meeting/parents", "Your child's meeting"),
    ):
        page = client.get(url)
        assert page.status_code == 200
        assert heading in page.text
        title = page.text.split("<title>")[1].split("</title>")[0].lower()
        assert not any(word in title for word in ("cse", "safety", "abuse", "exploitation"))
        assert "Exit this page" in page.text
        assert "15 minutes" in page.text and "48 hours" in page.text


def test_countdown_words(app: Flask) -> None:
    today = date(2026, 11, 24)
    with app.test_request_context():
        assert countdown(today, today) == "today"
        assert countdown(today + timedelta(1), today) == "tomorrow"
        assert countdown(today + timedelta(5), today) == "in 5 days"
        assert countdown(today - timedelta(1), today) == "has happened"
    with app.test_request_context(headers={"Accept-Language": "pl"}):
        assert countdown(today + timedelta(2), today) == "za 2 dni"
        assert countdown(today + timedelta(5), today) == "za 5 dni"
        assert countdown(today + timedelta(22), today) == "za 22 dni"


def views_form(page: Any) -> dict[str, str]:
    """The hidden fields of My meeting's form: its CSRF token, which meeting it is for and
    the version of the views it was opened at."""
    meeting_id = re.search(r'name="meeting_id" type="hidden" value="([^"]+)"', page.text)
    version = re.search(r'name="version" type="hidden" value="([^"]*)"', page.text)
    assert meeting_id and version, "the views form should say which meeting and version"
    return {
        "csrf_token": csrf_token(page),
        "meeting_id": meeting_id.group(1),
        "version": version.group(1),
    }


def record_meeting(client: FlaskClient, person_id: str, day: date, time: str = "14:30") -> None:
    url = f"/staff/young-people/{person_id}/meetings/new"
    page = client.get(url)
    response = client.post(
        url,
        data={
            "csrf_token": csrf_token(page),
            "kind": "initial",
            "anchor_day": "20",
            "anchor_month": "11",
            "anchor_year": "2026",
            "day_day": day.day,
            "day_month": day.month,
            "day_year": day.year,
            "booked_day": "23",
            "booked_month": "11",
            "booked_year": "2026",
            "time": time,
            "venue": "Riverside Centre",
            "chair": "Pat Chair",
        },
    )
    assert response.status_code == 302


def test_worker_records_meeting_and_young_person_responds(app: Flask) -> None:
    with app.app_context():
        worker = add_staff()
        person_id = add_young_person(worker=worker).id
    staff = app.test_client()
    AuthActions(staff).sign_in_staff()
    bad = staff.post(
        f"/staff/young-people/{person_id}/meetings/new",
        data={
            "csrf_token": csrf_token(staff.get(f"/staff/young-people/{person_id}/meetings/new")),
            "kind": "initial",
            "time": "25:99",
        },
    )
    assert "Enter a time like 14:30" in bad.text and "Enter the date agreed" in bad.text
    day = date.today() + timedelta(days=5)
    record_meeting(staff, person_id, day)
    with app.app_context():
        stored = db.session.scalars(select(Meeting._details)).one()
        assert b"Riverside" not in stored
    listing = staff.get(f"/staff/young-people/{person_id}/meetings")
    assert "Riverside Centre" in listing.text and "Hold the meeting" in listing.text

    young = app.test_client()
    AuthActions(young).sign_in_young_person()
    page = young.get("/notes/meeting")
    assert "in 5 days" in page.text and "Riverside Centre" in page.text and "2:30pm" in page.text
    # The meeting is explained before the young person is asked for their views.
    assert page.text.index("What happens") < page.text.index("What I want to say")
    draft = young.post(
        "/notes/meeting",
        data={
            **views_form(page),
            "say": "I want to go back to football",
            "attend": "part",
            "share_how": ["letter", "forged"],
        },
    )
    assert draft.status_code == 302
    assert "Nothing sent yet" in staff.get(f"/staff/young-people/{person_id}/meetings").text
    page = young.get("/notes/meeting")
    assert "I want to go back to football" in page.text
    to_check = press(
        young,
        page,
        "Continue",
        say="I want to go back to football",
        attend="part",
        share_how=["letter"],
    )
    assert "Nothing sent yet" in staff.get(f"/staff/young-people/{person_id}/meetings").text
    check = young.get(to_check.headers["Location"])
    assert "Check before you send" in check.text and "Part of it" in check.text
    assert 'href="/notes/meeting#say">Change' in check.text
    sent = press(young, check, "Send to my worker", follow_redirects=True)
    assert "Sent to your worker." in sent.text
    listing = staff.get(f"/staff/young-people/{person_id}/meetings")
    assert "I want to go back to football" in listing.text and "Part of it" in listing.text
    # A later draft stays the young person's own until they send it again.
    page = young.get("/notes/meeting")
    young.post("/notes/meeting", data={**views_form(page), "say": "PRIVATE SECOND THOUGHTS"})
    listing = staff.get(f"/staff/young-people/{person_id}/meetings")
    assert "PRIVATE SECOND THOUGHTS" not in listing.text
    assert "I want to go back to football" in listing.text
    assert "PRIVATE SECOND THOUGHTS" in young.get("/notes/meeting").text
    with app.app_context():
        views = db.session.scalars(select(MeetingViews)).one()
        assert views.sent_at and views.sent_views["share_how"] == ["letter"]

    assert "LOCATION" not in young.get("/notes/meeting/calendar.ics").text
    assert "Add it with the place too" in young.get("/notes/meeting").text
    ics = young.get("/notes/meeting/calendar.ics?place=yes")
    assert "LOCATION:Riverside Centre" in ics.text
    assert ics.headers["Content-Type"].startswith("text/calendar")
    assert "SUMMARY:Appointment" in ics.text
    assert f"DTSTART;TZID=Europe/London:{day:%Y%m%d}T143000" in ics.text
    assert "meeting" not in ics.text.lower().replace("summary:appointment", "")


def test_letters_are_filled_in(app: Flask) -> None:
    with app.app_context():
        worker = add_staff()
        person = add_young_person(name="Jordan", worker=worker)
        person.date_of_birth = "2011-03-14"
        person_id = person.id
        meeting = meetings.save(
            person,
            None,
            {
                "kind": "review",
                "anchor": "2026-09-01",
                "date": "2026-12-01",
                "time": "10:00",
                "venue": "Town Hall",
                "chair": "Pat Chair",
            },
        )
        meeting_id = meeting.id
        db.session.commit()
    staff = app.test_client()
    AuthActions(staff).sign_in_staff()
    url = f"/staff/young-people/{person_id}/meetings/{meeting_id}/letters"
    letters = staff.get(url)
    assert letters.text.count('class="letter"') == 3 and "Not issued yet" in letters.text
    assert staff.get(url + ".pdf").status_code == 302  # nothing to download before issue
    letters = press(staff, letters, "Issue the letters", follow_redirects=True)
    today = date.today()
    assert f"Issued on {today:%A} {today.day} {today:%B %Y}" in letters.text
    assert "Dear Jordan" in letters.text and "Dear parent or carer of Jordan" in letters.text
    # Words a young person may not know are explained where the letter uses them.
    assert "an advocate (someone whose job is to help you say what you think)" in letters.text
    assert "the chair (the person who runs the meeting)" in letters.text
    assert "Dear colleague" in letters.text and "Distribution list" in letters.text
    assert "Jordan, born 14 March 2011 (age" in letters.text
    again = press(staff, letters, "Issue again with today's date", follow_redirects=True)
    assert "issued 2 times" in again.text
    pdf = PdfReader(io.BytesIO(staff.get(url + ".pdf").data))
    assert len(pdf.pages) == 3, "one A4 page per letter"
    assert "Dear colleague" in pdf.pages[2].extract_text()
    assert "Tuesday 1 December 2026 at 10am" in letters.text and "Town Hall" in letters.text
    assert "http://localhost/meeting/" in letters.text and "<svg" in letters.text


def test_family_letters_in_the_languages_the_worker_chooses(app: Flask) -> None:
    """The young person's letter in their own language unless the worker chooses another,
    the parents' letter in the language the worker chooses for them, and the professionals'
    in English; issuing and the PDF keep the choice, with a font that has Urdu's letters."""
    with app.app_context():
        person = add_young_person(name="Jordan", worker=add_staff())
        person.language = "ur"
        person_id = person.id
        meeting_id = meetings.save(person, None, {"kind": "review", "date": "2026-12-01"}).id
        db.session.commit()
    staff = app.test_client()
    AuthActions(staff).sign_in_staff()
    url = f"/staff/young-people/{person_id}/meetings/{meeting_id}/letters"
    letters = staff.get(url)
    assert 'lang="ur" dir="rtl"' in letters.text, "the young person's own language first"
    assert "Dear parent or carer of Jordan" in letters.text

    letters = press(
        staff,
        letters,
        "Show the letters in these languages",
        young_person_language="ur",
        parents_language="pl",
    )
    assert "Szanowny rodzicu lub opiekunie Jordan" in letters.text
    assert "پیارے Jordan،" in letters.text
    assert "Dear colleague" in letters.text and "Dear parent" not in letters.text
    assert "http://localhost/meeting/parents?language=pl" in letters.text, "a page they can read"
    assert "wtorek 1 grudnia 2026" in letters.text, "the date in Polish too"

    issued = press(staff, letters, "Issue the letters", follow_redirects=True)
    assert "Szanowny rodzicu" in issued.text, "issuing keeps the choice"
    download = re.search(r'href="([^"]*letters\.pdf[^"]*)"', issued.text)
    assert download and "parents_language=pl" in download[1]
    pdf = PdfReader(io.BytesIO(staff.get(html.unescape(download[1])).data))
    assert "Szanowny rodzicu" in pdf.pages[1].extract_text()
    fonts = pdf.pages[0]["/Resources"]["/Font"].get_object().values()
    names = [str(font.get_object()["/BaseFont"]) for font in fonts]
    assert any("Amiri" in name for name in names), f"no font with Urdu's letters in {names}"

    forged = staff.get(url, query_string={"parents_language": "xx", "young_person_language": "<"})
    assert forged.status_code == 200 and "Dear parent or carer of Jordan" in forged.text


def test_next_meeting_is_the_next_to_come(app: Flask) -> None:
    with app.app_context():
        person = add_young_person()
        today = date(2026, 11, 24)
        for day in ("2026-10-01", "2027-01-10", "2026-12-01"):
            meetings.save(person, None, {"kind": "review", "date": day})
        assert [str(v.day) for v in meetings.meetings_of(person, today)] == [
            "2026-12-01",
            "2027-01-10",
            "2026-10-01",
        ]
        upcoming = meetings.next_meeting(person, today)
        assert upcoming and str(upcoming.day) == "2026-12-01"
        assert (
            meetings.calendar_file(upcoming, datetime(2026, 11, 24, 9)).count("BEGIN:VEVENT") == 1
        )
        db.session.commit()


def test_views_go_to_the_meeting_on_the_page(app: Flask) -> None:
    with app.app_context():
        worker = add_staff()
        person_id = add_young_person(worker=worker).id
        other_meeting = meetings.save(add_young_person("other-fox"), None, {"kind": "initial"})
        other_id = other_meeting.id
        db.session.commit()
    staff = app.test_client()
    AuthActions(staff).sign_in_staff()
    record_meeting(staff, person_id, date.today() + timedelta(days=9))
    young = app.test_client()
    AuthActions(young).sign_in_young_person()
    page = young.get("/notes/meeting")
    with app.app_context():  # a sooner review booked meanwhile (one first meeting each)
        sooner = {"kind": "review", "date": str(date.today() + timedelta(days=2))}
        meetings.save(db.session.get(YoungPerson, person_id), None, sooner)  # type: ignore[arg-type]
        db.session.commit()
    sent = young.post("/notes/meeting", data={**views_form(page), "say": "About the first"})
    assert sent.status_code == 302
    with app.app_context():
        person = db.session.get(YoungPerson, person_id)
        assert person
        first, second = sorted(meetings.meetings_of(person, date.today()), key=lambda v: v.day)[
            ::-1
        ]
        assert meetings.views_for(person, first.meeting).views["say"] == "About the first"
        assert meetings.views_for(person, second.meeting) is None
    forged = young.post(
        "/notes/meeting", data={**views_form(page), "meeting_id": other_id, "say": "x"}
    )
    assert forged.status_code == 404


def test_times_are_read_strictly_and_stored_alike(app: Flask) -> None:
    with app.app_context():
        person_id = add_young_person(worker=add_staff()).id
    staff = app.test_client()
    AuthActions(staff).sign_in_staff()
    url = f"/staff/young-people/{person_id}/meetings/new"
    for wrong in ("\u0661\u0664:\u0663\u0660", "2pm", "24:00"):
        page = staff.post(url, data={"csrf_token": csrf_token(staff.get(url)), "time": wrong})
        assert "Enter a time like 14:30" in page.text, wrong
    record_meeting(staff, person_id, date.today() + timedelta(days=3), time="9:30")
    young = app.test_client()
    AuthActions(young).sign_in_young_person()
    assert "9:30am" in young.get("/notes/meeting").text


def test_a_meeting_without_a_date_yet_can_still_get_views(app: Flask) -> None:
    with app.app_context():
        person = add_young_person(worker=add_staff())
        person_id = person.id
        meetings.save(person, None, {"kind": "initial", "anchor": "2026-11-20", "date": ""})
        db.session.commit()
    young = app.test_client()
    AuthActions(young).sign_in_young_person()
    page = young.get("/notes/meeting")
    assert "The date isn't fixed yet" in page.text
    saved = young.post("/notes/meeting", data={**views_form(page), "say": "Early thoughts"})
    assert saved.status_code == 302
    assert young.get("/notes/meeting/calendar.ics").status_code == 404
    staff = app.test_client()
    AuthActions(staff).sign_in_staff()
    listing = staff.get(f"/staff/young-people/{person_id}/meetings").text
    assert "Invitations are due within 48 hours of booking" in listing
    assert "Nothing sent yet" in listing  # saved, not sent


def test_calendar_text_cannot_add_lines(app: Flask) -> None:
    with app.app_context():
        person = add_young_person()
        meeting = meetings.save(
            person,
            None,
            {"date": "2026-12-01", "venue": "Room 1\r\nATTENDEE:x\rDESCRIPTION:y, z; w"},
        )
        details = meetings.details_of(meeting)
        text = meetings.calendar_file(details, datetime(2026, 11, 24, 9), with_place=True)
        without = meetings.calendar_file(details, datetime(2026, 11, 24, 9))
        db.session.commit()
    assert "LOCATION" not in without  # the place only when the young person chooses it
    location = next(line for line in text.split("\r\n") if line.startswith("LOCATION:"))
    assert location == "LOCATION:Room 1\\nATTENDEE:x\\nDESCRIPTION:y\\, z\\; w"
    assert "\r\nATTENDEE" not in text


def test_invitations_count_from_the_booking_date_not_from_when_it_was_typed(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Agreed Wed 16 Dec 2026 and booked Thu 17 Dec: invitations are due Fri 18 Dec (Thu +
    48 hours is Sat 19: the Friday before), whatever day the worker types it in."""
    monkeypatch.setattr(clock, "today", lambda: date(2026, 12, 21))
    with app.app_context():
        person_id = add_young_person(worker=add_staff()).id
    staff = app.test_client()
    AuthActions(staff).sign_in_staff()
    page = staff.get(f"/staff/young-people/{person_id}/meetings/new")
    fields = {
        "anchor_day": "16",
        "anchor_month": "12",
        "anchor_year": "2026",
        "day_day": "30",
        "day_month": "12",
        "day_year": "2026",
    }
    missing = press(staff, page, "Save meeting", **fields)
    assert "Enter the date booked" in missing.text
    early = press(
        staff,
        page,
        "Save meeting",
        booked_day="15",
        booked_month="12",
        booked_year="2026",
        **fields,
    )
    assert "The date booked can&#39;t be before the date it was agreed" in early.text
    assert (
        press(
            staff,
            page,
            "Save meeting",
            booked_day="17",
            booked_month="12",
            booked_year="2026",
            **fields,
        ).status_code
        == 302
    )
    listing = staff.get(f"/staff/young-people/{person_id}/meetings").text
    assert "Booked on Thursday 17 December 2026" in listing
    row = listing[listing.index("Send the invitations") :]
    assert row.index("Friday 18 December 2026") < row.index("</tr>")
    assert "two calendar days" in listing  # how "48 hours" is read, on the page
    assert "more than 1 working day after" not in listing


def test_a_first_meeting_booked_late_is_flagged(app: Flask) -> None:
    # Agreed Fri 18 Dec 2026: booking by Mon 21 Dec is on time, Tue 22 Dec is late.
    with app.app_context():
        person = add_young_person()
        details = {"kind": "initial", "anchor": "2026-12-18", "date": "2027-01-05"}
        on_time = meetings.save(person, None, {**details, "booked": "2026-12-21"})
        late = meetings.save(person, None, {**details, "booked": "2026-12-22"})
        assert not meetings.details_of(on_time).booked_late
        assert meetings.details_of(late).booked_late
        db.session.commit()


def test_a_meeting_later_than_allowed_is_flagged(app: Flask) -> None:
    # Agreed Mon 16 Nov 2026: held by Mon 30 Nov, the 10th working day after.
    with app.app_context():
        person = add_young_person()
        details = {"kind": "initial", "anchor": "2026-11-16"}
        on_time = meetings.save(person, None, {**details, "date": "2026-11-30"})
        late = meetings.save(person, None, {**details, "date": "2026-12-01"})
        assert not meetings.details_of(on_time).later_than_allowed
        assert meetings.details_of(late).later_than_allowed
        assert not meetings.details_of(meetings.save(person, None, details)).later_than_allowed
        db.session.commit()


def test_the_calendar_file_is_proper_ics_with_a_time_zone_and_no_sneaky_line_breaks(
    app: Flask,
) -> None:
    from datetime import datetime

    import icalendar

    from safetyplan.core.db import utcnow

    with app.app_context():
        person = add_young_person()
        meeting = meetings.save(
            person,
            None,
            {
                "kind": "initial",
                "anchor": "2026-11-20",
                "date": "2026-12-01",
                "time": "14:30",
                "venue": "Room 2\u2028BEGIN:VEVENT\u0085" + "Riverside Centre, Long Road " * 4,
            },
        )
        text = meetings.calendar_file(meetings.details_of(meeting), utcnow())
    assert "\u2028" not in text and "\u0085" not in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))  # folded
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/London" in text
    parsed = icalendar.Calendar.from_ical(text)
    events = list(parsed.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert str(event["SUMMARY"]) == "Appointment"
    start = event.decoded("DTSTART")
    assert start == datetime(2026, 12, 1, 14, 30, tzinfo=start.tzinfo)
    assert start.utcoffset().total_seconds() == 0  # GMT in December


def test_views_changed_on_another_phone_are_shown_again_before_sending(app: Flask) -> None:
    with app.app_context():
        person = add_young_person(worker=add_staff())
        meetings.save(person, None, {"kind": "initial", "anchor": "2026-11-20", "date": ""})
        db.session.commit()
    phone, tablet = app.test_client(), app.test_client()
    AuthActions(phone).sign_in_young_person()
    AuthActions(tablet).sign_in_young_person()
    to_check = press(phone, phone.get("/notes/meeting"), "Continue", say="First words")
    check = phone.get(to_check.headers["Location"])
    press(tablet, tablet.get("/notes/meeting"), "Save, don't send yet", say="Second words")
    refused = press(phone, check, "Send to my worker")
    assert refused.status_code == 200 and "This changed while you had it open" in refused.text
    assert "Second words" in refused.text
    with app.app_context():
        assert db.session.scalars(select(MeetingViews)).one().sent_at is None
    press(phone, refused, "Send to my worker")
    with app.app_context():
        assert db.session.scalars(select(MeetingViews)).one().sent_views["say"] == "Second words"


def test_a_meeting_date_that_cannot_be_right_is_refused(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by the review: a meeting before the day it was agreed, on a Saturday, or
    booked on a day still to come, was saved without a word."""
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 20))
    with app.app_context():
        person_id = add_young_person(worker=add_staff()).id
    staff = app.test_client()
    AuthActions(staff).sign_in_staff()
    page = staff.get(f"/staff/young-people/{person_id}/meetings/new")
    agreed = {"anchor_day": "16", "anchor_month": "11", "anchor_year": "2026"}
    booked = {"booked_day": "17", "booked_month": "11", "booked_year": "2026"}

    def saving(day: str, **fields: str) -> str:
        dated = {"day_day": day, "day_month": "12", "day_year": "2026"}
        return press(staff, page, "Save meeting", **{**agreed, **booked, **dated, **fields}).text

    assert "is not a working day" in saving("5")  # Saturday 5 December
    assert "before the date it was agreed or booked" in saving("1", day_month="11")
    assert "must be today or earlier" in saving("4", booked_day="25")
    assert "Meeting saved." in press(
        staff, page, "Save meeting", follow_redirects=True, day_day="4", day_month="12",
        day_year="2026", **agreed, **booked,
    ).text  # fmt: skip


def test_my_meeting_says_who_reads_the_views_and_explains_chair_and_advocate_first(
    app: Flask,
) -> None:
    with app.app_context():
        person_id = add_young_person(worker=add_staff()).id
    staff = app.test_client()
    AuthActions(staff).sign_in_staff()
    record_meeting(staff, person_id, date.today() + timedelta(days=5))
    young = app.test_client()
    AuthActions(young).sign_in_young_person()
    page = young.get("/notes/meeting")
    main = re.sub(r"<[^>]+>", " ", page.text.split("<main")[1])
    # Before a word is written: the views and the report go to the family and the meeting.
    who_reads = main.index("your parents or carers, and everyone at the meeting")
    assert who_reads < main.index("What I want to say")
    assert "report" in main[who_reads : main.index("What I want to say")]
    # "chair" is explained where it is first used.
    first_chair = main.lower().index("chair")
    assert "the person who runs the meeting" in main[first_chair : first_chair + 60]
    # So is "advocate", not only inside the closed "More about the meeting".
    first_advocate = main.lower().index("advocate")
    assert main.index("More about the meeting") > first_advocate
    assert "help you say what you think" in main[first_advocate : first_advocate + 80]

    to_check = press(young, page, "Continue", say="I want to go back to football", bring="")
    check = young.get(to_check.headers["Location"])
    assert "Not answered" in check.text and "Nobody" not in check.text
    hidden = re.findall(r'>Change<span class="visually-hidden"> ([^<]+)</span>', check.text)
    assert hidden[:2] == ["What I want to say", "Who I want to bring"]
    assert "everyone at the meeting will see your views and the report" in check.text
