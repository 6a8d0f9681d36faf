"""Multi-agency meetings: their (encrypted) details, which comes next, a countdown in plain
words, a calendar file, the young person's views. No Flask request state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from typing import Any

from icalendar import Calendar, Event
from sqlalchemy import select

from . import clock, deadlines
from .clock import LONDON
from .db import db, utcnow
from .models import Meeting, MeetingViews, YoungPerson

KINDS = {"initial": "First meeting", "review": "Review meeting"}
ATTEND = {
    "all": "All of it",
    "part": "Part of it",
    "none": "None of it: I'll share my views another way",
    "unsure": "I'm not sure yet",
}
SHARE_HOW = {
    "letter": "Write a letter or my views here",
    "advocate": "Through an advocate (someone whose job is to speak up for me)",
    "trusted_adult": "Through a trusted adult, like a teacher",
    "chair_phone": "Talk to the chair on the phone",
    "chair_in_person": "Talk to the chair in person",
}


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
    booked: date | None  # when the present date was set: invitations are counted from it

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, "Meeting")

    @property
    def place(self) -> str:
        return "Online" if self.online else self.venue

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
    def beyond_known_holidays(self) -> bool:
        """Some deadline falls after the shipped bank-holiday data ends."""
        known_until = deadlines.holidays_known_until()
        return any(deadline.due > known_until for deadline in self.deadlines)


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _time(value: Any) -> time | None:
    try:
        return time.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def details_of(meeting: Meeting) -> MeetingDetails:
    details = meeting.details or {}
    return MeetingDetails(
        meeting=meeting,
        kind=details.get("kind", "initial"),
        day=_date(details.get("date")),
        at=_time(details.get("time")),
        venue=details.get("venue", ""),
        online=bool(details.get("online")),
        chair=details.get("chair", ""),
        anchor=_date(details.get("anchor")),
        booked=_date(details.get("booked")),
    )


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
    """The next dated meeting; failing that, the newest one still waiting for a date."""
    listed = meetings_of(person, today)
    if listed and listed[0].day and listed[0].day >= today:
        return listed[0]
    undated = [details for details in listed if details.day is None]
    return max(undated, key=lambda details: details.meeting.created_at) if undated else None


def save(
    person: YoungPerson,
    meeting: Meeting | None,
    details: dict[str, Any],
    today: date | None = None,
) -> Meeting:
    """Save a meeting's details. It counts as booked on the day its date is set or moved,
    because the invitations are due 48 hours after that."""
    before = details_of(meeting) if meeting else None
    day = _date(details.get("date"))
    if day is None:
        booked = None
    elif before and before.day == day:
        booked = before.booked
    else:
        booked = today or clock.today()
    meeting = meeting or Meeting(young_person=person)
    # Set before it joins the session: no half-made row is flushed.
    meeting.details = {**details, "booked": booked.isoformat() if booked else ""}
    meeting.updated_at = utcnow()
    db.session.add(meeting)
    db.session.flush()
    return meeting


def countdown(day: date, today: date) -> str:
    days = (day - today).days
    if days < 0:
        return "has happened"
    return {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")


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
    left out unless the young person chooses it: a venue can say what the meeting is."""
    start = datetime.combine(details.day or now.date(), details.at or time(10, 0), tzinfo=LONDON)
    event = Event()
    event.add("uid", f"{details.meeting.id}@mynotes")
    event.add("dtstamp", now.replace(tzinfo=UTC))
    event.add("dtstart", start)
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
