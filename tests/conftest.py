"""Fixtures in the Flask tutorial's shape: app, client, runner, and an `auth` helper.

Every test gets a fresh database: a temporary SQLite file by default, or the PostgreSQL
server named by DATABASE_URL (which `make test` starts for the second run)."""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import create_engine
from werkzeug.test import TestResponse

from safetyplan import create_app
from safetyplan.core import crypto
from safetyplan.core.db import Base
from safetyplan.core.encrypted import ensure_lookup_index_key
from safetyplan.core.models import StaffUser, YoungPerson
from safetyplan.core.passwords import hash_password
from safetyplan.web.extensions import db

STAFF_PASSWORD = "correct horse battery"
YOUNG_PERSON_PASSPHRASE = "purple otter kettle"
TEST_KEY = crypto.encode_key(bytes(range(32)))


def database_url(tmp_path: Path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return f"sqlite:///{tmp_path / 'test.sqlite'}"


def make_app(tmp_path: Path, **overrides: Any) -> Flask:
    config = {
        "TESTING": True,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SECRET_KEY": "test secret key, not for production",
        "SQLALCHEMY_DATABASE_URI": database_url(tmp_path),
        "SAFETYPLAN_KEYS": TEST_KEY,
        "AUTO_MIGRATE": False,
        "PASSWORD_HASH_PROFILE": "fast",
        "RATELIMIT_STORAGE_URI": "memory://",
    }
    config.update(overrides)
    return create_app(config)


def empty_database(tmp_path: Path) -> None:
    """Drop every table first, so no earlier test's data (or keys) are seen at start-up."""
    engine = create_engine(database_url(tmp_path))
    Base.metadata.drop_all(engine)
    engine.dispose()


def fresh_app(tmp_path: Path, **overrides: Any) -> Flask:
    """An app on an empty database with its tables made."""
    empty_database(tmp_path)
    app = make_app(tmp_path, **overrides)
    with app.app_context():
        db.create_all()
        ensure_lookup_index_key()
        db.session.commit()
    return app


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    app = fresh_app(tmp_path)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


def csrf_token(response: TestResponse) -> str:
    match = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', response.text)
    assert match, "no CSRF token on the page"
    return match.group(1)


def add_staff(
    email: str = "worker@example.org", name: str = "Sam Worker", role: str = "worker"
) -> StaffUser:
    staff = StaffUser(email=email, name=name, role=role)
    staff.password_hash = hash_password(STAFF_PASSWORD, "fast")
    db.session.add(staff)
    db.session.commit()
    return staff


def add_young_person(
    username: str = "blue-fox", name: str = "Alex", worker: StaffUser | None = None
) -> YoungPerson:
    person = YoungPerson(preferred_name=name, worker=worker)
    person.set_username(username)
    person.password_hash = hash_password(YOUNG_PERSON_PASSPHRASE, "fast")
    db.session.add(person)
    db.session.commit()
    return person


def press(
    client: FlaskClient,
    page: TestResponse,
    button: str,
    follow_redirects: bool = False,
    **fields: str,
) -> TestResponse:
    """Press a button as a browser would: find the form on `page` holding a submit button
    with that text, and post its action with the form's hidden inputs plus `fields`."""
    for form in re.findall(r"<form\b.*?</form>", page.text, re.S):
        labels = [
            re.sub(r"<[^>]+>", "", label).strip()
            for label in re.findall(r"<button\b[^>]*>(.*?)</button>", form, re.S)
        ]
        if button not in labels:
            continue
        action = re.search(r'action="([^"]*)"', form.split(">", 1)[0])
        hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
        hidden |= dict(
            re.findall(r'<input id="[^"]*" name="([^"]+)" type="hidden" value="([^"]*)"', form)
        )
        url = html.unescape(action.group(1)) if action and action.group(1) else page.request.path
        return client.post(url, data={**hidden, **fields}, follow_redirects=follow_redirects)
    raise AssertionError(f"no button {button!r} on the page")


class AuthActions:
    def __init__(self, client: FlaskClient):
        self.client = client

    def post_form(self, url: str, data: dict[str, Any], **kwargs: Any) -> TestResponse:
        """Post a form the way a browser does: fetch the page first for its CSRF token."""
        page = self.client.get(url)
        return self.client.post(url, data={"csrf_token": csrf_token(page), **data}, **kwargs)

    def sign_in_young_person(
        self, username: str = "blue-fox", passphrase: str = YOUNG_PERSON_PASSPHRASE
    ) -> TestResponse:
        return self.post_form("/", {"username": username, "passphrase": passphrase})

    def sign_in_staff(
        self, email: str = "worker@example.org", password: str = STAFF_PASSWORD
    ) -> TestResponse:
        return self.post_form("/staff/sign-in", {"email": email, "password": password})

    def sign_out(self, from_page: str = "/notes/account") -> TestResponse:
        page = self.client.get(from_page)
        return self.client.post("/sign-out", data={"csrf_token": csrf_token(page)})


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    return AuthActions(client)
