"""A worker's open session at tablet size: nothing typed is lost on the way off the page, and
the screen shared with the young person never shows the staff menu or anyone else's name."""

from __future__ import annotations

from datetime import date

from flask import Flask
from playwright.sync_api import Dialog, Page, expect

from safetyplan.core import plan, planning_sessions, workbook
from safetyplan.web.extensions import db

from ..conftest import add_staff, add_young_person
from .conftest import PHONE, LiveServer, axe_violations, screenshot
from .test_manager_journey import sign_in
from .test_staff_journey import TABLET, sign_in_worker

NOTE = "Talked about the party on Friday."


def open_session(app: Flask) -> str:
    with app.app_context():
        worker = add_staff()
        person = add_young_person(name="Jordan", worker=worker)
        add_young_person("green-owl", "Morgan Else", worker=worker)
        session = planning_sessions.start(person, worker, date(2026, 1, 5), "")
        db.session.commit()
        return f"/staff/young-people/{person.id}/sessions/{session.id}"


def accessible_at_both_sizes(page: Page, name: str) -> list[str]:
    problems = []
    for size_name, size in (("phone", PHONE), ("tablet", TABLET)):
        page.set_viewport_size(size)
        page.wait_for_timeout(200)  # let the layout settle before axe measures targets
        problems += [f"{name} at {size_name}: {v}" for v in axe_violations(page)]
        screenshot(page, f"session-screen-{name}-{size_name}")
    return problems


def test_leaving_a_session_by_a_link_warns_and_the_young_persons_view_saves_first(
    live_app: Flask, live_server: LiveServer, new_phone
) -> None:  # type: ignore[no-untyped-def]
    session_path = open_session(live_app)
    worker = new_phone(viewport=TABLET)
    sign_in_worker(worker, live_server.url)
    worker.goto(live_server.url + session_path)
    worker.get_by_label("Private note").fill(NOTE)
    worker.get_by_label("My emergency code").check()
    problems = accessible_at_both_sizes(worker, "session")

    warnings: list[str] = []

    def stay(dialog: Dialog) -> None:
        warnings.append(dialog.type)
        dialog.dismiss()  # "Stay on page"

    worker.on("dialog", stay)
    worker.get_by_role("link", name="If I have no one to call").click()
    worker.wait_for_timeout(300)
    assert warnings == ["beforeunload"]
    assert worker.url.endswith(session_path)
    expect(worker.get_by_label("Private note")).to_have_value(NOTE)
    worker.get_by_role("navigation", name="Main").get_by_role("link", name="Caseload").click()
    worker.wait_for_timeout(300)
    assert warnings == ["beforeunload"] * 2 and worker.url.endswith(session_path)
    worker.remove_listener("dialog", stay)

    worker.get_by_role("button", name="Show the young person's view").click()
    expect(worker.get_by_role("heading", name="Jordan's safety plan")).to_be_visible()
    assert warnings == ["beforeunload"] * 2  # a button of the form: it saves, no warning
    worker.get_by_role("link", name="If I have no one to call").click()
    expect(worker.get_by_role("heading", name="If I have no one to call")).to_be_visible()
    for staff_only in ("Caseload", "Due", "Audit log", "Sign out", "Morgan Else"):
        expect(worker.get_by_text(staff_only, exact=True)).to_have_count(0)
    problems += accessible_at_both_sizes(worker, "shared-section")
    worker.get_by_role("link", name="Back to the plan").click()
    problems += accessible_at_both_sizes(worker, "shared-plan")
    worker.get_by_role("button", name="Back to the full session").click()
    expect(worker.get_by_text(NOTE)).to_be_visible()
    expect(worker.get_by_label("My emergency code")).to_be_checked()
    assert problems == []


NARROW = {"width": 320, "height": 640}
NOTHING_SIDEWAYS = """[document.documentElement, ...document.querySelectorAll('.table--responsive')]
    .every(e => e.scrollWidth <= e.clientWidth + 1)"""


def test_history_and_audit_tables_stack_on_a_narrow_phone(
    live_app: Flask, live_server: LiveServer, new_phone
) -> None:  # type: ignore[no-untyped-def]
    with live_app.app_context():
        manager = add_staff("boss@example.org", "Morgan Manager-Longname", role="manager")
        person = add_young_person(name="Jordan Alexandra-Whitfield", worker=manager)
        section = workbook.SECTIONS[0]
        for version, word in enumerate(("Is the cat fed?", "Is the dog fed?")):
            plan.save_section(
                person, section, {"code_word": word}, base_version=version, done=False
            )
        db.session.commit()
        person_id = person.id
    page = new_phone(viewport=NARROW)
    sign_in(page, live_server.url, "boss@example.org")
    expect(page.get_by_role("heading", name="All young people")).to_be_visible()
    problems = []
    for name, path in (
        ("history", f"/staff/young-people/{person_id}/history"),
        ("audit", "/staff/audit"),
    ):
        page.goto(live_server.url + path)
        page.set_viewport_size(NARROW)
        expect(page.locator("table")).to_be_visible()
        screenshot(page, f"session-screen-{name}-320")
        if not page.evaluate(NOTHING_SIDEWAYS):
            problems.append(f"{name} scrolls sideways at 320 px")
        problems += accessible_at_both_sizes(page, name)
    assert problems == []
