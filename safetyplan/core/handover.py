"""Handing a leaver's young people to another worker in one step. No Flask request state."""

from __future__ import annotations

from sqlalchemy import func, select

from .db import db
from .models import SessionNote, StaffUser, YoungPerson


def caseload_sizes() -> dict[str, int]:
    """How many young people each worker has, by staff id."""
    counts = db.session.execute(
        select(YoungPerson.worker_id, func.count())
        .where(YoungPerson.worker_id.is_not(None))
        .group_by(YoungPerson.worker_id)
    )
    return {str(worker_id): int(count) for worker_id, count in counts}


def hand_over(
    leaver: StaffUser, successor: StaffUser, manager: StaffUser, note: str
) -> list[YoungPerson]:
    """Allocate every young person of `leaver` to `successor`, and put the handover note on
    each one's record (a staff-only note, like a session's), so the new worker reads it
    where they read everything else. Letters and contact details follow the allocation."""
    people = list(db.session.scalars(select(YoungPerson).where(YoungPerson.worker_id == leaver.id)))
    for person in people:
        person.worker = successor
        handover_note = SessionNote(young_person=person, author_staff=manager)
        handover_note.text = f"Handover from {leaver.name} to {successor.name}.\n\n{note}"
        db.session.add(handover_note)
    db.session.flush()
    return people
