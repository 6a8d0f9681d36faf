"""Server-side sessions, sign-in and sign-out, idle and absolute limits, throttling."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, update

from safetyplan.core.db import utcnow
from safetyplan.core.models import WebSession, YoungPerson
from safetyplan.web.extensions import db

from ..conftest import AuthActions, add_staff, add_young_person, fresh_app


def session_cookie(client: FlaskClient) -> str | None:
    cookie = client.get_cookie("session")
    return cookie.value if cookie else None


def test_cookie_holds_only_a_random_id(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    with app.app_context():
        add_young_person()
    auth.sign_in_young_person()
    value = session_cookie(client)
    assert value and "." not in value and len(value) >= 40  # not a signed data cookie
    with app.app_context():
        stored = db.session.scalars(select(WebSession.data)).all()
    assert all(value not in data for data in stored)


def test_session_id_changes_at_sign_in(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    with app.app_context():
        add_young_person()
    client.get("/")
    before = session_cookie(client)
    assert before  # the sign-in form's CSRF token lives in an anonymous session
    response = auth.sign_in_young_person()
    assert response.status_code == 302
    after = session_cookie(client)
    assert after and after != before
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(WebSession)) == 1


def test_old_cookie_is_dead_after_sign_out(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        add_young_person()
    auth.sign_in_young_person()
    stolen = session_cookie(client)
    response = auth.sign_out()
    assert response.status_code == 200
    assert "cookies" in response.headers["Clear-Site-Data"]
    thief = app.test_client()
    thief.set_cookie("session", stolen or "")
    assert thief.get("/notes/").status_code == 302


def test_quick_exit_ends_session_and_leaves(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        add_young_person()
    auth.sign_in_young_person()
    response = client.post("/exit")
    assert response.status_code == 303
    assert response.headers["Location"] == app.config["EXIT_URL"]
    assert response.headers["Clear-Site-Data"] == '"cache", "cookies"'
    assert client.get("/notes/").status_code == 302


def test_idle_time_out(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    with app.app_context():
        add_young_person()
    auth.sign_in_young_person()
    assert client.get("/notes/").status_code == 200
    with app.app_context():
        db.session.execute(update(WebSession).values(last_seen_at=utcnow() - timedelta(minutes=16)))
        db.session.commit()
    response = client.get("/notes/", follow_redirects=True)
    assert "signed out because you hadn" in response.text


def test_staff_idle_limit_is_longer(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    with app.app_context():
        add_staff()
    auth.sign_in_staff()
    with app.app_context():
        db.session.execute(update(WebSession).values(last_seen_at=utcnow() - timedelta(minutes=20)))
        db.session.commit()
    assert client.get("/staff/").status_code == 200


def test_absolute_time_out(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    with app.app_context():
        add_staff()
    auth.sign_in_staff()
    with app.app_context():
        db.session.execute(update(WebSession).values(created_at=utcnow() - timedelta(hours=13)))
        db.session.commit()
    assert client.get("/staff/").status_code == 302


def test_deactivation_ends_sessions(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    with app.app_context():
        person_id = add_young_person().id
    auth.sign_in_young_person()
    with app.app_context():
        person = db.session.get(YoungPerson, person_id)
        assert person
        from safetyplan.core.accounts import deactivate

        deactivate(person)
        db.session.commit()
    assert client.get("/notes/").status_code == 302
    assert auth.sign_in_young_person().status_code == 200  # refused, same message


def test_failed_sign_in_looks_the_same_for_unknown_accounts(app: Flask, auth: AuthActions) -> None:
    with app.app_context():
        add_young_person()
    wrong = auth.sign_in_young_person(passphrase="not the passphrase")
    unknown = auth.sign_in_young_person(username="nobody-here")
    assert wrong.status_code == unknown.status_code == 200
    # Less every form's random token (the language switch at the foot has one too), which
    # changes with the second it was made in.
    strip = lambda html: re.sub(r'name="csrf_token" (type="hidden" )?value="[^"]*"', "", html)  # noqa: E731
    assert strip(wrong.text) == strip(unknown.text).replace("nobody-here", "blue-fox")
    assert "don&#39;t match" in wrong.text


def test_throttle_trips_for_one_account_and_not_another(app: Flask, auth: AuthActions) -> None:
    with app.app_context():
        add_young_person("blue-fox")
        add_young_person("green-owl", name="Sam")
    for _ in range(app.config["LOGIN_THROTTLE_AFTER"]):
        auth.sign_in_young_person("blue-fox", "wrong passphrase")
    # Now even the right passphrase is refused for this account for a while...
    assert auth.sign_in_young_person("blue-fox").status_code == 200
    # ...but another account signs in at once.
    assert auth.sign_in_young_person("green-owl").status_code == 302
    with app.app_context():
        person = YoungPerson.by_username("blue-fox")
        assert person and person.throttled_until
        person.throttled_until = person.throttled_until - timedelta(hours=1)
        db.session.commit()
    auth.client.post("/exit")
    assert auth.sign_in_young_person("blue-fox").status_code == 302


def test_ip_rate_limit_on_sign_in(tmp_path) -> None:
    app = fresh_app(tmp_path, SIGN_IN_RATE_LIMIT="3 per minute")
    client = app.test_client()
    auth = AuthActions(client)
    responses = [auth.sign_in_young_person("x", "wrong passphrase") for _ in range(4)]
    assert [response.status_code for response in responses] == [200, 200, 200, 429]
    assert "Too many tries" in responses[-1].text


def test_page_loads_by_nobody_cannot_fill_the_session_table(tmp_path: Path) -> None:
    app = fresh_app(tmp_path, MAX_ANONYMOUS_SESSIONS=5)
    with app.app_context():
        add_young_person()
    for _ in range(3):
        app.test_client().get("/meeting/")  # pages with no form store nothing
    clients = [app.test_client() for _ in range(20)]
    for client in clients:
        client.get("/")  # the sign-in form's token needs a session
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(WebSession)) == 5
    assert AuthActions(clients[-1]).sign_in_young_person().status_code == 302  # newest works


def test_a_strangers_guesses_never_lock_the_owner_out_on_their_own_phone(app: Flask) -> None:
    with app.app_context():
        add_young_person()
    own_phone = AuthActions(app.test_client())
    assert own_phone.sign_in_young_person().status_code == 302  # it knows this phone now
    own_phone.client.delete_cookie("session")  # later: the session has run out
    stranger = AuthActions(app.test_client())
    for _ in range(app.config["LOGIN_THROTTLE_AFTER"] + 3):
        stranger.sign_in_young_person(passphrase="a wrong guess")
    assert stranger.sign_in_young_person().status_code == 200  # throttled for strangers
    assert own_phone.sign_in_young_person().status_code == 302  # but not for the owner


def test_guessing_on_the_owners_phone_is_throttled_too(app: Flask) -> None:
    with app.app_context():
        add_young_person()
    phone = AuthActions(app.test_client())
    assert phone.sign_in_young_person().status_code == 302
    phone.client.delete_cookie("session")
    for _ in range(app.config["LOGIN_THROTTLE_AFTER"]):
        phone.sign_in_young_person(passphrase="a wrong guess")
    assert phone.sign_in_young_person().status_code == 200  # someone else holding the phone
    with app.app_context():
        person = YoungPerson.by_username("blue-fox")
        assert person and person.device_throttled_until and not person.throttled_until


def test_a_cookie_or_version_with_other_characters_is_just_wrong(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    """hmac.compare_digest refuses non-ASCII text: such a value must compare as different,
    not give a 500."""
    with app.app_context():
        add_young_person()
    client.set_cookie("device", "\u00e9t\u00e9")
    assert auth.sign_in_young_person().status_code == 302
