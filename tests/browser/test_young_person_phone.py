"""The young person's side as a fourteen-year-old uses it: a 320 px phone with the text at
200%, keyboard and touch, JavaScript on and off, and the plan printed on paper; and a
safe-word passphrase stopped at 320 px."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect
from pypdf import PdfReader
from sqlalchemy import select

from bench.common import full_answers
from safetyplan.core import meetings, plan, sharing, workbook
from safetyplan.core.db import utcnow
from safetyplan.core.models import AuditEvent, YoungPerson
from safetyplan.core.safe_word import set_safe_word
from safetyplan.web.extensions import db

from ..conftest import YOUNG_PERSON_PASSPHRASE, add_staff, add_young_person
from .conftest import (
    ARTIFACTS,
    NEUTRAL_URL,
    LiveServer,
    answer_neutral_site,
    axe_violations,
    no_horizontal_scroll,
    screenshot,
    sign_in_young_person_on,
)

SMALL_PHONE = {"width": 320, "height": 640}
TRUSTED_ADULT = ("Auntie Bev", "07700 900 982")
CODE_WORD = "Is Nan still coming on Sunday?"
SAFE_WORD = "orange teapot harbour"
# Words split across two lines, in headings, buttons, labels and links: at 200% text a
# narrow phone must still fit each word of the page's own text on one line. A break after a
# hyphen ("safe-" / "word") is where print breaks too, so each part counts as a word.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const element of document.querySelectorAll(
      'main h1, main h2, main h3, main a, main button, main label, .exit-this-page button')) {
    const style = getComputedStyle(element);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.visually-hidden')) continue;  // 1 px wide on purpose
      for (const match of node.textContent.matchAll(/[^\\s-]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


def with_text_at_200_percent(context: BrowserContext) -> None:
    """The phone's text size at 200%, as a young person with large text sets it: every size
    in the stylesheet is relative to the root font size, so doubling it doubles the text."""

    def larger(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.text() + "\nhtml { font-size: 200%; }")

    context.route("**/static/app.css*", larger)


@pytest.fixture
def small_phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=SMALL_PHONE, has_touch=True)
    answer_neutral_site(context)
    with_text_at_200_percent(context)
    yield context.new_page()
    context.close()


@pytest.fixture
def person_with_a_plan(live_app: Flask) -> str:
    """A young person with a trusted adult, a code word, a few parts filled and a meeting."""
    with live_app.app_context():
        worker = add_staff()
        worker.phone = "0116 496 0000"
        person = add_young_person(worker=worker)
        first = workbook.SECTIONS[0]
        plan.save_section(
            person,
            first,
            {
                "trusted_adult": [{"name": TRUSTED_ADULT[0], "phone": TRUSTED_ADULT[1]}],
                "safe_friends": [{"name": "Childline again", "phone": "0800 1111"}],
                "code_word": CODE_WORD,
            },
            base_version=0,
            done=False,
        )
        meetings.save(
            person,
            None,
            {"kind": "initial", "date": str(date.today() + timedelta(days=6)), "time": "16:00"},
        )
        db.session.commit()
        return person.id


def sign_in(page: Page, url: str) -> None:
    page.goto(url + "/")
    page.get_by_label("Username").fill("blue-fox")
    page.get_by_label("Passphrase", exact=True).fill(YOUNG_PERSON_PASSPHRASE)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My plan", exact=True)).to_be_visible()


def problems_on(page: Page, name: str) -> list[str]:
    """What is wrong with this page at 320 px and 200% text, with a screenshot to look at."""
    screenshot(page, f"phone-320-200pc-{name}")
    problems = axe_violations(page)
    if not no_horizontal_scroll(page):
        problems.append("scrolls sideways")
    if broken := page.evaluate(BROKEN_WORDS):
        problems.append(f"words broken across lines: {broken[:5]}")
    exit_bar = page.locator(".exit-this-page")
    if exit_bar.count() and (box := exit_bar.bounding_box()) and box["height"] > 80:
        problems.append(f"the exit bar is {box['height']:.0f} px tall")
    return problems


def test_every_page_fits_a_320_px_phone_with_200_percent_text(
    live_app: Flask,
    live_server: LiveServer,
    small_phone: Page,
    new_phone: Any,
    person_with_a_plan: str,
) -> None:
    url, page = live_server.url, small_phone
    found: dict[str, list[str]] = {}

    def check(name: str, target: Page | None = None) -> None:
        if problems := problems_on(target or page, name):
            found[name] = problems

    for name, path in [
        ("sign-in", "/"),
        ("start", "/notes/start"),
        ("exit-guide", "/notes/leaving-quickly"),
    ]:
        page.goto(url + path)
        check(name)
    sign_in(page, url)
    check("plan-home")
    for name, path in [
        ("emergency-code", "/notes/1"),
        ("checklist", "/notes/4"),
        ("help-now", "/notes/help"),
        ("whole-plan", "/notes/all"),
        ("about", "/notes/about"),
        ("account", "/notes/account"),
        ("safe-word", "/notes/account/safe-word"),
        ("my-meeting", "/notes/meeting"),
        ("on-my-phone", "/notes/on-my-phone"),
        ("tell-my-worker", "/notes/tell-my-worker"),
        ("new-link", "/notes/shares/new"),
    ]:
        page.goto(url + path)
        check(name)
    page.get_by_label("Who is it for?").fill("Auntie Bev")
    page.get_by_role("button", name="Make the link").click()
    check("link-made")
    link = page.locator("#share-link").inner_text()
    page.goto(url + "/notes/shares")
    check("my-links")
    page.get_by_role("link", name="Stop this link for Auntie Bev").click()
    check("stop-link")
    page.goto(url + "/notes/meeting")
    page.get_by_label("What I want to say at the meeting").fill("I'd like to keep my phone")
    page.get_by_role("button", name="Continue").click()
    check("check-views")

    adult = new_phone(viewport=SMALL_PHONE)
    with_text_at_200_percent(adult.context)
    adult.goto(link)
    check("trusted-adult", adult)
    assert found == {}


def test_a_focused_field_is_never_under_the_exit_bar(
    live_server: LiveServer, small_phone: Page, person_with_a_plan: str
) -> None:
    page = small_phone
    sign_in(page, live_server.url)
    page.goto(live_server.url + "/notes/1")
    page.locator("#code_word").focus()
    hidden = []
    for key in ["Tab"] * 6 + ["Shift+Tab"] * 12:
        page.keyboard.press(key)
        top = page.evaluate("document.activeElement.getBoundingClientRect().top")
        bar = page.evaluate(
            "document.querySelector('.exit-this-page').getBoundingClientRect().bottom"
        )
        name = page.evaluate("document.activeElement.id || document.activeElement.textContent")
        if top < bar:
            hidden.append(name)
    assert hidden == []
    assert page.url.endswith("/notes/1"), "Shift+Tab must never count towards the exit"


def test_a_change_link_shows_its_field_and_label_below_the_exit_bar(
    live_server: LiveServer, small_phone: Page, person_with_a_plan: str
) -> None:
    """Each Change link on the check page lands on its box, focused, with the box's label
    (for a choice, its question) whole on screen, not under the Exit bar."""
    page = small_phone
    sign_in(page, live_server.url)
    page.goto(live_server.url + "/notes/meeting")
    page.get_by_label("What I want to say at the meeting").fill("I'd like to keep my phone")
    page.get_by_role("button", name="Continue").click()
    check_page = page.url
    hidden = {}
    for answer, field_id, label in [
        ("What I want to say", "say", "label[for=say]"),
        ("Who I want to bring", "bring", "label[for=bring]"),
        ("How much I want to go to", "attend-0", "fieldset:has(#attend-0) legend"),
        (
            "How I'd like my views shared",
            "share_how-letter",
            "fieldset:has(#share_how-letter) legend",
        ),
    ]:
        page.goto(check_page)
        page.get_by_role("link", name=f"Change {answer}").click()
        page.wait_for_load_state("load")
        field = page.locator(f"#{field_id}")
        expect(field).to_be_focused()
        bar = page.locator(".exit-this-page").bounding_box()
        label_box = page.locator(label).bounding_box()
        field_box = field.bounding_box()
        assert bar and label_box and field_box
        page.screenshot(path=str(ARTIFACTS / f"phone-320-200pc-change-{field_id}.png"))
        if label_box["y"] < bar["y"] + bar["height"]:
            hidden[answer] = "label under the Exit bar"
        elif field_box["y"] + min(field_box["height"], 60) > SMALL_PHONE["height"]:
            hidden[answer] = "box below the screen"
    assert hidden == {}


def test_saved_is_said_where_the_young_person_lands(
    live_server: LiveServer, small_phone: Page, person_with_a_plan: str
) -> None:
    page = small_phone
    sign_in(page, live_server.url)
    page.goto(live_server.url + "/notes/7")
    page.locator("textarea, input[type=text]").first.fill("Walk with Priya")
    page.get_by_role("button", name="Save", exact=True).click()
    saved = page.get_by_text("Saved: At school.")
    expect(saved).to_be_in_viewport()
    screenshot(page, "phone-320-200pc-saved")


def test_add_another_stops_at_the_limit_and_lands_on_the_new_row(
    live_app: Flask, live_server: LiveServer, browser: Browser, small_phone: Page
) -> None:
    with live_app.app_context():
        add_young_person(worker=add_staff())
    limit = next(
        spec for spec in workbook.SECTIONS[0].fields if spec.name == "safe_friends"
    ).max_rows
    page = small_phone
    sign_in(page, live_server.url)
    page.goto(live_server.url + "/notes/1")
    add = page.get_by_role("button", name="Add another to My safe friends")
    for _ in range(limit + 3):
        if add.is_visible():
            add.click()
    assert page.locator("[data-rows=safe_friends] .rows__row").count() == limit
    expect(add).to_be_hidden()

    no_script = browser.new_context(viewport=SMALL_PHONE, java_script_enabled=False)
    answer_neutral_site(no_script)
    plain = no_script.new_page()
    sign_in(plain, live_server.url)
    plain.goto(live_server.url + "/notes/1")
    plain.locator("#safe_friends-0-name").fill("Priya")
    plain.get_by_role("button", name="Add another to My safe friends").click()
    expect(plain.locator("#safe_friends-1-name")).to_be_focused()
    expect(plain.locator("#safe_friends-1-name")).to_be_in_viewport()
    expect(plain.locator("#safe_friends-0-name")).to_have_value("Priya")
    plain.goto(live_server.url + "/notes/shares/new")
    plain.get_by_label("Who is it for?").fill("Auntie")
    plain.get_by_role("button", name="Make the link").click()
    expect(plain.get_by_role("button", name="Copy link")).to_be_hidden()
    expect(plain.get_by_role("button", name="Show")).to_have_count(0)
    no_script.close()


def test_the_printed_plan_is_short_dated_and_has_the_help_numbers(
    live_app: Flask, live_server: LiveServer, page: Page
) -> None:
    with live_app.app_context():
        person = add_young_person(worker=add_staff())
        for section in workbook.SECTIONS[::2]:  # 8 of the 15 parts, filled in full
            plan.save_section(person, section, full_answers(section), base_version=0, done=False)
        db.session.commit()
    sign_in(page, live_server.url)
    page.goto(live_server.url + "/notes/all")
    expect(page.get_by_role("button", name="Print my plan")).to_be_visible()
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = " ".join(page_of.extract_text() for page_of in pdf.pages)
    assert len(pdf.pages) <= 4
    today = date.today()
    assert f"Printed on {today:%A} {today.day} {today:%B %Y}" in re.sub(r"\s+", " ", text)
    for number in ("999", "0800 1111", "116 000"):
        assert number in pdf.pages[0].extract_text()
    assert workbook.SECTIONS[1].title not in text  # a part left empty is not printed


def test_help_now_puts_the_code_word_and_trusted_adult_first(
    live_server: LiveServer, page: Page, person_with_a_plan: str
) -> None:
    sign_in(page, live_server.url)
    page.get_by_role("link", name="Help now").click()
    page.wait_for_url("**/notes/help")  # read the links of Help now, not of the page before
    links = page.locator("main a").evaluate_all("links => links.map(link => link.href)")
    assert links[0].startswith("sms:07700900982?&body=Is%20Nan")
    assert links[1] == "tel:07700900982" and links[2] == "sms:07700900982"
    assert links[3] == "tel:999"
    assert links.count("tel:08001111") == 1, "Childline once, though the plan lists it too"
    assert "sms:08001111" not in links, "Childline takes no texts"
    assert "sms:116000" in links
    assert "tel:01164960000" in links  # their worker's work phone
    main = page.locator("main")
    expect(main).to_contain_text("press 55")
    expect(page.get_by_role("link", name="Chat to Childline online")).to_be_visible()
    code_word_button = page.get_by_role("link", name="Send my code word")
    call_button = page.get_by_role("link", name=re.compile("^Call 999"))
    colour = "el => getComputedStyle(el).backgroundColor"
    assert code_word_button.evaluate(colour) != call_button.evaluate(colour)
    screenshot(page, "phone-help-now")


def test_the_trusted_adult_reads_what_to_do_first(
    live_app: Flask, live_server: LiveServer, page: Page, person_with_a_plan: str
) -> None:
    with live_app.app_context():
        person = db.session.get(YoungPerson, person_with_a_plan)
        assert person
        every = [section.number for section in workbook.SECTIONS]
        token = sharing.create_share(person, "Auntie", every, 7, None, utcnow(), "fast")[1]
        db.session.commit()
    page.goto(f"{live_server.url}/s/{token}")
    headings = page.locator("main h2").all_inner_texts()
    assert headings[0] == "If the code word arrives"
    assert headings.index("On this page") < headings.index("What they shared")
    expect(page.locator("main").get_by_role("link", name="Call 999").first).to_be_in_viewport()
    contents = page.get_by_role("navigation", name="On this page")
    contents.get_by_role("link", name=workbook.SECTIONS[0].title).click()
    expect(page.locator("main")).to_contain_text(CODE_WORD)


def test_passphrases_can_be_shown_and_codes_are_typed_as_codes(
    live_app: Flask, live_server: LiveServer, page: Page
) -> None:
    page.goto(live_server.url + "/")
    expect(page.locator("#username")).to_have_attribute("autocapitalize", "none")
    passphrase = page.get_by_label("Passphrase", exact=True)
    passphrase.fill("river lamp tiger")
    page.get_by_role("button", name="Show passphrase").click()
    expect(passphrase).to_have_attribute("type", "text")
    page.get_by_role("button", name="Hide passphrase").click()
    expect(passphrase).to_have_attribute("type", "password")
    page.goto(live_server.url + "/notes/start")
    expect(page.locator("#code")).to_have_attribute("autocapitalize", "characters")
    expect(page.locator("#code")).to_have_attribute("spellcheck", "false")


def test_plan_home_pins_the_emergency_code_and_groups_the_rest(
    live_server: LiveServer, small_phone: Page, person_with_a_plan: str
) -> None:
    page = small_phone
    sign_in(page, live_server.url)
    cards = page.locator(".card-list .card__title").all_inner_texts()
    assert cards == [workbook.SECTIONS[0].title, "My meeting"]
    groups = page.locator("main h2.heading-m:not(.card__title)").all_inner_texts()
    assert groups == list(workbook.GROUPS)
    expect(page.locator(".panel")).to_contain_text("Next, you could fill in")
    expect(page.locator("#section-1")).to_contain_text("Started")


def test_a_signed_out_phone_can_call_for_help_from_any_public_page(
    live_server: LiveServer, page: Page
) -> None:
    for path in ("/", "/notes/start", "/notes/leaving-quickly", "/meeting/young-people"):
        page.goto(live_server.url + path)
        call = page.locator('a[href="tel:999"]').first
        expect(call).to_be_visible()
        assert call.bounding_box()["y"] < SMALL_PHONE["height"]  # type: ignore[index]
        # Inside a landmark, so a screen reader's list of regions finds it (axe "region").
        only_region = {"runOnly": {"type": "rule", "values": ["region"]}}
        assert Axe().run(page, options=only_region).response["violations"] == [], path


def test_enter_in_a_box_saves_and_never_removes_a_row(
    live_server: LiveServer, page: Page, person_with_a_plan: str
) -> None:
    """A phone's Go key submits the form with its first button: that must be Save, not the
    trusted adult's Remove."""
    sign_in(page, live_server.url)
    page.goto(live_server.url + "/notes/1")
    page.locator("#code_word").fill("Is the kettle on?")
    page.locator("#code_word").press("Enter")
    expect(page.get_by_text("Saved: " + workbook.SECTIONS[0].title)).to_be_visible()
    page.goto(live_server.url + "/notes/1")
    expect(page.locator("#trusted_adult-0-name")).to_have_value(TRUSTED_ADULT[0])
    expect(page.locator("#code_word")).to_have_value("Is the kettle on?")
    assert axe_violations(page) == []


