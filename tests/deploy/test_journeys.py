"""The journeys through nginx over https, with two app instances behind it: every form post
must work there, and every link the app makes must be https on the public address."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import zxingcpp
from PIL import Image
from playwright.sync_api import Page, expect

from ..browser.conftest import NEUTRAL_URL
from .conftest import PUBLIC_HOST, STAFF, Stage

NAME = "Zephyrine Quillfeather"
CODE_WORD = "Is the lighthouse kettle on?"
WAY_TO_SCHOOL = "Number 77 bus with Marisol Okonkwo-Baptiste"
NOTE = "Talked about the marmalade skatepark on Fridays."
SESSION_COOKIE = "__Host-session"
TABLET = {"width": 768, "height": 1024}


def sign_in_staff(page: Page, url: str, role: str) -> None:
    email, _name, password = STAFF[role]
    page.goto(url + "/staff/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    home = page.get_by_role("heading", name=re.compile("My caseload|All young people"))
    expect(home).to_be_visible()


def add_young_person(page: Page, name: str) -> None:
    page.get_by_role("link", name="Add a young person").click()
    page.get_by_label("Preferred name").fill(name)
    page.get_by_label("Day").fill("14")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2010")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name=name)).to_be_visible()


def qr_link(page: Page) -> str:
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(page.locator(".qr").screenshot())))
    assert decoded, "the QR code did not decode"
    return decoded[0].text


def session_ids(*pages: Page) -> set[str]:
    return {
        cookie["value"]
        for page in pages
        for cookie in page.context.cookies()
        if cookie["name"] == SESSION_COOKIE
    }


def test_young_person_journey(stage: Stage, new_phone: Callable[..., Page]) -> None:
    url = stage.url
    worker = new_phone()
    sign_in_staff(worker, url, "worker")
    add_young_person(worker, NAME)
    worker.get_by_role("button", name="Give a sign-in code").click()
    expect(worker.locator(".qr svg")).to_be_visible()
    code = worker.locator("p.heading-l").inner_text().strip()
    link = qr_link(worker)
    assert link.startswith(f"https://{PUBLIC_HOST}/notes/start/")
    expect(worker.locator("main strong").first).to_have_text(f"https://{PUBLIC_HOST}/notes/start")
    stage.planted.update({NAME, code, code.replace("-", ""), link.rsplit("/", 1)[1]})

    phone = new_phone()
    phone.goto(link)
    phone.get_by_label("Choose a passphrase").fill("harbour kite lantern")
    phone.get_by_label("Type your passphrase again").fill("harbour kite lantern")
    phone.get_by_role("button", name="Continue").click()
    expect(phone.get_by_role("heading", name="How to leave this app quickly")).to_be_visible()
    phone.get_by_role("link", name="I understand, go to my plan").click()
    expect(phone.get_by_role("heading", name="My plan", exact=True)).to_be_visible()

    phone.goto(url + "/notes/1")
    phone.locator("#trusted_adult-0-name").fill("Auntie Bev")
    phone.locator("#trusted_adult-0-phone").fill("07700 900 982")
    phone.locator("#code_word").fill(CODE_WORD)
    phone.get_by_role("button", name="Save", exact=True).click()
    expect(phone.get_by_text("Saved: ")).to_be_visible()
    phone.goto(url + "/notes/7")
    phone.locator("#way_to_school").fill(WAY_TO_SCHOOL)
    phone.get_by_role("button", name="Save", exact=True).click()
    expect(phone.get_by_text("Saved: ")).to_be_visible()
    stage.planted.update({CODE_WORD, WAY_TO_SCHOOL, "harbour kite lantern"})

    phone.get_by_role("link", name="Help now").click()
    send = phone.get_by_role("link", name="Send my code word")
    assert (send.get_attribute("href") or "").startswith("sms:07700900982?&body=")

    phone.get_by_role("link", name="Share", exact=True).click()
    phone.get_by_role("link", name="Make a new link").click()
    phone.get_by_label("Who is it for?").fill("Auntie")
    # Only the code word is ticked at first; this young person shares school instead.
    phone.get_by_label("My emergency code").uncheck()
    phone.get_by_label("At school").check()
    phone.get_by_role("button", name="Make the link").click()
    share_link = phone.locator("#share-link").inner_text()
    assert share_link.startswith(f"https://{PUBLIC_HOST}/s/")
    assert qr_link(phone) == share_link
    stage.planted.add(share_link.rsplit("/", 1)[1])

    adult = new_phone()
    adult.goto(share_link)
    expect(adult.locator("main")).to_contain_text(WAY_TO_SCHOOL)
    assert CODE_WORD not in adult.content()  # the code word part was not chosen

    phone.get_by_role("link", name="See all my links").click()
    phone.get_by_role("link", name="Stop this link for Auntie").click()
    phone.get_by_role("button", name="Yes, stop the link").click()
    expect(phone.get_by_text("has stopped working")).to_be_visible()
    adult.reload()
    expect(adult.get_by_role("heading", name="This link no longer works")).to_be_visible()
    assert WAY_TO_SCHOOL not in adult.content()

    stage.planted.update(session_ids(worker, phone, adult))
    phone.goto(url + "/notes/all")
    expect(phone.locator("main")).to_contain_text(CODE_WORD)
    phone.get_by_role("button", name="Exit this page").click()
    phone.wait_for_url(NEUTRAL_URL)
    phone.go_back()
    assert CODE_WORD not in phone.content()
    assert WAY_TO_SCHOOL not in phone.content()
    phone.goto(url + "/notes/all")
    expect(phone.get_by_role("heading", name="Sign in")).to_be_visible()


def test_worker_journey(stage: Stage, new_phone: Callable[..., Page]) -> None:
    url = stage.url
    worker = new_phone(viewport=TABLET)
    sign_in_staff(worker, url, "worker")
    add_young_person(worker, "Ottoline Brackenbury")
    stage.planted.update({"Ottoline Brackenbury", "Ottoline"})  # the search term too
    worker.goto(url + "/staff/")
    worker.get_by_label("Search by name").fill("Ottoline")
    worker.get_by_role("button", name="Search").click()
    worker.get_by_role("link", name="Ottoline Brackenbury").click()

    worker.get_by_label("Who is here (optional)").fill("Ottoline and her aunt")
    worker.get_by_role("button", name="Start session").click()
    expect(worker.get_by_role("heading", name=re.compile("Session with Ottoline"))).to_be_visible()
    worker.get_by_label("Private note").fill(NOTE)
    worker.get_by_role("button", name="Save", exact=True).click()
    expect(worker.get_by_text(NOTE)).to_be_visible()
    worker.get_by_role("button", name="End session").click()
    expect(worker.get_by_text("Session ended")).to_be_visible()
    worker.get_by_role("link", name="Revision history").click()
    expect(worker.locator("main")).to_contain_text("Ottoline Brackenbury")
    stage.planted.update({NOTE, "Ottoline and her aunt"} | session_ids(worker))


def test_a_manager_deactivates_a_worker(stage: Stage, new_phone: Callable[..., Page]) -> None:
    url = stage.url
    leaver = new_phone(viewport=TABLET)
    sign_in_staff(leaver, url, "leaver")
    manager = new_phone(viewport=TABLET)
    sign_in_staff(manager, url, "manager")
    stage.planted.update(session_ids(leaver, manager))
    manager.get_by_role("link", name="Staff", exact=True).click()
    manager.get_by_role("link", name=STAFF["leaver"][1]).click()
    manager.get_by_role("button", name="Deactivate").click()
    expect(manager.locator("main")).to_contain_text("Deactivated")
    leaver.goto(url + "/staff/")  # whichever instance answers, the session has ended
    expect(leaver.get_by_role("heading", name="Sign in")).to_be_visible()
