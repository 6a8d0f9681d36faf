"""Static files are fetched once and kept: their URLs carry a fingerprint of their content,
so a year's caching never serves an old stylesheet or script after a release."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from ..conftest import AuthActions, add_staff, add_young_person

STATIC = Path(__file__).resolve().parents[2] / "static"


def test_pages_link_fingerprinted_static_files_cached_for_a_year(client: FlaskClient) -> None:
    page = client.get("/").text
    links = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)
    assert {link.split("?")[0] for link in links} >= {
        "/static/app.css",
        "/static/app.js",
        "/static/icon.svg",
    }
    for link in links:
        path, _, query = link.partition("?")
        content = (STATIC / path.removeprefix("/static/")).read_bytes()
        assert query == "v=" + hashlib.sha256(content).hexdigest()[:12]
        response = client.get(link)
        assert response.status_code == 200
        assert "max-age=31536000" in response.headers["Cache-Control"]
        assert "no-store" not in response.headers["Cache-Control"]


def test_only_staff_pages_fetch_the_staff_stylesheet(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    """Tables, diffs and letters are styled in staff.css: a young person's phone, often old
    and on little data, never fetches them."""
    with app.app_context():
        add_young_person(worker=add_staff())
    assert "/static/staff.css" not in client.get("/staff/sign-in").text
    auth.sign_in_young_person()
    for path in ("/notes/", "/notes/all", "/notes/help"):
        assert "/static/staff.css" not in client.get(path).text
    staff = app.test_client()
    AuthActions(staff).sign_in_staff()
    assert re.search(r'href="/static/staff\.css\?v=\w{12}"', staff.get("/staff/").text)


def test_links_follow_where_the_app_is_mounted(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    """A page's links are built once per process: still each for where it was asked from
    (an app mounted under a path), never one mount's links on another's pages."""
    with app.app_context():
        add_young_person()
    auth.sign_in_young_person()
    for _ in range(2):  # the second time from what was built the first
        at_root = client.get("/notes/").text
        mounted = client.get("/notes/", base_url="http://localhost/plan").text
        assert 'href="/notes/1"' in at_root and 'href="/plan/notes/1"' not in at_root
        assert 'href="/plan/notes/1"' in mounted and 'href="/notes/1"' not in mounted
        assert 'href="/plan/static/app.css?v=' in mounted


def test_an_absolute_link_is_built_for_each_request(app: Flask) -> None:
    """A link with a scheme or made external carries the request's host: never kept from
    one request for the next."""
    template = app.jinja_env.from_string(
        "{{ url_for('static', filename='app.css', _scheme='https') }} "
        "{{ url_for('static', filename='app.css', _external=True) }}"
    )
    for host in ("a.example", "b.example"):
        with app.test_request_context(base_url=f"http://{host}"):
            links = template.render().split()
        assert all(link.split("/")[2] == host for link in links), links
