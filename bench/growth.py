"""Cost as work grows: the history page with 1 / 100 / 1,000 revisions and the caseload page
with 10 / 1,000 / 10,000 young people, each as queries per request and median time.
Runs in-process through Flask's test client against a fresh SQLite file; prints JSON."""

from __future__ import annotations

import json
import re
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, select

from bench.common import KEY, STAFF
from safetyplan import create_app
from safetyplan.core import plan, workbook
from safetyplan.core.models import SectionRevision, StaffUser, YoungPerson
from safetyplan.web.cli import create_staff_account
from safetyplan.web.extensions import db

REPEATS = 15
REVISIONS = (1, 100, 1000)
PEOPLE = (10, 1000, 10000)


def measure(client: FlaskClient, url: str) -> tuple[int, float]:
    """Queries for one request, and the median wall time over REPEATS requests."""
    queries = 0

    def count(*_: Any) -> None:
        nonlocal queries
        queries += 1

    with client.application.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        if client.get(url).status_code != 200:
            raise RuntimeError(f"{url} did not load")
    finally:
        event.remove(engine, "before_cursor_execute", count)
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - start)
    return queries, statistics.median(times) * 1000


def signed_in_worker(app: Flask) -> FlaskClient:
    client = app.test_client()
    page = client.get("/staff/sign-in").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token, "no CSRF token on the sign-in page"
    response = client.post(
        "/staff/sign-in",
        data={"csrf_token": token.group(1), "email": STAFF[0], "password": STAFF[1]},
    )
    assert response.status_code == 302, "the benchmark worker could not sign in"
    return client


def add_revisions(person: YoungPerson, total: int) -> None:
    """Copies of one real revision, so each row decrypts like a saved one would."""
    have = db.session.query(SectionRevision).filter_by(young_person_id=person.id).count()
    template = db.session.scalars(select(SectionRevision).limit(1)).one()
    db.session.add_all(
        SectionRevision(
            young_person_id=person.id,
            section_number=1,
            version=version,
            _answers=template._answers,
            author_kind="young_person",
        )
        for version in range(have + 1, total + 1)
    )
    db.session.commit()


def add_people(worker: StaffUser, total: int) -> None:
    have = db.session.query(YoungPerson).count()
    db.session.add_all(YoungPerson(f"Person {n}", worker) for n in range(have, total))
    db.session.commit()


def main() -> None:
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'growth.sqlite'}",
                "SAFETYPLAN_KEYS": KEY,
                "SECRET_KEY": "benchmark secret key, not for production",
                "PASSWORD_HASH_PROFILE": "fast",
                "INSTANCE_PATH": str(Path(folder) / "instance"),
            }
        )
        with app.app_context():
            worker = create_staff_account(STAFF[0], "Bench Worker", STAFF[1], False)
            person = YoungPerson("Bench Fox", worker)
            db.session.add(person)
            db.session.commit()
            first = workbook.SECTIONS[0]
            plan.save_section(person, first, {"code_word": "kettle"}, base_version=0, done=False)
            db.session.commit()  # core never commits
            person_id = person.id
        client = signed_in_worker(app)
        for total in REVISIONS:
            with app.app_context():
                person = db.session.get(YoungPerson, person_id)
                assert person
                add_revisions(person, total)
            queries, median = measure(client, f"/staff/young-people/{person_id}/history")
            rows.append(
                {
                    "page": "History",
                    "data": f"{total:,} revision{'' if total == 1 else 's'}",
                    "queries": queries,
                    "median_ms": median,
                }
            )
        for total in PEOPLE:
            with app.app_context():
                worker = StaffUser.by_email(STAFF[0])
                assert worker
                add_people(worker, total)
            queries, median = measure(client, "/staff/")
            rows.append(
                {
                    "page": "Caseload",
                    "data": f"{total:,} young people",
                    "queries": queries,
                    "median_ms": median,
                }
            )
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
