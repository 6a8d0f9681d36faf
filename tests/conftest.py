"""Fixtures in the Flask tutorial's shape: app, client, runner, and an `auth` helper.

Every test gets a fresh database: a temporary SQLite file by default, or the PostgreSQL
server named by DATABASE_URL (which `make test` starts for the second run)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
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


class _FormReader(HTMLParser):
    """What a browser would send for one form: its action, every named control's current
    value (text, hidden, textareas, ticked boxes, chosen options) and its buttons' texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.action: str | None = None
        self.method = "post"
        self.values: list[tuple[str, str]] = []
        self.buttons: list[str] = []
        self.button_values: dict[str, tuple[str, str]] = {}  # label -> the name=value it sends
        self.button_actions: dict[str, str] = {}  # label -> where it sends the form (formaction)
        self._button_action: str | None = None
        self._button: list[str] | None = None
        self._button_value: tuple[str, str] | None = None
        self._textarea: tuple[str, list[str]] | None = None
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        name = a.get("name", "")
        if tag == "form":
            self.action = a.get("action")
            self.method = a.get("method", "get").lower()
        elif tag == "input" and name and a.get("type") not in ("submit", "button"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.values.append((name, a.get("value", "on")))
        elif tag == "textarea" and name:
            self._textarea = (name, [])
        elif tag == "select" and name:
            self._select, self._options = name, []
        elif tag == "option" and self._select is not None:
            self._options.append((a.get("value", ""), "selected" in a))
        elif tag == "button":
            self._button = []
            self._button_value = (name, a.get("value", "")) if name else None
            self._button_action = a.get("formaction")

    def handle_data(self, data: str) -> None:
        for collecting in (self._button, self._textarea[1] if self._textarea else None):
            if collecting is not None:
                collecting.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "button" and self._button is not None:
            label = " ".join("".join(self._button).split())
            self.buttons.append(label)
            if self._button_value:
                self.button_values[label] = self._button_value
            if self._button_action:
                self.button_actions[label] = self._button_action
            self._button = None
        elif tag == "textarea" and self._textarea:
            # A browser drops the one line break that may follow <textarea>.
            text = "".join(self._textarea[1])
            text = text[2:] if text.startswith("\r\n") else text.removeprefix("\n")
            self.values.append((self._textarea[0], text))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = [value for value, selected in self._options if selected]
            if chosen or self._options:
                self.values.append((self._select, (chosen or [self._options[0][0]])[0]))
            self._select = None


def date_fields(prefix: str, day: date) -> dict[str, str]:
    """A date typed into a GOV.UK date input named `prefix`: its Day, Month and Year boxes."""
    return {
        f"{prefix}_day": str(day.day),
        f"{prefix}_month": str(day.month),
        f"{prefix}_year": str(day.year),
    }


def press(
    client: FlaskClient,
    page: TestResponse,
    button: str,
    follow_redirects: bool = False,
    nth: int = 0,
    **fields: str | list[str],
) -> TestResponse:
    """Press a button as a browser would: find the form on `page` with a button of that text
    (or, for buttons with hidden context, whose text starts so; `nth` such form), and send
    what the form holds, with `fields` typed over it (posted, or in the address for a
    method="get" form)."""
    forms = []
    for source in re.findall(r"<form\b.*?</form>", page.text, re.S):
        reader = _FormReader()
        reader.feed(source)
        forms.append(reader)
    exact = [form for form in forms if button in form.buttons]
    starting = [f for f in forms if any(label.startswith(button) for label in f.buttons)]
    for form in (exact or starting)[nth:]:
        data: dict[str, Any] = {}
        for name, value in form.values:
            data.setdefault(name, []).append(value)
        label = (
            button
            if button in form.buttons
            else next(label for label in form.buttons if label.startswith(button))
        )
        if label in form.button_values:  # the pressed button sends its own name and value
            name, value = form.button_values[label]
            data[name] = value
        data.update(fields)
        url = form.button_actions.get(label) or form.action or page.request.path
        if form.method == "get":  # a filter: its fields go in the address
            return client.get(url, query_string=data, follow_redirects=follow_redirects)
        return client.post(url, data=data, follow_redirects=follow_redirects)
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
