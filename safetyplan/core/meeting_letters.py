"""When a meeting's letters were issued: the letters carry the date of their latest issue,
so a reprint keeps its date and a new issue is recorded. Sealed with the meeting's
details. No Flask."""

from __future__ import annotations

from datetime import date

from .meeting_life import update_details
from .models import Meeting


def issues(meeting: Meeting) -> list[date]:
    return [date.fromisoformat(day) for day in (meeting.details or {}).get("letters_issued", [])]


def issue(meeting: Meeting, today: date) -> None:
    issued = (meeting.details or {}).get("letters_issued", [])
    update_details(meeting, letters_issued=[*issued, today.isoformat()])
