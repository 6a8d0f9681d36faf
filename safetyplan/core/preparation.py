"""A meeting's preparation checklist, from the local guide: each item with its due date
from the deadline rules, ticked with who and when, or done from what other pages record
(the invitations, from the letters and the invitation list). No Flask."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from . import invitations, meeting_letters
from .db import db, utcnow
from .deadlines import Deadline
from .meeting_models import Meeting, MeetingTask
from .meetings import MeetingDetails
from .models import StaffUser


@dataclass(frozen=True)
class Item:
    label: str
    rule: str  # the deadline it is due by ("" for none)
    hint: str = ""


ITEMS = {
    "invitations": Item("Invitations sent", "invitations"),
    "report": Item(
        "Report updated", "report", "With the risks, protective factors and a recommendation."
    ),
    "chronology": Item("Chronology updated", "report"),
    "genogram": Item("Genogram updated", "report"),
    "risk_assessment": Item("Risk assessment updated", "report"),
    "ecomap": Item(
        "Ecomap updated, when needed",
        "",
        "To map links with people who pose a risk and with other young people at risk.",
    ),
    "report_shared": Item(
        "Report, chronology and risk assessment shared with the young person and family",
        "report",
        "At least 48 hours before the meeting.",
    ),
    "chair_discussion": Item("Chair's pre-meeting discussion held", "chair"),
    "views": Item(
        "Young person's views gathered, and how they will be heard",
        "report",
        "Their views go in the report: say how they will reach the meeting.",
    ),
}


@dataclass(frozen=True)
class Invited:
    """The invitations as the other pages record them: the letters (which invite everyone)
    and who on the invitation list is recorded as invited."""

    invited: int
    listed: int
    letters_issued: date | None  # their first issue

    @property
    def done(self) -> bool:
        return self.letters_issued is not None or self.invited == self.listed


def invited_of(meeting: Meeting, people: list[invitations.Invitee] | None = None) -> Invited:
    """`people` is the meeting's invitation list when the caller has read it already."""
    people = invitations.invitation_list(meeting) if people is None else people
    issued = meeting_letters.issues(meeting)
    return Invited(
        sum(1 for person in people if person.invited_on), len(people), min(issued, default=None)
    )


@dataclass(frozen=True)
class Task:
    key: str
    item: Item
    due: date | None
    done_at: datetime | None
    done_by: str
    note: str  # kept when it is marked not done, to tick it again
    invited: Invited | None = None  # for "Invitations sent": done from the records too

    @property
    def done_by_records(self) -> bool:
        return self.done_at is None and self.invited is not None and self.invited.done

    def state(self, today: date, meeting_day: date | None) -> str:
        """ "done", or the state of its deadline: "overdue" clears once it is done."""
        if self.done_at is not None or self.done_by_records:
            return "done"
        if self.due is None:
            return "to do"
        return Deadline(self.item.label, self.due).state(today, meeting_day)


def _rows(meeting: Meeting) -> dict[str, MeetingTask]:
    rows = db.session.scalars(select(MeetingTask).where(MeetingTask.meeting_id == meeting.id))
    return {row.task: row for row in rows}


def checklist(
    details: MeetingDetails,
    rows: dict[str, MeetingTask] | None = None,
    invited: Invited | None = None,
) -> list[Task]:
    """The meeting's items with their due dates; `rows` are its ticks and `invited` its
    invitations when the caller has read them already (the due list reads every meeting's
    at once)."""
    due = {deadline.key: deadline.due for deadline in details.deadlines}
    rows = _rows(details.meeting) if rows is None else rows
    invited = invited_of(details.meeting) if invited is None else invited
    tasks = []
    for key, item in ITEMS.items():
        row = rows.get(key)
        done = row is not None and row.done_at is not None
        tasks.append(
            Task(
                key,
                item,
                due.get(item.rule),
                row.done_at if row and done else None,
                row.done_by.name if row and done and row.done_by else "",
                (row.note or "") if row else "",
                invited if key == "invitations" else None,
            )
        )
    return tasks


def tick(meeting: Meeting, key: str, staff: StaffUser, note: str | None = None) -> None:
    row = _rows(meeting).get(key) or MeetingTask(
        young_person=meeting.young_person, meeting_id=meeting.id, task=key
    )
    row.done_at, row.done_by, row.note = utcnow(), staff, note
    db.session.add(row)
    db.session.flush()


def untick(meeting: Meeting, key: str) -> None:
    """The note (how the views will be heard) stays, to tick it again without retyping."""
    if row := _rows(meeting).get(key):
        row.done_at, row.done_by = None, None
        db.session.flush()


# The deadline each of these items meets: once it is ticked, that deadline is done too.
MEETS = {"invitations": "invitations", "report_shared": "report", "chair_discussion": "chair"}


def deadlines_met(meeting: Meeting) -> set[str]:
    rows = _rows(meeting)
    met = {rule for key, rule in MEETS.items() if (row := rows.get(key)) and row.done_at}
    return met | ({MEETS["invitations"]} if invited_of(meeting).done else set())
