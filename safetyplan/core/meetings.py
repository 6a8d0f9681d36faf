"""Multi-agency meetings: their (encrypted) details, which comes next, a calendar file,
the young person's views. No Flask request state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from typing import Any

from icalendar import Calendar, Event
from sqlalchemy import select

from . import (
    deadlines,
    meeting_models,  # noqa: F401  (its tables are part of every meeting)
)
from .clock import LONDON
from .db import db, utcnow
from .meeting_models import Meeting, MeetingViews
from .models import YoungPerson
from .words import N_

KINDS = {"initial": N_("First meeting"), "review": N_("Review meeting")}
ATTEND = {
    "all": N_("All of it"),
    "part": N_("Part of it"),
    "none": N_("None of it: I'll share my views another way"),
    "unsure": N_("I'm not sure yet"),
}
SHARE_HOW = {
    "letter": N_("Write a letter or my views here"),
    "advocate": N_("Through an advocate (someone whose job is to speak up for me)"),
    "trusted_adult": N_("Through a trusted adult, like a teacher"),
    "chair_phone": N_("Talk to the chair on the phone"),
    "chair_in_person": N_("Talk to the chair in person"),
}


# "48 hours" in the guide, as every deadline here reads it (deadlines.working_day_on_or_before).
FORTY_EIGHT_HOURS = (
    "We read \u201c48 hours\u201d as two calendar days: when they end on a weekend or bank "
    "holiday, the task is due on the last working day before."
)


@dataclass(frozen=True)
class Move:
    """One rearrangement: the date it moved from, to, why, and when that was decided."""

    was: date | None
    now: date | None
    reason: str
    on: date | None


@dataclass(frozen=True)
class MeetingDetails:
    meeting: Meeting
    kind: str
    day: date | None
    at: time | None
    venue: str
    online: bool
    chair: str
    anchor: date | None  # the date agreed (first meeting) or of the last meeting (review)
    booked: date | None  # the day it was booked: invitations are counted from it
    cancelled_reason: str = ""
    moves: tuple[Move, ...] = ()
    late_reason: str = ""
    manager_told_on: date | None = None
    previous: Meeting | None = None  # the meeting a review follows, when recorded here
    outcome: dict[str, Any] | None = None  # what was decided, once recorded (meeting_outcome)

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, "Meeting")

    @property
    def place(self) -> str:
        return N_("Online") if self.online else self.venue

    @property
    def cancelled(self) -> bool:
        return self.meeting.state == "cancelled"

    @cached_property
    def deadlines(self) -> list[deadlines.Deadline]:
        if self.anchor is None:
            return []
        if self.kind == "review":
            return deadlines.review_meeting(self.anchor, self.day)
        return deadlines.initial_meeting(self.anchor, self.day, self.booked)

    @property
    def later_than_allowed(self) -> bool:
        """The meeting's date is after the latest date it should be held by."""
        return self.day is not None and any(
            deadline.is_meeting and self.day > deadline.due for deadline in self.deadlines
        )

    @property
    def booked_late(self) -> bool:
        """A first meeting booked more than 1 working day after it was agreed: the guide
        asks for it to be booked within 24 hours."""
        return (
            self.kind == "initial"
            and self.anchor is not None
            and self.booked is not None
            and self.booked > deadlines.add_working_days(self.anchor, 1)
        )

    @property
    def beyond_known_holidays(self) -> bool:
        """Some deadline falls after the shipped bank-holiday data ends."""
        known_until = deadlines.holidays_known_until()
        return any(deadline.due > known_until for deadline in self.deadlines)


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def parse_time(value: Any) -> time | None:
    try:
        return time.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def previous_of(meeting: Meeting) -> Meeting | None:
    """The meeting a review follows, if it is the same young person's."""
    if not meeting.reviews_id:
        return None
    previous = db.session.get(Meeting, meeting.reviews_id)
    return previous if previous and previous.young_person_id == meeting.young_person_id else None


def details_of(meeting: Meeting) -> MeetingDetails:
    details = meeting.details or {}
    anchor = _date(details.get("anchor"))
    previous = previous_of(meeting)
    if previous is not None:
        anchor = _date((previous.details or {}).get("date")) or anchor
    return MeetingDetails(
        meeting=meeting,
        kind=details.get("kind", "initial"),
        day=_date(details.get("date")),
        at=parse_time(details.get("time")),
        venue=details.get("venue", ""),
        online=bool(details.get("online")),
        chair=details.get("chair", ""),
        anchor=anchor,
        booked=_date(details.get("booked")),
        cancelled_reason=details.get("cancelled_reason", ""),
        moves=tuple(
            Move(
                _date(move.get("was")),
                _date(move.get("now")),
                move.get("reason", ""),
                _date(move.get("on")),
            )
            for move in details.get("moves", [])
        ),
        late_reason=details.get("late_reason", ""),
        manager_told_on=_date(details.get("manager_told_on")),
        previous=previous,
        outcome=outcome_in(details),
    )


