"""A worker records a meeting; the young person sees it counted down, writes their views
and sends them; the worker reads them and prints the letters, one A4 page each, and shows
the family's letters in Polish and Urdu."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from flask import Flask
from playwright.sync_api import expect
from sqlalchemy import select

from safetyplan.core.models import AuditEvent
from safetyplan.web.extensions import db

from ..conftest import add_staff, add_young_person
from .conftest import (
    LiveServer,
    PagesChecked,
    axe_violations,
    open_booked_meeting,
    screenshot,
    sign_in_staff_on,
    sign_in_young_person_on,
)

TABLET = {"width": 768, "height": 1024}


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_meeting_journey(live_app: Flask, live_server: LiveServer, new_phone) -> None:  # type: ignore[no-untyped-def]
    with live_app.app_context():
        person_id = add_young_person(name="Jordan", worker=add_staff()).id
    url = live_server.url
    check = PagesChecked("meeting")

    public = new_phone()
    for path, name in (
        ("/meeting/", "public-young-person"),
        ("/meeting/parents", "public-parents"),
    ):
        public.goto(url + path)
        check(public, name)

    worker = sign_in_staff_on(new_phone(viewport=TABLET), url)
    worker.goto(f"{url}/staff/young-people/{person_id}/meetings")
    worker.get_by_role("link", name="Record a meeting").click()
    day = date.today() + timedelta(days=5)
    agreed = date.today() - timedelta(days=3)
    fieldsets = worker.locator("fieldset[role=group]")
    for index, value in ((0, agreed), (1, day), (2, agreed)):  # agreed, meeting, booked
        fieldsets.nth(index).get_by_label("Day").fill(str(value.day))
        fieldsets.nth(index).get_by_label("Month").fill(str(value.month))
        fieldsets.nth(index).get_by_label("Year").fill(str(value.year))
    worker.get_by_label("Time (optional)").fill("14:30")
    worker.get_by_label("Venue").fill("Riverside Centre")
    worker.get_by_label("Chair's name").fill("Pat Chair")
    check(worker, "record-form")
    worker.get_by_role("button", name="Save meeting").click()
    expect(worker.locator("main")).to_contain_text("Riverside Centre")
    expect(worker.locator("table").first).to_contain_text("Hold the meeting")
    check(worker, "deadlines")

    young = sign_in_young_person_on(new_phone(), url)
    young.get_by_role("link", name="My meeting").click()
    expect(young.locator(".panel").first).to_contain_text("in 5 days")
    expect(young.locator(".panel").first).to_contain_text(f"{day:%B %Y}")
    young.get_by_label("What I want to say at the meeting").fill("I want to keep playing football")
    young.get_by_label("Part of it").check()
    young.get_by_label("Talk to the chair on the phone").check()
    check(young, "my-meeting")
    young.get_by_role("button", name="Continue").click()
    expect(young.get_by_role("heading", name="Check before you send")).to_be_visible()
    check(young, "my-meeting-check")
    young.get_by_role("button", name="Send to my worker").click()
    expect(young.get_by_text("Sent to your worker.")).to_be_visible()
    check(young, "views-sent")

    worker.reload()
    expect(worker.locator("main")).to_contain_text("I want to keep playing football")
    worker.get_by_role("link", name="Letters").click()
    expect(worker.locator(".letter").first).to_contain_text("Dear Jordan")
    expect(worker.locator(".letter").first).to_contain_text("Riverside Centre")
    check(worker, "letters")
    worker.emulate_media(media="print")
    pdf = worker.pdf(format="A4", print_background=False)
    assert pdf_pages(pdf) == 3, "each letter should print on one A4 page"
    assert check.problems == {}


def test_the_family_letters_in_polish_and_urdu(
    live_app: Flask, live_server: LiveServer, new_phone: Any
) -> None:
    worker = new_phone(viewport=TABLET)
    open_booked_meeting(live_app, live_server, worker, "letters")
    letters = worker.locator(".letter")
    expect(letters.nth(0)).to_contain_text("Dear Alex,")
    expect(letters.nth(1)).to_contain_text("Dear parent or carer of Alex,")

    worker.get_by_label("Alex's letter in").select_option("ur")
    worker.get_by_label("The parents' or carers' letter in").select_option("pl")
    worker.get_by_role("button", name="Show the letters in these languages").click()
    expect(letters.nth(0)).to_have_attribute("lang", "ur")
    expect(letters.nth(0)).to_have_attribute("dir", "rtl")
    expect(letters.nth(0)).to_contain_text("پیارے Alex،")
    expect(letters.nth(1)).to_have_attribute("lang", "pl")
    expect(letters.nth(1)).to_contain_text("Szanowny rodzicu lub opiekunie Alex,")
    expect(letters.nth(1)).to_contain_text("piątek 27 listopada 2026")
    expect(letters.nth(2)).to_contain_text("Dear colleague,")  # the professionals' stays English
    expect(worker.get_by_label("Alex's letter in")).to_have_value("ur")  # the choice shows
    expect(worker.get_by_label("The parents' or carers' letter in")).to_have_value("pl")
    screenshot(worker, "meeting-letters-polish-urdu")
    assert axe_violations(worker) == []
    with live_app.app_context():
        shown = db.session.scalars(
            select(AuditEvent.detail)
            .where(AuditEvent.action == "printed_letters")
            .order_by(AuditEvent.id)
        ).all()
    assert shown == ["en, en", "ur, pl"], "the log says which letters the worker saw"

    worker.get_by_role("button", name="Issue the letters").click()
    expect(worker.locator("main")).to_contain_text("The letters are dated today.")
    expect(letters.nth(1)).to_contain_text("Szanowny rodzicu lub opiekunie Alex,")
    expect(worker.get_by_role("link", name="Download as PDF")).to_have_attribute(
        "href", re.compile("young_person_language=ur&parents_language=pl")
    )
