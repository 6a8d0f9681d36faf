"""Issue 14 as a worker and a manager would meet it, at tablet size, with every page checked
by axe at tablet and phone size: the young person's view of a session with no notes on it,
every note on one page, a handover whose letters follow the new worker, an audit log with
names, filters and an export, part-name search, ages, and a first sign-in that asks for a
new password."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta
from pathlib import Path

from flask import Flask
from playwright.sync_api import Page, expect

from safetyplan.core import meetings
from safetyplan.web.extensions import db

from ..conftest import STAFF_PASSWORD, add_staff, add_young_person
from .conftest import LiveServer, axe_violations, no_horizontal_scroll, screenshot

TABLET = {"width": 768, "height": 1024}
PHONE = {"width": 412, "height": 839}
NOTE = "Worried about the older boyfriend. Raise at supervision."


def check(page: Page, name: str, problems: dict[str, list[str]]) -> None:
    """axe at tablet and at phone size, a screenshot of each, and no sideways scrolling."""
    for size, viewport in (("tablet", TABLET), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        if violations := axe_violations(page):
            problems[f"{name} ({size})"] = violations
        screenshot(page, f"manager-{name}-{size}")
        if not no_horizontal_scroll(page) and not page.locator(".table--responsive").count():
            problems[f"{name} ({size})"] = ["scrolls sideways"]
    page.set_viewport_size(TABLET)


def sign_in(page: Page, url: str, email: str, password: str = STAFF_PASSWORD) -> None:
    page.goto(url + "/staff/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_a_worker_shares_the_screen_without_the_notes(
    live_app: Flask, live_server: LiveServer, new_phone
) -> None:  # type: ignore[no-untyped-def]
    with live_app.app_context():
        person = add_young_person(name="Alexandra Jones", worker=add_staff())
        person.date_of_birth = "2011-03-14"
        db.session.commit()
    url = live_server.url
    worker = new_phone(viewport=TABLET)
    problems: dict[str, list[str]] = {}
    sign_in(worker, url, "worker@example.org")
    worker.get_by_label("Search by name or case reference").fill("alex")
    worker.get_by_role("button", name="Search").click()
    worker.get_by_role("link", name="Alexandra Jones").click()
    expect(worker.locator("main")).to_contain_text(
        re.compile(r"14 March 2011 \(age 1[5-9]\)")  # the age on the day the test runs
    )
    check(worker, "record", problems)

    worker.get_by_role("button", name="Start session").click()
    worker.get_by_label("Private note").fill(NOTE)
    worker.get_by_role("button", name="Save", exact=True).click()
    expect(worker.get_by_text(NOTE)).to_be_visible()
    check(worker, "session", problems)

    worker.get_by_role("button", name="Show the young person's view").click()
    expect(worker.get_by_role("heading", name="Alexandra Jones's safety plan")).to_be_visible()
    assert NOTE not in worker.content() and "Private note" not in worker.content()
    check(worker, "together", problems)
    worker.get_by_role("link", name="At school").click()
    worker.locator("#school_people_names-0-name").fill("Ms Shah, school counsellor")
    check(worker, "section", problems)
    worker.get_by_role("button", name="Save and go to the next part").click()
    expect(worker.get_by_role("heading", name="At home")).to_be_visible()
    worker.get_by_role("link", name="Back to the plan").click()
    expect(worker.get_by_role("heading", name="Alexandra Jones's safety plan")).to_be_visible()
    expect(worker.locator("#section-7")).to_contain_text("Ms Shah, school counsellor")
    assert NOTE not in worker.content()
    worker.get_by_role("button", name="Back to the full session").click()
    expect(worker.get_by_text(NOTE)).to_be_visible()

    worker.get_by_role("link", name="Alexandra Jones").click()
    worker.get_by_role("link", name="Private notes").click()
    expect(worker.locator("main")).to_contain_text(NOTE)
    check(worker, "notes", problems)
    assert problems == {}


def test_a_manager_hands_over_a_leavers_caseload_and_reads_the_audit_log(
    live_app: Flask, live_server: LiveServer, new_phone
) -> None:  # type: ignore[no-untyped-def]
    with live_app.app_context():
        add_staff("boss@example.org", "Morgan Manager", role="manager")
        leaver = add_staff("sam@example.org", "Sam Leaver")
        leaver.phone = "0116 111 1111"
        alex = add_young_person("alex", "Alex Able", leaver)
        add_young_person("bea", "Bea Bright", leaver)
        meetings.save(
            alex,
            None,
            {
                "kind": "initial",
                "anchor": date.today().isoformat(),
                "date": (date.today() + timedelta(days=9)).isoformat(),
                "venue": "Riverside Centre",
            },
        )
        db.session.commit()
    url = live_server.url
    manager = new_phone(viewport=TABLET)
    problems: dict[str, list[str]] = {}
    sign_in(manager, url, "boss@example.org")

    # A new worker, with a work phone and a temporary password.
    manager.get_by_role("link", name="Staff", exact=True).click()
    manager.get_by_label("Full name").fill("Nia Newworker")
    manager.get_by_label("Email address").fill("nia@example.org")
    manager.get_by_label("Work phone (optional)").fill("0116 222 2222")
    manager.get_by_label("Temporary password").fill("maple river quartz")
    manager.get_by_label("Your password").fill(STAFF_PASSWORD)
    manager.get_by_role("button", name="Add staff member").click()
    check(manager, "accounts", problems)
    manager.get_by_role("link", name="Nia Newworker").click()
    expect(manager.get_by_label("Work phone (optional)")).to_have_value("0116 222 2222")
    check(manager, "account", problems)

    nia = new_phone(viewport=TABLET)
    sign_in(nia, url, "nia@example.org", "maple river quartz")
    expect(nia.get_by_role("heading", name="Choose your own password")).to_be_visible()
    check(nia, "first-password", problems)
    nia.goto(url + "/staff/")
    expect(nia.get_by_role("heading", name="Choose your own password")).to_be_visible()
    nia.get_by_label("Your password now").fill("maple river quartz")
    nia.get_by_label("New password").fill("my own long passphrase")
    nia.get_by_role("button", name="Change password").click()
    expect(nia.get_by_role("heading", name="My caseload")).to_be_visible()

    # Sam leaves: both young people go to Nia in one step.
    manager.get_by_role("link", name="Handover").click()
    manager.get_by_role("button", name="Hand over all their young people").click()
    expect(manager.locator(".error-summary")).to_contain_text("Choose the worker who is leaving")
    check(manager, "handover-errors", problems)
    manager.get_by_label("Worker who is leaving").select_option(label="Sam Leaver (2)")
    manager.get_by_label("New allocated worker").select_option(label="Nia Newworker")
    manager.get_by_label("Handover note").fill("Alex's aunt is the best person to call first.")
    manager.get_by_role("button", name="Hand over all their young people").click()
    expect(manager.locator("main")).to_contain_text("Handed over 2 young people")
    expect(manager.get_by_label("Allocated worker")).to_have_value(re.compile("[0-9a-f]{32}"))
    rows = manager.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Nia Newworker")
    check(manager, "caseload", problems)

    nia.reload()
    nia.get_by_role("link", name="Alex Able").click()
    nia.get_by_role("link", name="Meetings").click()
    nia.get_by_role("link", name=re.compile("letters", re.I)).first.click()
    letters = nia.locator("main")
    expect(letters).to_contain_text("Nia Newworker, 0116 222 2222")
    assert "0116 111 1111" not in letters.inner_text()
    check(nia, "letters", problems)

    # The audit log: names, a filter, a young person's entries, and the export.
    manager.get_by_role("link", name="Audit log").click()
    manager.get_by_label("What").select_option(label="Allocated")
    manager.get_by_role("button", name="Filter").click()
    expect(manager.locator("tbody tr")).to_have_count(2)
    expect(manager.locator("tbody")).to_contain_text("Allocated (to Nia Newworker)")
    assert "Alex" not in manager.url and "Nia" not in manager.url
    check(manager, "audit", problems)
    manager.get_by_role("link", name=re.compile("^Alex Able")).click()
    expect(manager.get_by_role("heading", name="Audit log for Alex Able")).to_be_visible()
    with manager.expect_download() as download:
        manager.get_by_role("link", name="Download as a spreadsheet (CSV)").click()
    exported = Path(download.value.path()).read_text()
    table = list(csv.reader(io.StringIO(exported)))
    assert table[0][:3] == ["When (UK time)", "Who", "What"]
    assert [row[2] for row in table[1:]] == ["Allocated"]
    assert table[1][4] == "Alex Able"
    assert problems == {}
