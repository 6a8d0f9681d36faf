"""A worker's sessions with a young person: start, notes, reviewed sections, end.
No Flask request state."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from .caseload import next_review_after
from .db import db, utcnow
from .models import PlanningSession, SectionState, SessionNote, StaffUser, YoungPerson


def start(person: YoungPerson, staff: StaffUser, held_on: date, present: str) -> PlanningSession:
    session = PlanningSession(young_person=person, staff=staff, held_on=held_on)
    session.present = present or None
    db.session.add(session)
    db.session.flush()
    return session


def sessions_of(person: YoungPerson) -> list[PlanningSession]:
    return list(
        db.session.scalars(
            select(PlanningSession)
            .where(PlanningSession.young_person_id == person.id)
            .order_by(PlanningSession.started_at.desc())
        )
    )


def notes_of(session: PlanningSession) -> list[SessionNote]:
    return list(
        db.session.scalars(
            select(SessionNote)
            .where(SessionNote.planning_session_id == session.id)
            .order_by(SessionNote.created_at)
        )
    )


def add_note(session: PlanningSession, staff: StaffUser, text: str) -> SessionNote:
    note = SessionNote(
        young_person=session.young_person, planning_session_id=session.id, author_staff=staff
    )
    note.text = text
    db.session.add(note)
    db.session.flush()
    return note


def mark_reviewed(session: PlanningSession, numbers: list[int]) -> None:
    session.reviewed_sections = sorted(set(numbers))


def end(session: PlanningSession) -> None:
    """End the session; the next review falls due six weeks after it (editable later)."""
    session.ended_at = utcnow()
    session.young_person.next_review_on = next_review_after(session.held_on)


def changed_since_last_session(person: YoungPerson, current: PlanningSession) -> set[int]:
    """Sections changed since the previous session ended (all changed sections if none)."""
    previous = db.session.scalar(
        select(PlanningSession.ended_at)
        .where(
            PlanningSession.young_person_id == person.id,
            PlanningSession.id != current.id,
            PlanningSession.ended_at.is_not(None),
        )
        .order_by(PlanningSession.ended_at.desc())
        .limit(1)
    )
    query = select(SectionState.section_number).where(
        SectionState.young_person_id == person.id, SectionState.version > 0
    )
    if previous is not None:
        query = query.where(SectionState.updated_at > previous)
    return set(db.session.scalars(query))
