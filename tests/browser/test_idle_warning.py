"""Before the idle limit, a young person typing a long answer is warned and can stay signed
in with one tap; what they typed stays on the page and saves."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from safetyplan.web.extensions import db

from ..conftest import fresh_app
from .conftest import NEUTRAL_URL, LiveServer, axe_violations, screenshot, sign_in_young_person

SHORT_LIMITS = {
    "young_person": timedelta(seconds=8),
    "staff": timedelta(minutes=30),
    "anonymous": timedelta(minutes=30),
}


@pytest.fixture
def live_app(tmp_path: Path) -> Iterator[Flask]:
    app = fresh_app(tmp_path, EXIT_URL=NEUTRAL_URL, IDLE_TIMEOUT=SHORT_LIMITS)
    yield app
    with app.app_context():
        db.engine.dispose()


def test_warned_before_the_limit_and_staying_keeps_the_answer(
    live_app: Flask, live_server: LiveServer, page: Page
) -> None:
    sign_in_young_person(live_app, live_server, page)
    page.goto(live_server.url + "/notes/1")
    page.locator("#code_word").fill("Can you come and get me?")
    stay = page.get_by_role("button", name="Stay signed in")
    expect(stay).to_be_visible(timeout=8000)
    expect(stay).to_be_focused()
    screenshot(page, "young-person-idle-warning")
    assert axe_violations(page) == []
    stay.click()
    expect(stay).to_be_hidden()
    page.wait_for_timeout(5000)  # past the original limit, but the session was renewed
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Saved:")).to_be_visible()
