"""Polish and Urdu at 320 px on a phone: no axe violations, no sideways scrolling, Urdu right
to left; the language switch, signed out and signed in; easy read."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect

from safetyplan.core import plan, workbook
from safetyplan.core.models import YoungPerson
from safetyplan.web.extensions import db

from ..conftest import YOUNG_PERSON_PASSPHRASE, add_staff, add_young_person
from .conftest import (
    LiveServer,
    answer_neutral_site,
    axe_violations,
    no_horizontal_scroll,
    screenshot,
    sign_in_young_person,
)
from .test_young_person_phone import with_text_at_200_percent

NARROW = {"width": 320, "height": 640}
# The sign-in page's labels and button in each language: username, passphrase, sign in.
SIGN_IN_WORDS = {
    "pl": ("Nazwa użytkownika", "Hasło", "Zaloguj się"),
    "ur": ("یوزر نیم", "پاس فریز", "سائن اِن"),
}
PAGES = [
    "/notes/",
    "/notes/about",
    "/notes/1",
    "/notes/4",
    "/notes/help",
    "/notes/shares/new",
    "/notes/account",
    "/notes/meeting",
]


@pytest.fixture
def narrow_page(browser: Browser) -> Iterator[Page]:
    # Chromium sends its own language (en-US): these phones choose with the switch instead.
    context = browser.new_context(viewport=NARROW, device_scale_factor=1, has_touch=True)
    answer_neutral_site(context)
    yield context.new_page()
    context.close()


def choose(page: Page, language_name: str) -> None:
    page.locator("form.language-switch").get_by_role("button", name=language_name).click()
    page.wait_for_load_state("load")  # the new page's stylesheet too, before axe looks


@pytest.mark.parametrize(
    ("language", "name", "direction"), [("pl", "Polski", "ltr"), ("ur", "اردو", "rtl")]
)
def test_every_young_person_page_reads_well_at_320px(
    live_app: Flask,
    live_server: LiveServer,
    narrow_page: Page,
    language: str,
    name: str,
    direction: str,
) -> None:
    page = narrow_page
    page.goto(live_server.url + "/")
    choose(page, name)
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("html")).to_have_attribute("dir", direction)
    assert axe_violations(page) == []
    assert no_horizontal_scroll(page)
    screenshot(page, f"languages-{language}-sign-in")

    for path in ("/meeting/", "/meeting/parents"):
        page.goto(live_server.url + path)
        assert axe_violations(page) == [], path
        assert no_horizontal_scroll(page), path

    with live_app.app_context():
        add_young_person(worker=add_staff())
    page.goto(live_server.url + "/")
    username, passphrase, sign_in = SIGN_IN_WORDS[language]
    page.get_by_label(username, exact=True).fill("blue-fox")
    page.get_by_label(passphrase, exact=True).fill(YOUNG_PERSON_PASSPHRASE)
    page.get_by_role("button", name=sign_in, exact=True).click()
    expect(page).to_have_url(live_server.url + "/notes/")
    expect(page.locator("html")).to_have_attribute("dir", direction)
    for path in PAGES:
        page.goto(live_server.url + path)
        expect(page.locator("html")).to_have_attribute("lang", language)
        assert axe_violations(page) == [], path
        assert no_horizontal_scroll(page), path
        screenshot(page, f"languages-{language}{path.replace('/', '-').rstrip('-')}")


def test_the_switch_signed_out_then_kept_with_the_account(
    live_app: Flask, live_server: LiveServer, page: Page
) -> None:
    page.goto(live_server.url + "/meeting/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your meeting")  # en-US browser
    choose(page, "Polski (tłumaczenie robocze)")
    expect(page).to_have_url(live_server.url + "/meeting/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Twoje spotkanie")
    choose(page, "English")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your meeting")

    sign_in_young_person(live_app, live_server, page)
    choose(page, "اردو (ابتدائی ترجمہ)")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    with live_app.app_context():
        person = YoungPerson.by_username("blue-fox")
        assert person is not None and person.language == "ur"
    expect(page.get_by_role("button", name="یہ صفحہ چھوڑیں")).to_be_visible()  # Exit this page

    # Kept with the account: another phone, whose browser asks for English, signs in to Urdu.
    other = page.context.browser.new_context(viewport=NARROW)  # type: ignore[union-attr]
    phone = other.new_page()
    phone.goto(live_server.url + "/")
    phone.get_by_label("Username", exact=True).fill("blue-fox")
    phone.get_by_label("Passphrase", exact=True).fill(YOUNG_PERSON_PASSPHRASE)
    phone.get_by_role("button", name="Sign in", exact=True).click()
    expect(phone.locator("html")).to_have_attribute("lang", "ur")
    other.close()


def test_easy_read_shows_the_plainer_introduction(
    live_app: Flask, live_server: LiveServer, page: Page
) -> None:
    sign_in_young_person(live_app, live_server, page)
    page.goto(live_server.url + "/notes/account")
    page.get_by_label("Easy read", exact=True).check()
    page.get_by_role("button", name="Save how it reads").click()
    expect(page.get_by_text("Saved. Your plan reads the way you chose.")).to_be_visible()
    page.goto(live_server.url + "/notes/about")
    expect(page.get_by_text("Some people can hurt us.")).to_be_visible()
    expect(page.get_by_text("Sometimes people we know can hurt us")).to_have_count(0)
    assert axe_violations(page) == []
    screenshot(page, "languages-easy-read-intro")


def test_long_polish_words_wrap_at_320px_with_text_at_200_percent(
    live_app: Flask, live_server: LiveServer, browser: Browser
) -> None:
    """Found by the review: tick-box and choice labels with long Polish words
    ("niebezpieczeństwie") pushed the page sideways, and the Exit bar with it."""
    context = browser.new_context(viewport=NARROW, device_scale_factor=1, has_touch=True)
    answer_neutral_site(context)
    with_text_at_200_percent(context)
    page = context.new_page()
    sign_in_young_person(live_app, live_server, page)
    choose(page, "Polski (tłumaczenie robocze)")
    for path in ("/notes/1", "/notes/4", "/notes/7", "/notes/tell-my-worker", "/notes/meeting"):
        page.goto(live_server.url + path)
        assert no_horizontal_scroll(page), path
    screenshot(page, "languages-pl-200-percent-meeting")
    context.close()


# The height above the line of a letter with no tall parts, in the font the Exit button
# shows it in: Latin "x", Urdu "م" (meem). Measured on a canvas with the button's own font.
LETTER_HEIGHT = """(letter) => {
  const style = getComputedStyle(document.querySelector('.exit-this-page__button'));
  const canvas = document.createElement('canvas').getContext('2d');
  canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  return canvas.measureText(letter).actualBoundingBoxAscent;
}"""


def test_the_exit_button_reads_as_large_in_urdu_and_stays_one_line(
    live_server: LiveServer, browser: Browser
) -> None:
    """Found by the review: at 200% text on a 320 px phone, the Exit button's Urdu words were
    far smaller to the eye than its English words, though in the same font size."""
    context = browser.new_context(viewport=NARROW, device_scale_factor=1, has_touch=True)
    answer_neutral_site(context)
    with_text_at_200_percent(context)
    page = context.new_page()
    page.goto(live_server.url + "/")
    english = page.evaluate(LETTER_HEIGHT, "x")
    choose(page, "اردو")
    expect(page.locator("html")).to_have_attribute("lang", "ur")
    urdu = page.evaluate(LETTER_HEIGHT, "م")
    screenshot(page, "languages-ur-200-percent-exit-bar")
    assert urdu >= 0.85 * english, f"Urdu letters {urdu} px tall, English {english} px"
    bar = page.locator(".exit-this-page").bounding_box()
    button = page.locator(".exit-this-page__button").bounding_box()
    assert bar and button
    assert bar["height"] <= 80, "the Exit bar must stay one line"
    assert bar["y"] <= button["y"] and button["y"] + button["height"] <= bar["y"] + bar["height"]
    assert button["x"] >= 0 and no_horizontal_scroll(page)
    context.close()


def test_english_answers_read_in_order_on_a_right_to_left_page(
    live_app: Flask, live_server: LiveServer, narrow_page: Page
) -> None:
    """An answer typed in English on an Urdu page keeps its question mark at its end and a
    phone number after its name: each answer takes its direction from what was typed."""
    page = narrow_page
    sign_in_young_person(live_app, live_server, page)
    with live_app.app_context():
        person = YoungPerson.by_username("blue-fox")
        assert person
        plan.save_section(
            person,
            workbook.SECTIONS[0],
            {
                "code_word": "Is Nan coming?",
                "trusted_adult": [{"name": "Bev", "phone": "0800 1111"}],
            },
            base_version=0,
            done=False,
        )
        db.session.commit()
    page.goto(live_server.url + "/notes/")
    choose(page, "اردو (ابتدائی ترجمہ)")
    page.goto(live_server.url + "/notes/all")
    where = """([text, part]) => {
      const element = [...document.querySelectorAll('.answers dd, .answers li')]
        .find(e => e.textContent.includes(text));
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent.indexOf(part);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + part.length);
        return range.getBoundingClientRect().left;
      }
    }"""
    assert page.evaluate(where, ["Is Nan", "?"]) > page.evaluate(where, ["Is Nan", "Nan"])
    assert page.evaluate(where, ["Bev", "0800"]) > page.evaluate(where, ["Bev", "Bev"])
    screenshot(page, "languages-ur-english-answers")
