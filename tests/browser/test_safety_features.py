"""Safety no other app gives, as a young person and their worker meet it: a safe-word
passphrase set and used on a phone, telling the worker something happened, and the worker's
alerts, with the review that telling brought forward put back; each page checked with axe
at phone and tablet sizes."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from safetyplan.core import clock
from safetyplan.core.models import AuditEvent, WorkerAlert, YoungPerson
from safetyplan.web.extensions import db

from ..conftest import STAFF_PASSWORD, YOUNG_PERSON_PASSPHRASE
from .conftest import (
    LiveServer,
    PagesChecked,
    axe_violations,
    screenshot,
    sign_in_staff_on,
    sign_in_young_person,
)

SAFE_WORD = "orange teapot harbour"
TABLET = {"width": 768, "height": 1024}


def sign_in_with(page: Page, url: str, passphrase: str) -> None:
    page.goto(url + "/")
    page.get_by_label("Username").fill("blue-fox")
    page.get_by_label("Passphrase", exact=True).fill(passphrase)
    page.get_by_role("button", name="Sign in").click()


def test_safe_word_and_tell_my_worker(
    live_app: Flask, live_server: LiveServer, page: Page, new_phone: Any
) -> None:
    url = live_server.url
    check = PagesChecked("safety")

    sign_in_young_person(live_app, live_server, page)
    page.get_by_role("link", name="Account").click()
    page.get_by_role("link", name="Set a safe-word passphrase").click()
    check(page, "set-safe-word")
    page.get_by_label("Your passphrase now", exact=True).fill(YOUNG_PERSON_PASSPHRASE)
    page.get_by_label("Safe-word passphrase", exact=True).fill(SAFE_WORD)
    page.get_by_label("Type it again").fill(SAFE_WORD)
    page.get_by_label("Tell my worker quietly when I sign in with it").check()
    page.get_by_role("button", name="Save safe-word passphrase").click()
    expect(page.get_by_text("Your safe-word passphrase is set.")).to_be_visible()

    page.get_by_role("link", name="Help now").click()
    page.get_by_role("link", name="Tell my worker something has happened").click()
    check(page, "tell-my-worker")
    page.get_by_label("I have a new phone or number").check()
    page.get_by_label("Anything you want to add (optional)").fill("New number from Monday")
    page.get_by_role("button", name="Send to my worker").click()
    expect(page.get_by_role("heading", name="Your worker will see it")).to_be_visible()
    page.get_by_role("button", name="Exit this page").click()

    someone_watching = new_phone()
    sign_in_with(someone_watching, url, SAFE_WORD)
    expect(someone_watching.get_by_role("heading", name="My notes")).to_be_visible()
    check(someone_watching, "notes")
    someone_watching.goto(url + "/notes/help")
    expect(someone_watching.get_by_role("heading", name="My notes")).to_be_visible()
    expect(someone_watching.locator("body")).not_to_contain_text("Help now")
    someone_watching.get_by_label("My notes").fill("Bring PE kit")
    someone_watching.get_by_role("button", name="Save").click()
    expect(someone_watching.get_by_label("My notes")).to_have_value("Bring PE kit")

    worker = new_phone(viewport=TABLET)
    worker.goto(url + "/staff/sign-in")
    worker.get_by_label("Email address").fill("worker@example.org")
    worker.get_by_label("Password").fill(STAFF_PASSWORD)
    worker.get_by_role("button", name="Sign in").click()
    alerts = worker.locator("#alerts-title + ul")
    expect(alerts).to_contain_text("I have a new phone or number")
    expect(alerts).to_contain_text("Signed in with their safe-word passphrase")
    check(worker, "caseload-alerts")
    worker.get_by_role("link", name="Alex").first.click()
    expect(worker.locator("main")).to_contain_text("New number from Monday")
    check(worker, "record-alerts")
    worker.get_by_role("button", name="Mark as followed up").first.click()
    expect(worker.get_by_text("Marked as followed up.")).to_be_visible()
    worker.get_by_role("link", name="Due", exact=True).click()
    expect(worker.locator("main")).to_contain_text("Review the plan")  # brought forward
    check(worker, "due")

    usual = new_phone()
    sign_in_with(usual, url, YOUNG_PERSON_PASSPHRASE)
    expect(usual.get_by_role("heading", name="My plan", exact=True)).to_be_visible()
    assert check.problems == {}


def test_the_worker_puts_back_a_review_that_tell_my_worker_brought_forward(
    live_app: Flask, live_server: LiveServer, page: Page, new_phone: Any, monkeypatch: Any
) -> None:
    # Told on Saturday 28 November 2026: the review moves to Monday 30 November.
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 28))
    sign_in_young_person(live_app, live_server, page)
    with live_app.app_context():
        person = db.session.scalars(select(YoungPerson)).one()
        person.next_review_on = date(2027, 2, 19)
        db.session.commit()
        person_id = person.id
    page.get_by_role("link", name="Help now").click()
    page.get_by_role("link", name="Tell my worker something has happened").click()
    page.get_by_label("I moved somewhere new").check()
    page.get_by_role("button", name="Send to my worker").click()
    expect(page.get_by_role("heading", name="Your worker will see it")).to_be_visible()
    assert review_of(live_app, person_id) == date(2026, 11, 30)

    worker = sign_in_staff_on(new_phone(viewport=TABLET), live_server.url)
    worker.get_by_role("link", name="Alex").first.click()
    alerts = worker.locator("#alerts + ul")
    expect(alerts).to_contain_text(
        "This brought the plan's review forward to Monday 30 November 2026 "
        "(it was Friday 19 February 2027)."
    )
    put_back = worker.get_by_role("button", name="Put the review back to Friday 19 February 2027")
    screenshot(worker, "safety-record-review-brought-forward")
    assert axe_violations(worker) == []
    put_back.click()
    done = worker.get_by_text("Put the review date back to Friday 19 February 2027.")
    expect(done).to_be_visible()
    next_review = worker.locator(".summary-list__row", has_text="Next review")
    expect(next_review).to_contain_text("Friday 19 February 2027")
    expect(put_back).to_have_count(0)  # done: the button goes
    screenshot(worker, "safety-record-review-put-back")
    assert axe_violations(worker) == []
    assert review_of(live_app, person_id) == date(2027, 2, 19)
    with live_app.app_context():
        alert = db.session.scalars(select(WorkerAlert)).one()
        assert (alert.review_moved_from, alert.review_moved_to) == (None, None)
        assert alert.followed_up_at is None, "putting the review back is not following it up"
        audit = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "set_review_date")
        ).one()
        assert (audit.young_person_id, audit.detail) == (person_id, "put back after Tell my worker")


def review_of(app: Flask, person_id: str) -> date | None:
    with app.app_context():
        person = db.session.get(YoungPerson, person_id)
        return person.next_review_on if person else None
