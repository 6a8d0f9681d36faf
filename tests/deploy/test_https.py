"""What the proxy and the shared stores must get right: HSTS and __Host- cookies over https,
forged hosts and other sites' forms refused, plain http sent to https, and one rate limit
for the whole service however many instances answer."""

from __future__ import annotations

import http.client
import re
from collections.abc import Callable
from itertools import cycle
from urllib.parse import urlencode

from playwright.sync_api import Page

from .conftest import PUBLIC_HOST, SIGN_IN_LIMIT, Answer, Stage

TOKEN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
SESSION = re.compile(r"__Host-session=([^;]+)")


def test_https_headers_and_cookies(stage: Stage, new_phone: Callable[..., Page]) -> None:
    page = new_phone()
    response = page.goto(stage.url + "/staff/sign-in")
    assert response is not None and response.ok
    assert response.headers["strict-transport-security"].startswith("max-age=")
    [cookie] = page.context.cookies()
    assert cookie["name"] == "__Host-session"
    assert cookie["secure"] and cookie["httpOnly"] and cookie["path"] == "/"
    stage.planted.add(cookie["value"])


def test_a_forged_host_gets_no_page(stage: Stage) -> None:
    response = stage.request("GET", "/staff/sign-in", {"Host": "evil.example"})
    assert response.status == 400


def wrong_sign_in_form(page: Answer) -> tuple[dict[str, str], str]:
    """The headers and body of a wrong sign-in posted from this sign-in page, as a browser
    would: its session cookie and the form's CSRF token."""
    session = SESSION.search(page.headers.get("Set-Cookie", ""))
    token = TOKEN.search(page.text)
    assert session and token
    headers = {
        "Cookie": f"__Host-session={session.group(1)}",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    form = {"csrf_token": token.group(1), "email": "nobody@example.org", "password": "wrong"}
    return headers, urlencode(form)


def test_a_form_from_another_site_is_refused(stage: Stage) -> None:
    headers, form = wrong_sign_in_form(stage.request("GET", "/staff/sign-in"))
    other_site = {**headers, "Origin": "https://evil.example"}
    assert stage.request("POST", "/staff/sign-in", other_site, form).status == 400
    assert stage.request("POST", "/staff/sign-in", headers, form).status == 200


def test_plain_http_is_sent_to_https(stage: Stage) -> None:
    site = (stage.folder / "safetyplan-site.conf").read_text()
    http_port = int(re.findall(r"listen 127\.0\.0\.1:(\d+);", site)[0])
    connection = http.client.HTTPConnection("127.0.0.1", http_port)
    connection.request("GET", "/notes/?x=1", headers={"Host": "evil.example"})
    response = connection.getresponse()
    assert response.status == 308
    assert response.getheader("Location") == f"https://{PUBLIC_HOST}/notes/?x=1"


def wrong_sign_in(stage: Stage, instance: str, client_address: str) -> int:
    """A wrong sign-in straight to one instance, as if through the proxy from that address."""
    proxy = {
        "X-Forwarded-For": client_address,
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": PUBLIC_HOST,
    }
    page = stage.request("GET", "/staff/sign-in", proxy, instance=instance)
    headers, form = wrong_sign_in_form(page)
    return stage.request("POST", "/staff/sign-in", {**proxy, **headers}, form, instance).status


def test_a_rate_limit_is_counted_once_across_instances(stage: Stage) -> None:
    assert len(stage.instances) == 2
    instances = cycle(stage.instances)
    statuses = [
        wrong_sign_in(stage, next(instances), "203.0.113.7") for _ in range(SIGN_IN_LIMIT + 1)
    ]
    assert statuses == [200] * SIGN_IN_LIMIT + [429]
    # Another person, behind the same proxy, is not locked out.
    assert wrong_sign_in(stage, stage.instances[0], "203.0.113.8") == 200


def test_static_files_come_from_nginx_cached_for_a_year(stage: Stage) -> None:
    """The fingerprinted stylesheet is served by nginx from disk (no app instance logs it),
    with a year's caching and the same safety headers."""
    page = stage.request("GET", "/")
    stylesheet = re.search(r'href="(/static/app\.css\?v=[^"]+)"', page.text)
    assert stylesheet
    answer = stage.request("GET", stylesheet.group(1))
    assert answer.status == 200 and "--accent" in answer.text
    assert "immutable" in answer.headers["Cache-Control"]
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Strict-Transport-Security"].startswith("max-age=")
    app_logs = [log for log in stage.logs if log.name.startswith("gunicorn")]
    assert not any("/static/app.css" in log.read_text() for log in app_logs if log.exists())
