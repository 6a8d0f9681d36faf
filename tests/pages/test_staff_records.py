"""The rest of the worker's buttons, pressed through the page: editing a record, the review
date, sections gone through in a session, comparing sessions, and the races a session can
meet (a stale section save, a restore after someone else saved)."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import select

from safetyplan.core import caseload, clock, plan, workbook
from safetyplan.core.encrypted import lookup_hash
from safetyplan.core.models import (
    AuditEvent,
    PlanningSession,
    StaffUser,
    YoungPerson,
)
from safetyplan.core.search import NameToken
from safetyplan.web.extensions import db

from ..conftest import STAFF_PASSWORD, AuthActions, add_staff, add_young_person, press

FIRST = workbook.SECTIONS[0]


@pytest.fixture
def record(app: Flask, client: FlaskClient, auth: AuthActions) -> str:
    """A young person on the signed-in worker's caseload; the URL of their record."""
    with app.app_context():
        worker = add_staff()
        add_staff("other@example.org", "Robin Other")
        person_id = add_young_person(worker=worker).id
    auth.sign_in_staff()
    return f"/staff/young-people/{person_id}"


def person_at(app: Flask, record: str) -> YoungPerson:
    with app.app_context():
        person = db.session.get(YoungPerson, record.rsplit("/", 1)[1])
        assert person
        return person


def test_edit_record_saves_the_details(app: Flask, client: FlaskClient, record: str) -> None:
    page = client.get(record + "/edit")
    saved = press(
        client,
        page,
        "Save",
        preferred_name="Alex Jones",
        case_reference="CASE-77",
        worker=person_at(app, record).worker_id or "",
        date_of_birth_day="14",
        date_of_birth_month="3",
        date_of_birth_year="2011",
    )
    assert saved.status_code == 302
    with app.app_context():
        person = db.session.get(YoungPerson, record.rsplit("/", 1)[1])
        assert person and person.preferred_name == "Alex Jones"
        assert person.case_reference == "CASE-77" and person.date_of_birth == "2011-03-14"
        actions = db.session.scalars(select(AuditEvent.action)).all()
        assert "edited_record" in actions


def test_date_of_birth_reads_as_a_date_and_an_age(
    app: Flask, client: FlaskClient, record: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 24))
    press(
        client,
        client.get(record + "/edit"),
        "Save",
        date_of_birth_day="14",
        date_of_birth_month="3",
        date_of_birth_year="2011",
    )
    page = client.get(record).text
    assert "14 March 2011 (age 15)" in page and "2011-03-14" not in page


@pytest.mark.parametrize(
    ("born", "today", "age"),
    [
        (date(2011, 3, 14), date(2026, 3, 13), 14),
        (date(2011, 3, 14), date(2026, 3, 14), 15),
        (date(2012, 2, 29), date(2026, 2, 28), 13),
        (date(2012, 2, 29), date(2026, 3, 1), 14),
    ],
)
def test_age_turns_on_the_birthday(born: date, today: date, age: int) -> None:
    assert caseload.age_on(born, today) == age


def test_a_review_date_in_the_past_is_refused_with_a_clear_message(
    app: Flask, client: FlaskClient, record: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 24))
    page = client.get(record)
    past = press(
        client, page, "Save review date", review_day="23", review_month="11", review_year="2026"
    )
    assert past.status_code == 200 and "There is a problem" in past.text
    assert "The review date can&#39;t be in the past" in past.text
    assert "such as Tuesday 5 January 2027" in past.text
    assert person_at(app, record).next_review_on is None
    today = press(
        client, page, "Save review date", review_day="24", review_month="11", review_year="2026"
    )
    assert today.status_code == 302
    assert person_at(app, record).next_review_on == date(2026, 11, 24)


def test_review_date_is_saved_and_a_wrong_one_shows_on_the_page(
    app: Flask, client: FlaskClient, record: str
) -> None:
    page = client.get(record)
    wrong = press(client, page, "Save review date", review_day="31", review_month="2")
    assert wrong.status_code == 200 and "There is a problem" in wrong.text
    saturday = press(
        client, page, "Save review date", review_day="20", review_month="2", review_year="2027"
    )
    assert "Saturday 20 February 2027 is not a working day" in saturday.text
    assert "such as Friday 19 February 2027" in saturday.text
    assert person_at(app, record).next_review_on is None  # nothing moved for them
    press(client, page, "Save review date", review_day="19", review_month="2", review_year="2027")
    assert person_at(app, record).next_review_on == date(2027, 2, 19)


def start_session(client: FlaskClient, record: str) -> str:
    started = press(client, client.get(record), "Start session")
    assert started.status_code == 302
    return started.headers["Location"]


