"""A worker's sessions with a young person: start, notes, reviewed sections, end.
No Flask request state."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from .caseload import next_review_after
from .db import db, utcnow
from .models import PlanningSession, SectionRevision, SessionNote, StaffUser, YoungPerson


def start(person: YoungPerson, staff: StaffUser, held_on: date, present: str) -> PlanningSession:
    session = PlanningSession(young_person=person, staff=staff, held_on=held_on)
    session.present = present or None
    db.session.add(session)
    db.session.flush()
    return session


def sessions_of(person: YoungPerson) -> list[PlanningSession]:
    """Newest session date first (a session written up later still sits on its own day)."""
    return list(
        db.session.scalars(
            select(PlanningSession)
            .where(PlanningSession.young_person_id == person.id)
            .order_by(PlanningSession.held_on.desc(), PlanningSession.started_at.desc())
        )
    )


def open_session_of(person: YoungPerson, staff: StaffUser) -> PlanningSession | None:
    """This staff member's session with the young person that is not ended yet (the newest,
    if there are several): what a change they make now belongs to."""
    return db.session.scalars(
        select(PlanningSession)
        .where(
            PlanningSession.young_person_id == person.id,
            PlanningSession.staff_id == staff.id,
            PlanningSession.ended_at.is_(None),
        )
        .order_by(PlanningSession.started_at.desc())
        .limit(1)
    ).first()


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


def end(session: PlanningSession) -> bool:
    """End the session. The next review falls due six weeks after it, on a working day,
    unless a later review date is already set (by hand, say): the later date stands.
    True if the review date moved."""
    session.ended_at = utcnow()
    person = session.young_person
    due = next_review_after(session.held_on)
    if person.next_review_on is not None and person.next_review_on >= due:
        return False
    person.next_review_on = due
    return True


def changed_since_last_session(person: YoungPerson, current: PlanningSession) -> set[int]:
    """Sections whose answers changed after the session before this one ended (from the
    start if none did), up to when this one ended (or now, while it is open): what the
    session page marks "Changed", as of that session."""
    until = current.ended_at
    previous = select(func.max(PlanningSession.ended_at)).where(
        PlanningSession.young_person_id == person.id,
        PlanningSession.id != current.id,
        PlanningSession.ended_at.is_not(None),
    )
    if until is not None:
        previous = previous.where(PlanningSession.ended_at < until)
    since = db.session.scalar(previous)
    query = select(SectionRevision.section_number).where(
        SectionRevision.young_person_id == person.id
    )
    if since is not None:
        query = query.where(SectionRevision.created_at > since)
    if until is not None:
        query = query.where(SectionRevision.created_at <= until)
    return set(db.session.scalars(query.distinct()))
