"""Behind an https proxy: forms work without a Referer, forms from other sites are refused,
scheme, host and client address come from the trusted proxy, links use the public address,
and workers starting together on an empty database all start."""

from __future__ import annotations

import multiprocessing
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, inspect, text
from werkzeug.test import TestResponse

from safetyplan.core.db import Base
from safetyplan.core.models import StaffUser
from safetyplan.web.extensions import db

from ..conftest import (
    STAFF_PASSWORD,
    add_staff,
    add_young_person,
    csrf_token,
    database_url,
    empty_database,
    fresh_app,
    make_app,
)

HTTPS = "https://plan.example.org"
THROUGH_PROXY = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "plan.example.org"}


@pytest.fixture
def https_app(tmp_path: Path) -> Iterator[Flask]:
    app = fresh_app(tmp_path, HTTPS=True, BASE_URL=HTTPS, PROXIES=1)
    with app.app_context():
        add_staff()
    yield app
    with app.app_context():
        db.engine.dispose()


def get(client: FlaskClient, path: str) -> TestResponse:
    """A GET that arrived over https, through the proxy."""
    return client.get(path, base_url=HTTPS, headers=THROUGH_PROXY)


def post(client: FlaskClient, path: str, data: dict[str, str], **headers: str) -> TestResponse:
    """A browser's form post over https: no Referer, as this app's pages send none."""
    return client.post(path, data=data, base_url=HTTPS, headers={**THROUGH_PROXY, **headers})


def sign_in_staff(client: FlaskClient, **headers: str) -> TestResponse:
    form = {"csrf_token": csrf_token(get(client, "/staff/sign-in")), "email": "worker@example.org"}
    return post(client, "/staff/sign-in", {**form, "password": STAFF_PASSWORD}, **headers)


def test_sign_in_works_over_https_without_a_referer(https_app: Flask) -> None:
    client = https_app.test_client()
    response = sign_in_staff(client)
    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/"
    assert "My caseload" in get(client, "/staff/").text


@pytest.mark.parametrize(
    "headers",
    [{"Origin": "null"}, {"Origin": HTTPS}, {"Sec-Fetch-Site": "same-origin"}],
    ids=["origin-null", "own-origin", "same-origin"],
)
def test_forms_from_the_app_itself_are_accepted(https_app: Flask, headers: dict[str, str]) -> None:
    assert sign_in_staff(https_app.test_client(), **headers).status_code == 302


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "http://plan.example.org"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ],
    ids=["other-origin", "plain-http-origin", "cross-site", "same-site"],
)
def test_forms_from_another_site_are_refused(https_app: Flask, headers: dict[str, str]) -> None:
    client = https_app.test_client()
    response = sign_in_staff(client, **headers)
    assert response.status_code == 400
    assert "Go back and try again" in response.text
    assert get(client, "/staff/").status_code == 302  # not signed in


def test_scheme_comes_from_the_proxy_only_when_trusted(tmp_path: Path) -> None:
    trusting = fresh_app(tmp_path, PROXIES=1).test_client()
    assert "Strict-Transport-Security" in trusting.get("/", headers=THROUGH_PROXY).headers
    assert "Strict-Transport-Security" not in trusting.get("/").headers
    direct = fresh_app(tmp_path, PROXIES=0).test_client()
    assert "Strict-Transport-Security" not in direct.get("/", headers=THROUGH_PROXY).headers


def test_sign_in_links_use_the_public_address(https_app: Flask) -> None:
    with https_app.app_context():
        worker = StaffUser.by_email("worker@example.org")
        person_id = add_young_person(worker=worker).id
    client = https_app.test_client()
    sign_in_staff(client)
    record = get(client, f"/staff/young-people/{person_id}")
    response = post(
        client, f"/staff/young-people/{person_id}/code", {"csrf_token": csrf_token(record)}
    )
    assert response.status_code == 200
    typed = re.search(r"type the code at <strong>([^<]+)</strong>", response.text)
    assert typed and typed.group(1) == "https://plan.example.org/notes/start"
    assert "localhost" not in response.text


@pytest.mark.parametrize(
    "headers",
    [{"X-Forwarded-Host": "evil.example"}, {"Host": "evil.example"}],
    ids=["forwarded-host", "host"],
)
def test_a_forged_host_is_refused(https_app: Flask, headers: dict[str, str]) -> None:
    client = https_app.test_client()
    response = client.get("/staff/sign-in", headers={"X-Forwarded-Proto": "https", **headers})
    assert response.status_code == 400
    assert "evil.example" not in response.text


def test_rate_limits_count_each_client_address_behind_the_proxy(tmp_path: Path) -> None:
    client = fresh_app(tmp_path, PROXIES=1, SIGN_IN_RATE_LIMIT="2 per minute").test_client()

    def wrong_sign_in(address: str) -> int:
        headers = {"X-Forwarded-For": address}
        page = client.get("/staff/sign-in", headers=headers)
        form = {"csrf_token": csrf_token(page), "email": "nobody@example.org", "password": "x"}
        return client.post("/staff/sign-in", data=form, headers=headers).status_code

    assert [wrong_sign_in("203.0.113.7") for _ in range(3)] == [200, 200, 429]
    assert wrong_sign_in("203.0.113.8") == 200


def _start_worker(tmp_path: Path, starting: Any, errors: Any) -> None:
    """One gunicorn worker's start-up, in its own process as gunicorn runs it."""
    starting.wait()
    try:
        app = make_app(tmp_path, AUTO_MIGRATE=True, SAFETYPLAN_KEYS="")
        with app.app_context():
            db.engine.dispose()
    except BaseException as error:  # SystemExit included: a worker that cannot start
        errors.put(repr(error))


def test_workers_starting_together_on_an_empty_database_all_start(tmp_path: Path) -> None:
    """Each worker runs the start-up migration and makes the first keys: one at a time.
    Processes, as gunicorn's workers are (threads in one process also trip CPython 3.11's
    compiler, which is not thread-safe when modules are imported at once)."""
    empty_database(tmp_path)
    forked = multiprocessing.get_context("fork")
    starting, errors = forked.Barrier(4), forked.Queue()
    workers = [
        forked.Process(target=_start_worker, args=(tmp_path, starting, errors)) for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert not any(worker.is_alive() for worker in workers), "workers stuck starting up"
    engine = create_engine(database_url(tmp_path))
    try:
        migrated = inspect(engine).has_table("young_person")
    finally:  # leave nothing behind for the next test, migrations' version table included
        Base.metadata.drop_all(engine)
        with engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        engine.dispose()
    assert [errors.get() for _ in range(errors.qsize())] == []
    assert [worker.exitcode for worker in workers] == [0, 0, 0, 0]
    assert migrated
