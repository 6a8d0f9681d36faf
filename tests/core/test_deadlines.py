"""Deadline arithmetic. Every expected date here was worked out by hand on a calendar,
counting only Monday to Friday and skipping England and Wales bank holidays."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from safetyplan.core import deadlines, meetings
from safetyplan.core.meeting_models import Meeting


def test_bank_holidays_come_from_the_shipped_data() -> None:
    holidays = deadlines.bank_holidays()
    assert date(2026, 12, 25) in holidays
    assert date(2026, 12, 28) in holidays  # Boxing Day's substitute (26th is a Saturday)
    assert date(2027, 1, 1) in holidays
    assert date(2027, 3, 26) in holidays  # Good Friday 2027


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        # Wed 4 Nov 2026: Thu 5, Fri 6, Mon 9 ... Wed 18 is the 10th working day.
        (date(2026, 11, 4), 10, date(2026, 11, 18)),
        # Fri 18 Dec 2026: 21, 22, 23, 24 (4); skip Fri 25, weekend, Mon 28 (Boxing Day
        # substitute); 29, 30, 31 (7); skip Fri 1 Jan, weekend; Mon 4, Tue 5, Wed 6 (10).
        (date(2026, 12, 18), 10, date(2027, 1, 6)),
        # Thu 25 Mar 2027: skip Good Friday 26, weekend, Easter Monday 29; Tue 30 is the 1st,
        # then 31, 1, 2, 5, 6, 7, 8, 9, and Mon 12 Apr is the 10th.
        (date(2027, 3, 25), 10, date(2027, 4, 12)),
        # Saturday start: Mon 23 Nov 2026 is the first working day after Sat 21.
        (date(2026, 11, 21), 1, date(2026, 11, 23)),
        # Backwards from Mon 4 Jan 2027: Thu 31, Wed 30, Tue 29 (3); skip Mon 28, weekend,
        # Fri 25; Thu 24, 23, 22, Mon 21 (7); Fri 18, Thu 17, Wed 16 Dec (10).
        (date(2027, 1, 4), -10, date(2026, 12, 16)),
    ],
)
def test_working_days(start: date, count: int, expected: date) -> None:
    assert deadlines.add_working_days(start, count) == expected


def test_holidays_can_be_given_for_a_plain_calendar() -> None:
    assert deadlines.add_working_days(date(2026, 12, 24), 1, holidays=()) == date(2026, 12, 25)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 11, 30), 3, date(2027, 2, 28)),  # no 30 Feb; 2027 is not a leap year
        (date(2027, 11, 30), 3, date(2028, 2, 29)),  # 2028 is a leap year
        (date(2026, 10, 15), 3, date(2027, 1, 15)),  # across the year end
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert deadlines.add_months(start, months) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 25), date(2026, 11, 25)),  # a Wednesday is itself
        (date(2026, 11, 29), date(2026, 11, 27)),  # Sunday: the Friday before
        (date(2027, 1, 2), date(2026, 12, 31)),  # Saturday; Fri 1 Jan is a bank holiday
        (date(2026, 12, 28), date(2026, 12, 24)),  # Boxing Day substitute, weekend, Christmas
    ],
)
def test_working_day_on_or_before(day: date, expected: date) -> None:
    assert deadlines.working_day_on_or_before(day) == expected


def test_initial_meeting_deadlines_over_christmas() -> None:
    agreed = date(2026, 12, 18)
    due = {d.what.split(" (")[0]: d for d in deadlines.initial_meeting(agreed, None)}
    assert "Send the invitations" not in due  # nothing to invite anyone to until it is booked
    assert due["Hold the meeting"].due == date(2027, 1, 6)
    # With no date booked yet, the latest allowed date is used: chair talks 1-5 Jan.
    chair = due["Chair talks with the worker"]
    assert (chair.earliest, chair.due) == (date(2027, 1, 1), date(2027, 1, 5))
    # 48 hours before Wed 6 Jan is Mon 4 Jan, a working day.
    assert due["Share the report with the young person and family"].due == date(2027, 1, 4)


@pytest.mark.parametrize(
    ("booked", "expected"),
    [
        (date(2026, 12, 15), date(2026, 12, 17)),  # Tue + 48 hours = Thu
        (date(2026, 12, 18), date(2026, 12, 18)),  # Fri + 48 hours = Sun: due that Friday
        (date(2026, 12, 23), date(2026, 12, 24)),  # Wed + 48 hours = Christmas Day: Thu 24
        (date(2026, 11, 16), date(2026, 11, 18)),  # Mon + 48 hours = Wed
        # Christmas Eve (Thu) + 48 hours = Sat 26; Fri 25 is Christmas Day: due Thu 24 itself.
        (date(2026, 12, 24), date(2026, 12, 24)),
    ],
)
def test_invitations_are_due_48_hours_after_booking(booked: date, expected: date) -> None:
    items = deadlines.initial_meeting(date(2026, 12, 14), date(2027, 1, 6), booked)
    assert items[0].what.startswith("Send the invitations")
    assert items[0].due == expected


def test_review_meeting_deadlines() -> None:
    review = deadlines.review_meeting(date(2026, 10, 15), date(2027, 1, 4))
    due = {d.what.split(" (")[0]: d.due for d in review}
    assert due["Hold the review"] == date(2027, 1, 15)  # Fri 15 Jan, 3 months on
    assert due["Send the invitations"] == date(2026, 12, 7)  # 4 weeks before Mon 4 Jan
    assert due["Chair talks with the worker"] == date(2026, 12, 16)
    # 48 hours before Mon 4 Jan is Sat 2 Jan; Fri 1 Jan is a bank holiday: Thu 31 Dec.
    assert due["Share the report with the young person and family"] == date(2026, 12, 31)


def test_review_held_by_moves_off_a_weekend() -> None:
    # 3 months after Thu 13 Nov 2025 is Fri 13 Feb 2026; after Sat 15 Nov 2025 it would be
    # Sun 15 Feb 2026, so the review is due by Fri 13 Feb.
    due = {d.what.split(" (")[0]: d.due for d in deadlines.review_meeting(date(2025, 11, 15), None)}
    assert due["Hold the review"] == date(2026, 2, 13)


def review_on(day: date) -> meetings.MeetingDetails:
    return meetings.MeetingDetails(
        Meeting(), "review", day, None, "", False, "", day - timedelta(weeks=8), None
    )


def test_dates_beyond_the_shipped_bank_holidays_are_flagged() -> None:
    known_until = deadlines.holidays_known_until()
    assert known_until >= date(2027, 12, 27)
    assert not review_on(date(2027, 3, 1)).beyond_known_holidays
    assert review_on(known_until + timedelta(days=400)).beyond_known_holidays


def test_overdue_only_while_the_meeting_is_still_to_come() -> None:
    item = deadlines.Deadline("x", date(2026, 11, 20))
    assert item.state(date(2026, 11, 24), date(2026, 12, 1)) == "overdue"
    assert item.state(date(2026, 11, 24), date(2026, 11, 23)) == "passed"
    assert item.state(date(2026, 11, 19), date(2026, 12, 1)) == "to do"


def initial(agreed: date, booked: date) -> meetings.MeetingDetails:
    return meetings.MeetingDetails(
        Meeting(), "initial", None, None, "", False, "", anchor=agreed, booked=booked
    )


@pytest.mark.parametrize(
    ("agreed", "booked", "late"),
    [
        (date(2026, 11, 18), date(2026, 11, 19), False),  # Wed, booked Thu: the next day
        (date(2026, 11, 18), date(2026, 11, 20), True),  # Wed, booked Fri: 2 working days
        (date(2026, 11, 20), date(2026, 11, 23), False),  # Fri, booked Mon: 1 working day
        # Agreed Christmas Eve (Thu): Fri 25 and Mon 28 are bank holidays, so Tue 29 Dec is
        # the next working day and Wed 30 Dec is late.
        (date(2026, 12, 24), date(2026, 12, 29), False),
        (date(2026, 12, 24), date(2026, 12, 30), True),
    ],
)
def test_booking_more_than_a_working_day_after_agreement_is_flagged(
    agreed: date, booked: date, late: bool
) -> None:
    assert initial(agreed, booked).booked_late is late


def test_a_first_meeting_agreed_on_christmas_eve() -> None:
    # Thu 24 Dec 2026: 29, 30, 31 Dec (3); skip Fri 1 Jan; 4-8 Jan (8); 11, 12 Jan (10).
    due = {
        d.what.split(" (")[0]: d.due
        for d in deadlines.initial_meeting(date(2026, 12, 24), None, date(2026, 12, 29))
    }
    assert due["Hold the meeting"] == date(2027, 1, 12)
    assert due["Send the invitations"] == date(2026, 12, 31)  # Tue 29 + 48 hours = Thu 31
