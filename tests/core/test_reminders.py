"""When the plan's home page nudges the young person to look at their plan."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from safetyplan.core import reminders

TODAY = date(2026, 11, 28)


def person(review: date | None = None, changed: datetime | None = None) -> tuple[Any, ...]:
    return review, changed, TODAY


def test_a_review_in_the_next_two_weeks_comes_first() -> None:
    soon = person(date(2026, 12, 12), datetime(2026, 1, 1))
    assert reminders.for_plan_home(*soon) == reminders.Reminder(review_on=date(2026, 12, 12))


def test_a_plan_unchanged_for_eight_weeks() -> None:
    quiet = person(date(2026, 12, 13), datetime(2026, 10, 3, 9))
    assert reminders.for_plan_home(*quiet) == reminders.Reminder(unchanged_since=date(2026, 10, 3))
    assert reminders.for_plan_home(*person(changed=datetime(2026, 10, 4))) is None


def test_no_nudge_for_a_past_review_or_a_new_plan() -> None:
    assert reminders.for_plan_home(*person(date(2026, 11, 27))) is None
    assert reminders.for_plan_home(*person()) is None
