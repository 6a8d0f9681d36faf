"""Pages that list a growing number of rows cost the same number of queries with 10 rows and
with 10,000: history (revisions), caseload (young people), audit log (events) and the due
list (overdue reviews). A query per row (an N+1) would show up as thousands more."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from functools import partial

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import insert, select

from safetyplan.core import plan, workbook
from safetyplan.core.db import new_id, utcnow
from safetyplan.core.models import AuditEvent, SectionRevision, StaffUser, YoungPerson
from safetyplan.web.extensions import db

from ..conftest import AuthActions, add_staff, add_young_person
from .test_staff_pages import count_queries

FEW, MANY = 10, 10_000


@pytest.fixture
def seeded(app: Flask) -> Iterator[dict[str, str]]:
    """A worker and a manager (signed in apart), and one young person with one revision."""
    with app.app_context():
        worker = add_staff()
        manager = add_staff("manager@example.org", "Morgan Manager", role="manager")
        person = add_young_person(worker=worker)
        plan.save_section(
            person, workbook.SECTIONS[0], {"code_word": "x"}, base_version=0, done=False
        )
        db.session.commit()
        yield {"worker": worker.id, "manager": manager.id, "person": person.id}


def signed_in(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    AuthActions(client).sign_in_staff(email)
    client.get("/staff/")  # the first page after sign-in stores a fresh form token
    return client


def add_people(app: Flask, worker_id: str, up_to: int) -> None:
    """Young people of the worker, all with a review overdue, until there are `up_to`.
    They share the first young person's data key, so making 10,000 takes seconds; each
    name is still sealed for its own row, so the pages really decrypt them."""
    with app.app_context():
        worker = db.session.get(StaffUser, worker_id)
        first = db.session.scalars(select(YoungPerson).limit(1)).one()
        have = db.session.scalar(select(db.func.count()).select_from(YoungPerson)) or 0
        blank = YoungPerson.__mapper__.class_manager.new_instance
        for n in range(have, up_to):
            person = blank()
            person.id, person.active, person.failed_sign_ins = new_id(), True, 0
            person.data_key_row, person.worker = first.data_key_row, worker
            person.preferred_name = f"Person {n}"
            person.next_review_on = date.today() - timedelta(days=1 + n % 30)
            db.session.add(person)
        db.session.commit()


def add_revisions(app: Flask, person_id: str, up_to: int) -> None:
    """Copies of the one real revision (the same sealed answers), until there are `up_to`."""
    with app.app_context():
        template = db.session.scalars(select(SectionRevision)).first()
        assert template
        have = db.session.scalar(select(db.func.count()).select_from(SectionRevision)) or 0
        db.session.execute(
            insert(SectionRevision),
            [
                {"id": new_id(), "young_person_id": person_id, "section_number": 1,
                 "version": version, "_answers": template._answers,
                 "author_kind": "young_person", "created_at": utcnow()}
                for version in range(have + 1, up_to + 1)
            ],
        )  # fmt: skip
        db.session.commit()


def add_audit_events(app: Flask, seeded: dict[str, str], up_to: int) -> None:
    with app.app_context():
        have = db.session.scalar(select(db.func.count()).select_from(AuditEvent)) or 0
        db.session.execute(
            insert(AuditEvent),
            [
                {"at": utcnow(), "actor_kind": "staff", "actor_id": seeded["worker"],
                 "action": "viewed_plan", "young_person_id": seeded["person"]}
                for _ in range(have, up_to)
            ],
        )  # fmt: skip
        db.session.commit()


def costs_the_same_few_or_many(
    client: FlaskClient, url: str, add_rows: Callable[[int], None]
) -> None:
    """The page costs as many queries with FEW rows as with MANY (`add_rows(up_to)` adds
    rows until there are that many)."""
    add_rows(FEW)
    few = count_queries(client, url)
    add_rows(MANY)
    assert count_queries(client, url) == few


def test_history_costs_the_same_queries_for_10_and_10000_revisions(
    app: Flask, seeded: dict[str, str]
) -> None:
    client = signed_in(app, "worker@example.org")
    url = f"/staff/young-people/{seeded['person']}/history"
    costs_the_same_few_or_many(client, url, partial(add_revisions, app, seeded["person"]))
    assert "Page 1 of 400" in client.get(url).text


@pytest.mark.parametrize(
    ("url", "shown"), [("/staff/", "Page 1 of 400"), ("/staff/due", "Person 9999")]
)
def test_caseload_and_due_list_cost_the_same_queries_for_10_and_10000_young_people(
    app: Flask, seeded: dict[str, str], url: str, shown: str
) -> None:
    """Every young person added has a review overdue: a row on both pages."""
    client = signed_in(app, "worker@example.org")
    costs_the_same_few_or_many(client, url, partial(add_people, app, seeded["worker"]))
    assert shown in client.get(url).text


def test_audit_log_costs_the_same_queries_for_10_and_10000_events(
    app: Flask, seeded: dict[str, str]
) -> None:
    client = signed_in(app, "manager@example.org")
    costs_the_same_few_or_many(client, "/staff/audit", partial(add_audit_events, app, seeded))