# Whether all of what is in a box shows: nothing scrolled out of sight to the side or below.
SEEN_WHOLE = "box => box.scrollWidth <= box.clientWidth && box.scrollHeight <= box.clientHeight"


def test_the_code_word_and_phone_numbers_are_seen_whole_as_typed(
    live_server: LiveServer, small_phone: Page, person_with_a_plan: str
) -> None:
    page = small_phone
    sign_in(page, live_server.url)
    page.goto(live_server.url + "/notes/1")
    boxes = {
        "#code_word": "Can you record the football for me on Saturday night?",
        "#trusted_adult-0-phone": "+44 (0)7700 900 982",
        "#safe_friends-0-phone": "07700 900 982",
    }
    for selector, typed in boxes.items():
        page.locator(selector).fill(typed)
    screenshot(page, "phone-320-200pc-typed-boxes")
    cut_off = [selector for selector in boxes if not page.locator(selector).evaluate(SEEN_WHOLE)]
    assert cut_off == []
    page.locator("#code_word").press("Enter")  # the phone's Go key still saves
    expect(page.get_by_text("Saved: " + workbook.SECTIONS[0].title)).to_be_visible()
    page.goto(live_server.url + "/notes/1")
    expect(page.locator("#code_word")).to_have_value(boxes["#code_word"])


