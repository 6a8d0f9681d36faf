"""Process deadlines for multi-agency meetings, in working days that skip weekends and
England and Wales bank holidays. Pure functions; no Flask, no network.

Bank holidays come from the data shipped inside the govuk-bank-holidays package (its cached
copy of the GOV.UK feed), so nothing is fetched at run time."""

from __future__ import annotations

import calendar
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from govuk_bank_holidays.bank_holidays import BankHolidays


@cache
def bank_holidays() -> frozenset[date]:
    data = BankHolidays(use_cached_holidays=True)
    return frozenset(
        holiday["date"] for holiday in data.get_holidays(division=BankHolidays.ENGLAND_AND_WALES)
    )


def is_working_day(day: date, holidays: Collection[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: date, count: int, holidays: Collection[date] | None = None) -> date:
    """The working day `count` working days after (or, if negative, before) `start`."""
    holidays = bank_holidays() if holidays is None else holidays
    step = 1 if count >= 0 else -1
    day, left = start, abs(count)
    while left:
        day += timedelta(days=step)
        if is_working_day(day, holidays):
            left -= 1
    return day


def working_day_on_or_before(day: date, holidays: Collection[date] | None = None) -> date:
    """For "at least 48 hours before" and "within 48 hours": when the time runs out on a
    weekend or bank holiday, the work is due on the working day before."""
    holidays = bank_holidays() if holidays is None else holidays
    while not is_working_day(day, holidays):
        day -= timedelta(days=1)
    return day


def holidays_known_until() -> date:
    """The shipped bank-holiday data ends here; later dates are counted without holidays."""
    return max(bank_holidays())


def add_months(start: date, months: int) -> date:
    """Same day of the month, `months` later; the month's last day if it is shorter."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Deadline:
    what: str
    due: date
    earliest: date | None = None  # for a window, like the chair's talk before a meeting
    is_meeting: bool = False  # the latest date to hold the meeting itself
    key: str = ""  # which rule: "invitations", "hold", "chair" or "report"

    def state(self, today: date, meeting_day: date | None) -> str:
        """ "overdue" when the date has passed and the meeting is still to come."""
        if self.due < today and (meeting_day is None or meeting_day >= today):
            return "overdue"
        return "passed" if self.due < today else "to do"


def _report_to_family(day: date, holidays: Collection[date] | None) -> Deadline:
    return Deadline(
        "Share the report with the young person and family (48 hours before)",
        working_day_on_or_before(day - timedelta(days=2), holidays),
        key="report",
    )


def initial_meeting(
    agreed_on: date,
    meeting_day: date | None,
    booked_on: date | None = None,
    holidays: Collection[date] | None = None,
) -> list[Deadline]:
    """An initial meeting: held within 10 working days of being agreed; invitations within
    48 hours of booking (once it is booked); the chair talks with the worker in the 5 days
    before; reports reach the family at least 48 hours before."""
    held_by = add_working_days(agreed_on, 10, holidays)
    day = meeting_day or held_by
    invitations = (
        [
            Deadline(
                "Send the invitations (within 48 hours of booking)",
                working_day_on_or_before(booked_on + timedelta(days=2), holidays),
                key="invitations",
            )
        ]
        if booked_on
        else []
    )
    return [
        *invitations,
        Deadline(
            "Hold the meeting (within 10 working days of it being agreed)",
            held_by,
            is_meeting=True,
            key="hold",
        ),
        Deadline(
            "Chair talks with the worker (in the 5 days before)",
            day - timedelta(days=1),
            earliest=day - timedelta(days=5),
            key="chair",
        ),
        _report_to_family(day, holidays),
    ]


def review_meeting(
    previous_on: date, meeting_day: date | None, holidays: Collection[date] | None = None
) -> list[Deadline]:
    """A review: held within 3 months of the last meeting; invitations at least 4 weeks
    before; the chair talks with the worker at least 10 working days before; reports reach
    the family at least 48 hours before."""
    held_by = working_day_on_or_before(add_months(previous_on, 3), holidays)
    day = meeting_day or held_by
    return [
        Deadline(
            "Send the invitations (at least 4 weeks before)",
            working_day_on_or_before(day - timedelta(weeks=4), holidays),
            key="invitations",
        ),
        Deadline(
            "Hold the review (within 3 months of the last meeting)",
            held_by,
            is_meeting=True,
            key="hold",
        ),
        Deadline(
            "Chair talks with the worker (at least 10 working days before)",
            add_working_days(day, -10, holidays),
            key="chair",
        ),
        _report_to_family(day, holidays),
    ]
