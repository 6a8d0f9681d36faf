"""Staff journeys through the test client, and the domain modules behind them."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, select

from safetyplan.core import caseload, plan, planning_sessions, workbook
from safetyplan.core.db import new_id
from safetyplan.core.encrypted import DataKey
from safetyplan.core.models import AuditEvent, SectionRevision, SectionState, StaffUser, YoungPerson
from safetyplan.web.extensions import db

from ..conftest import STAFF_PASSWORD, AuthActions, add_staff, add_young_person, csrf_token, press

FIRST = workbook.SECTIONS[0]


@pytest.fixture
def worker_client(app: Flask, client: FlaskClient, auth: AuthActions) -> FlaskClient:
    with app.app_context():
        add_staff()
    auth.sign_in_staff()
    return client


def post(client: FlaskClient, url: str, data: dict[str, Any], page: str | None = None) -> Any:
    token = csrf_token(client.get(page or url))
    return client.post(url, data={"csrf_token": token, **data})


def test_create_young_person_with_kind_date_errors(app: Flask, worker_client: FlaskClient) -> None:
    url = "/staff/young-people/new"
    with app.app_context():
        worker_id = StaffUser.by_email("worker@example.org").id  # type: ignore[union-attr]
    bad = post(
        worker_client,
        url,
        {
            "preferred_name": "Alex",
            "worker": worker_id,
            "date_of_birth_day": "31",
            "date_of_birth_month": "2",
            "date_of_birth_year": "2010",
        },
    )
    assert bad.status_code == 200
    assert "Date of birth must be a real date" in bad.text
    assert 'href="#date_of_birth_day"' in bad.text
    future = post(
        worker_client,
        url,
        {
            "preferred_name": "Alex",
            "worker": worker_id,
            "date_of_birth_day": "1",
            "date_of_birth_month": "1",
            "date_of_birth_year": "2099",
        },
    )
    assert "must be in the past" in future.text
    forged = post(worker_client, url, {"preferred_name": "Alex", "worker": new_id()})
    assert "Choose a worker" in forged.text
    good = post(
        worker_client,
        url,
        {
            "preferred_name": "Alex Smith",
            "worker": worker_id,
            "date_of_birth_day": "14",
            "date_of_birth_month": "5",
            "date_of_birth_year": "2010",
            "case_reference": "CR-1",
        },
    )
    assert good.status_code == 302
    with app.app_context():
        person = db.session.scalars(select(YoungPerson)).one()
        assert (person.preferred_name, person.date_of_birth, person.case_reference) == (
            "Alex Smith",
            "2010-05-14",
            "CR-1",
        )
        assert db.session.scalar(
            select(AuditEvent.action).where(AuditEvent.action == "created_young_person")
        )


def test_sign_in_code_enrols_once(app: Flask, worker_client: FlaskClient) -> None:
    with app.app_context():
        worker = StaffUser.by_email("worker@example.org")
        person_id = add_young_person("old-name", "Alex", worker).id
    page = post(
        worker_client,
        f"/staff/young-people/{person_id}/code",
        {},
        page=f"/staff/young-people/{person_id}",
    )
    assert page.status_code == 200
    assert "<svg" in page.text and 'role="img"' in page.text and "style=" not in page.text
    code = re.search(r'heading-l" aria-label="Code: [^"]*">([A-Z0-9-]+)<', page.text).group(1)  # type: ignore[union-attr]
    assert len(code) == 11 and not set(code) & set("01IOLSZ25")
    phone = app.test_client()
    start = phone.get("/notes/start")
    typed = phone.post("/notes/start", data={"csrf_token": csrf_token(start), "code": code.lower()})
    assert typed.status_code == 302
    enrol_url = typed.headers["Location"]
    form = phone.get(enrol_url)
    assert re.search(r'name="username" [^>]*value="[a-z]+-[a-z]+-\d\d"', form.text)
    weak = phone.post(
        enrol_url,
        data={"csrf_token": csrf_token(form), "username": "new-name", "passphrase": "password1"},
    )
    assert "too easy to guess" in weak.text
    done = phone.post(
        enrol_url,
        data={
            "csrf_token": csrf_token(form),
            "username": "new-name",
            "passphrase": "lantern otter violet",
            "confirm": "lantern otter violet",
        },
    )
    assert done.status_code == 302 and "leaving-quickly" in done.headers["Location"]
    assert phone.get("/notes/").status_code == 200
    again = app.test_client().get(enrol_url)
    assert again.status_code == 404 and "doesn" in again.text
    assert AuthActions(app.test_client()).sign_in_young_person("old-name").status_code == 200


def test_reissuing_a_code_ends_sessions(app: Flask, worker_client: FlaskClient) -> None:
    with app.app_context():
        person_id = add_young_person(worker=StaffUser.by_email("worker@example.org")).id
    phone = app.test_client()
    AuthActions(phone).sign_in_young_person()
    post(
        worker_client,
        f"/staff/young-people/{person_id}/code",
        {},
        page=f"/staff/young-people/{person_id}",
    )
    assert phone.get("/notes/").status_code == 302


def test_delete_needs_confirmation_and_shreds(app: Flask, worker_client: FlaskClient) -> None:
    with app.app_context():
        person = add_young_person(worker=StaffUser.by_email("worker@example.org"))
        person_id, key_id = person.id, person.data_key_id
    url = f"/staff/young-people/{person_id}/delete"
    assert "Type DELETE" in post(worker_client, url, {"confirm": "delete"}).text
    assert post(worker_client, url, {"confirm": "DELETE"}).status_code == 302
    with app.app_context():
        assert db.session.get(YoungPerson, person_id) is None
        assert db.session.get(DataKey, key_id) is None
        assert db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "deleted_young_person")
        )


def test_session_edit_note_end_and_review_date(app: Flask, worker_client: FlaskClient) -> None:
    with app.app_context():
        person_id = add_young_person(worker=StaffUser.by_email("worker@example.org")).id
    record = f"/staff/young-people/{person_id}"
    today = date.today()
    started = post(
        worker_client,
        record + "/sessions",
        {
            "held_on_day": today.day,
            "held_on_month": today.month,
            "held_on_year": today.year,
            "present": "Mum",
        },
        page=record,
    )
    session_url = started.headers["Location"]
    edit = session_url + "/sections/1"
    saved = post(worker_client, edit, {"version": "0", "code_word": "pineapple"})
    assert saved.status_code == 302
    huge = press(worker_client, worker_client.get(session_url), "Save", text="x" * 20_000)
    assert "up to 10,000" in huge.text
    press(worker_client, worker_client.get(session_url), "Save", text="Worried about Friday")
    page = worker_client.get(session_url)
    assert "Worried about Friday" in page.text and "Changed" in page.text
    ended = press(worker_client, page, "End session")
    assert ended.status_code == 302
    with app.app_context():
        person = db.session.get(YoungPerson, person_id)
        assert person and person.next_review_on
        # Six weeks on, or the working day before it.
        assert 0 <= (today + timedelta(weeks=6) - person.next_review_on).days < 5
        assert person.next_review_on.weekday() < 5
        revision = db.session.scalars(select(SectionRevision)).one()
        assert revision.author_kind == "staff" and revision.planning_session_id
    late = post(worker_client, edit, {"version": "1", "code_word": "x"}, page=record)
    assert late.status_code == 302
    with app.app_context():
        assert len(db.session.scalars(select(SectionRevision)).all()) == 1  # ended: not saved
    young = app.test_client()
    AuthActions(young).sign_in_young_person()
    home = young.get("/notes/")
    assert "by your worker" in home.text
    for url in ("/notes/", "/notes/1", "/notes/all", "/notes/help"):
        assert "Worried about Friday" not in young.get(url).text


def test_caseload_orders_overdue_first_and_searches_by_name(app: Flask) -> None:
    today = date(2026, 11, 24)
    with app.app_context():
        worker = add_staff()
        other = add_staff("o@example.org", "Other")
        later = add_young_person("a", "Alex Later", worker)
        later.next_review_on = today + timedelta(days=30)
        overdue = add_young_person("b", "Bea Overdue", worker)
        overdue.next_review_on = today - timedelta(days=1)
        add_young_person("c", "Cal Unset", worker)
        add_young_person("d", "Alex Elsewhere", other)
        db.session.commit()
        page = caseload.caseload_page(worker, today)
        assert [row.person.preferred_name for row in page.items] == [
            "Bea Overdue",
            "Alex Later",
            "Cal Unset",
        ]
        assert [row.review for row in page.items] == ["overdue", "later", "none"]
        found = caseload.caseload_page(worker, today, "alex")
        assert [row.person.preferred_name for row in found.items] == ["Alex Later"]
        assert caseload.caseload_page(worker, today, "alex later").total == 1
        assert caseload.caseload_page(worker, today, "al").total == 1  # the start of a name
        assert caseload.caseload_page(worker, today, "lex").total == 1  # the middle too
        assert caseload.caseload_page(worker, today, "le").total == 0  # but not two letters
        assert caseload.caseload_page(worker, today, "al be").total == 0


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *args: Any) -> None:
        self.count += 1


def count_queries(client: FlaskClient, url: str) -> int:
    counter = QueryCounter()
    with client.application.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", counter)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", counter)
    return counter.count


def add_people(worker: StaffUser, how_many: int) -> None:
    """Many young people, each with their own data key, so the page really decrypts."""
    db.session.add_all(YoungPerson(f"Person {n}", worker) for n in range(how_many))
    db.session.commit()


def test_caseload_and_history_query_counts_do_not_grow(
    app: Flask, worker_client: FlaskClient
) -> None:
    with app.app_context():
        worker = StaffUser.by_email("worker@example.org")
        assert worker
        person = add_young_person(worker=worker)
        plan.save_section(person, FIRST, {"code_word": "x"}, base_version=0, done=False)
        add_people(worker, 9)
        person_id = person.id
        db.session.commit()
    worker_client.get("/staff/")  # the first page after sign-in stores a fresh form token
    small_caseload = count_queries(worker_client, "/staff/")
    small_history = count_queries(worker_client, f"/staff/young-people/{person_id}/history")
    with app.app_context():
        worker = StaffUser.by_email("worker@example.org")
        person = db.session.get(YoungPerson, person_id)
        assert worker and person
        add_people(worker, 300)
        template = db.session.scalars(select(SectionRevision)).one()
        db.session.add_all(
            SectionRevision(
                young_person_id=person_id,
                section_number=1,
                version=v,
                _answers=template._answers,
                author_kind="young_person",
                author_staff_id=worker.id if v % 2 else None,
            )
            for v in range(2, 1001)
        )
        db.session.commit()
    assert count_queries(worker_client, "/staff/") == small_caseload
    assert count_queries(worker_client, f"/staff/young-people/{person_id}/history") == small_history
    assert "Page 1 of 40" in worker_client.get(f"/staff/young-people/{person_id}/history").text


def test_planning_changed_since_last_session(app: Flask) -> None:
    with app.app_context():
        worker = add_staff()
        person = add_young_person(worker=worker)
        first = planning_sessions.start(person, worker, date.today(), "")
        plan.save_section(person, FIRST, {"code_word": "x"}, base_version=0, done=False)
        assert planning_sessions.changed_since_last_session(person, first) == {1}
        planning_sessions.end(first)
        second = planning_sessions.start(person, worker, date.today(), "")
        assert planning_sessions.changed_since_last_session(person, second) == set()
        section_3 = workbook.section_by_number(3)
        assert section_3
        plan.save_section(person, section_3, {"people": []}, base_version=0, done=True)
        assert planning_sessions.changed_since_last_session(person, second) == {3}
        assert db.session.scalars(select(SectionState)).all()
        db.session.commit()


def test_changing_own_password_needs_the_current_one(
    app: Flask, worker_client: FlaskClient
) -> None:
    new = "maple river quartz lantern"
    wrong = post(worker_client, "/staff/password", {"current_password": "guess", "password": new})
    assert wrong.status_code == 200
    assert "That isn&#39;t your password now" in wrong.text
    other_laptop = app.test_client()
    AuthActions(other_laptop).sign_in_staff()
    changed = post(
        worker_client, "/staff/password", {"current_password": STAFF_PASSWORD, "password": new}
    )
    assert changed.status_code == 302
    assert other_laptop.get("/staff/").status_code == 302  # signed out everywhere else
    assert worker_client.get("/staff/").status_code == 200
    assert AuthActions(app.test_client()).sign_in_staff(password=new).status_code == 302
