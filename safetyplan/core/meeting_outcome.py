"""After the meeting: who came, what was decided, who does what, and the next review booked
there; and the plain words the young person and their parents read about it. Sealed with
the meeting's other details. No Flask."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from . import meetings
from .db import db
from .meeting_life import update_details
from .meeting_models import Meeting
from .models import YoungPerson

OUTCOMES = {
    "cse_plan": "A CSE plan, reviewed at the next meeting",
    "child_in_need": "Child in Need support",
    "cp_conference": "A referral to a child protection conference",
    "plan_ends": "The plan ends: the risk has gone down",
}
# What the worker's summaries start from: short, plain, about the young person.
FOR_YOUNG_PERSON = (
    "At the meeting we talked about how things are going for you.\n"
    "What you told us: \n"
    "What we agreed: \n"
    "What happens next: "
)
FOR_PARENTS = (
    "At the meeting we talked about how things are going for your child.\n"
    "What we agreed: \n"
    "How you can help: \n"
    "What happens next: "
)


def record(meeting: Meeting, outcome: dict[str, Any], today: date) -> None:
    update_details(meeting, outcome={**outcome, "recorded_on": today.isoformat()})


def outcome_of(meeting: Meeting) -> dict[str, Any] | None:
    return meetings.outcome_in(meeting.details or {})


def book_review(meeting: Meeting, day: date, today: date) -> Meeting:
    """The next review, booked at the meeting: it follows this one, so its 3 months count
    from this meeting's date. Booked once: saving the outcome again with another date moves
    that review rather than booking a second."""
    booked = db.session.scalar(
        select(Meeting).where(
            Meeting.young_person_id == meeting.young_person_id,
            Meeting.reviews_id == meeting.id,
            Meeting.state != "cancelled",
        )
    )
    if booked is not None:
        return meetings.save(meeting.young_person, booked, {"date": day.isoformat()}, meeting)
    return meetings.save(
        meeting.young_person,
        None,
        {"kind": "review", "date": day.isoformat(), "booked": today.isoformat()},
        reviews=meeting,
    )


def outcome_problems(held_on: date | None, next_review: date | None, today: date) -> dict[str, str]:
    """What stops an outcome being recorded, by the field to fix: a meeting that has not
    happened yet, and a next review that is not after both the meeting and today."""
    problems = {}
    if held_on is None or held_on > today:
        when = f"on {held_on.day} {held_on:%B %Y}" if held_on else "not dated yet"
        problems["result"] = f"Record what was decided once the meeting has happened: it is {when}"
    elif next_review is not None and next_review <= max(held_on, today):
        problems["review_day"] = "The next review must be after the meeting and after today"
    return problems


@dataclass(frozen=True)
class Decided:
    meeting: meetings.MeetingDetails
    words: str  # the worker's words for the young person
    said: str  # what the young person sent for that meeting, if anything


def last_decided(person: YoungPerson, today: date) -> Decided | None:
    """The most recent meeting held with words for the young person about what was
    decided, beside what they said for it; or None."""
    held = [
        (details, words)
        for details in meetings.meetings_of(person, today)
        if details.day
        and details.day <= today
        and (words := (details.outcome or {}).get("for_young_person"))
    ]
    if not held:
        return None
    details, words = max(held, key=lambda pair: pair[0].day or today)
    views = meetings.views_for(person, details.meeting)
    said = (views.sent_views or {}).get("say", "") if views and views.sent_views else ""
    return Decided(details, words, said)
