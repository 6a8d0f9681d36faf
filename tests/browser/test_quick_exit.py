"""The Shift exit as a young person meets it: it fires when they mean it (Shift on its own,
three times) and never while they type capitals or move back through a form."""

from __future__ import annotations

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from .conftest import NEUTRAL_URL, LiveServer, sign_in_young_person


@pytest.fixture
def on_a_section(live_app: Flask, live_server: LiveServer, page: Page) -> Page:
    sign_in_young_person(live_app, live_server, page)
    page.goto(live_server.url + "/notes/1")
    page.locator("#trusted_adult-0-name").click()
    return page


def type_like_a_person(page: Page, text: str) -> None:
    """Capitals typed with Shift held, as on a keyboard."""
    for character in text:
        page.keyboard.press(f"Shift+{character}" if character.isupper() else character)


def test_typing_capitals_and_shift_tab_never_exit(on_a_section: Page) -> None:
    page = on_a_section
    url = page.url
    type_like_a_person(page, "My Auntie Bev")
    for _ in range(3):
        page.keyboard.press("Shift+Tab")
    page.wait_for_timeout(300)
    assert page.url == url
    assert page.locator("#trusted_adult-0-name").input_value() == "My Auntie Bev"


def test_another_key_between_shifts_starts_the_count_again(on_a_section: Page) -> None:
    page = on_a_section
    url = page.url
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url == url
    assert page.locator("#trusted_adult-0-name").input_value() == "a"


def test_shift_on_its_own_three_times_exits(on_a_section: Page) -> None:
    page = on_a_section
    type_like_a_person(page, "Bev")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL_URL)
    expect(page.get_by_role("heading", name="Weather")).to_be_visible()
