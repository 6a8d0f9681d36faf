"""The workbook as data: every section renders, saves, loads back and is encrypted at rest."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, select

from safetyplan.core import plan, workbook
from safetyplan.core.models import SectionRevision, YoungPerson
from safetyplan.web.extensions import db

from ..conftest import AuthActions, add_staff, add_young_person, csrf_token, press

MARK = "Qx9"


def test_fifteen_sections_numbered_in_order_with_unique_names() -> None:
    assert [section.number for section in workbook.SECTIONS] == list(range(1, 16))
    assert len({section.slug for section in workbook.SECTIONS}) == 15
    for section in workbook.SECTIONS:
        names = [spec.name for spec in section.fields]
        assert len(names) == len(set(names)), section.slug
        assert section.title and section.intro and section.fields
        for spec in section.fields:
            assert (spec.kind == "checklist") == bool(spec.suggestions), spec.name
            keys = [suggestion.key for suggestion in spec.suggestions]
            assert len(keys) == len(set(keys))


def test_titles_are_discreet() -> None:
    for section in workbook.SECTIONS:
        for word in ("abuse", "exploitation", "cse", "safety"):
            assert word not in section.title.lower()


def test_help_now_fields_exist() -> None:
    first = workbook.section_by_number(1)
    assert first and first.shared_by_default and first.feeds_help_now
    assert {"trusted_adult", "safe_friends", "code_word"} <= {spec.name for spec in first.fields}


def form_for(section: workbook.Section) -> dict[str, list[str]]:
    """A filled-in form for every field, with a marker in each value."""
    form: dict[str, list[str]] = {}
    for spec in section.fields:
        if spec.kind in ("short_text", "long_text"):
            form[spec.name] = [f"{MARK} {spec.name} ✓"]
        elif spec.kind == "contacts":
            form[f"{spec.name}-0-name"] = [f"{MARK} Bev"]
            form[f"{spec.name}-0-phone"] = ["07700 900 982"]
        elif spec.kind == "items":
            form[f"{spec.name}-0-text"] = [f"{MARK} place"]
        else:
            form[spec.name] = [spec.suggestions[0].key]
            form[f"{spec.name}_own-0-text"] = [f"{MARK} own"]
    return form


def expected_answers(section: workbook.Section) -> dict[str, object]:
    answers: dict[str, object] = {}
    for spec in section.fields:
        if spec.kind in ("short_text", "long_text"):
            answers[spec.name] = f"{MARK} {spec.name} ✓"
        elif spec.kind == "contacts":
            answers[spec.name] = [{"name": f"{MARK} Bev", "phone": "07700 900 982"}]
        elif spec.kind == "items":
            answers[spec.name] = [f"{MARK} place"]
        else:
            answers[spec.name] = {"ticked": [spec.suggestions[0].key], "own": [f"{MARK} own"]}
    return answers


@pytest.mark.parametrize("number", range(1, 16))
def test_every_section_renders_saves_and_loads(
    app: Flask, client: FlaskClient, auth: AuthActions, number: int
) -> None:
    section = workbook.section_by_number(number)
    assert section
    with app.app_context():
        add_young_person()
    auth.sign_in_young_person()
    page = client.get(f"/notes/{number}")
    assert page.status_code == 200
    for spec in section.fields:
        assert spec.label.replace("'", "&#39;") in page.text
    response = client.post(
        f"/notes/{number}",
        data={"csrf_token": csrf_token(page), "version": "0", **form_for(section)},
    )
    assert response.status_code == 302
    with app.app_context():
        person = YoungPerson.by_username("blue-fox")
        assert person
        assert plan.current_section(person, section).answers == expected_answers(section)
        stored = db.session.scalars(select(SectionRevision._answers)).one()
        assert MARK.encode() not in stored
    again = client.get(f"/notes/{number}")
    assert again.text.count(MARK) == len(section.fields)
    assert re.search(r'name="version" type="hidden" value="1"', again.text)
    whole = client.get("/notes/all")
    assert f"{MARK} " in whole.text and section.title.replace("'", "&#39;") in whole.text


def test_stale_save_is_not_applied(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    section = workbook.section_by_number(1)
    assert section
    with app.app_context():
        add_young_person()
    auth.sign_in_young_person()
    page = client.get("/notes/1")
    with app.app_context():
        person = YoungPerson.by_username("blue-fox")
        assert person
        plan.save_section(person, section, {"code_word": "theirs"}, base_version=0, done=False)
        db.session.commit()
    response = client.post(
        "/notes/1", data={"csrf_token": csrf_token(page), "version": "0", "code_word": "mine"}
    )
    assert response.status_code == 409
    assert "theirs" in response.text and "mine" in response.text
    with app.app_context():
        person = YoungPerson.by_username("blue-fox")
        assert person
        assert plan.current_section(person, section).answers == {"code_word": "theirs"}


def test_unchanged_save_makes_no_revision(app: Flask) -> None:
    section = workbook.section_by_number(3)
    assert section
    with app.app_context():
        person: YoungPerson = add_young_person()
        first = plan.save_section(person, section, {"x": "1"}, base_version=0, done=False)
        again = plan.save_section(person, section, {"x": "1"}, base_version=1, done=False)
        assert first == again == plan.Saved(1)
        assert len(db.session.scalars(select(SectionRevision)).all()) == 1
        db.session.commit()


def test_plan_status_agrees_with_the_answers_without_decrypting(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    first, second, third = workbook.SECTIONS[:3]
    with app.app_context():
        person = add_young_person()
        plan.save_section(person, first, {"code_word": "kettle"}, base_version=0, done=True)
        plan.save_section(person, second, {"people": [{"name": "Sam"}]}, base_version=0, done=False)
        plan.save_section(person, second, {}, base_version=1, done=False)  # emptied again
        plan.save_section(person, third, {}, base_version=0, done=True)  # done, nothing in it
        status = {s.section.number: (s.started, s.done) for s in plan.plan_status(person)}
        answers = {v.section.number: (v.started, v.done) for v in plan.current_plan(person)}
        assert status == answers
        assert status[first.number] == (True, True) and status[second.number] == (False, False)
        db.session.commit()
    statements: list[str] = []
    with app.app_context():
        engine = db.engine
    listen = event.listens_for(engine, "before_cursor_execute")
    listen(lambda _conn, _cursor, statement, *_: statements.append(statement))
    auth.sign_in_young_person()
    statements.clear()
    home = client.get("/notes/")
    assert "You have started 1 of 15 parts" in home.text
    assert not any("section_revision" in statement for statement in statements)


def test_a_save_reads_the_section_once(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    with app.app_context():
        add_young_person()
        engine = db.engine
    auth.sign_in_young_person()
    page = client.get("/notes/1")
    statements: list[str] = []
    listen = event.listens_for(engine, "before_cursor_execute")
    listen(lambda _conn, _cursor, statement, *_: statements.append(statement))
    response = client.post(
        "/notes/1", data={"csrf_token": csrf_token(page), "version": "0", "code_word": "kettle"}
    )
    assert response.status_code == 302
    reads = [s for s in statements if s.lstrip().startswith("SELECT") and "section_state" in s]
    assert len(reads) == 1


def test_plan_home_nudges_before_a_review(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        person = add_young_person()
        person.next_review_on = date.today() + timedelta(days=7)
        db.session.commit()
    auth.sign_in_young_person()
    assert "Your worker will look at your plan with you by" in client.get("/notes/").text


def test_people_at_school_i_can_talk_to_have_names(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        add_young_person()
    auth.sign_in_young_person()
    page = client.get("/notes/7")
    assert "Names of the people at school I can talk to" in page.text
    saved = press(
        client,
        page,
        "Save",
        people_to_talk_to="counsellor",
        **{
            "school_people_names-0-name": "Ms Shah, school counsellor",
            "school_people_names-1-name": "Mr Okafor, head of year",
            "school_people_names-1-phone": "0116 496 0123",
        },
    )
    assert saved.status_code == 302
    whole = client.get("/notes/all").text
    assert "Ms Shah, school counsellor" in whole and "Mr Okafor, head of year" in whole


def test_the_practice_question_ticks_say_what_ticking_does(
    app: Flask, auth: AuthActions, client: FlaskClient
) -> None:
    with app.app_context():
        add_young_person()
    auth.sign_in_young_person()
    page = client.get("/notes/1").text
    hint = re.search(r'id="practice_questions-hint">([^<]+)<', page)
    assert hint and "Tick each one when you have practised it" in hint.group(1)


def test_a_box_holds_what_the_server_takes_and_a_too_long_one_is_named(
    app: Flask, auth: AuthActions, client: FlaskClient
) -> None:
    """The form's maxlength and the server's limit are one number, and the error summary
    says which box to fix and links to it."""
    with app.app_context():
        add_young_person()
    auth.sign_in_young_person()
    page = client.get("/notes/1")
    for box in ("safe_friends-0-name", "safe_friends-0-phone", "code_word"):
        control = re.search(rf'<textarea[^>]* id="{box}"[^>]*>', page.text)
        assert control and 'maxlength="300"' in control.group(0), box
    too_long = press(client, page, "Save", **{"safe_friends-0-name": "P" * 301})
    assert too_long.status_code == 200
    summary = too_long.text.split('class="error-summary__list"')[1].split("</ul>")[0]
    assert (
        '<a href="#safe_friends-0-name">Name 1 in “My safe friends” is too long. '
        "Use 300 characters or fewer. You have 301.</a>" in summary
    )


def test_emoji_show_on_screen_and_a_word_on_paper_wherever_answers_are_read(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    """Printers without an emoji font print empty boxes: each emoji (a flag, a keycap, a
    family joined into one), in any part, is in a span print hides, beside "(emoji)" that
    only print shows; on the whole plan, the trusted adult's page and the worker's record.
    A joiner inside an Urdu word, a tick and typed markup stay as they were."""
    with app.app_context():
        person_id = add_young_person(worker=add_staff()).id
    auth.sign_in_young_person()
    for number, answers in (
        (1, {"code_word": "Kettle 🫖 <b>on</b>"}),
        (2, {"people-0-name": "Gran 👵🏽", "people-0-phone": "07700 900123"}),
        (13, {"apps": "نانی\u200dجان ✓ 🇬🇧 1\ufe0f\u20e3 👩\u200d👧"}),
    ):
        assert press(client, client.get(f"/notes/{number}"), "Save", **answers).status_code == 302
    made = press(
        client, client.get("/notes/shares/new"), "Make the link", follow_redirects=True,
        label="Auntie", sections=["1", "2", "13"],
    )  # fmt: skip
    link = re.search(r"(/s/[\w-]+)", made.text)
    assert link
    staff = app.test_client()
    AuthActions(staff).sign_in_staff()
    on_paper = '<span class="no-print">{}</span><span class="emoji-in-print">(emoji)</span>'
    for page in (
        client.get("/notes/all").text,
        app.test_client().get(link.group(1)).text,
        staff.get(f"/staff/young-people/{person_id}").text,
    ):
        assert f"Kettle {on_paper.format('🫖')} &lt;b&gt;on&lt;/b&gt;" in page
        assert f"Gran {on_paper.format('👵🏽')}" in page
        emoji = [on_paper.format(e) for e in ("🇬🇧", "1\ufe0f\u20e3", "👩\u200d👧")]
        assert "نانی\u200dجان ✓ " + " ".join(emoji) in page
        assert page.count("emoji-in-print") == 5