def test_without_javascript_the_new_link_is_readable_whole(
    live_server: LiveServer, browser: Browser, person_with_a_plan: str
) -> None:
    context = browser.new_context(viewport=SMALL_PHONE, java_script_enabled=False)
    answer_neutral_site(context)
    with_text_at_200_percent(context)
    page = context.new_page()
    sign_in(page, live_server.url)
    page.goto(live_server.url + "/notes/shares/new")
    page.get_by_label("Who is it for?").fill("Auntie")
    page.get_by_role("button", name="Make the link").click()
    link = page.locator("#share-link")
    expect(link).to_have_text(re.compile("^" + re.escape(live_server.url) + "/s/[^ ]{20,}$"))
    assert link.evaluate(SEEN_WHOLE), "the link is cut off"
    assert link.evaluate("el => el.tagName") != "INPUT"
    screenshot(page, "phone-320-200pc-link-no-js")
    context.close()


def test_the_focused_skip_link_leaves_the_exit_button_visible_and_pressable(
    live_server: LiveServer, small_phone: Page, person_with_a_plan: str
) -> None:
    page = small_phone
    sign_in(page, live_server.url)
    page.goto(live_server.url + "/notes/1")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    exit_button = page.get_by_role("button", name="Exit this page")
    expect(exit_button).to_be_in_viewport()
    on_top = exit_button.evaluate(
        """button => { const box = button.getBoundingClientRect();
          const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
          return button.contains(hit); }"""
    )
    screenshot(page, "phone-320-200pc-skip-link-focused")
    assert on_top, "the skip link lies over the Exit button"
    exit_button.click(timeout=3000)
    page.wait_for_url(NEUTRAL_URL)


