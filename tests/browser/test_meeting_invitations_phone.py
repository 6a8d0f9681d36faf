"""At 320 px the invitation list shows each person as a card: nothing scrolls sideways."""

from __future__ import annotations

from flask import Flask
from playwright.sync_api import expect

from .conftest import LiveServer, no_horizontal_scroll, open_booked_meeting, screenshot

NARROWEST = {"width": 320, "height": 640}


def test_the_invitation_list_fits_320_px(  # type: ignore[no-untyped-def]
    live_app: Flask, live_server: LiveServer, new_phone
) -> None:
    worker = new_phone(viewport=NARROWEST)
    open_booked_meeting(live_app, live_server, worker, "invitations")
    expect(worker.locator("main")).to_contain_text("Children's rights officer")
    screenshot(worker, "meeting-invitations-320")
    assert no_horizontal_scroll(worker)
