"""Tell my worker: the young person says something has happened; their worker sees it on
their caseload at once, marked for follow-up, and the plan comes up for review."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from .db import db
from .deadlines import add_working_days
from .models import StaffUser, WorkerAlert, YoungPerson
from .words import N_

# The key is stored; the words can change.
KINDS = {
    "missing": N_("I went missing and came back"),
    "new_number": N_("I have a new phone or number"),
    "moved": N_("I moved somewhere new"),
    "code_word": N_("I used my code word"),
    "someone_new": N_("Someone new is in my life"),
    "other": N_("Something else"),
}
# Told by the app, not chosen by the young person.
ALL_KINDS = {**KINDS, "safe_word": "Signed in with their safe-word passphrase"}
SHOWN_AT_MOST = 50


def tell(
    person: YoungPerson, kind: str, message: str, now: datetime, today: date, review: bool = True
) -> WorkerAlert:
    """Store what the young person told their worker, and (unless `review` is False) bring
    their plan's review forward: something has changed. It falls due on the first working
    day from today; a review already due by then stays as it is. The alert keeps the date
    it replaced, so nothing set by hand is lost without the worker seeing it."""
    alert = WorkerAlert(young_person=person, kind=kind, created_at=now)
    alert.message = message or None
    due = add_working_days(today - timedelta(days=1), 1)  # today, if it is a working day
    if review and (person.next_review_on is None or person.next_review_on > due):
        alert.review_moved_from, alert.review_moved_to = person.next_review_on, due
        person.next_review_on = due
    db.session.add(alert)
    db.session.flush()
    return alert


def open_alerts(staff: StaffUser) -> list[WorkerAlert]:
    """Not yet followed up, newest first: a worker's own young people, or everyone's for a
    manager. One query, however many there are."""
    query = (
        select(WorkerAlert)
        .join(WorkerAlert.young_person)
        .where(WorkerAlert.followed_up_at.is_(None))
        .order_by(WorkerAlert.created_at.desc())
        .limit(SHOWN_AT_MOST)
    )
    if not staff.is_manager:
        query = query.where(YoungPerson.worker_id == staff.id)
    return list(db.session.scalars(query))


def alerts_of(person: YoungPerson) -> list[WorkerAlert]:
    return list(
        db.session.scalars(
            select(WorkerAlert)
            .where(WorkerAlert.young_person_id == person.id)
            .order_by(WorkerAlert.created_at.desc())
        )
    )


def review_to_put_back(alert: WorkerAlert) -> date | None:
    """The review date this alert replaced, if there was one and the plan's review is still
    the day the alert moved it to: what "Put the review date back" would set."""
    if alert.review_moved_from is None:
        return None
    moved = alert.young_person.next_review_on == alert.review_moved_to
    return alert.review_moved_from if moved else None


def put_review_back(alert: WorkerAlert) -> date | None:
    """Set the review back to the date the alert replaced, once: the alert then no longer
    offers it (a later alert that moves the review again offers its own)."""
    earlier = review_to_put_back(alert)
    if earlier is not None:
        alert.young_person.next_review_on = earlier
        alert.review_moved_from = alert.review_moved_to = None
    return earlier


def follow_up(alert: WorkerAlert, staff: StaffUser, now: datetime) -> None:
    alert.followed_up_at = now
    alert.followed_up_by = staff.id
