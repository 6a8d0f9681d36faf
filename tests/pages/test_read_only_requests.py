"""A signed-in page that only reads uses one database connection, writes nothing and reads
the session and its account in one query (issue 18: the http path of a signed-in request)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from safetyplan.web.extensions import db

from ..conftest import AuthActions, add_staff, add_young_person, press


@contextmanager
def database_use(app: Flask) -> Iterator[dict[str, list[str]]]:
    """The connections checked out of the pool and the statements run, while inside."""
    with app.app_context():
        engine = db.engine
    seen: dict[str, list[str]] = {"connections": [], "statements": []}

    def checked_out(*_: object) -> None:
        seen["connections"].append("checkout")

    def ran(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        seen["statements"].append(" ".join(statement.split()))

    event.listen(engine.pool, "checkout", checked_out)
    event.listen(engine, "before_cursor_execute", ran)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", ran)
        event.remove(engine.pool, "checkout", checked_out)


@pytest.mark.parametrize("path", ["/notes/", "/notes/all", "/notes/help", "/notes/about"])
def test_a_young_persons_page_reads_in_one_connection_and_writes_nothing(
    app: Flask, client: FlaskClient, auth: AuthActions, path: str
) -> None:
    with app.app_context():
        add_young_person()
    auth.sign_in_young_person()
    press(client, client.get("/notes/1"), "Save", code_word="kettle")
    client.get("/notes/")  # the page after saving shows (and clears) the confirmation
    with database_use(app) as seen:
        assert client.get(path).status_code == 200
    assert len(seen["connections"]) == 1, seen
    writes = [s for s in seen["statements"] if s.split()[0] in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == []
    session_reads = [s for s in seen["statements"] if "FROM web_session" in s]
    assert len(session_reads) == 1 and "JOIN young_person" in session_reads[0]


def test_the_caseload_reads_in_one_connection_and_writes_nothing(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        add_young_person(worker=add_staff())
    auth.sign_in_staff()
    client.get("/staff/")  # the first page after sign-in stores a fresh form token
    with database_use(app) as seen:
        assert client.get("/staff/").status_code == 200
    writes = [s for s in seen["statements"] if s.split()[0] in {"INSERT", "UPDATE", "DELETE"}]
    assert len(seen["connections"]) == 1 and writes == []
