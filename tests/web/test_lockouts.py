"""Lockouts hold under a burst: guesses sent at the same moment are each counted, the lock
comes at the configured count every time, and the right answer sent after the limit in the
same burst opens nothing. Real concurrent requests to a threaded server, on whichever
database the suite runs on."""

from __future__ import annotations

import http.client
import re
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import pytest
from flask import Flask
from werkzeug.serving import make_server

from safetyplan.core import sharing
from safetyplan.core.db import utcnow
from safetyplan.core.models import Share, YoungPerson
from safetyplan.web.extensions import db

from ..conftest import YOUNG_PERSON_PASSPHRASE, add_young_person, fresh_app

THROTTLE_AFTER = 5


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Flask, int]]:
    app = fresh_app(
        tmp_path,
        SIGN_IN_RATE_LIMIT="1000/minute",
        SHARE_RATE_LIMIT="1000/minute",
        LOGIN_THROTTLE_AFTER=THROTTLE_AFTER,
    )
    running = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    yield app, running.server_port
    running.shutdown()
    with app.app_context():
        db.engine.dispose()


def fetch(
    port: int, method: str, path: str, cookie: str = "", body: str = ""
) -> tuple[int, str, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    text = response.read().decode()
    set_cookie = response.getheader("Set-Cookie") or ""
    connection.close()
    return response.status, text, set_cookie.split(";", 1)[0]


def browser_on(port: int, path: str) -> tuple[str, str]:
    """A session cookie and its form token, as a browser has after opening the page."""
    _, page, cookie = fetch(port, "GET", path)
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page)
    assert token and cookie
    return cookie, token.group(1)


def burst(port: int, path: str, bodies: list[dict[str, str]]) -> list[int]:
    cookie, token = browser_on(port, path)

    def send(body: dict[str, str]) -> int:
        return fetch(port, "POST", path, cookie, urlencode({**body, "csrf_token": token}))[0]

    with ThreadPoolExecutor(max_workers=len(bodies)) as pool:
        return list(pool.map(send, bodies))


def test_a_burst_of_wrong_access_codes_locks_the_share_at_the_limit(
    server: tuple[Flask, int],
) -> None:
    app, port = server
    with app.app_context():
        person = add_young_person()
        share, token = sharing.create_share(person, "Bev", [1], 7, "4821", utcnow(), "fast")
        db.session.commit()
        share_id = share.id
    burst(port, f"/s/{token}", [{"code": f"{n:04d}"} for n in range(9)])
    with app.app_context():
        share = db.session.get(Share, share_id)
        assert share and share.failed_codes == sharing.MAX_CODE_TRIES
        assert share.locked_at is not None
    assert fetch(port, "GET", f"/s/{token}")[0] == 404


def test_the_right_code_in_a_burst_after_the_limit_opens_nothing(
    server: tuple[Flask, int],
) -> None:
    app, port = server
    with app.app_context():
        person = add_young_person()
        _, token = sharing.create_share(person, "Bev", [1], 7, "4821", utcnow(), "fast")
        db.session.commit()
    cookie, form_token = browser_on(port, f"/s/{token}")

    def send(code: str) -> tuple[int, str, str]:
        body = urlencode({"code": code, "csrf_token": form_token})
        return fetch(port, "POST", f"/s/{token}", cookie, body)

    with ThreadPoolExecutor(max_workers=9) as pool:
        list(pool.map(send, [f"{n:04d}" for n in range(8)]))
    status, page, _ = send("4821")
    assert status == 404 and "My emergency code" not in page


def test_a_burst_of_wrong_passphrases_throttles_at_the_configured_count(
    server: tuple[Flask, int],
) -> None:
    app, port = server
    with app.app_context():
        add_young_person()
    results = burst(
        port, "/", [{"username": "blue-fox", "passphrase": f"wrong guess {n}"} for n in range(20)]
    )
    assert all(status == 200 for status in results)  # one message for every failure
    with app.app_context():
        person = YoungPerson.by_username("blue-fox")
        assert person and person.failed_sign_ins == THROTTLE_AFTER
        assert person.throttled_until is not None
    cookie, token = browser_on(port, "/")
    right = urlencode(
        {"username": "blue-fox", "passphrase": YOUNG_PERSON_PASSPHRASE, "csrf_token": token}
    )
    assert fetch(port, "POST", "/", cookie, right)[0] == 200  # still throttled: refused
