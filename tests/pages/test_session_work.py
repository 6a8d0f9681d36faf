"""A session's page keeps everything the worker typed and ticked: Save and End session each
save the note and the sections gone through. Ending keeps a later review date, review dates
land on working days, a session can't be dated in the future, sessions list by their date,
and an ended session's "Changed" tags are as of that session."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from safetyplan.core import clock, deadlines, plan, planning_sessions, workbook
from safetyplan.core.models import PlanningSession, SessionNote, StaffUser, YoungPerson
from safetyplan.web.extensions import db

from ..conftest import AuthActions, add_staff, add_young_person, date_fields, press
from .test_idle_limit import idle_for_an_hour

FIRST, THIRD = workbook.SECTIONS[0], workbook.SECTIONS[2]


@pytest.fixture
def record(app: Flask, client: FlaskClient, auth: AuthActions) -> str:
    with app.app_context():
        person_id = add_young_person(worker=add_staff()).id
    auth.sign_in_staff()
    return f"/staff/young-people/{person_id}"


def the_person() -> YoungPerson:
    person: YoungPerson = db.session.scalars(select(YoungPerson)).one()
    return person


def start_session(client: FlaskClient, record: str, held_on: date | None = None) -> str:
    day = held_on or clock.today()
    started = press(
        client,
        client.get(record),
        "Start session",
        **date_fields("held_on", day),
    )
    assert started.status_code == 302
    return str(started.headers["Location"])


def test_end_session_saves_the_typed_note_and_ticks(
    app: Flask, client: FlaskClient, record: str
) -> None:
    session_url = start_session(client, record)
    ended = press(
        client,
        client.get(session_url),
        "End session",
        follow_redirects=True,
        text="Talked about Friday. Follow up with school.",
        sections=["1", "4"],
    )
    assert "Session ended. Your note is saved." in ended.text
    with app.app_context():
        session = db.session.scalars(select(PlanningSession)).one()
        assert session.ended_at and session.reviewed_sections == [1, 4]
        note = db.session.scalars(select(SessionNote)).one()
        assert note.text == "Talked about Friday. Follow up with school."


def test_save_keeps_the_note_and_ticks_and_the_session_open(
    app: Flask, client: FlaskClient, record: str
) -> None:
    session_url = start_session(client, record)
    saved = press(client, client.get(session_url), "Save", text="First thoughts", sections=["2"])
    assert saved.status_code == 302
    page = client.get(session_url)
    assert "First thoughts" in page.text
    assert re.search(r'id="reviewed-2"[^>]*checked', page.text)
    press(client, page, "Save", text="")  # no note: nothing more is written
    with app.app_context():
        assert len(db.session.scalars(select(SessionNote)).all()) == 1
        session = db.session.scalars(select(PlanningSession)).one()
        assert session.ended_at is None and session.reviewed_sections == [2]


def test_a_note_too_long_to_save_does_not_end_the_session(
    app: Flask, client: FlaskClient, record: str
) -> None:
    session_url = start_session(client, record)
    refused = press(client, client.get(session_url), "End session", text="x" * 10_001)
    assert refused.status_code == 200 and "up to 10,000" in refused.text
    assert "x" * 10_001 in refused.text  # what was typed is still there
    with app.app_context():
        assert db.session.scalars(select(PlanningSession)).one().ended_at is None


def test_ending_after_the_idle_limit_keeps_the_note_for_the_worker(
    app: Flask, client: FlaskClient, auth: AuthActions, record: str
) -> None:
    session_url = start_session(client, record)
    page = client.get(session_url)
    idle_for_an_hour(app)
    late = press(client, page, "End session", text="Typed before lunch", sections=["3"])
    assert late.status_code == 401
    auth.sign_in_staff()
    again = client.get(session_url)
    assert "Typed before lunch" in again.text and "We kept what you typed" in again.text
    assert re.search(r'id="reviewed-3"[^>]*checked', again.text)
    press(client, again, "End session")
    with app.app_context():
        assert db.session.scalars(select(SessionNote)).one().text == "Typed before lunch"


def set_review_date(client: FlaskClient, record: str, day: date) -> None:
    press(
        client,
        client.get(record),
        "Save review date",
        **date_fields("review", day),
    )


def review_date(app: Flask) -> date | None:
    with app.app_context():
        return the_person().next_review_on


def test_ending_keeps_a_later_review_date_set_by_hand(
    app: Flask, client: FlaskClient, record: str
) -> None:
    later = deadlines.working_day_on_or_before(clock.today() + timedelta(days=100))
    set_review_date(client, record, later)
    session_url = start_session(client, record)
    ended = press(client, client.get(session_url), "End session", follow_redirects=True)
    assert review_date(app) == later
    assert f"The later review date already set stays: {later:%d %B %Y}" in ended.text

    earlier = deadlines.working_day_on_or_before(clock.today() + timedelta(days=3))
    set_review_date(client, record, earlier)  # earlier than the next review would be
    session_url = start_session(client, record)
    press(client, client.get(session_url), "End session")
    due = review_date(app)
    assert due and due > clock.today() + timedelta(days=30)


def test_the_next_review_falls_on_a_working_day(app: Flask) -> None:
    with app.app_context():
        person = add_young_person(worker=add_staff())
        worker = db.session.scalars(select(StaffUser)).one()
        # Six weeks on is Boxing Day 2026, a Saturday; Christmas Day is a bank holiday.
        session = planning_sessions.start(person, worker, date(2026, 11, 14), "")
        planning_sessions.end(session)
        assert person.next_review_on == date(2026, 12, 24)
        weekday = planning_sessions.start(person, worker, date(2026, 11, 18), "")
        planning_sessions.end(weekday)
        assert person.next_review_on == date(2026, 12, 30)
        db.session.commit()


def test_a_session_date_in_the_future_is_refused(
    app: Flask, client: FlaskClient, record: str
) -> None:
    tomorrow = clock.today() + timedelta(days=1)
    refused = press(
        client,
        client.get(record),
        "Start session",
        **date_fields("held_on", tomorrow),
    )
    assert refused.status_code == 200
    assert "The session date can&#39;t be in the future" in refused.text
    with app.app_context():
        assert db.session.scalars(select(PlanningSession)).first() is None


def test_sessions_list_by_session_date(app: Flask, client: FlaskClient, record: str) -> None:
    today = clock.today()
    written_up_later = today - timedelta(days=10)
    start_session(client, record, today)
    start_session(client, record, written_up_later)  # started second, held first
    page = client.get(record).text
    assert page.index(f"{today.day} {today:%B %Y}") < page.index(
        f"{written_up_later.day} {written_up_later:%B %Y}"
    )


def test_an_ended_sessions_changed_tags_are_as_of_that_session(
    app: Flask, client: FlaskClient, record: str
) -> None:
    session_url = start_session(client, record)
    edit = client.get(session_url + "/sections/1")
    press(client, edit, "Save", code_word="pineapple")
    press(client, client.get(session_url), "End session")
    with app.app_context():  # the young person changes another section afterwards
        plan.save_section(the_person(), THIRD, {"people": []}, base_version=0, done=False)
        db.session.commit()
    ended = client.get(session_url).text
    first, third = (ended[ended.index(f'id="section-{n}"') :].split("</li>", 1)[0] for n in (1, 3))
    assert "Changed" in first and "Changed" not in third


def test_the_record_names_the_worker_who_last_changed_a_section(
    app: Flask, client: FlaskClient, record: str
) -> None:
    session_url = start_session(client, record)
    section = client.get(session_url + "/sections/1")
    press(client, section, "Save", code_word="Is the cat fed?")
    page = client.get(record)
    assert re.search(r"Changed [^<]* by Sam Worker</p>", page.text)
    assert "by a worker" not in page.text


def test_ticking_done_alone_names_the_worker_who_ticked_it(
    app: Flask, client: FlaskClient, record: str
) -> None:
    """Ticking "done" makes no new revision of the answers, but it is the last change: the
    record names the worker who ticked, not whoever wrote the answers."""
    with app.app_context():
        plan.save_section(the_person(), FIRST, {"code_word": "kettle"}, base_version=0, done=False)
        db.session.commit()
    session_url = start_session(client, record)
    section = client.get(session_url + "/sections/1")
    assert press(client, section, "Save", done="y").status_code == 302
    page = client.get(record).text
    first = page[page.index(f">{FIRST.title}</h3>") :].split("</section>", 1)[0]
    assert re.search(r"Changed [^<]* by Sam Worker</p>", first), first
