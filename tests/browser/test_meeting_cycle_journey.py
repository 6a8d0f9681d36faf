"""The whole meeting cycle as people do it, every button pressed in the page. A worker at a
tablet books a first meeting, invites everyone, issues the letters (one A4 page each, in
print and as the PDF), works through getting ready; the young person sees the date, adds it
to their calendar with the place and sends their views; the time changes and the letters
are issued again; a manager sees what is overdue; after the meeting the worker records the
outcome and books the review, and the young person reads what was decided. axe-core finds
nothing on any page on the way.

The app's clock (core/clock.py) is moved from day to day, so every date is hand-checked:
agreed Mon 16 Nov 2026, booked Tue 17 Nov, held Fri 27 Nov."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from safetyplan.core import clock

from ..conftest import add_staff, add_young_person
from .conftest import (
    LiveServer,
    PagesChecked,
    fill_date,
    sign_in_staff_on,
    sign_in_young_person_on,
)

TABLET = {"width": 820, "height": 1180}


class Calendar:
    """The app's today, moved by the test."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.day = date(2026, 11, 17)
        monkeypatch.setattr(clock, "today", lambda: self.day)


def downloaded(page: Page, link: Locator) -> bytes:
    with page.expect_download() as download:
        link.click()
    return Path(download.value.path()).read_bytes()


# Everyone the guide names, as the worker records them: (name, how, reply).
INVITED = {
    "The young person": ("Jordan", "In person", "Coming"),
    "Parents or carers": ("Kim Parent", "Letter", "Coming"),
    "Social worker": ("Sam Worker", "Email", "Coming"),
    "Team manager": ("Morgan Manager", "Email", "Coming"),
    "Independent chair": ("Pat Chair", "Email", "Coming"),
    "Police CSE team": ("DC Rivers", "Email", "Coming"),
    "School": ("Ms Head, Park School", "Email", "Coming"),
    "School nurse": ("Nurse Lee", "Email", "Coming"),
    "GP": ("Dr Shah", "Letter", "Not coming"),
    "Specialist CSE worker": ("Robin, New Futures", "Email", "Coming"),
    "Children's rights officer": ("Ash, rights service", "Email", "Coming"),
    "Advocate": ("Jo Advocate", "Phone", "Coming"),
}


