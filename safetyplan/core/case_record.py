"""What goes into a young person's case-record export, for upload to the council's case
system: the plan as it stands, what changed since the last export and who changed it, the
session notes, their views and their meetings. Read only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from . import caseload, meetings, plan, worker_alerts
from .db import db
from .meeting_models import MeetingViews
from .models import AuditEvent, SectionRevision, SessionNote, WorkerAlert, YoungPerson

EXPORTED = "exported_record"  # the audit action that marks each export


@dataclass(frozen=True)
class CaseRecord:
    person: YoungPerson
    made_on: date
    born: str  # "14 March 2011 (age 15)", or "" if not given
    open_alerts: list[WorkerAlert]  # what they told their worker, not yet followed up
    since: datetime | None  # the last export, or None for the first
    plan: list[plan.CurrentSection]
    changes: list[SectionRevision]
    notes: list[SessionNote]
    meetings: list[meetings.MeetingDetails]
    outcomes: dict[str, dict[str, Any]]  # by meeting id: what was decided, for those held
    views: list[MeetingViews]


def last_export(person: YoungPerson) -> datetime | None:
    found: datetime | None = db.session.scalar(
        select(func.max(AuditEvent.at)).where(
            AuditEvent.young_person_id == person.id, AuditEvent.action == EXPORTED
        )
    )
    return found


def case_record(person: YoungPerson, today: date) -> CaseRecord:
    since = last_export(person)
    changes = select(SectionRevision).where(SectionRevision.young_person_id == person.id)
    if since:
        changes = changes.where(SectionRevision.created_at > since)
    notes = (
        select(SessionNote)
        .where(SessionNote.young_person_id == person.id)
        .order_by(SessionNote.created_at)
        .options(joinedload(SessionNote.author_staff))
    )
    views = select(MeetingViews).where(
        MeetingViews.young_person_id == person.id, MeetingViews.sent_at.is_not(None)
    )
    listed = meetings.meetings_of(person, today)
    return CaseRecord(
        person=person,
        made_on=today,
        born=caseload.born_on(person.date_of_birth, today),
        open_alerts=[a for a in worker_alerts.alerts_of(person) if a.followed_up_at is None],
        since=since,
        plan=[view for view in plan.current_plan(person) if view.started],
        changes=list(
            db.session.scalars(
                changes.order_by(SectionRevision.created_at).options(
                    joinedload(SectionRevision.author_staff)
                )
            )
        ),
        notes=list(db.session.scalars(notes)),
        meetings=listed,
        outcomes={
            details.meeting.id: {**outcome, "recorded_on": date.fromisoformat(recorded)}
            for details in listed
            if (outcome := details.outcome) and (recorded := outcome.get("recorded_on"))
        },
        views=list(db.session.scalars(views)),
    )