def test_emoji_are_on_screen_but_not_in_the_printed_plan(
    live_app: Flask, live_server: LiveServer, page: Page
) -> None:
    """A printer or PDF maker without an emoji font prints them as empty boxes."""
    with live_app.app_context():
        person = add_young_person(worker=add_staff())
        answers = {
            "trusted_adult": [{"name": "Auntie Bev 👩‍👧 ❤️", "phone": "07700 900 982"}],
            "code_word": "Is the 🍕 ready? 🇬🇧",
        }
        plan.save_section(person, workbook.SECTIONS[0], answers, base_version=0, done=False)
        db.session.commit()
    sign_in(page, live_server.url)
    page.goto(live_server.url + "/notes/all")
    # As seen: the words printed in their place are hidden on screen.
    expect(page.locator("main")).to_contain_text("Is the 🍕 ready? 🇬🇧", use_inner_text=True)
    expect(page.locator("main")).to_contain_text("Auntie Bev 👩‍👧 ❤️", use_inner_text=True)
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    printed = " ".join(page_of.extract_text() for page_of in pdf.pages)
    assert "Is the" in printed and "ready?" in printed and "Auntie Bev" in printed
    emoji = re.findall("[\U0001f000-\U0001faff\u2600-\u27bf\u200d\ufe0f]", printed)
    assert emoji == []
    # A word in their place, so an answer of emoji alone is never printed blank.
    assert "Is the (emoji) ready? (emoji)" in " ".join(printed.split())


