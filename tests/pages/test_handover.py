"""A manager hands a leaver's young people to another worker in one step, and letters and
contact details follow the allocated worker."""

from __future__ import annotations

import re
from datetime import date, timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from safetyplan.core.models import AuditEvent, SessionNote, StaffUser, YoungPerson
from safetyplan.web.extensions import db

from ..conftest import AuthActions, add_staff, add_young_person, csrf_token, press
from .test_meetings import record_meeting
from .test_staff_accounts import signed_in_staff

NOTE = "Alex's aunt is the best person to call first."


def team(app: Flask) -> dict[str, str]:
    with app.app_context():
        leaver = add_staff("sam@example.org", "Sam Leaver")
        leaver.phone = "0116 111 1111"
        successor = add_staff("nia@example.org", "Nia Newworker")
        successor.phone = "0116 222 2222"
        other = add_staff("cal@example.org", "Cal Other")
        add_staff("boss@example.org", "Morgan Manager", role="manager")
        alex = add_young_person("alex", "Alex Able", leaver)
        add_young_person("bea", "Bea Bright", leaver)
        add_young_person("cy", "Cy Calm", other)
        db.session.commit()
        return {
            "leaver": leaver.id,
            "successor": successor.id,
            "other": other.id,
            "alex": alex.id,
        }


def test_a_manager_hands_over_every_young_person_of_a_leaver_with_a_note(app: Flask) -> None:
    ids = team(app)
    sam = signed_in_staff(app, "sam@example.org")
    record_meeting(sam, ids["alex"], date.today() + timedelta(days=9))
    manager = signed_in_staff(app, "boss@example.org")
    form = manager.get("/staff/handover")
    assert "Sam Leaver (2)" in form.text and "Cal Other (1)" in form.text

    done = press(
        manager,
        form,
        "Hand over all their young people",
        leaver=ids["leaver"],
        successor=ids["successor"],
        note=NOTE,
        follow_redirects=True,
    )
    assert "Handed over 2 young people from Sam Leaver to Nia Newworker" in done.text
    assert done.request.args["worker"] == ids["successor"]  # the new worker's caseload
    assert "Alex Able" in done.text and "Bea Bright" in done.text and "Cy Calm" not in done.text
    with app.app_context():
        workers = {
            person.preferred_name: person.worker.name if person.worker else None
            for person in db.session.scalars(select(YoungPerson))
        }
        assert workers == {
            "Alex Able": "Nia Newworker",
            "Bea Bright": "Nia Newworker",
            "Cy Calm": "Cal Other",
        }
        notes = [note.text for note in db.session.scalars(select(SessionNote))]
        assert len(notes) == 2 and all(NOTE in text for text in notes)
        assert all(text.startswith("Handover from Sam Leaver to Nia Newworker") for text in notes)
        allocated = db.session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "allocated")
        ).all()
        assert allocated == [f"to {ids['successor']}"] * 2

    # The new worker's letters carry their own name and number, never the leaver's.
    nia = signed_in_staff(app, "nia@example.org")
    meetings = nia.get(f"/staff/young-people/{ids['alex']}/meetings")
    letters_link = meetings.text.split('href="')[1:]
    letters_url = next(link.split('"')[0] for link in letters_link if "/letters" in link)
    letters = nia.get(letters_url).text
    assert letters.count("Nia Newworker, 0116 222 2222") == 2
    assert "0116 111 1111" not in letters and "Sam Leaver" not in letters
    young = app.test_client()
    AuthActions(young).sign_in_young_person("alex")
    worker_line = 'Nia Newworker, <a href="tel:01162222222">0116 222 2222</a>'
    assert worker_line in young.get("/notes/meeting").text
    assert sam.get(f"/staff/young-people/{ids['alex']}").status_code == 404


def test_handover_mistakes_show_on_the_page_and_move_no_one(app: Flask) -> None:
    ids = team(app)
    manager = signed_in_staff(app, "boss@example.org")
    form = manager.get("/staff/handover")
    for fields, message in (
        ({"leaver": ids["leaver"], "successor": ids["leaver"]}, "Choose a different worker"),
        ({"leaver": ids["successor"], "successor": ids["other"]}, "has no young people"),
        ({"leaver": "", "successor": ids["other"]}, "Choose the worker who is leaving"),
        ({"leaver": ids["leaver"], "successor": "forged"}, "Choose an active worker"),
        ({"leaver": ids["leaver"], "successor": ids["other"], "note": ""}, "Write a handover"),
    ):
        shown = press(manager, form, "Hand over all their young people", **{"note": NOTE, **fields})
        assert shown.status_code == 200 and "There is a problem" in shown.text
        assert message in shown.text
    with app.app_context():
        leaver = db.session.get(StaffUser, ids["leaver"])
        still = db.session.scalars(
            select(YoungPerson).where(YoungPerson.worker_id == ids["leaver"])
        ).all()
        assert leaver and len(still) == 2


def test_only_managers_hand_over(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    team(app)
    auth.sign_in_staff("sam@example.org")
    assert client.get("/staff/handover").status_code == 403


def test_the_managers_caseload_shows_and_filters_by_allocated_worker(app: Flask) -> None:
    ids = team(app)
    manager = signed_in_staff(app, "boss@example.org")
    everyone = manager.get("/staff/")
    assert '<th scope="col">Worker</th>' in everyone.text
    assert "Sam Leaver" in everyone.text and "Cal Other" in everyone.text
    shown = press(manager, everyone, "Show", worker=ids["other"])
    assert shown.request.method == "GET" and shown.request.args["worker"] == ids["other"]
    assert "Cy Calm" in shown.text and "Alex Able" not in shown.text
    # A search keeps the filter, and posts the name.
    found = press(manager, shown, "Search", q="Alex")
    assert found.request.method == "POST" and "No one matches" in found.text
    found = press(manager, manager.get(f"/staff/?worker={ids['leaver']}"), "Search", q="Al")
    assert "Alex Able" in found.text and "Bea Bright" not in found.text
    assert "Everyone" not in signed_in_staff(app, "sam@example.org").get("/staff/").text


def test_an_unknown_worker_on_the_caseload_is_said_plainly_and_shows_no_one(app: Flask) -> None:
    """A filter naming no member of staff (mistyped, or a young person's id) says so, rather
    than quietly listing everyone under it; a search posted with it says so too."""
    team(app)
    with app.app_context():
        someone_young = db.session.scalars(select(YoungPerson.id)).first()
    manager = signed_in_staff(app, "boss@example.org")
    everyone = manager.get("/staff/")
    for wrong in ("no-such-worker", someone_young):
        shown = press(manager, everyone, "Show", worker=wrong)
        assert shown.status_code == 404 and "<title>Error:" in shown.text
        assert "There is a problem" in shown.text and "No worker was found" in shown.text
        assert "Alex Able" not in shown.text and "Cy Calm" not in shown.text
        assert "No young people" not in shown.text
        back = re.search(r'<a href="([^"]+)">Show everyone.s</a>', shown.text)
        assert back and "Alex Able" in manager.get(back.group(1)).text
    posted = {"csrf_token": csrf_token(everyone), "q": "Alex", "worker": "no-such-worker"}
    found = manager.post("/staff/", data=posted)
    assert found.status_code == 404 and "Alex Able" not in found.text
