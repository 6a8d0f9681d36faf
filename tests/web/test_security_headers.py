"""Every page, for every kind of visitor, carries the security headers; every POST needs a
CSRF token; everything outside a short allow-list needs the right kind of account."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from safetyplan.core.db import Base
from safetyplan.web.extensions import db

from ..conftest import AuthActions, add_staff, add_young_person, fresh_app

SAMPLE_ARGS = {"number": 1, "code": "ABCDEFGHJK", "token": "x" * 30, "filename": "app.css"}


def urls(app: Flask, method: str) -> set[tuple[str, str]]:
    found = set()
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if method in (rule.methods or set()):
                args = {name: SAMPLE_ARGS.get(name, "f" * 32) for name in rule.arguments}
                found.add((rule.endpoint, app.url_for(rule.endpoint, **args)))
    return found


# Written out here, not imported from the app: adding a page to the app's allow-list must
# make this test fail until someone decides, here too, that it is public.
PUBLIC = {
    "static",
    "auth.sign_in",
    "auth.staff_sign_in",
    "auth.exit",
    "auth.sign_out",
    "auth.health",
    "auth.offline",
    "auth.service_worker",
    "auth.manifest",
    "young_person.start",
    "young_person.enrol",
    "young_person.quick_exit_guide",
    "young_person.online_safety",
    "share.view",
    "share.ready",
    "share.cannot",
    "meeting.young_person",
    "meeting.parents",
}


def is_public(endpoint: str) -> bool:
    return endpoint in PUBLIC


def signed_in(app: Flask, kind: str) -> FlaskClient:
    client = app.test_client()
    with app.app_context():
        if kind == "staff":
            add_staff()
            AuthActions(client).sign_in_staff()
        elif kind == "young_person":
            add_young_person()
            AuthActions(client).sign_in_young_person()
    return client


def check_headers(response, endpoint: str) -> None:  # type: ignore[no-untyped-def]
    headers = response.headers
    csp = headers["Content-Security-Policy"]
    assert "unsafe" not in csp
    for directive in (
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "script-src 'self'",
        "style-src 'self'",
    ):
        assert directive in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "noindex" in headers["X-Robots-Tag"]
    if endpoint != "static":
        assert headers["Cache-Control"] == "no-store"
    assert response.status_code != 500


@pytest.mark.parametrize("kind", ["anonymous", "young_person", "staff"])
def test_headers_on_every_get(app: Flask, kind: str) -> None:
    client = signed_in(app, kind)
    checked = 0
    for endpoint, url in urls(app, "GET"):
        check_headers(client.get(url), endpoint)
        checked += 1
    assert checked >= 10


def test_hsts_over_https(client: FlaskClient) -> None:
    response = client.get("/", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Strict-Transport-Security" not in client.get("/").headers


def test_secure_host_cookie_over_https(tmp_path) -> None:
    app = fresh_app(tmp_path, HTTPS=True)
    cookie = app.test_client().get("/", base_url="https://localhost").headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=")
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_everything_but_the_allow_list_needs_sign_in(app: Flask, client: FlaskClient) -> None:
    seen_public = set()
    for endpoint, url in urls(app, "GET") | urls(app, "POST"):
        response = client.get(url) if endpoint != "auth.sign_out" else client.post(url)
        if is_public(endpoint):
            seen_public.add(endpoint)
            location = response.headers.get("Location", "")
            assert "sign-in" not in location and location != "/", endpoint
            continue
        assert response.status_code in (302, 405), endpoint
        if response.status_code == 405:
            continue
        assert "sign-in" in response.headers["Location"] or response.headers["Location"] == "/"
    assert seen_public == PUBLIC  # every public endpoint exists and answers without sign-in


@pytest.mark.parametrize(
    ("kind", "blueprint"), [("staff", "young_person"), ("young_person", "staff")]
)
def test_accounts_are_kept_to_their_own_pages(app: Flask, kind: str, blueprint: str) -> None:
    client = signed_in(app, kind)
    for endpoint, url in urls(app, "GET"):
        if endpoint.startswith(blueprint + ".") and not is_public(endpoint):
            assert client.get(url).status_code == 403, endpoint


def row_counts() -> dict[str, int]:
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table)) or 0
        for table in Base.metadata.sorted_tables
        if table.name != "web_session"
    }


@pytest.mark.parametrize("kind", ["anonymous", "young_person", "staff"])
def test_every_post_without_csrf_token_changes_nothing(app: Flask, kind: str) -> None:
    client = signed_in(app, kind)
    with app.app_context():
        before = row_counts()
    for endpoint, url in urls(app, "POST"):
        if endpoint in ("auth.exit", "auth.sign_out"):
            continue  # deliberately exempt: see test_only_the_exit_and_sign_out_are_exempt
        response = client.post(url, data={"username": "x", "passphrase": "y" * 12, "version": "0"})
        assert response.status_code == 400, endpoint
        assert "timed out" in response.text
    with app.app_context():
        assert row_counts() == before


def test_only_the_exit_and_sign_out_are_exempt_from_csrf(app: Flask) -> None:
    csrf = app.extensions["csrf"]
    assert csrf._exempt_views == {
        "safetyplan.auth.signing_in.exit",
        "safetyplan.auth.signing_in.sign_out",
    }
