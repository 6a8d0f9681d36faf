"""At 320 px the invitation list shows each person as a card: nothing scrolls sideways."""

from __future__ import annotations

from flask import Flask
from playwright.sync_api import expect

from safetyplan.core import meetings
from safetyplan.web.extensions import db

from ..conftest import STAFF_PASSWORD, add_staff, add_young_person
from .conftest import LiveServer, no_horizontal_scroll, screenshot

NARROWEST = {"width": 320, "height": 640}


def test_the_invitation_list_fits_320_px(  # type: ignore[no-untyped-def]
    live_app: Flask, live_server: LiveServer, new_phone
) -> None:
    with live_app.app_context():
        person = add_young_person(name="Jordan", worker=add_staff())
        meeting = meetings.save(
            person,
            None,
            {
                "kind": "initial",
                "anchor": "2026-11-16",
                "booked": "2026-11-17",
                "date": "2026-11-27",
            },
        )
        db.session.commit()
        url = f"{live_server.url}/staff/young-people/{person.id}/meetings/{meeting.id}/invitations"
    worker = new_phone(viewport=NARROWEST)
    worker.goto(live_server.url + "/staff/sign-in")
    worker.get_by_label("Email address").fill("worker@example.org")
    worker.get_by_label("Password").fill(STAFF_PASSWORD)
    worker.get_by_role("button", name="Sign in").click()
    worker.goto(url)
    expect(worker.locator("main")).to_contain_text("Children's rights officer")
    screenshot(worker, "meeting-invitations-320")
    assert no_horizontal_scroll(worker)