def test_the_safe_word_is_stopped_with_the_usual_passphrase(
    live_app: Flask, live_server: LiveServer, person_with_a_plan: str, new_phone: Any
) -> None:
    with live_app.app_context():
        only_person = db.session.scalars(select(YoungPerson)).one()
        set_safe_word(only_person, SAFE_WORD, tells_worker=False, profile="fast")
        db.session.commit()
    page = new_phone(viewport=SMALL_PHONE)
    sign_in(page, live_server.url)
    page.get_by_role("link", name="Account").click()
    page.get_by_role("link", name="Set a safe-word passphrase").click()
    usual = page.get_by_label("Your passphrase now, to stop the safe word")
    stop = page.get_by_role("button", name="Stop my safe-word passphrase working")
    usual.fill("not it at all")
    stop.click()
    expect(page.locator(".error-summary")).to_contain_text(
        "That isn't your passphrase now. Check it and try again."
    )
    screenshot(page, "phone-320-safe-word-not-stopped")
    assert axe_violations(page) == [] and no_horizontal_scroll(page)
    assert safe_word_set(live_app, person_with_a_plan), "a wrong passphrase stops nothing"

    usual.fill(YOUNG_PERSON_PASSPHRASE)
    stop.click()
    expect(page.get_by_text("Your safe-word passphrase no longer works.")).to_be_visible()
    screenshot(page, "phone-320-safe-word-stopped")
    assert axe_violations(page) == [] and no_horizontal_scroll(page)
    assert not safe_word_set(live_app, person_with_a_plan)
    with live_app.app_context():
        stopped = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "removed_safe_word")
        ).one()
        assert stopped.young_person_id == person_with_a_plan

    someone_watching = new_phone(viewport=SMALL_PHONE)
    sign_in_young_person_on(someone_watching, live_server.url, SAFE_WORD)
    expect(someone_watching.locator(".error-summary")).to_contain_text(
        "That username and passphrase don't match."
    )


def safe_word_set(app: Flask, person_id: str) -> bool:
    with app.app_context():
        person = db.session.get(YoungPerson, person_id)
        return bool(person and person.safe_word_hash)
