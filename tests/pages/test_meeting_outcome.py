"""After the meeting: the worker records who came, the outcome, actions and the words for
the young person and parents, books the next review; the young person reads what was decided
beside what they said."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Flask
from sqlalchemy import select

from safetyplan.core import meetings
from safetyplan.core.meeting_models import Meeting
from safetyplan.web.extensions import db

from ..conftest import AuthActions, date_fields, press
from ..meetings import add_meeting, book_meeting, signed_in_worker


def test_the_outcome_is_recorded_and_the_young_person_reads_what_was_decided(app: Flask) -> None:
    held = date.today() - timedelta(days=1)
    with app.app_context():
        person, meeting = add_meeting({"kind": "initial", "date": str(held)})
        meetings.save_views(person, meeting, {"say": "I want to keep my phone"}, send=True)
        db.session.commit()
        person_id, meeting_id = person.id, meeting.id
    staff = signed_in_worker(app)
    listing = staff.get(f"/staff/young-people/{person_id}/meetings")
    url = f"/staff/young-people/{person_id}/meetings/{meeting_id}/outcome"
    assert f'href="{url}"' in listing.text
    page = staff.get(url)
    assert "What we agreed:" in page.text  # the summaries start from a short template
    forged = press(staff, page, "Save outcome", result="not-an-outcome")
    assert forged.status_code == 200 and "Choose what was decided" in forged.text
    ends = press(staff, page, "Save outcome", result="plan_ends", police_information="")
    assert ends.status_code == 200 and "only when the police agree" in ends.text
    review = date.today() + timedelta(weeks=12)
    saved = press(
        staff,
        page,
        "Save outcome",
        attended="Alex, Sam (worker), PC Shah, Ms Ode (school)",
        result="cse_plan",
        actions="Sam: bus pass by Friday",
        for_young_person="We agreed you keep your phone, and Sam sorts your bus pass.",
        **date_fields("review", review),
    )
    assert saved.status_code == 302
    with app.app_context():
        booked = db.session.scalars(select(Meeting).where(Meeting.reviews_id == meeting_id)).one()
        details = meetings.details_of(booked)
        assert details.kind == "review" and details.day == review
        assert details.booked == date.today()

    young = app.test_client()
    AuthActions(young).sign_in_young_person()
    mine = young.get("/notes/meeting").text
    assert "What was decided at your meeting" in mine
    assert "I want to keep my phone" in mine and "Sam sorts your bus pass" in mine


def test_a_letter_to_parents_says_what_was_decided(app: Flask) -> None:
    person_id, meeting_id = book_meeting(app, {"kind": "initial", "date": "2026-11-27"})
    staff = signed_in_worker(app)
    url = f"/staff/young-people/{person_id}/meetings/{meeting_id}/outcome"
    letter_url = url + "/letter"
    assert staff.get(letter_url).headers["Location"] == url  # nothing to say yet
    assert letter_url not in staff.get(url).text
    press(
        staff,
        staff.get(url),
        "Save outcome",
        result="child_in_need",
        for_parents="What we agreed: Alex gets Child in Need support.\nHow you can help: ...",
    )
    outcome = staff.get(url).text
    assert f'href="{letter_url}"' in outcome
    letter = staff.get(letter_url).text
    assert "Dear parent or carer of Alex" in letter
    assert "on Friday 27 November 2026. This is what was decided." in letter
    assert "What we agreed: Alex gets Child in Need support.<br>How you can help" in letter
    assert f"{date.today():%B %Y}" in letter  # dated the day the outcome was recorded
    assert "PACE (Parents Against Child Exploitation), https://paceuk.info/" in letter
    assert "Yours sincerely,<br>Sam Worker" in letter


def test_an_outcome_waits_for_the_meeting_and_books_one_review(app: Flask) -> None:
    """Found by the review: an outcome could be saved before the meeting, a review booked
    before the meeting it reviews, and saving again booked a second review."""
    coming = date.today() + timedelta(days=10)
    person_id, meeting_id = book_meeting(app, {"kind": "initial", "date": str(coming)})
    staff = signed_in_worker(app)
    url = f"/staff/young-people/{person_id}/meetings/{meeting_id}/outcome"
    early = press(staff, staff.get(url), "Save outcome", result="cse_plan")
    assert early.status_code == 200
    assert "once the meeting has happened: it is on" in early.text

    with app.app_context():
        held = db.session.get(Meeting, meeting_id)
        assert held is not None
        meetings.save(held.young_person, held, {"date": str(date.today() - timedelta(days=1))})
        db.session.commit()
    page = staff.get(url)
    past = press(
        staff, page, "Save outcome", result="cse_plan", **date_fields("review", date.today())
    )
    assert past.status_code == 200 and "must be after the meeting and after today" in past.text

    first, moved = (date.today() + timedelta(weeks=weeks) for weeks in (12, 13))
    assert (
        press(
            staff, page, "Save outcome", result="cse_plan", **date_fields("review", first)
        ).status_code
        == 302
    )
    again = press(
        staff, staff.get(url), "Save outcome", result="cse_plan", **date_fields("review", moved)
    )
    assert again.status_code == 302
    with app.app_context():
        reviews = db.session.scalars(select(Meeting).where(Meeting.reviews_id == meeting_id)).all()
        assert [meetings.details_of(review).day for review in reviews] == [moved]
