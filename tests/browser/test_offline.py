"""Help with no signal: after one visit, the help numbers open offline from any address, and
nothing personal is ever kept in the browser, before or after the quick exit."""

from __future__ import annotations

from flask import Flask
from playwright.sync_api import Page, expect

from safetyplan.core import plan, workbook
from safetyplan.core.models import YoungPerson
from safetyplan.web.extensions import db

from .conftest import NEUTRAL_URL, LiveServer, axe_violations, screenshot, sign_in_young_person

MARKER = "Qv8 bring my green scarf"
# Everything the browser keeps for this site: Cache Storage (every entry's body), local and
# session storage, IndexedDB's database names.
KEPT_IN_BROWSER = """async () => {
  const found = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const body = await (await cache.match(request)).text();
      found.push(request.url + '\\n' + body);
    }
  }
  found.push(JSON.stringify(Object.entries(localStorage)));
  found.push(JSON.stringify(Object.entries(sessionStorage)));
  if (indexedDB.databases) found.push(JSON.stringify(await indexedDB.databases()));
  return found.join('\\n');
}"""


def test_help_opens_with_no_signal_and_nothing_personal_is_kept(
    live_app: Flask, live_server: LiveServer, page: Page
) -> None:
    url = live_server.url
    manifest = page.request.get(url + "/manifest.webmanifest").json()
    assert manifest["name"] == live_app.config["APP_NAME"] and manifest["display"] == "standalone"
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert page.request.get(url + icon["src"]).ok

    sign_in_young_person(live_app, live_server, page)
    with live_app.app_context():
        person = YoungPerson.by_username("blue-fox")
        assert person
        answers = {"code_word": MARKER}
        plan.save_section(person, workbook.SECTIONS[0], answers, base_version=0, done=False)
        db.session.commit()
    page.goto(url + "/notes/1")
    expect(page.locator("#code_word")).to_have_value(MARKER)
    page.evaluate("navigator.serviceWorker.ready")
    page.reload()  # the service worker now controls the page

    page.context.set_offline(True)
    page.goto(url + "/notes/help")
    expect(page.get_by_role("heading", name="No signal right now")).to_be_visible()
    expect(page.locator('a[href="tel:999"]').first).to_be_visible()
    expect(page.locator("main")).to_contain_text("press 55")
    assert page.title().startswith("Offline")
    screenshot(page, "offline-help")
    assert axe_violations(page) == []
    kept = page.evaluate(KEPT_IN_BROWSER)
    assert "tel:999" in kept and MARKER not in kept and "blue-fox" not in kept

    page.context.set_offline(False)
    page.goto(url + "/notes/")
    page.get_by_role("button", name="Exit this page").click()
    page.wait_for_url(NEUTRAL_URL)
    page.goto(url + "/offline")
    kept = page.evaluate(KEPT_IN_BROWSER)
    assert MARKER not in kept and "blue-fox" not in kept
    assert page.context.cookies() == []
