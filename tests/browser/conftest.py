"""Browser tests: the app served on 127.0.0.1 in a thread, driven by Debian's Chromium
through Playwright at phone size. Screenshots go to test-artifacts/ for people to look at."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import Browser, BrowserContext, Locator, Page, sync_playwright
from werkzeug.serving import make_server

from safetyplan.web.extensions import db

from ..conftest import (
    STAFF_PASSWORD,
    YOUNG_PERSON_PASSPHRASE,
    add_staff,
    add_young_person,
    fresh_app,
)
from ..meetings import book_meeting

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 412, "height": 839}
NEUTRAL_URL = "http://neutral.example/weather"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


class LiveServer:
    def __init__(self, app: Flask):
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()


@pytest.fixture
def live_app(tmp_path: Path) -> Iterator[Flask]:
    # The exit goes to NEUTRAL_URL, which the browser context answers itself (no network).
    app = fresh_app(tmp_path, EXIT_URL=NEUTRAL_URL, SIGN_IN_RATE_LIMIT="1000/minute")
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def live_server(live_app: Flask) -> Iterator[LiveServer]:
    server = LiveServer(live_app)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, has_touch=True)
    answer_neutral_site(context)
    yield context
    context.close()


def answer_neutral_site(context: BrowserContext) -> None:
    context.route(
        NEUTRAL_URL,
        lambda route: route.fulfill(
            body="<!doctype html><title>Weather</title><h1>Weather</h1>", content_type="text/html"
        ),
    )


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def new_phone(browser: Browser) -> Iterator[Any]:
    """Make another, separate browser (a second person's phone)."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> Page:
        context = browser.new_context(viewport=options.pop("viewport", PHONE), **options)
        answer_neutral_site(context)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


_axe = Axe()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def axe_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.2 A and AA violations on the page, as readable lines. Run once the
    page and its stylesheet and fonts are in: on a busy machine, axe run mid-load measured
    unstyled header links as too small to tap."""
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready.then(() => true)")
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} nodes: "
        f"{violation['nodes'][0]['target']})"
        for violation in results.response["violations"]
    ]


class PagesChecked:
    """A journey's pages, each screenshot and checked with axe-core as it is met; the
    findings are kept by page name and asserted empty at the end, so one run shows them all."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.problems: dict[str, list[str]] = {}

    def __call__(self, page: Page, name: str) -> None:
        if violations := axe_violations(page):
            self.problems[name] = violations
        screenshot(page, f"{self.prefix}-{name}")


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def no_horizontal_scroll(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def fill_date(group: Locator, day: date) -> None:
    """Type a date into a GOV.UK date input (its Day, Month and Year boxes)."""
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def sign_in_staff_on(page: Page, url: str, email: str = "worker@example.org") -> Page:
    """Sign a staff member in on this browser, at their first page."""
    page.goto(url + "/staff/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    return page


def open_booked_meeting(app: Flask, server: LiveServer, page: Page, part: str) -> tuple[str, str]:
    """Book the first meeting of tests/meetings.py, sign its worker in on this browser and
    open that part of the meeting ("invitations", "letters"...): the young person's and the
    meeting's ids."""
    person_id, meeting_id = book_meeting(app)
    sign_in_staff_on(page, server.url)
    page.goto(f"{server.url}/staff/young-people/{person_id}/meetings/{meeting_id}/{part}")
    return person_id, meeting_id


def sign_in_young_person_on(page: Page, url: str, passphrase: str | None = None) -> Page:
    """Sign blue-fox in on this phone with their passphrase (or the one given)."""
    page.goto(url + "/")
    page.get_by_label("Username").fill("blue-fox")
    page.get_by_label("Passphrase", exact=True).fill(passphrase or YOUNG_PERSON_PASSPHRASE)
    page.get_by_role("button", name="Sign in").click()
    return page


def sign_in_young_person(app: Flask, server: LiveServer, page: Page) -> Page:
    """Add a young person with a worker and sign them in on this phone, at their plan."""
    with app.app_context():
        add_young_person(worker=add_staff())
    return sign_in_young_person_on(page, server.url)
