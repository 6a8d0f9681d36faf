"""What is due this week, or overdue, across a caseload: each meeting's preparation items,
recording what was decided at each meeting held, and each plan review. A worker's own young
people, or everyone's (a manager, with an optional worker). The same few queries however
many meetings there are. No Flask."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from .db import db
from .invitations import invitation_lists
from .meeting_models import Meeting, MeetingTask
from .meetings import MeetingDetails, details_of
from .models import StaffUser, YoungPerson
from .preparation import checklist, invited_of

AHEAD = timedelta(days=7)


@dataclass(frozen=True)
class Due:
    person: YoungPerson
    what: str
    due: date
    overdue: bool
    meeting: MeetingDetails | None = None  # the meeting a task is for; None for a review
    after_meeting: bool = False  # recording what was decided, not getting ready


def _people(staff: StaffUser, worker_id: str | None) -> Select[Any]:
    query = select(YoungPerson).where(YoungPerson.active.is_(True))
    if not staff.is_manager:
        return query.where(YoungPerson.worker_id == staff.id)
    return query.where(YoungPerson.worker_id == worker_id) if worker_id else query


def due_list(staff: StaffUser, today: date, worker_id: str | None = None) -> list[Due]:
    """Overdue first, then by date: what needs doing by a week from today."""
    people = _people(staff, worker_id).subquery()
    until = today + AHEAD
    found: list[Due] = []
    for person in db.session.scalars(
        select(YoungPerson)
        .join(people, YoungPerson.id == people.c.id)
        .where(YoungPerson.next_review_on <= until)
    ):
        if review := person.next_review_on:
            found.append(Due(person, "Review the plan", review, review < today))
    meetings = list(
        db.session.scalars(
            select(Meeting)
            .join(people, Meeting.young_person_id == people.c.id)
            .where(Meeting.state != "cancelled")
            .options(joinedload(Meeting.young_person))
        )
    )
    ticks: dict[str, dict[str, MeetingTask]] = defaultdict(dict)
    for row in db.session.scalars(
        select(MeetingTask).where(MeetingTask.meeting_id.in_([m.id for m in meetings]))
    ):
        ticks[row.meeting_id][row.task] = row
    invited = invitation_lists([meeting.id for meeting in meetings])
    for meeting in meetings:
        details = details_of(meeting)
        if details.day is not None and details.day <= today and details.outcome is None:
            # Recorded on the day it is held: overdue from the day after.
            found.append(
                Due(meeting.young_person, "Record what was decided", details.day,
                    details.day < today, details, after_meeting=True)
            )  # fmt: skip
        if details.day is not None and details.day < today:
            continue  # held: what is left is for after the meeting
        for task in checklist(details, ticks[meeting.id], invited_of(meeting, invited[meeting.id])):
            state = task.state(today, details.day)
            if task.due is not None and state != "done" and task.due <= until:
                found.append(
                    Due(meeting.young_person, task.item.label, task.due, state == "overdue",
                        details)
                )  # fmt: skip
    return sorted(found, key=lambda due: (not due.overdue, due.due))
