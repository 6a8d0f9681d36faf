"""Gentle nudges to look at the plan, shown on its home page: no push messages, no e-mail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

REVIEW_SOON = timedelta(days=14)
QUIET_FOR = timedelta(weeks=8)


@dataclass(frozen=True)
class Reminder:
    review_on: date | None = None  # the worker's review is this close
    unchanged_since: date | None = None  # nobody has changed the plan since


def for_plan_home(review: date | None, changed: datetime | None, today: date) -> Reminder | None:
    """The worker's next review when it is close; else how long the plan has gone unchanged."""
    if review and today <= review <= today + REVIEW_SOON:
        return Reminder(review_on=review)
    if changed and changed.date() <= today - QUIET_FOR:
        return Reminder(unchanged_since=changed.date())
    return None