def test_the_whole_meeting_cycle(
    live_app: Flask, live_server: LiveServer, new_phone: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = Calendar(monkeypatch)
    with live_app.app_context():
        add_young_person(name="Jordan", worker=add_staff())
        add_staff("manager@example.org", "Morgan Manager", role="manager")
    url = live_server.url
    check = PagesChecked("meeting-cycle")

    # Tue 17 Nov: the worker books the first meeting agreed yesterday.
    worker = sign_in_staff_on(new_phone(viewport=TABLET), url)
    worker.get_by_role("link", name="Jordan").click()
    worker.get_by_role("link", name="Meetings").click()
    worker.get_by_role("link", name="Record a meeting").click()
    groups = worker.locator("fieldset[role=group]")  # agreed, meeting, booked
    fill_date(groups.nth(0), date(2026, 11, 16))
    fill_date(groups.nth(1), date(2026, 11, 27))
    fill_date(groups.nth(2), date(2026, 11, 17))
    worker.get_by_label("Time (optional)").fill("14:00")
    worker.get_by_label("Venue").fill("Riverside Centre")
    worker.get_by_label("Chair's name").fill("Pat Chair")
    check(worker, "book")
    worker.get_by_role("button", name="Save meeting").click()
    main = worker.locator("main")
    expect(main).to_contain_text("First meeting: Friday 27 November 2026, 2pm")
    expect(main).to_contain_text("Booked on Tuesday 17 November 2026.")
    expect(main).not_to_contain_text("Booked more than 1 working day after")
    # How the guide's "48 hours" is read, in one sentence on the page.
    expect(main).to_contain_text("We read \u201c48 hours\u201d as two calendar days")
    invitations_row = worker.get_by_role("row", name="Send the invitations")
    expect(invitations_row).to_contain_text("Thursday 19 November 2026")
    expect(invitations_row).to_contain_text("To do")
    check(worker, "meetings")

    # Everyone the guide names is invited; the GP can't come and sends a report.
    worker.get_by_role("link", name="Invitations").click()
    expect(worker.locator("#quorum")).to_contain_text("Not quorate yet")
    check(worker, "invitations")
    for label, (name, how, reply) in INVITED.items():
        worker.get_by_role("link", name=f"Change {label}", exact=True).click()
        worker.get_by_label("Name, and their role or organisation").fill(name)
        fill_date(worker.locator("fieldset[role=group]"), today.day)
        worker.get_by_label(how, exact=True).check()
        worker.get_by_label(reply, exact=True).check()
        if label == "GP":
            worker.get_by_label("They sent apologies").check()
            worker.get_by_label("Written report asked for").check()
            check(worker, "invitee")
        worker.get_by_role("button", name="Save").click()
        expect(worker.get_by_role("row", name=label).first).to_contain_text(name)
    expect(worker.locator("#quorum")).to_contain_text("Quorate so far")
    expect(worker.get_by_role("row", name="GP")).to_contain_text("Not coming, apologies sent")
    check(worker, "invitations-done")

    # The three letters, dated today: one A4 page each, printed and as the PDF.
    worker.get_by_role("link", name="Back to meetings").click()
    worker.get_by_role("link", name="Letters").click()
    expect(worker.locator(".letter").first).to_contain_text("Not issued yet")
    worker.get_by_role("button", name="Issue the letters").click()
    expect(main).to_contain_text("Issued on Tuesday 17 November 2026. Reprints keep this date.")
    letters = worker.locator(".letter")
    expect(letters.nth(0)).to_contain_text("Dear Jordan")
    expect(letters.nth(0)).to_contain_text("Friday 27 November 2026 at 2pm")
    expect(letters.nth(1)).to_contain_text("Dear parent or carer of Jordan")
    expect(letters.nth(1)).to_contain_text("PACE (Parents Against Child Exploitation)")
    expect(letters.nth(2)).to_contain_text("Police CSE team: DC Rivers")
    expect(letters.nth(2)).to_contain_text("Advocate: Jo Advocate")
    check(worker, "letters")
    worker.emulate_media(media="print")
    printed = PdfReader(io.BytesIO(worker.pdf(format="A4", print_background=False)))
    worker.emulate_media(media="screen")
    assert len(printed.pages) == 3, "each letter prints on one A4 page"
    pdf = PdfReader(io.BytesIO(downloaded(worker, worker.get_by_role("link", name="Download"))))
    assert len(pdf.pages) == 3, "the PDF has one A4 page per letter"
    assert "Tuesday 17 November 2026" in pdf.pages[1].extract_text()
    assert [round(float(side)) for side in pdf.pages[0].mediabox[2:]] == [595, 842]  # A4

    # Getting ready: everything but sharing the report, the ecomap and the chair's talk.
    worker.get_by_role("link", name="Back to meetings").click()
    worker.get_by_role("link", name="Getting ready").click()
    # The invitations are done from the records: everyone invited, the letters issued.
    expect(worker.locator("#task-invitations")).to_contain_text("12 of 12")
    expect(worker.locator("#task-invitations")).to_contain_text("Done from the letters")
    for key in ("report", "chronology", "genogram", "risk_assessment"):
        task = worker.locator(f"#task-{key}")
        task.get_by_role("button", name="Mark done").click()
        expect(worker.locator(f"#task-{key}")).to_contain_text("Done by Sam Worker")
    worker.get_by_label("How will their views be heard?").fill("Jordan's own words, sent here")
    worker.locator("#task-views").get_by_role("button", name="Mark done").click()
    expect(worker.locator("#task-views")).to_contain_text("Jordan's own words, sent here")
    expect(worker.locator("#task-report_shared")).to_contain_text("Due Wednesday 25 November 2026")
    check(worker, "preparation")
    worker.get_by_role("link", name="Back to meetings").click()
    expect(worker.get_by_role("row", name="Send the invitations")).to_contain_text("Done")

    # The young person sees the date, puts it in their calendar with the place, and
    # sends their views.
    young = sign_in_young_person_on(new_phone(), url)
    young.get_by_role("link", name="My meeting").first.click()
    panel = young.locator(".panel").first
    expect(panel).to_contain_text("First meeting, in 10 days")
    expect(panel).to_contain_text("Friday 27 November 2026")
    expect(panel).to_contain_text("Riverside Centre")
    check(young, "my-meeting")
    ics = downloaded(young, young.get_by_role("link", name="Add it with the place too"))
    assert b"LOCATION:Riverside Centre" in ics
    assert b"DTSTART;TZID=Europe/London:20261127T140000" in ics
    young.get_by_label("What I want to say at the meeting").fill("I want to keep playing football")
    young.get_by_label("All of it").check()
    young.get_by_label("Talk to the chair in person").check()
    young.get_by_role("button", name="Continue").click()
    check(young, "my-meeting-check")
    young.get_by_role("button", name="Send to my worker").click()
    expect(young.get_by_text("Sent to your worker.")).to_be_visible()
    worker.reload()
    expect(main).to_contain_text("I want to keep playing football")

    # Wed 18 Nov: the chair can only do 3pm. New details, so the letters are issued again.
    today.day = date(2026, 11, 18)
    worker.get_by_role("link", name="Change details").click()
    worker.get_by_label("Time (optional)").fill("15:00")
    worker.get_by_role("button", name="Save meeting").click()
    worker.get_by_role("link", name="Letters").click()
    expect(worker.locator(".letter").first).to_contain_text("Tuesday 17 November 2026")
    worker.get_by_role("button", name="Issue again with today's date").click()
    expect(main).to_contain_text("Issued on Wednesday 18 November 2026 (issued 2 times)")
    expect(worker.locator(".letter").first).to_contain_text("Friday 27 November 2026 at 3pm")
    check(worker, "letters-again")

    # Thu 26 Nov: the family has not had the report yet. The manager sees it overdue.
    today.day = date(2026, 11, 26)
    manager = sign_in_staff_on(new_phone(viewport=TABLET), url, "manager@example.org")
    manager.get_by_role("link", name="Due", exact=True).click()
    manager.get_by_label("Allocated worker").select_option(label="Sam Worker")
    manager.get_by_role("button", name="Show").click()
    overdue = manager.get_by_role("row", name="Report, chronology and risk assessment shared")
    expect(overdue).to_contain_text("Jordan")
    expect(overdue).to_contain_text("Sam Worker")
    expect(overdue).to_contain_text("Overdue")
    expect(manager.get_by_role("row", name="Chair's pre-meeting discussion")).not_to_contain_text(
        "Overdue"
    )
    expect(manager.locator("tbody")).not_to_contain_text("Invitations sent")  # ticked
    check(manager, "due")

    # Mon 30 Nov, after the meeting: who came, what was decided, and the review booked.
    today.day = date(2026, 11, 30)
    worker.get_by_role("link", name="Back to meetings").click()
    worker.get_by_role("link", name="Outcome").click()
    worker.get_by_label("Who came").fill("Everyone invited but the GP, who sent a report")
    worker.get_by_label("A CSE plan, reviewed at the next meeting").check()
    worker.get_by_label("Actions: who does what, by when").fill("Sam visits weekly")
    worker.get_by_label("What was decided, for the young person").fill(
        "You keep playing football. Sam will see you every week."
    )
    worker.get_by_label("What was decided, for parents and carers").fill(
        "What we agreed: a CSE plan, with Sam visiting weekly.\nHow you can help: call Sam."
    )
    fill_date(worker.locator("fieldset[role=group]"), date(2027, 2, 24))
    check(worker, "outcome")
    worker.get_by_role("button", name="Save outcome").click()
    expect(main).to_contain_text("Saved what was decided, and the review is on Wednesday 24 Feb")
    expect(main).to_contain_text("Review meeting: Wednesday 24 February 2027")
    check(worker, "meetings-after")
    first = worker.locator("section", has=worker.get_by_role("heading", name="First meeting"))
    first.get_by_role("link", name="Outcome").click()
    worker.get_by_role("link", name="Letter to parents about what was decided").click()
    letter = worker.locator(".letter")
    expect(letter).to_contain_text("Monday 30 November 2026")
    expect(letter).to_contain_text("What we agreed: a CSE plan, with Sam visiting weekly.")
    expect(letter).to_contain_text("PACE (Parents Against Child Exploitation)")
    check(worker, "letter-after")
    worker.emulate_media(media="print")
    after = PdfReader(io.BytesIO(worker.pdf(format="A4", print_background=False)))
    assert len(after.pages) == 1, "the letter after the meeting prints on one A4 page"

    # The young person reads what was decided beside what they said, and the next date.
    young.reload()
    decided = young.locator("#decided-title").locator("..")
    expect(decided).to_contain_text("What was decided at your meeting on Friday 27 November")
    expect(decided).to_contain_text("I want to keep playing football")
    expect(decided).to_contain_text("You keep playing football. Sam will see you every week.")
    expect(young.locator(".panel").nth(1)).to_contain_text("Review meeting")
    expect(young.locator(".panel").nth(1)).to_contain_text("Wednesday 24 February 2027")
    check(young, "what-was-decided")
    assert check.problems == {}
