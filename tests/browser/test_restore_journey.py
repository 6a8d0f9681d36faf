"""A worker's week with a young person, at tablet size: a session, a change the young person
makes on their phone between sessions, and the next session, where the worker puts back
only the old code word and the young person's new number stays."""

from __future__ import annotations

import re
from urllib.parse import unquote

from flask import Flask
from playwright.sync_api import Page, expect

from .conftest import LiveServer, axe_violations, screenshot, sign_in_young_person
from .test_staff_journey import sign_in_worker

TABLET_TALL = {"width": 820, "height": 1180}
PHONE = {"width": 412, "height": 839}


def accessible_at_both_sizes(page: Page, name: str, problems: dict[str, list[str]]) -> None:
    """axe at tablet and phone size, with a screenshot of each to look at."""
    for size_name, size in (("tablet", TABLET_TALL), ("phone", PHONE)):
        page.set_viewport_size(size)
        if violations := axe_violations(page):
            problems[f"{name} ({size_name})"] = violations
        screenshot(page, f"restore-{name}-{size_name}")
    page.set_viewport_size(TABLET_TALL)


def test_restoring_only_the_old_code_word_keeps_the_new_number(  # type: ignore[no-untyped-def]
    live_app: Flask, live_server: LiveServer, page: Page, new_phone
) -> None:
    url = live_server.url
    phone = sign_in_young_person(live_app, live_server, page)  # adds the worker too
    worker = new_phone(viewport=TABLET_TALL)
    problems: dict[str, list[str]] = {}
    sign_in_worker(worker, url)

    # First session: they fill in the emergency code together.
    worker.get_by_role("link", name="Alex", exact=True).click()
    worker.get_by_role("button", name="Start session").click()
    worker.get_by_role("link", name="My emergency code").click()
    worker.locator("#trusted_adult-0-name").fill("Aunt Bev")
    worker.locator("#trusted_adult-0-phone").fill("07700 900111")
    worker.locator("#code_word").fill("Is the cat fed?")
    worker.get_by_role("button", name="Save", exact=True).click()
    accessible_at_both_sizes(worker, "session", problems)
    worker.get_by_label("Private note").fill("Practised the code word.")
    worker.get_by_role("button", name="End session").click()
    expect(worker.get_by_text("Session ended. Your note is saved.")).to_be_visible()

    # Between sessions, on her phone: Aunt Bev's new number, and a new code word.
    phone.goto(url + "/notes/1")
    phone.locator("#trusted_adult-0-phone").fill("07700 900999")
    phone.locator("#code_word").fill("Is the dog fed?")
    phone.get_by_role("button", name="Save", exact=True).click()

    # Next session: the worker puts back only the old code word.
    worker.get_by_role("button", name="Start session").click()
    worker.locator(".breadcrumbs").get_by_role("link", name="Alex").click()
    worker.get_by_role("link", name="Revision history").click()
    accessible_at_both_sizes(worker, "history", problems)
    worker.get_by_role("link", name="Compare two sessions").click()
    expect(worker.locator("main")).to_contain_text("Added Aunt Bev: 07700 900111")  # session 1
    worker.get_by_label("From").select_option(index=1)  # the end of the first session
    worker.get_by_label("To").select_option("now")
    worker.get_by_role("button", name="Compare").click()
    expect(worker.locator("main")).to_contain_text("Aunt Bev's number: from 07700 900111")
    expect(worker.locator("main")).to_contain_text("The young person, ")
    accessible_at_both_sizes(worker, "compare", problems)
    worker.get_by_role("link", name="Back to the history").click()
    # Newest first: the second row is the version from the first session.
    worker.get_by_role("link", name=re.compile("^Restore an answer from here")).nth(1).click()
    expect(worker.get_by_role("heading", name=re.compile("Restore an answer"))).to_be_visible()
    accessible_at_both_sizes(worker, "choice", problems)
    worker.get_by_role("link", name=re.compile("^Restore this answer.*My code word")).click()
    preview = worker.locator("main")
    expect(preview.locator("del")).to_have_text("Is the dog fed?")
    expect(preview.locator("ins")).to_have_text("Is the cat fed?")
    expect(preview).not_to_contain_text("07700")
    accessible_at_both_sizes(worker, "preview", problems)
    worker.get_by_role("button", name=re.compile("^Restore")).click()
    expect(
        worker.get_by_text("Restored the earlier answer to “My code word or phrase”")
    ).to_be_visible()
    # Back in the session they are in, not on the history page.
    expect(worker.get_by_role("heading", level=1)).to_contain_text("Session with Alex")

    # Her Help now texts the new number with the old code word, and her plan says why.
    phone.goto(url + "/notes/help")
    send = phone.get_by_role("link", name=re.compile("Send my code word"))
    href = unquote(send.get_attribute("href") or "")
    assert href.startswith("sms:07700900999?") and "Is the cat fed?" in href
    phone.goto(url + "/notes/")
    notice = phone.locator("#section-1")
    expect(notice).to_contain_text("Your worker changed “My code word or phrase” on")
    for size_name, size in (("phone", PHONE), ("tablet", TABLET_TALL)):
        phone.set_viewport_size(size)
        if violations := axe_violations(phone):
            problems[f"plan home ({size_name})"] = violations
        screenshot(phone, f"restore-plan-home-{size_name}")
    assert problems == {}
