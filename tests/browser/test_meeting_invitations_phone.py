"""At 320 px the invitation list shows each person as a card: nothing scrolls sideways."""

from __future__ import annotations

from flask import Flask
from playwright.sync_api import expect

from ..meetings import book_meeting
from .conftest import LiveServer, no_horizontal_scroll, screenshot, sign_in_staff_on

NARROWEST = {"width": 320, "height": 640}


def test_the_invitation_list_fits_320_px(  # type: ignore[no-untyped-def]
    live_app: Flask, live_server: LiveServer, new_phone
) -> None:
    person_id, meeting_id = book_meeting(live_app)
    worker = sign_in_staff_on(new_phone(viewport=NARROWEST), live_server.url)
    worker.goto(
        f"{live_server.url}/staff/young-people/{person_id}/meetings/{meeting_id}/invitations"
    )
    expect(worker.locator("main")).to_contain_text("Children's rights officer")
    screenshot(worker, "meeting-invitations-320")
    assert no_horizontal_scroll(worker)
