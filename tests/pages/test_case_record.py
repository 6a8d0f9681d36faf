"""The case-record export: one dated PDF of the plan, the changes since the last export and
who made them, notes, meetings and views; each export starts where the last one ended."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

from flask import Flask
from pypdf import PdfReader

from safetyplan.core import (
    meeting_life,
    meeting_outcome,
    meetings,
    plan,
    planning_sessions,
    workbook,
    worker_alerts,
)
from safetyplan.web.extensions import db

from ..conftest import AuthActions, add_staff, add_young_person


def text_of(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_case_record_has_the_date_of_birth_the_worker_and_open_alerts(app: Flask) -> None:
    with app.app_context():
        person = add_young_person(worker=add_staff())
        person.date_of_birth = "2011-03-14"
        told = datetime(2026, 11, 2, 9)
        worker_alerts.tell(person, "moved", "To my nan's in Leeds", told, told.date())
        worker_alerts.tell(person, "new_number", "", told.replace(hour=10), told.date())
        db.session.commit()
        done = worker_alerts.alerts_of(person)[0]  # the newest: the new number
        worker_alerts.follow_up(done, person.worker, datetime(2026, 11, 3, 9))  # type: ignore[arg-type]
        db.session.commit()
        person_id = person.id
    staff = app.test_client()
    AuthActions(staff).sign_in_staff()
    record = staff.get(f"/staff/young-people/{person_id}")
    pdf = staff.get(follow_link(record.text, "Case record (PDF)"))
    text = " ".join(text_of(pdf.data).split())
    assert "Date of birth: 14 March 2011 (age" in text
    assert "Allocated worker: Sam Worker" in text
    assert "I moved somewhere new. To my nan's in Leeds" in text
    assert "I have a new phone or number" not in text  # followed up already


def follow_link(page: str, label: str) -> str:
    found = re.search(rf'href="([^"]+)">{re.escape(label)}</a>', page)
    assert found, label
    return found.group(1)


def test_a_worker_exports_the_case_record_as_a_dated_pdf(app: Flask) -> None:
    with app.app_context():
        worker = add_staff()
        person = add_young_person(worker=worker)
        first, school = workbook.SECTIONS[0], workbook.SECTIONS[6]
        plan.save_section(
            person, first, {"code_word": "Walk the dog? 🐕"}, base_version=0, done=False
        )
        session = planning_sessions.start(person, worker, date.today(), "")
        planning_sessions.add_note(session, worker, "Talked about the bus route")
        meetings.save(person, None, {"kind": "initial", "date": "2030-01-07", "venue": "Hall"})
        held = meetings.save(person, None, {"kind": "initial", "date": "2026-11-02"})
        meeting_outcome.record(
            held,
            {"result": "cse_plan", "attended": "PC Shah", "actions": "Sam: bus pass by Friday"},
            date(2026, 11, 3),
        )
        dropped = meetings.save(person, None, {"kind": "review", "date": "2027-01-05"})
        meeting_life.cancel(dropped, "The family moved away", date(2026, 11, 20))
        db.session.commit()
        person_id = person.id
    staff = app.test_client()
    AuthActions(staff).sign_in_staff()
    record = staff.get(f"/staff/young-people/{person_id}")
    assert f'href="/staff/young-people/{person_id}/case-record.pdf"' in record.text
    first_export = staff.get(f"/staff/young-people/{person_id}/case-record.pdf")
    assert first_export.headers["Content-Type"] == "application/pdf"
    assert f"case-record-{date.today():%Y-%m-%d}.pdf" in first_export.headers["Content-Disposition"]
    text = " ".join(text_of(first_export.data).split())
    for expected in (
        "Case record: Alex",
        "Walk the dog? (emoji)",  # a PDF font has no emoji: a word, not an empty box
        "This is the first export",
        "Talked about the bus route",
        "Monday 7 January 2030",
        "Hall",
        "Decided (recorded Tuesday 3 November 2026): A CSE plan",
        "Who came: PC Shah",
        "Actions: Sam: bus pass by Friday",
        "Cancelled: The family moved away",
    ):
        assert expected in text, expected

    with app.app_context():
        person = db.session.get(type(person), person_id)
        assert person
        plan.save_section(person, school, {"way_to_school": "Bus 14"}, base_version=0, done=False)
        db.session.commit()
    second = " ".join(
        text_of(staff.get(f"/staff/young-people/{person_id}/case-record.pdf").data).split()
    )
    assert "since the last export" in second
    changes = second.split("Changes since the last export")[1].split("Session notes")[0]
    assert school.title in changes and first.title not in changes


def test_another_worker_cannot_export(app: Flask) -> None:
    with app.app_context():
        person_id = add_young_person(worker=add_staff()).id
        add_staff("other@example.org", "Other Worker")
    other = app.test_client()
    AuthActions(other).sign_in_staff("other@example.org")
    assert other.get(f"/staff/young-people/{person_id}/case-record.pdf").status_code == 404
