"""The worker's history pages through the test client: what changed, answer by answer, with
who, when and which session; comparing sessions; and restoring one earlier answer (or one
row of it) after a preview, against the version the worker saw."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from safetyplan.core import plan, planning_sessions, workbook
from safetyplan.core.models import (
    AuditEvent,
    PlanningSession,
    SectionRevision,
    StaffUser,
    YoungPerson,
)
from safetyplan.web.extensions import db

from ..conftest import AuthActions, add_staff, add_young_person, press

FIRST = workbook.SECTIONS[0]
BEV_OLD = {"name": "Aunt Bev", "phone": "07700 900111"}
BEV_NEW = {"name": "Aunt Bev", "phone": "07700 900999"}


@pytest.fixture
def record(app: Flask, client: FlaskClient, auth: AuthActions) -> str:
    """A young person on the signed-in worker's caseload; the URL of their record."""
    with app.app_context():
        person_id = add_young_person(worker=add_staff()).id
    auth.sign_in_staff()
    return f"/staff/young-people/{person_id}"


def the_person() -> YoungPerson:
    person = db.session.scalars(select(YoungPerson)).one()
    return person


def young_person_saves(app: Flask, answers: dict[str, Any]) -> None:
    with app.app_context():
        person = the_person()
        version = plan.current_section(person, FIRST).version
        assert isinstance(
            plan.save_section(person, FIRST, answers, base_version=version, done=False),
            plan.Saved,
        )
        db.session.commit()


