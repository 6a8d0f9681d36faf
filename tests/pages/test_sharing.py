"""Sharing with a trusted adult: only chosen sections, tokens never stored, ended links all
alike, access codes that lock."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import inspect, text

from safetyplan.core import plan, planning_sessions, sharing, workbook
from safetyplan.core.db import utcnow
from safetyplan.core.models import Share, YoungPerson
from safetyplan.web.extensions import db

from ..conftest import AuthActions, add_staff, add_young_person, csrf_token, press


def section(number: int) -> workbook.Section:
    found = workbook.section_by_number(number)
    assert found
    return found


@pytest.fixture
def person_id(app: Flask) -> str:
    with app.app_context():
        worker = add_staff()
        person = add_young_person(worker=worker)
        plan.save_section(
            person, section(1), {"code_word": "SECRET-CODE-WORD"}, base_version=0, done=False
        )
        plan.save_section(
            person, section(7), {"way_to_school": "SHARED-SCHOOL-ROUTE"}, base_version=0, done=False
        )
        plan.save_section(
            person, section(8), {"way_out": "UNSHARED-HOME-EXIT"}, base_version=0, done=False
        )
        session = planning_sessions.start(person, worker, date.today(), "")
        planning_sessions.add_note(session, worker, "STAFF-NOTE-MARKER")
        db.session.commit()
        return person.id


def make_share(
    app: Flask, person_id: str, sections: list[int], code: str | None = None, days: int = 7
) -> tuple[str, str]:
    with app.app_context():
        person = db.session.get(YoungPerson, person_id)
        assert person
        share, token = sharing.create_share(
            person, "Auntie", sections, days, code, utcnow(), "fast"
        )
        db.session.commit()
        return share.id, token


def test_a_new_link_starts_with_only_the_code_word_and_says_why_for_each_part(
    app: Flask, person_id: str, auth: AuthActions, client: FlaskClient
) -> None:
    """The trusted adult needs the code word; everything else is the young person's choice.
    Pressing "Make the link" as the page comes shares "My emergency code" and nothing else,
    and a link without an access code says so."""
    auth.sign_in_young_person()
    page = client.get("/notes/shares/new")
    ticked = re.findall(r'name="sections" type="checkbox" value="(\d+)"[^>]* checked', page.text)
    assert ticked == ["1"]
    reasons = re.findall(
        r'class="hint checkboxes__hint" id="sections-(\d+)-hint">([^<]+)<', page.text
    )
    assert len(reasons) == 15 and all(reason.strip() for _, reason in reasons)
    made = press(client, page, "Make the link", follow_redirects=True, label="Auntie")
    assert "no access code" in made.text
    with app.app_context():
        assert db.session.query(Share).one().sections == [1]


def test_adult_sees_only_chosen_sections(app: Flask, person_id: str) -> None:
    _, token = make_share(app, person_id, [7])
    page = app.test_client().get(f"/s/{token}")
    assert page.status_code == 200
    assert "SHARED-SCHOOL-ROUTE" in page.text
    for hidden in ("SECRET-CODE-WORD", "UNSHARED-HOME-EXIT", "STAFF-NOTE-MARKER"):
        assert hidden not in page.text
    assert "Do you want me to come and get you?" in page.text
    assert page.headers["Cache-Control"] == "no-store"
    assert "noindex" in page.headers["X-Robots-Tag"]
    assert page.headers["Referrer-Policy"] == "no-referrer"
    for word in ("safety", "abuse", "exploitation"):
        assert word not in re.search(r"<title>(.*)</title>", page.text).group(1).lower()  # type: ignore[union-attr]


def test_adult_always_sees_the_current_version(app: Flask, person_id: str) -> None:
    _, token = make_share(app, person_id, [7])
    with app.app_context():
        person = db.session.get(YoungPerson, person_id)
        assert person
        plan.save_section(
            person, section(7), {"way_to_school": "NEW-ROUTE"}, base_version=1, done=False
        )
        db.session.commit()
    assert "NEW-ROUTE" in app.test_client().get(f"/s/{token}").text


def test_opens_are_counted_per_browser_not_per_reload(app: Flask, person_id: str) -> None:
    share_id, token = make_share(app, person_id, [7])
    adult, someone_else = app.test_client(), app.test_client()
    for _ in range(3):
        assert adult.get(f"/s/{token}").status_code == 200  # one visit with reloads
    someone_else.get(f"/s/{token}")  # a second browser always counts
    with app.app_context():
        share = db.session.get(Share, share_id)
        assert share and share.open_count == 2
        later = utcnow() + sharing.REOPEN_AFTER
        sharing.record_open(share, later, seen_here=True)  # the same browser, much later
        assert (share.open_count, share.last_opened_at) == (3, later)
        db.session.commit()


def test_deactivating_a_young_person_ends_their_links(app: Flask, person_id: str) -> None:
    _, token = make_share(app, person_id, [7])
    with app.app_context():
        person = db.session.get(YoungPerson, person_id)
        assert person
        person.active = False
        db.session.commit()
    ended = app.test_client().get(f"/s/{token}")
    assert ended.status_code == 404 and "SHARED-SCHOOL-ROUTE" not in ended.text


def test_token_is_not_stored(app: Flask, person_id: str) -> None:
    _, token = make_share(app, person_id, [7])
    assert len(token) >= 22  # 128 bits or more in URL-safe base64
    with app.app_context():
        for table in inspect(db.engine).get_table_names():
            rows = db.session.execute(text(f'SELECT * FROM "{table}"')).all()  # noqa: S608
            assert token not in repr(rows)


def ended_response(client: FlaskClient, token: str) -> tuple[int, str, list[str]]:
    response = client.get(f"/s/{token}")
    headers = sorted(k for k, _ in response.headers.items() if k not in ("Content-Length", "Date"))
    return response.status_code, response.text, headers


def test_ended_links_are_indistinguishable(app: Flask, person_id: str) -> None:
    share_id, revoked = make_share(app, person_id, [7])
    _, expired = make_share(app, person_id, [7])
    locked_id, locked = make_share(app, person_id, [7], code="4821")
    with app.app_context():
        sharing.revoke(db.session.get(Share, share_id), utcnow())  # type: ignore[arg-type]
        for row in db.session.query(Share).all():
            if row.id not in (share_id, locked_id):
                row.expires_at = utcnow() - timedelta(seconds=1)
            if row.id == locked_id:
                row.locked_at = utcnow()
        db.session.commit()
    client = app.test_client()
    answers = [
        ended_response(client, token)
        for token in (revoked, expired, locked, "x" * 32, "unknown-token-of-sensible-length")
    ]
    assert answers[0][0] == 404
    assert "This link no longer works. Ask the person who sent it for a new one." in answers[0][1]
    for answer in answers[1:]:
        assert answer == answers[0]


def test_revoke_works_on_the_next_request(
    app: Flask, person_id: str, auth: AuthActions, client: FlaskClient
) -> None:
    share_id, token = make_share(app, person_id, [7])
    adult = app.test_client()
    assert adult.get(f"/s/{token}").status_code == 200
    auth.sign_in_young_person()
    page = client.get("/notes/shares")
    assert "Opened 1 time" in page.text
    client.post(f"/notes/shares/{share_id}/revoke", data={"csrf_token": csrf_token(page)})
    assert adult.get(f"/s/{token}").status_code == 404


def test_access_code_required_and_locks(
    app: Flask, person_id: str, auth: AuthActions, client: FlaskClient
) -> None:
    _, token = make_share(app, person_id, [7], code="4821")
    adult = app.test_client()
    form = adult.get(f"/s/{token}")
    assert "Enter the access code" in form.text and "SHARED-SCHOOL-ROUTE" not in form.text
    wrong = adult.post(f"/s/{token}", data={"csrf_token": csrf_token(form), "code": "0000"})
    assert "isn&#39;t right" in wrong.text
    right = adult.post(f"/s/{token}", data={"csrf_token": csrf_token(form), "code": "4821"})
    assert "SHARED-SCHOOL-ROUTE" in right.text
    assert "SHARED-SCHOOL-ROUTE" in adult.get(f"/s/{token}").text  # remembered this session
    stranger = app.test_client()
    form = stranger.get(f"/s/{token}")
    for _ in range(sharing.MAX_CODE_TRIES - 1):
        stranger.post(f"/s/{token}", data={"csrf_token": csrf_token(form), "code": "1111"})
    assert stranger.get(f"/s/{token}").status_code == 404
    assert adult.get(f"/s/{token}").status_code == 404  # locked for everyone
    auth.sign_in_young_person()
    assert "Locked: wrong code too many times" in client.get("/notes/shares").text


def test_expired_share_can_be_extended(
    app: Flask, person_id: str, auth: AuthActions, client: FlaskClient
) -> None:
    share_id, token = make_share(app, person_id, [7], days=1)
    with app.app_context():
        row = db.session.get(Share, share_id)
        assert row
        row.expires_at = utcnow() - timedelta(hours=1)
        db.session.commit()
    assert app.test_client().get(f"/s/{token}").status_code == 404
    auth.sign_in_young_person()
    page = client.get("/notes/shares")
    client.post(
        f"/notes/shares/{share_id}/extend", data={"csrf_token": csrf_token(page), "days": "7"}
    )
    assert app.test_client().get(f"/s/{token}").status_code == 200


def test_create_share_through_the_form(
    app: Flask, person_id: str, auth: AuthActions, client: FlaskClient
) -> None:
    auth.sign_in_young_person()
    page = client.get("/notes/shares/new")
    assert 'value="1" checked' in page.text and 'value="7" checked' not in page.text
    empty = client.post(
        "/notes/shares/new",
        data={"csrf_token": csrf_token(page), "label": "", "days": "7", "access_code": "12"},
    )
    assert "Say who the link is for" in empty.text and "Use 4 to 8 numbers" in empty.text
    assert "Choose at least one part" in empty.text
    made = client.post(
        "/notes/shares/new",
        data={
            "csrf_token": csrf_token(page),
            "label": "Auntie",
            "sections": ["7", "99"],
            "days": "30",
        },
        follow_redirects=True,
    )
    link = re.search(r'id="share-link" dir="ltr">([^<]+)<', made.text).group(1)  # type: ignore[union-attr]
    assert "/s/" in link and "safety" not in link and "plan" not in link
    assert "sms:?&amp;body=" in made.text and "<svg" in made.text
    with app.app_context():
        share = db.session.query(Share).one()
        assert share.sections == [7]
        assert (share.expires_at - utcnow()).days >= 29


def test_reloading_the_new_link_makes_no_second_link_and_shows_it_only_once(
    app: Flask, person_id: str, auth: AuthActions, client: FlaskClient
) -> None:
    """Make the link redirects to the page that shows it (a reload posts nothing again),
    and the link is on that page only the first time it is seen."""
    auth.sign_in_young_person()
    made = press(client, client.get("/notes/shares/new"), "Make the link", label="Auntie")
    assert made.status_code == 302
    shown = client.get(made.headers["Location"])
    link = re.search(r'id="share-link" dir="ltr">([^<]+)<', shown.text).group(1)  # type: ignore[union-attr]
    reloaded = client.get(made.headers["Location"])
    assert reloaded.status_code == 200 and "Your link for Auntie" in reloaded.text
    assert link not in reloaded.text and "/s/" not in reloaded.text
    assert "was shown once" in reloaded.text
    with app.app_context():
        assert db.session.query(Share).count() == 1
    assert app.test_client().get(link).status_code == 200


def test_the_parts_to_share_are_in_the_plan_homes_groups_and_order(
    person_id: str, auth: AuthActions, client: FlaskClient
) -> None:
    auth.sign_in_young_person()
    home = client.get("/notes/").text
    on_home = re.findall(r'id="section-(\d+)"', home)
    groups_on_home = re.findall(
        r'<h2 class="heading-m">([^<]+)</h2>\s*<ul class="part-list">', home
    )
    form = client.get("/notes/shares/new").text
    assert re.findall(r'name="sections" type="checkbox" value="(\d+)"', form) == on_home
    assert re.findall(r'<h3 class="heading-s">([^<]+)</h3>', form) == groups_on_home
    assert len(on_home) == 15 and len(groups_on_home) == 4


def test_worker_sees_and_revokes_shares(
    app: Flask, person_id: str, auth: AuthActions, client: FlaskClient
) -> None:
    share_id, token = make_share(app, person_id, [7])
    auth.sign_in_staff()
    record = client.get(f"/staff/young-people/{person_id}")
    assert "Auntie" in record.text
    client.post(
        f"/staff/young-people/{person_id}/shares/{share_id}/revoke",
        data={"csrf_token": csrf_token(record)},
    )
    assert app.test_client().get(f"/s/{token}").status_code == 404


def test_share_token_rate_limit(app: Flask) -> None:
    client = app.test_client()
    statuses = [client.get(f"/s/{'y' * 30}").status_code for _ in range(31)]
    assert statuses[-1] == 429


def test_the_trusted_adult_says_they_are_ready_and_everyone_sees_it(
    app: Flask, person_id: str, auth: AuthActions, client: FlaskClient
) -> None:
    share_id, token = make_share(app, person_id, [1])
    adult = app.test_client()
    page = adult.get(f"/s/{token}")
    assert "Are you ready to help?" in page.text
    thanked = press(adult, page, "I'm ready to help", follow_redirects=True)
    assert "Thank you. They will see that you are ready to help." in thanked.text
    assert "You said on" in thanked.text

    auth.sign_in_young_person()
    assert "Auntie said they are ready to help" in client.get("/notes/shares").text
    with app.app_context():
        share = db.session.get(Share, share_id)
        assert share and share.adult_answer == "ready"
        share.adult_answered_at = utcnow() - timedelta(weeks=9)
        db.session.commit()
    assert "Check Auntie still knows your code word" in client.get("/notes/shares").text

    press(adult, adult.get(f"/s/{token}"), "I can't do this")
    assert "Auntie said they can't do this" in client.get("/notes/shares").text

    worker = app.test_client()
    AuthActions(worker).sign_in_staff()
    record = worker.get(f"/staff/young-people/{person_id}")
    assert "Said they can't do this" in record.text
    press(worker, record, "I've spoken with them")
    with app.app_context():
        share = db.session.get(Share, share_id)
        assert share and share.worker_spoke_at


def test_an_answer_needs_the_access_code_first(app: Flask, person_id: str) -> None:
    _, token = make_share(app, person_id, [1], code="4821")
    adult = app.test_client()
    page = adult.get(f"/s/{token}")
    answered = adult.post(f"/s/{token}/ready", data={"csrf_token": csrf_token(page)})
    assert answered.status_code == 404
    with app.app_context():
        assert db.session.query(Share).one().adult_answer is None
