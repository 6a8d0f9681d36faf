"""A meeting's life after it is booked: rearranged (with the reason kept), cancelled (with
the reason), or held later than allowed (with the reason and when the service manager was
told). No Flask."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from .db import db, utcnow
from .meeting_models import Meeting


def update_details(meeting: Meeting, **changes: Any) -> None:
    meeting.details = {**(meeting.details or {}), **changes}
    meeting.updated_at = utcnow()
    db.session.flush()


def rearrange(
    meeting: Meeting, day: date, at: time | None, booked: date, reason: str, today: date
) -> None:
    """Move the meeting to a new date, booked afresh (its invitations are counted from the
    new booking), keeping where it moved from and why."""
    details = meeting.details or {}
    move = {"was": details.get("date", ""), "now": day.isoformat(), "reason": reason}
    update_details(
        meeting,
        date=day.isoformat(),
        time=at.strftime("%H:%M") if at else "",
        booked=booked.isoformat(),
        moves=[*details.get("moves", []), {**move, "on": today.isoformat()}],
    )


def cancel(meeting: Meeting, reason: str, today: date) -> None:
    meeting.state = "cancelled"
    update_details(meeting, cancelled_reason=reason, cancelled_on=today.isoformat())


def record_lateness(meeting: Meeting, reason: str, manager_told_on: date) -> None:
    """Why the meeting is later than the guide allows, and when the service manager (who
    must be told of any delay) was told."""
    update_details(meeting, late_reason=reason, manager_told_on=manager_told_on.isoformat())
