"""A worker's journey with a young person, across two browsers, at tablet and phone size."""

from __future__ import annotations

import re

from flask import Flask
from playwright.sync_api import Page, expect

from ..conftest import STAFF_PASSWORD, add_staff
from .conftest import LiveServer, axe_violations, no_horizontal_scroll, screenshot

TABLET = {"width": 768, "height": 1024}


def sign_in_worker(page: Page, url: str, email: str = "worker@example.org") -> None:
    page.goto(url + "/staff/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My caseload")).to_be_visible()


def check_page(page: Page, name: str, problems: dict[str, list[str]]) -> None:
    if violations := axe_violations(page):
        problems[name] = violations
    screenshot(page, f"staff-{name}")
    width = page.viewport_size
    page.set_viewport_size({"width": 412, "height": 839})
    sideways = page.evaluate(
        "[...document.querySelectorAll('body *')].some(e => e.getBoundingClientRect().right > "
        "window.innerWidth + 1 && !e.closest('.table--responsive'))"
    )
    if sideways and not no_horizontal_scroll(page):
        problems[name + " at 412px"] = ["scrolls sideways"]
    page.set_viewport_size(width or TABLET)


def test_worker_session_journey(live_app: Flask, live_server: LiveServer, new_phone) -> None:  # type: ignore[no-untyped-def]
    with live_app.app_context():
        add_staff()
    url = live_server.url
    worker = new_phone(viewport=TABLET)
    problems: dict[str, list[str]] = {}
    sign_in_worker(worker, url)
    check_page(worker, "caseload-empty", problems)

    worker.get_by_role("link", name="Add a young person").click()
    worker.get_by_label("Preferred name").fill("Jordan Lee")
    worker.get_by_label("Day").fill("30")
    worker.get_by_label("Month").fill("2")
    worker.get_by_label("Year").fill("2010")
    worker.get_by_role("button", name="Save").click()
    expect(worker.locator(".error-summary")).to_contain_text("must be a real date")
    check_page(worker, "record-form-errors", problems)
    worker.get_by_label("Day").fill("14")
    worker.get_by_role("button", name="Save").click()
    expect(worker.get_by_role("heading", name="Jordan Lee")).to_be_visible()
    check_page(worker, "record", problems)

    worker.get_by_role("button", name="Give a sign-in code").click()
    expect(worker.locator(".qr svg")).to_be_visible()
    check_page(worker, "sign-in-code", problems)
    code = worker.locator("p.heading-l").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{5}-[A-Z0-9]{5}", code)

    phone = new_phone()
    phone.goto(url + "/notes/start")
    phone.get_by_label("Your code").fill(code)
    phone.get_by_role("button", name="Continue").click()
    suggested = phone.get_by_label("Choose a username").input_value()
    assert re.fullmatch(r"[a-z]+-[a-z]+-\d\d", suggested)
    phone.get_by_label("Choose a passphrase").fill("harbour kite lantern")
    phone.get_by_label("Type your passphrase again").fill("harbour kite lantern")
    phone.get_by_role("button", name="Continue").click()
    expect(phone.get_by_role("heading", name="How to leave this app quickly")).to_be_visible()
    phone.get_by_role("link", name="I understand, go to my plan").click()
    expect(phone.get_by_role("heading", name="My plan", exact=True)).to_be_visible()

    worker.get_by_role("link", name="Back to Jordan Lee").click()
    worker.get_by_label("Who is here (optional)").fill("Jordan and their aunt")
    worker.get_by_role("button", name="Start session").click()
    expect(
        worker.get_by_role("heading", name=re.compile("Session with Jordan Lee"))
    ).to_be_visible()
    check_page(worker, "session", problems)
    worker.get_by_role("link", name="My emergency code").click()
    worker.locator("#code_word").fill("Is the cat fed?")
    check_page(worker, "section", problems)
    worker.get_by_role("button", name="Save", exact=True).click()
    expect(worker.locator("#section-1")).to_contain_text("Changed")
    worker.get_by_label("Private note").fill("Talked about Friday nights. Follow up with school.")
    worker.get_by_role("button", name="Save", exact=True).click()
    expect(worker.get_by_text("Follow up with school.")).to_be_visible()
    worker.get_by_role("button", name="End session").click()
    expect(worker.get_by_text("Session ended")).to_be_visible()

    phone.reload()
    expect(phone.locator("#section-1")).to_contain_text("by your worker")
    for path in ("/notes/", "/notes/1", "/notes/all", "/notes/help"):
        phone.goto(url + path)
        assert "Follow up with school" not in phone.content()
    phone.goto(url + "/notes/1")
    expect(phone.locator("#code_word")).to_have_value("Is the cat fed?")
    phone.locator("#code_word").fill("Is the dog fed?")
    phone.get_by_role("button", name="Save", exact=True).click()

    worker.get_by_role("link", name="Revision history").click()
    check_page(worker, "history", problems)
    worker.get_by_role("link", name=re.compile("^What changed")).first.click()
    expect(worker.locator("del")).to_have_text("Is the cat fed?")
    expect(worker.locator("ins")).to_have_text("Is the dog fed?")
    check_page(worker, "compare", problems)
    worker.go_back()
    worker.get_by_role("link", name=re.compile("^Restore an answer from here")).nth(1).click()
    check_page(worker, "restore-choice", problems)
    worker.get_by_role("link", name=re.compile("^Restore this answer")).click()
    check_page(worker, "restore-preview", problems)
    worker.get_by_role("button", name=re.compile("^Restore")).click()
    expect(worker.get_by_text("Restored the earlier answer")).to_be_visible()
    phone.goto(url + "/notes/1")
    expect(phone.locator("#code_word")).to_have_value("Is the cat fed?")
    assert problems == {}


def test_manager_pages(live_app: Flask, live_server: LiveServer, new_phone) -> None:  # type: ignore[no-untyped-def]
    with live_app.app_context():
        add_staff("manager@example.org", "Morgan Manager", role="manager")
    page = new_phone(viewport=TABLET)
    page.goto(live_server.url + "/staff/sign-in")
    page.get_by_label("Email address").fill("manager@example.org")
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    problems: dict[str, list[str]] = {}
    page.get_by_role("link", name="Staff", exact=True).click()
    page.get_by_label("Full name").fill("Sam Worker")
    page.get_by_label("Email address").fill("sam@example.org")
    page.get_by_label("Temporary password").fill("short")
    page.get_by_role("button", name="Add staff member").click()
    expect(page.locator(".error-summary")).to_contain_text("at least 12")
    check_page(page, "accounts-errors", problems)
    page.get_by_label("Temporary password").fill("maple river quartz")
    page.get_by_label("Your password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Add staff member").click()
    page.get_by_role("link", name="Sam Worker").click()
    check_page(page, "account", problems)
    page.get_by_role("button", name="Deactivate").click()
    expect(page.locator("main")).to_contain_text("Deactivated. They are signed out")
    expect(page.get_by_role("button", name="Reactivate")).to_be_visible()
    page.get_by_role("link", name="Audit log").click()
    expect(page.locator("table")).to_contain_text("Added a staff account (Sam Worker)")
    check_page(page, "audit", problems)
    page.get_by_role("link", name="Password").click()
    check_page(page, "password", problems)
    assert problems == {}
