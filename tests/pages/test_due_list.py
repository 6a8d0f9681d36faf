"""Due this week and overdue: a worker's own meeting tasks and reviews, everyone's for a
manager (filtered by worker id), in the same number of queries however many there are."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Flask
from sqlalchemy import event

from safetyplan.core import meetings
from safetyplan.core.models import StaffUser
from safetyplan.web.extensions import db

from ..conftest import AuthActions, add_staff, add_young_person


def book(person_count: int, worker: StaffUser, prefix: str) -> None:
    """Young people each with a first meeting in 5 days, booked today, and a review date."""
    soon = date.today() + timedelta(days=5)
    for n in range(person_count):
        person = add_young_person(f"{prefix}-{n}", name=f"{prefix.title()} {n}", worker=worker)
        person.next_review_on = date.today() - timedelta(days=1)
        details = {"kind": "initial", "anchor": str(date.today()), "date": str(soon),
                   "booked": str(date.today())}  # fmt: skip
        meetings.save(person, None, details)
    db.session.commit()


def test_due_and_overdue_for_a_worker_and_a_manager(app: Flask) -> None:
    with app.app_context():
        sam = add_staff()
        other = add_staff("other@example.org", "Other Worker")
        add_staff("manager@example.org", "Morgan Manager", role="manager")
        book(2, sam, "sam")
        book(1, other, "oth")
        other_id = other.id
    worker = app.test_client()
    AuthActions(worker).sign_in_staff()
    page = worker.get("/staff/due").text
    assert "Sam 0" in page and "Sam 1" in page and "Oth 0" not in page
    assert "Review the plan" in page and "Overdue" in page and "Invitations sent" in page
    soon = date.today() + timedelta(days=5)
    assert f"For the first meeting on {soon:%A} {soon.day} {soon:%B %Y}" in page
    manager = app.test_client()
    AuthActions(manager).sign_in_staff("manager@example.org")
    everyone = manager.get("/staff/due").text
    assert "Sam 0" in everyone and "Oth 0" in everyone
    only_other = manager.get(f"/staff/due?worker={other_id}").text
    assert "Oth 0" in only_other and "Sam 0" not in only_other


def test_the_due_list_costs_the_same_queries_for_many_meetings(app: Flask) -> None:
    with app.app_context():
        sam = add_staff()
        book(3, sam, "few")
    client = app.test_client()
    AuthActions(client).sign_in_staff()
    client.get("/staff/due")
    few = count_queries(app, client)
    with app.app_context():
        book(30, db.session.get(StaffUser, sam.id), "many")  # type: ignore[arg-type]
    assert count_queries(app, client) == few


def count_queries(app: Flask, client: object) -> int:
    with app.app_context():
        engine = db.engine
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get("/staff/due").status_code == 200  # type: ignore[attr-defined]
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return len(statements)