def test_sections_gone_through_are_kept(app: Flask, client: FlaskClient, record: str) -> None:
    session_url = start_session(client, record)
    press(client, client.get(session_url), "Save", sections=["1", "4"])
    with app.app_context():
        session = db.session.scalars(select(PlanningSession)).one()
        assert session.reviewed_sections == [1, 4]


def test_a_stale_save_in_a_session_shows_both_versions(
    app: Flask, client: FlaskClient, record: str
) -> None:
    session_url = start_session(client, record)
    form = client.get(session_url + "/sections/1")
    with app.app_context():  # the young person saves from their phone meanwhile
        person = db.session.get(YoungPerson, record.rsplit("/", 1)[1])
        assert person
        plan.save_section(person, FIRST, {"code_word": "theirs"}, base_version=0, done=False)
        db.session.commit()
    clash = press(client, form, "Save", code_word="mine")
    assert clash.status_code == 409
    assert "theirs" in clash.text and "mine" in clash.text


def test_adding_a_second_account_with_the_same_email_is_refused_on_the_page(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        add_staff("boss@example.org", "Morgan Manager", role="manager")
    auth.sign_in_staff("boss@example.org")
    page = client.get("/staff/accounts")
    again = press(
        client,
        page,
        "Add staff member",
        name="Second Morgan",
        email="boss@example.org",
        role="worker",
        password="another long password",
        your_password=STAFF_PASSWORD,
    )
    assert again.status_code == 200 and "already an account" in again.text
    with app.app_context():
        assert len(db.session.scalars(select(StaffUser)).all()) == 1


def test_a_session_with_a_wrong_date_is_not_started_and_says_why(
    app: Flask, client: FlaskClient, record: str
) -> None:
    refused = press(client, client.get(record), "Start session", held_on_month="13")
    assert refused.status_code == 200 and "There is a problem" in refused.text
    with app.app_context():
        assert db.session.scalars(select(PlanningSession)).first() is None


def test_search_keeps_the_name_out_of_every_address(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        worker = add_staff()
        for number in range(30):
            add_young_person(f"user-{number}", f"Robin {number}", worker)
        add_young_person("other", "Sky Other", worker)
    auth.sign_in_staff()
    home = client.get("/staff/")
    found = press(client, home, "Search", q="Robin")
    assert found.status_code == 200 and found.request.method == "POST"
    assert "Sky Other" not in found.text and "Page 1 of 2" in found.text
    assert "q=" not in found.text  # no link carries the name
    following = press(client, found, "Next")
    assert "Page 2 of 2" in following.text and "Sky Other" not in following.text
    ignored = client.get("/staff/?q=Robin")  # a name in an address is not read at all
    assert "Sky Other" in ignored.text


def test_search_finds_part_of_a_name_and_a_case_reference_by_post(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        worker = add_staff()
        add_young_person("one", "Jordan Lee", worker)
        add_young_person("two", "Joanne Smith", worker)
        add_young_person("three", "Sky Other", worker)
    auth.sign_in_staff()
    record = client.get("/staff/young-people/new")
    press(client, record, "Save", preferred_name="Robin Hart", case_reference="CR 2024/117")
    home = client.get("/staff/")
    for typed, expected, absent in (
        ("Jo", {"Jordan Lee", "Joanne Smith"}, {"Sky Other", "Robin Hart"}),
        ("jor", {"Jordan Lee"}, {"Joanne Smith"}),
        ("jo sm", {"Joanne Smith"}, {"Jordan Lee"}),
        ("rdan", {"Jordan Lee"}, {"Joanne Smith"}),  # the middle of a name
        ("ann", {"Joanne Smith"}, {"Jordan Lee"}),
        ("ky", set(), {"Sky Other"}),  # two letters only from the start
        ("cr-2024/117", {"Robin Hart"}, {"Jordan Lee", "Sky Other"}),
        ("CR2024117", {"Robin Hart"}, {"Sky Other"}),
    ):
        found = press(client, home, "Search", q=typed)
        assert found.request.method == "POST"
        assert all(name in found.text for name in expected), typed
        assert not any(name in found.text for name in absent), typed
    assert "No one matches" in press(client, home, "Search", q="CR 2024").text


def test_reindex_search_makes_records_from_before_part_name_search_findable(
    app: Flask, runner: FlaskCliRunner
) -> None:
    with app.app_context():
        worker = add_staff()
        person = add_young_person("one", "Jordan Lee", worker)
        person.case_reference = "CR-9"
        # As records were indexed before: the hash of each whole word only.
        person.name_tokens = [NameToken(token=lookup_hash(word)) for word in ("jordan", "lee")]
        db.session.commit()
        assert caseload.caseload_page(worker, date.today(), "Jor").total == 0
        result = runner.invoke(args=["reindex-search"])
        assert "Indexed 1 young people" in result.output
        db.session.expire_all()
        for typed in ("Jor", "jordan", "le", "cr9"):
            assert caseload.caseload_page(worker, date.today(), typed).total == 1, typed