def outcome_in(details: dict[str, Any]) -> dict[str, Any] | None:
    """What was decided, from a meeting's opened details: read with the rest of them, so a
    list of meetings opens each once."""
    found = details.get("outcome")
    return found if isinstance(found, dict) else None


def meetings_of(person: YoungPerson, today: date) -> list[MeetingDetails]:
    """Every meeting, the next one to come first, then the rest newest first."""
    listed = [
        details_of(meeting)
        for meeting in db.session.scalars(
            select(Meeting).where(Meeting.young_person_id == person.id)
        )
    ]
    upcoming = sorted((v for v in listed if v.day and v.day >= today), key=lambda v: v.day or today)
    others = sorted(
        (v for v in listed if v not in upcoming), key=lambda v: v.day or date.min, reverse=True
    )
    return upcoming + others


def next_meeting(person: YoungPerson, today: date) -> MeetingDetails | None:
    """The next dated meeting still on; failing that, the newest one waiting for a date."""
    listed = [details for details in meetings_of(person, today) if not details.cancelled]
    if listed and listed[0].day and listed[0].day >= today:
        return listed[0]
    undated = [details for details in listed if details.day is None]
    return max(undated, key=lambda details: details.meeting.created_at) if undated else None


def first_meeting_of(person: YoungPerson, today: date) -> MeetingDetails | None:
    """The young person's first meeting, booked or held and not cancelled: there is one, and
    every later meeting is a review."""
    return next(
        (v for v in meetings_of(person, today) if v.kind == "initial" and not v.cancelled), None
    )


def others_of(person: YoungPerson, meeting: Meeting | None) -> list[MeetingDetails]:
    """The young person's other dated meetings, newest first: what a review may follow."""
    return [
        details
        for details in meetings_of(person, date.max)
        if details.day and details.meeting is not meeting and not details.cancelled
    ]


def save(
    person: YoungPerson,
    meeting: Meeting | None,
    details: dict[str, Any],
    reviews: Meeting | None = None,
) -> Meeting:
    """Save a meeting's details over what it holds (its history stays). `booked` is the day
    the worker booked it, as they say: invitations are due 48 hours after that."""
    meeting = meeting or Meeting(young_person=person)
    meeting.reviews_id = reviews.id if reviews is not None else None
    # Set before it joins the session: no half-made row is flushed.
    meeting.details = {**(meeting.details or {}), **details}
    meeting.updated_at = utcnow()
    db.session.add(meeting)
    db.session.flush()
    return meeting


def views_for(person: YoungPerson, meeting: Meeting) -> MeetingViews | None:
    return db.session.scalar(
        select(MeetingViews).where(
            MeetingViews.young_person_id == person.id, MeetingViews.meeting_id == meeting.id
        )
    )


def save_views(
    person: YoungPerson, meeting: Meeting, views: dict[str, Any], send: bool
) -> MeetingViews:
    """Save the young person's draft; when they choose to send, it becomes what the worker
    sees. A later draft stays private until it is sent too."""
    row = views_for(person, meeting) or MeetingViews(young_person=person, meeting_id=meeting.id)
    row.views = views
    row.updated_at = utcnow()
    if send:
        row.sent_views = views
        row.sent_at = row.updated_at
    db.session.add(row)
    db.session.flush()
    return row


# Characters some calendar apps treat as line breaks although RFC 5545 does not: folded into
# spaces so that no text the worker typed can look like a new line of the file.
_LINE_BREAKS = str.maketrans({"\u2028": " ", "\u2029": " ", "\u0085": " ", "\x0b": " "})


def calendar_file(details: MeetingDetails, now: datetime, with_place: bool = False) -> str:
    """An .ics event with a neutral title, in UK local time, made with the icalendar
    library (RFC 5545: escaped text, folded lines, the time zone spelled out). The place is
    left out unless the young person chooses it: a venue can say what the meeting is. With no
    time set it is an all-day event (a date, no clock time), never a time made up."""
    day = details.day or now.date()
    event = Event()
    event.add("uid", f"{details.meeting.id}@mynotes")
    event.add("dtstamp", now.replace(tzinfo=UTC))
    if details.at is None:
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))  # the end date is the day after, exclusive
    else:
        event.add("dtstart", datetime.combine(day, details.at, tzinfo=LONDON))
        event.add("duration", timedelta(hours=2))
    event.add("summary", "Appointment")
    if with_place and details.place:
        event.add("location", details.place.translate(_LINE_BREAKS))
    calendar = Calendar()
    calendar.add("prodid", "-//My notes//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    text: str = calendar.to_ical().decode()
    return text
