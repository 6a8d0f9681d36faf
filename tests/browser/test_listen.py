"""Listen: the page read aloud with the browser's own voice, including what the young person
wrote; hidden where the browser has no voice."""

from __future__ import annotations

from flask import Flask
from playwright.sync_api import Page, expect

from safetyplan.core import plan, workbook
from safetyplan.core.models import YoungPerson
from safetyplan.web.extensions import db

from .conftest import LiveServer, sign_in_young_person

# A stand-in for the browser's speech: one voice, and what it was asked to say.
FAKE_VOICE = """
window.spoken = [];
Object.defineProperty(window, 'speechSynthesis', {configurable: true, value: {
  paused: false, speaking: false,
  getVoices: () => [{name: 'Test voice', lang: 'en-GB'}],
  speak: (words) => { window.spoken.push({text: words.text, lang: words.lang}); },
  cancel: () => { window.spoken.push('cancelled'); },
  pause: function () { this.paused = true; }, resume: function () { this.paused = false; },
  addEventListener: () => {},
}});
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
"""


def test_listen_reads_the_section_and_what_was_written(
    live_app: Flask, live_server: LiveServer, page: Page
) -> None:
    page.goto(live_server.url + "/meeting/")
    expect(page.get_by_role("button", name="Listen")).to_be_hidden()  # no voice here

    page.context.add_init_script(FAKE_VOICE)
    sign_in_young_person(live_app, live_server, page)
    with live_app.app_context():
        person = YoungPerson.by_username("blue-fox")
        assert person
        answers = {"code_word": "Is the dog walked?"}
        plan.save_section(person, workbook.SECTIONS[0], answers, base_version=0, done=False)
        db.session.commit()
    page.goto(live_server.url + "/notes/1")
    page.get_by_role("button", name="Listen").click()
    spoken = page.evaluate("window.spoken")
    text = spoken[-1]["text"]
    assert workbook.SECTIONS[0].title in text and workbook.SECTIONS[0].intro in text
    assert "Is the dog walked?" in text and spoken[-1]["lang"] == "en-GB"
    assert "Exit this page" not in text
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Carry on")).to_be_visible()
    page.get_by_role("button", name="Stop").click()
    expect(page.get_by_role("button", name="Listen")).to_be_focused()
    assert page.evaluate("window.spoken").count("cancelled") >= 2


def test_listen_needs_a_voice_for_the_pages_language_and_speaks_its_words(
    live_app: Flask, live_server: LiveServer, page: Page
) -> None:
    """With only an English voice, an Urdu page offers no Listen (it would be silent or read
    with English sounds); with an Urdu voice, the controls and what they say are in Urdu."""
    page.context.add_init_script(FAKE_VOICE)
    page.goto(live_server.url + "/meeting/")
    page.locator("form.language-switch").get_by_role("button", name="اردو").click()
    expect(page.get_by_role("button", name="سنیں")).to_be_hidden()

    page.context.add_init_script(FAKE_VOICE.replace("'en-GB'", "'ur-PK'"))
    page.reload()
    page.get_by_role("button", name="سنیں").click()
    page.get_by_role("button", name="روکیں").click()
    expect(page.get_by_role("button", name="جاری رکھیں")).to_be_visible()  # "Carry on"
