"""A young person shares part of their plan; a trusted adult scans the QR code on another
phone, enters the access code, reads it; the young person stops the link."""

from __future__ import annotations

import io

import zxingcpp
from flask import Flask
from PIL import Image
from playwright.sync_api import Page, expect

from safetyplan.core import plan, workbook
from safetyplan.core.models import YoungPerson
from safetyplan.web.extensions import db

from ..conftest import YOUNG_PERSON_PASSPHRASE, add_young_person
from .conftest import LiveServer, axe_violations, screenshot


def test_share_by_qr_code_with_access_code(
    live_app: Flask, live_server: LiveServer, page: Page, new_phone
) -> None:  # type: ignore[no-untyped-def]
    with live_app.app_context():
        person = add_young_person()
        school = workbook.section_by_number(7)
        emergency = workbook.section_by_number(1)
        assert school and emergency
        plan.save_section(
            person, school, {"way_to_school": "Bus 14 with Priya"}, base_version=0, done=False
        )
        plan.save_section(
            person, emergency, {"code_word": "blue hoodie"}, base_version=0, done=False
        )
        db.session.commit()
    problems: dict[str, list[str]] = {}

    def check(target: Page, name: str) -> None:
        if violations := axe_violations(target):
            problems[name] = violations
        screenshot(target, f"share-{name}")

    page.goto(live_server.url + "/")
    page.get_by_label("Username").fill("blue-fox")
    page.get_by_label("Passphrase").fill(YOUNG_PERSON_PASSPHRASE)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Share", exact=True).click()
    check(page, "my-links-empty")
    page.get_by_role("link", name="Make a new link").click()
    # Only the code word is ticked at first; this young person shares school instead.
    expect(page.get_by_label(emergency.title)).to_be_checked()
    page.get_by_label(emergency.title).uncheck()
    page.get_by_label(school.title).check()
    page.get_by_label("Who is it for?").fill("Auntie")
    page.get_by_label("Access code (optional)").fill("12")
    page.get_by_role("button", name="Make the link").click()
    expect(page.locator(".error-summary")).to_contain_text("Use 4 to 8 numbers")
    check(page, "create-errors")
    page.get_by_label("Access code (optional)").fill("4821")
    page.get_by_role("button", name="Make the link").click()
    expect(page.get_by_role("button", name="Copy link")).to_be_visible()  # enhanced by JS
    check(page, "result")

    png = page.locator(".qr").screenshot()
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert decoded, "the QR code did not decode"
    link = decoded[0].text
    assert link == page.locator("#share-link").inner_text()
    assert link.startswith(live_server.url + "/s/")

    adult = new_phone()
    adult.goto(link)
    check(adult, "access-code")
    adult.get_by_label("Access code").fill("4821")
    adult.get_by_role("button", name="Continue").click()
    expect(adult.locator("main")).to_contain_text("Bus 14 with Priya")
    assert "blue hoodie" not in adult.content()
    check(adult, "adult-view")
    adult.get_by_role("button", name="I'm ready to help").click()
    expect(
        adult.get_by_text("Thank you. They will see that you are ready to help.")
    ).to_be_visible()
    check(adult, "adult-ready")

    page.get_by_role("link", name="See all my links").click()
    expect(page.get_by_text("Auntie said they are ready to help")).to_be_visible()
    check(page, "my-links")
    page.get_by_role("link", name="Stop this link for Auntie").click()
    page.get_by_role("button", name="Yes, stop the link").click()
    expect(page.get_by_text("has stopped working")).to_be_visible()

    adult.reload()
    expect(adult.get_by_role("heading", name="This link no longer works")).to_be_visible()
    assert "Bus 14" not in adult.content()
    check(adult, "ended")
    with live_app.app_context():
        assert YoungPerson.by_username("blue-fox")
    assert problems == {}