def follow(client: FlaskClient, page: TestResponse, text: str, nth: int = 0) -> TestResponse:
    """Follow the link whose text starts with `text`, as a person taps it."""
    links = [
        html.unescape(href)
        for href, label in re.findall(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', page.text, re.S)
        if re.sub(r"<[^>]+>", "", label).strip().startswith(text)
    ]
    assert len(links) > nth, f"no link {text!r} on the page"
    return client.get(links[nth])


def section_answers(app: Flask) -> dict[str, Any]:
    with app.app_context():
        return plan.current_section(the_person(), FIRST).answers


def test_restoring_one_answer_leaves_the_others_and_tells_the_young_person(
    app: Flask, client: FlaskClient, record: str
) -> None:
    young_person_saves(app, {"trusted_adult": [BEV_OLD], "code_word": "Is the cat fed?"})
    young_person_saves(app, {"trusted_adult": [BEV_NEW], "code_word": "Is the dog fed?"})
    history = client.get(record + "/history")
    # Newest first: the second row is the older version.
    choice = follow(client, history, "Restore an answer from here", nth=1)
    assert "Aunt Bev's number" in choice.text and "Is the dog fed?" in choice.text
    preview = follow(client, choice, "Restore this answer: My code word")
    assert "Check before you restore" in preview.text
    assert "<del>Is the dog fed?</del>" in preview.text
    assert "<ins>Is the cat fed?</ins>" in preview.text
    assert "07700 900" not in preview.text  # the phone number is not part of this restore
    assert section_answers(app)["code_word"] == "Is the dog fed?"  # nothing changed yet

    restored = press(client, preview, "Restore")
    assert restored.headers["Location"] == record + "/history"  # not in a session
    assert (
        "Restored the earlier answer to “My code word or phrase”"
        in client.get(restored.headers["Location"]).text
    )
    assert section_answers(app) == {"trusted_adult": [BEV_NEW], "code_word": "Is the cat fed?"}
    with app.app_context():
        newest = db.session.scalars(
            select(SectionRevision).order_by(SectionRevision.version.desc())
        ).first()
        assert newest and newest.restored_from_id and newest.author_kind == "staff"
        assert db.session.scalar(
            select(AuditEvent.detail).where(AuditEvent.action == "restored_revision")
        ) == ("section 1 code_word")

    young = app.test_client()
    AuthActions(young).sign_in_young_person()
    home = young.get("/notes/")
    assert "Your worker changed “My code word or phrase” on" in home.text
    assert "Your worker changed “My code word or phrase” on" in young.get("/notes/1").text
    assert "Your worker changed" not in young.get("/notes/2").text
    young_person_saves(app, {"trusted_adult": [BEV_NEW], "code_word": "Chips tonight?"})
    assert "Your worker changed" not in young.get("/notes/").text  # until they change it again
    assert "Your worker changed" not in young.get("/notes/1").text


def test_a_restore_during_an_open_session_belongs_to_that_session(
    app: Flask, client: FlaskClient, record: str
) -> None:
    young_person_saves(app, {"code_word": "Is the cat fed?"})
    young_person_saves(app, {"code_word": "Is the dog fed?"})
    record_page = client.get(record)
    press(
        client,
        record_page,
        "Start session",
        held_on_day="2",
        held_on_month="11",
        held_on_year="2026",
    )
    choice = follow(client, client.get(record + "/history"), "Restore an answer from here", 1)
    preview = follow(client, choice, "Restore this answer: My code word")
    restored = press(client, preview, "Restore")
    # Back to the session the worker is in, with the confirmation, not to the history.
    with app.app_context():
        session_id = db.session.scalars(select(PlanningSession.id)).one()
    session_page = f"{record}/sessions/{session_id}"
    assert restored.headers["Location"] == f"{session_page}#section-1"
    back_in_session = client.get(session_page)
    assert "Restored the earlier answer to “My code word or phrase”" in back_in_session.text
    assert "Session with" in back_in_session.text
    history = client.get(record + "/history")
    rows = re.findall(r"<tr>.*?</tr>", history.text, re.S)
    assert "Monday 2 November 2026" in rows[1]  # the newest revision: the restore
    assert "Not in a session" in rows[2]
    with app.app_context():
        newest = db.session.scalars(
            select(SectionRevision).order_by(SectionRevision.version.desc())
        ).first()
        assert newest and newest.restored_from_id and newest.planning_session_id == session_id


def test_restoring_one_row_of_a_list(app: Flask, client: FlaskClient, record: str) -> None:
    jo, priya = {"name": "Jo", "phone": "07700 900222"}, {"name": "Priya", "phone": "07700 1"}
    young_person_saves(app, {"safe_friends": [jo, priya]})
    young_person_saves(app, {"safe_friends": [{"name": "Jo", "phone": "07700 900333"}]})
    choice = follow(client, client.get(record + "/history"), "Restore an answer from here", 1)
    assert "Jo's number" in choice.text and "Removed" not in choice.text
    preview = follow(client, choice, "Restore only this", nth=1)  # Priya, added back
    assert "<ins>Priya: 07700 1</ins>" in preview.text and "Jo" not in preview.text
    press(client, preview, "Restore")
    assert section_answers(app) == {
        "safe_friends": [{"name": "Jo", "phone": "07700 900333"}, priya]
    }


def test_a_restore_after_the_plan_changed_says_so_and_changes_nothing(
    app: Flask, client: FlaskClient, record: str
) -> None:
    young_person_saves(app, {"code_word": "old"})
    young_person_saves(app, {"code_word": "new"})
    choice = follow(client, client.get(record + "/history"), "Restore an answer from here", 1)
    preview = follow(client, choice, "Restore this answer")
    young_person_saves(app, {"code_word": "newer"})  # on their phone, meanwhile
    refused = press(client, preview, "Restore")
    assert refused.status_code == 409
    assert "The plan changed since you looked. Nothing was restored." in refused.text
    assert "<del>newer</del>" in refused.text  # how it differs now
    assert section_answers(app) == {"code_word": "newer"}


def test_a_version_with_nothing_different_has_nothing_to_restore(
    app: Flask, client: FlaskClient, record: str
) -> None:
    young_person_saves(app, {"code_word": "same"})
    choice = follow(client, client.get(record + "/history"), "Restore an answer from here")
    assert "nothing to restore" in choice.text
    forged = client.get(choice.request.path + "/preview?field=code_word&change=7")
    assert forged.status_code == 200 and "nothing to restore" in forged.text


def test_what_changed_shows_answers_in_their_shape_with_who_when_and_session(
    app: Flask, client: FlaskClient, record: str
) -> None:
    with app.app_context():
        person, worker = the_person(), db.session.scalars(select(StaffUser)).one()
        plan.save_section(
            person,
            FIRST,
            {"trusted_adult": [BEV_OLD], "practice_questions": {"ticked": ["call_police"]}},
            base_version=0,
            done=False,
        )
        held_on = date.today() - timedelta(days=2)
        session = planning_sessions.start(person, worker, held_on, "")
        plan.save_section(
            person,
            FIRST,
            {
                "trusted_adult": [BEV_NEW],
                "practice_questions": {"ticked": ["know_address"], "own": ["Where are you?"]},
            },
            base_version=1,
            done=False,
            author=worker,
            planning_session_id=session.id,
        )
        planning_sessions.end(session)
        db.session.commit()
    # One session only: "Compare two sessions" shows that session's changes.
    compared = follow(client, client.get(record + "/history"), "Compare two sessions").text
    assert "Aunt Bev's number:" in compared
    assert "<del>07700 900111</del>" in compared and "<ins>07700 900999</ins>" in compared
    assert "Ticked</strong> Do you know the address?" in compared
    assert "Unticked</strong> Do you want me to call the police?" in compared
    assert "Added</strong> <ins>Where are you?</ins>" in compared
    assert "The young person, " in compared and "Not in a session." in compared
    assert "Sam Worker, " in compared
    assert f"In the session on {held_on:%A} {held_on.day} {held_on:%B %Y}." in compared
    assert "Choose two sessions" not in compared

    history = client.get(record + "/history")
    assert f"{held_on.day} {held_on:%B %Y}" in history.text  # which session each belongs to
    one = follow(client, history, "What changed")  # the newest revision alone
    assert "Aunt Bev's number" in one.text and "The young person, " not in one.text
    then = follow(client, history, "Plan then", nth=1)
    assert "07700 900111" in then.text and "07700 900999" not in then.text


def test_compare_two_sessions_and_an_open_one_is_not_found(
    app: Flask, client: FlaskClient, record: str
) -> None:
    with app.app_context():
        person, worker = the_person(), db.session.scalars(select(StaffUser)).one()
        first = planning_sessions.start(person, worker, date.today() - timedelta(days=7), "")
        plan.save_section(person, FIRST, {"code_word": "apple pie"}, base_version=0, done=False)
        planning_sessions.end(first)
        second = planning_sessions.start(person, worker, date.today(), "")
        plan.save_section(person, FIRST, {"code_word": "cherry pie"}, base_version=1, done=False)
        planning_sessions.end(second)
        still_open = planning_sessions.start(person, worker, date.today(), "")
        db.session.commit()
        ids = first.id, second.id, still_open.id
    latest = client.get(record + "/compare")  # the last session's changes, from the one before
    assert "<del>apple pie</del>" in latest.text and "<ins>cherry pie</ins>" in latest.text
    both = client.get(record + "/compare?from_session=start&to_session=now")
    assert "<ins>apple pie</ins>" in both.text and "<ins>cherry pie</ins>" in both.text
    reversed_ = client.get(record + f"/compare?from_session={ids[1]}&to_session={ids[0]}")
    assert "<del>apple pie</del>" in reversed_.text
    first_only = client.get(record + f"/compare?from_session=start&to_session={ids[0]}")
    assert "apple pie" in first_only.text and "cherry" not in first_only.text
    assert client.get(record + f"/compare?to_session={ids[2]}").status_code == 404


def test_compare_before_any_session_shows_every_change(
    app: Flask, client: FlaskClient, record: str
) -> None:
    young_person_saves(app, {"code_word": "pear"})
    page = client.get(record + "/compare")
    assert "No session has ended yet" in page.text and "<ins>pear</ins>" in page.text


def test_a_save_landing_between_the_check_and_the_restore_changes_nothing(
    app: Flask, client: FlaskClient, record: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    young_person_saves(app, {"code_word": "old"})
    young_person_saves(app, {"code_word": "new"})
    real_current_section = plan.current_section

    def seen_before_the_young_persons_last_save(*args: Any) -> plan.CurrentSection:
        seen = real_current_section(*args)
        return plan.CurrentSection(
            seen.section, seen.answers, seen.version - 1, seen.done, None, None
        )

    monkeypatch.setattr(plan, "current_section", seen_before_the_young_persons_last_save)
    choice = follow(client, client.get(record + "/history"), "Restore an answer from here", 1)
    refused = press(client, follow(client, choice, "Restore this answer"), "Restore")
    monkeypatch.undo()
    assert refused.status_code == 409 and "Nothing was restored" in refused.text
    assert section_answers(app) == {"code_word": "new"}


def test_a_forged_choice_changes_nothing(app: Flask, client: FlaskClient, record: str) -> None:
    young_person_saves(app, {"code_word": "old"})
    young_person_saves(app, {"code_word": "new"})
    choice = follow(client, client.get(record + "/history"), "Restore an answer from here", 1)
    beyond = client.get(choice.request.path + "/preview?field=code_word&change=5")
    assert beyond.status_code == 200 and "Choose one answer to put back" in beyond.text
    preview = follow(client, choice, "Restore this answer")
    forged = press(client, preview, "Restore", field="no_such_field")
    assert forged.status_code == 200 and "Choose one answer to put back" in forged.text
    assert section_answers(app) == {"code_word": "new"}


def test_a_long_answer_diffs_word_by_word_for_screen_readers_and_restores_whole(
    app: Flask, client: FlaskClient, record: str
) -> None:
    school = workbook.section_by_number(7)
    assert school
    long_way = " ".join(f"step{n} past the shops and the library" for n in range(120))
    edited = long_way.replace("step60 ", "step60 quickly ")
    with app.app_context():
        person = the_person()
        first = {"way_to_school": long_way, "school_people_names": [{"name": "Ms Shah"}]}
        plan.save_section(person, school, first, base_version=0, done=False)
        second = {"way_to_school": edited, "school_people_names": [{"name": "Ms Shah"}]}
        plan.save_section(person, school, second, base_version=1, done=False)
        db.session.commit()
    history = client.get(record + "/history")
    first_change = follow(client, history, "What changed", nth=1)
    assert "Added</strong> <ins>Ms Shah</ins>" in first_change.text  # no stray colon
    latest = follow(client, history, "What changed")
    assert '<span class="visually-hidden">added: </span><ins>quickly</ins>' in latest.text
    choice = follow(client, history, "Restore an answer from here", nth=1)
    assert '<span class="visually-hidden">removed: </span><del>quickly</del>' in choice.text
    preview = follow(client, choice, "Restore this answer: The safest way to and from school")
    press(client, preview, "Restore")
    with app.app_context():
        answers = plan.current_section(the_person(), school).answers
        assert answers["way_to_school"] == long_way and len(long_way) > 4000
