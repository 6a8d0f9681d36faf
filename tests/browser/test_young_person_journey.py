"""The young person's journeys at phone size, in Debian's Chromium."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from safetyplan.core import plan, workbook
from safetyplan.core.models import YoungPerson
from safetyplan.web.extensions import db

from ..conftest import YOUNG_PERSON_PASSPHRASE, add_young_person
from .conftest import (
    NEUTRAL_URL,
    LiveServer,
    axe_violations,
    no_horizontal_scroll,
    screenshot,
    sign_in_young_person,
)

CODE_WORD = "Can you bring my blue hoodie?"


def section(number: int) -> workbook.Section:
    found = workbook.section_by_number(number)
    assert found
    return found


def checklist_of(number: int) -> workbook.Field:
    return next(spec for spec in section(number).fields if spec.kind == "checklist")


@pytest.fixture
def signed_in(live_app: Flask, live_server: LiveServer, page: Page) -> Page:
    sign_in_young_person(live_app, live_server, page)
    expect(page.get_by_role("heading", name="My plan", exact=True)).to_be_visible()
    return page


def fill_emergency_code(page: Page, url: str) -> None:
    page.goto(url + "/notes/1")
    page.locator("#trusted_adult-0-name").fill("Auntie Bev")
    page.locator("#trusted_adult-0-phone").fill("07700 900 982")
    page.locator("#safe_friends-0-name").fill("Priya")
    page.locator("#safe_friends-0-phone").fill("07700 900 123")
    page.get_by_role("button", name="Add another to My safe friends").click()
    page.locator("#safe_friends-1-name").fill("Jo")
    page.locator("#safe_friends-1-phone").fill("+44 7700 900 456")
    page.locator("#code_word").fill(CODE_WORD)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Saved: " + section(1).title)).to_be_visible()


def test_fill_three_sections_and_see_them(signed_in: Page, live_server: LiveServer) -> None:
    page = signed_in
    fill_emergency_code(page, live_server.url)

    everyday = checklist_of(4)
    page.goto(live_server.url + "/notes/4")
    page.get_by_label(everyday.suggestions[0].text).check()
    page.get_by_label(everyday.suggestions[2].text).check()
    page.locator(f"#{everyday.name}_own-0-text").fill("Keep my charger in my bag")
    page.get_by_role("button", name="Add my own").click()  # JavaScript adds a row
    page.locator(f"#{everyday.name}_own-1-text").fill("Text Bev when I get home")
    page.get_by_label("I've finished this part for now").check()
    screenshot(page, "young-person-section-checklist")
    page.get_by_role("button", name="Save and go to the next part").click()
    expect(page.get_by_role("heading", name=section(5).title)).to_be_visible()

    school = section(7)
    text_field = next(spec for spec in school.fields if spec.kind in ("short_text", "long_text"))
    page.goto(live_server.url + "/notes/7")
    page.locator(f"#{text_field.name}").fill("Walk with Priya along the main road")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator("#section-1")).to_contain_text("Started")
    expect(page.locator("#section-4")).to_contain_text("Done")
    expect(page.locator("#section-7")).to_contain_text("Started")
    expect(page.locator("#section-2")).to_contain_text("Not started")
    expect(page.locator("#section-1")).to_contain_text("by you")
    screenshot(page, "young-person-plan-home")

    page.get_by_role("link", name="See my whole plan, or print it").click()
    whole = page.locator("main")
    for expected in (
        "Auntie Bev",
        "07700 900 982",
        "Jo",
        CODE_WORD,
        everyday.suggestions[2].text,
        "Text Bev when I get home",
        "Walk with Priya along the main road",
    ):
        expect(whole).to_contain_text(expected)
    expect(whole).not_to_contain_text(section(2).title)  # empty sections are skipped
    screenshot(page, "young-person-whole-plan")
    assert page.evaluate("matchMedia('print').matches") is False
    page.emulate_media(media="print")
    assert page.locator(".exit-this-page").is_hidden()
    assert page.locator(".header__nav").is_hidden()
    page.emulate_media(media="screen")


def test_help_now_texts_the_code_word(signed_in: Page, live_server: LiveServer) -> None:
    page = signed_in
    fill_emergency_code(page, live_server.url)
    page.get_by_role("link", name="Help now").click()
    send = page.get_by_role("link", name="Send my code word")
    href = send.get_attribute("href") or ""
    assert href.startswith("sms:07700900982?&body=")
    assert unquote(href.split("body=")[1]) == CODE_WORD
    assert page.get_by_role("link", name="Call Childline").get_attribute("href") == "tel:08001111"
    assert (
        page.get_by_role("link", name="Text Missing People").get_attribute("href") == "sms:116000"
    )
    assert page.locator('a[href="tel:999"]').count() == 1
    assert page.locator('a[href="tel:+447700900456"]').count() == 1  # a safe friend
    screenshot(page, "young-person-help-now")


@pytest.mark.parametrize("how", ["button", "shift"])
def test_quick_exit_leaves_and_back_shows_nothing(
    signed_in: Page, live_server: LiveServer, how: str
) -> None:
    page = signed_in
    fill_emergency_code(page, live_server.url)
    page.goto(live_server.url + "/notes/all")
    expect(page.locator("main")).to_contain_text(CODE_WORD)
    if how == "button":
        page.get_by_role("button", name="Exit this page").click()
    else:
        page.locator("body").click()
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL_URL)
    expect(page.get_by_role("heading", name="Weather")).to_be_visible()
    page.go_back()
    assert CODE_WORD not in page.content()
    page.goto(live_server.url + "/notes/all")
    assert CODE_WORD not in page.content()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_quick_exit_works_without_javascript(
    live_app: Flask, live_server: LiveServer, new_phone
) -> None:  # type: ignore[no-untyped-def]
    with live_app.app_context():
        add_young_person()
    page = new_phone(java_script_enabled=False)
    page.goto(live_server.url + "/")
    page.get_by_label("Username").fill("blue-fox")
    page.get_by_label("Passphrase").fill(YOUNG_PERSON_PASSPHRASE)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Exit this page").click()
    page.wait_for_url(NEUTRAL_URL)
    page.goto(live_server.url + "/notes/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_stale_save_shows_both_versions_and_loses_neither(
    signed_in: Page, live_server: LiveServer, live_app: Flask
) -> None:
    page = signed_in
    page.goto(live_server.url + "/notes/1")
    page.locator("#code_word").fill("my new word")
    with live_app.app_context():
        person = YoungPerson.by_username("blue-fox")
        assert person and person.worker
        saved = plan.save_section(
            person,
            section(1),
            {"code_word": "worker's word"},
            base_version=0,
            done=False,
            author=person.worker,
        )
        assert isinstance(saved, plan.Saved)
        db.session.commit()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(
        page.get_by_role("heading", name="This part changed while you were writing")
    ).to_be_visible()
    expect(page.locator(".compare")).to_contain_text("my new word")
    expect(page.locator(".compare")).to_contain_text("worker's word")
    assert axe_violations(page) == []
    screenshot(page, "young-person-conflict")
    page.get_by_role("button", name="Put both together and check").click()
    expect(page.locator("#code_word")).to_have_value("worker's word / my new word")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Saved: " + section(1).title)).to_be_visible()
    with live_app.app_context():
        person = YoungPerson.by_username("blue-fox")
        assert person
        assert plan.current_section(person, section(1)).answers["code_word"] == (
            "worker's word / my new word"
        )


def test_add_row_without_javascript(live_app: Flask, live_server: LiveServer, new_phone) -> None:  # type: ignore[no-untyped-def]
    with live_app.app_context():
        add_young_person()
    page = new_phone(java_script_enabled=False)
    page.goto(live_server.url + "/")
    page.get_by_label("Username").fill("blue-fox")
    page.get_by_label("Passphrase").fill(YOUNG_PERSON_PASSPHRASE)
    page.get_by_role("button", name="Sign in").click()
    page.goto(live_server.url + "/notes/1")
    page.locator("#safe_friends-0-name").fill("Priya")
    page.get_by_role("button", name="Add another to My safe friends").click()
    expect(page.locator("#safe_friends-0-name")).to_have_value("Priya")
    page.locator("#safe_friends-1-name").fill("Jo")
    page.get_by_role("button", name="Remove My safe friends 1").click()
    expect(page.locator("#safe_friends-0-name")).to_have_value("Jo")


PAGES = [
    "/notes/",
    "/notes/1",
    "/notes/4",
    "/notes/help",
    "/notes/all",
    "/notes/about",
    "/notes/account",
    "/notes/leaving-quickly",
    "/notes/staying-safe-online",
]


def test_pages_are_accessible_and_fit_a_small_phone(
    signed_in: Page, live_server: LiveServer
) -> None:
    page = signed_in
    fill_emergency_code(page, live_server.url)
    problems = {}
    for path in PAGES:
        page.goto(live_server.url + path)
        if violations := axe_violations(page):
            problems[path] = violations
        name = path.strip("/").replace("/", "-") or "home"
        screenshot(page, f"young-person-{name}")
        page.set_viewport_size({"width": 320, "height": 640})
        assert no_horizontal_scroll(page), f"{path} scrolls sideways at 320px"
        page.set_viewport_size({"width": 412, "height": 839})
    # A section form showing errors.
    page.goto(live_server.url + "/notes/1")
    page.locator("#trusted_adult-0-phone").fill("call me")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".error-summary")).to_contain_text("Enter Auntie Bev's number")
    assert page.title().startswith("Error:")
    if violations := axe_violations(page):
        problems["section with errors"] = violations
    screenshot(page, "young-person-section-errors")
    assert problems == {}


def test_titles_are_discreet(signed_in: Page, live_server: LiveServer) -> None:
    page = signed_in
    for path in PAGES:
        page.goto(live_server.url + path)
        title = page.title().lower()
        assert not any(word in title for word in ("safety", "abuse", "exploitation", "cse")), path
