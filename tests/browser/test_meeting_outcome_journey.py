"""After the meeting, in browsers: the worker records the outcome at a tablet and the young
person reads what was decided on their phone; axe on both pages."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import Flask
from playwright.sync_api import expect

from safetyplan.core import meeting_outcome, meetings
from safetyplan.web.extensions import db

from ..meetings import add_meeting
from .conftest import (
    LiveServer,
    axe_violations,
    screenshot,
    sign_in_staff_on,
    sign_in_young_person_on,
)

TABLET = {"width": 820, "height": 1180}


def test_outcome_then_what_was_decided(
    live_app: Flask, live_server: LiveServer, new_phone: Any
) -> None:
    held = str(date.today() - timedelta(days=2))
    with live_app.app_context():
        person, meeting = add_meeting({"kind": "initial", "date": held})
        meetings.save_views(person, meeting, {"say": "Please don't move me"}, send=True)
        db.session.commit()
    url = live_server.url
    worker = sign_in_staff_on(new_phone(viewport=TABLET), url)
    worker.get_by_role("link", name="Alex").click()
    worker.get_by_role("link", name="Meetings").click()
    worker.get_by_role("link", name="Outcome").click()
    worker.get_by_label("A CSE plan, reviewed at the next meeting").check()
    worker.get_by_label("What was decided, for the young person").fill(
        "You stay where you are. We will check in every week."
    )
    screenshot(worker, "meeting-outcome")
    assert axe_violations(worker) == []
    worker.get_by_role("button", name="Save outcome").click()
    expect(worker.get_by_text("Saved what was decided")).to_be_visible()

    phone = sign_in_young_person_on(new_phone(), url)
    phone.get_by_role("link", name="My meeting").first.click()
    decided = phone.locator("#decided-title").locator("..")
    expect(decided).to_contain_text("Please don't move me")
    expect(decided).to_contain_text("You stay where you are.")
    screenshot(phone, "meeting-what-was-decided")
    assert axe_violations(phone) == []


def test_what_was_decided_with_no_meeting_booked_next(
    live_app: Flask, live_server: LiveServer, new_phone: Any
) -> None:
    held = str(date.today() - timedelta(days=2))
    with live_app.app_context():
        _, meeting = add_meeting({"kind": "initial", "date": held})
        meeting_outcome.record(
            meeting, {"result": "plan_ends", "for_young_person": "The plan ends."}, date.today()
        )
        db.session.commit()
    phone = sign_in_young_person_on(new_phone(), live_server.url)
    phone.get_by_role("link", name="My meeting").first.click()
    expect(phone.locator("#decided-title").locator("..")).to_contain_text("The plan ends.")
    expect(phone.locator("main")).to_contain_text("Your next meeting isn't booked yet.")
    screenshot(phone, "meeting-decided-none-next")
    assert axe_violations(phone) == []
