"""At tablet size, a worker books a first meeting (with the day they booked it), invites
people, sees the meeting is not quorate yet, and ticks the preparation checklist; someone
else invited is taken off the list again. Every new page passes axe-core."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from flask import Flask
from playwright.sync_api import expect
from sqlalchemy import select

from safetyplan.core.meeting_models import MeetingInvitee
from safetyplan.core.models import AuditEvent
from safetyplan.web.extensions import db

from ..conftest import add_staff, add_young_person
from .conftest import (
    LiveServer,
    PagesChecked,
    axe_violations,
    fill_date,
    open_booked_meeting,
    screenshot,
    sign_in_staff_on,
)

TABLET = {"width": 820, "height": 1180}


def test_worker_books_invites_and_gets_ready(  # type: ignore[no-untyped-def]
    live_app: Flask, live_server: LiveServer, new_phone
) -> None:
    with live_app.app_context():
        person_id = add_young_person(name="Jordan", worker=add_staff()).id
    url = live_server.url
    check = PagesChecked("meeting-tablet")

    worker = sign_in_staff_on(new_phone(viewport=TABLET), url)
    worker.goto(f"{url}/staff/young-people/{person_id}/meetings")
    worker.get_by_role("link", name="Record a meeting").click()
    agreed = date.today() - timedelta(days=1)
    groups = worker.locator("fieldset[role=group]")
    fill_date(groups.nth(0), agreed)
    fill_date(groups.nth(1), date.today() + timedelta(days=8))
    fill_date(groups.nth(2), agreed)
    worker.get_by_label("Venue").fill("Riverside Centre")
    worker.get_by_label("Chair's name").fill("Pat Chair")
    check(worker, "book")
    worker.get_by_role("button", name="Save meeting").click()
    expect(worker.locator("main")).to_contain_text(f"Booked on {agreed:%A} {agreed.day}")
    expect(worker.locator("main")).to_contain_text("two calendar days")
    check(worker, "meetings")

    worker.get_by_role("link", name="Invitations").click()
    expect(worker.locator("#quorum")).to_contain_text("Not quorate yet")
    check(worker, "invitations")
    worker.get_by_role("link", name="Change Police CSE team").click()
    worker.get_by_label("Name, and their role or organisation").fill("DC Rivers, CSE team")
    fill_date(worker.locator("fieldset[role=group]"), date.today())
    worker.get_by_label("Email").check()
    worker.get_by_label("Coming", exact=True).check()
    check(worker, "invitee")
    worker.get_by_role("button", name="Save").click()
    expect(worker.locator("main")).to_contain_text("DC Rivers, CSE team")
    expect(worker.locator("#quorum")).not_to_contain_text("Police CSE team")

    worker.get_by_role("link", name="Back to meetings").click()
    worker.get_by_role("link", name="Getting ready").click()
    invitations = worker.locator("#task-invitations")
    invitations.get_by_role("button", name="Mark done").click()
    expect(invitations).to_contain_text("Done by Sam Worker")
    worker.get_by_label("How will their views be heard?").fill("A letter, read by the chair")
    worker.locator("#task-views").get_by_role("button", name="Mark done").click()
    expect(worker.locator("#task-views")).to_contain_text("A letter, read by the chair")
    check(worker, "preparation")

    worker.get_by_role("link", name="Back to meetings").click()
    worker.get_by_role("link", name="Rearrange").click()
    worker.get_by_role("button", name="Rearrange meeting").click()
    expect(worker.locator(".error-summary")).to_contain_text("Say why the meeting is moving")
    check(worker, "rearrange")
    worker.get_by_role("link", name="Back to meetings").click()
    worker.get_by_role("link", name="Cancel").click()
    check(worker, "cancel")
    meeting_url = worker.url.removesuffix("/cancel")
    worker.goto(meeting_url + "/late")
    check(worker, "late")
    assert check.problems == {}


def test_someone_else_is_invited_then_taken_off_the_list(
    live_app: Flask, live_server: LiveServer, new_phone: Any
) -> None:
    worker = new_phone(viewport=TABLET)
    person_id, _ = open_booked_meeting(live_app, live_server, worker, "invitations")
    worker.get_by_role("link", name="Add someone else involved").click()
    worker.get_by_label("Name, and their role or organisation").fill("Youth offending team")
    worker.get_by_role("button", name="Save", exact=True).click()
    expect(worker.get_by_text("Someone else involved: saved.")).to_be_visible()
    row = worker.get_by_role("row", name="Someone else involved")
    expect(row).to_contain_text("Youth offending team")
    with live_app.app_context():
        assert db.session.scalars(select(MeetingInvitee.slot)).all() == ["other-1"]

    row.get_by_role("link", name="Change Someone else involved").click()
    # Its name says who: "Take off the list", then the name, for a screen reader.
    take_off = worker.get_by_role("button", name=re.compile("^Take off the list.*Youth offending"))
    expect(take_off).to_be_visible()
    screenshot(worker, "meeting-tablet-invitee-other")
    assert axe_violations(worker) == []
    take_off.click()
    expect(worker.get_by_text("Taken off the invitation list.")).to_be_visible()
    expect(worker.get_by_role("heading", name="Invitations")).to_be_visible()
    expect(worker.locator("main")).not_to_contain_text("Youth offending team")
    expect(worker.get_by_role("row", name="Someone else involved")).to_have_count(0)
    screenshot(worker, "meeting-tablet-invitations-taken-off")
    assert axe_violations(worker) == []
    with live_app.app_context():
        assert db.session.scalars(select(MeetingInvitee)).all() == []
        removed = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "removed_invitee")
        ).one()
        assert (removed.young_person_id, removed.detail) == (person_id, "other-1")
