"""Nothing is silently undone: a form opened before someone else saved the same record is
not applied over their change. The person sees what they typed and a note to check it."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from safetyplan.core import meetings, plan, workbook
from safetyplan.core.meeting_models import Meeting
from safetyplan.core.models import StaffUser, YoungPerson
from safetyplan.web.extensions import db

from ..conftest import AuthActions, add_staff, add_young_person, press

CHANGED = "This changed while you had it open"


def two_staff(app: Flask) -> tuple[str, FlaskClient, FlaskClient]:
    with app.app_context():
        worker = add_staff()
        add_staff("boss@example.org", "Morgan Manager", role="manager")
        person_id = add_young_person(worker=worker).id
    first, second = app.test_client(), app.test_client()
    AuthActions(first).sign_in_staff()
    AuthActions(second).sign_in_staff("boss@example.org")
    return person_id, first, second


def test_ticking_done_from_an_old_version_is_a_conflict(app: Flask) -> None:
    section = workbook.SECTIONS[0]
    with app.app_context():
        person = add_young_person()
        assert isinstance(
            plan.save_section(person, section, {}, base_version=0, done=True), plan.Saved
        )
        stale = plan.save_section(person, section, {}, base_version=0, done=False)
        assert isinstance(stale, plan.Conflict)
        assert plan.current_section(person, section).done


def test_meeting_details_saved_meanwhile_are_not_overwritten(app: Flask) -> None:
    person_id, worker, manager = two_staff(app)
    with app.app_context():
        person = db.session.get(YoungPerson, person_id)
        assert person
        meeting_id = meetings.save(
            person, None, {"kind": "initial", "anchor": "2026-11-20", "venue": "Town Hall"}
        ).id
        db.session.commit()
    url = f"/staff/young-people/{person_id}/meetings/{meeting_id}"
    mine, theirs = worker.get(url), manager.get(url)
    assert press(manager, theirs, "Save meeting", venue="Riverside Centre").status_code == 302
    refused = press(worker, mine, "Save meeting", chair="Pat Green")
    assert refused.status_code == 200 and CHANGED in refused.text and "Pat Green" in refused.text
    with app.app_context():
        details = db.session.get(Meeting, meeting_id).details  # type: ignore[union-attr]
        assert details["venue"] == "Riverside Centre" and not details.get("chair")
    assert press(worker, refused, "Save meeting").status_code == 302  # checked, saved


def test_a_record_edited_meanwhile_is_not_overwritten(app: Flask) -> None:
    person_id, worker, manager = two_staff(app)
    url = f"/staff/young-people/{person_id}/edit"
    mine, theirs = worker.get(url), manager.get(url)
    assert press(manager, theirs, "Save", case_reference="REF-9").status_code == 302
    refused = press(worker, mine, "Save", preferred_name="Alexandra")
    assert CHANGED in refused.text and "Alexandra" in refused.text
    with app.app_context():
        person = db.session.get(YoungPerson, person_id)
        assert person and person.case_reference == "REF-9" and person.preferred_name == "Alex"


def test_views_saved_on_another_phone_are_not_overwritten(app: Flask) -> None:
    with app.app_context():
        person = add_young_person(worker=add_staff())
        meetings.save(person, None, {"kind": "initial", "anchor": "2026-11-20"})
        db.session.commit()
    phone, tablet = app.test_client(), app.test_client()
    AuthActions(phone).sign_in_young_person()
    AuthActions(tablet).sign_in_young_person()
    on_phone, on_tablet = phone.get("/notes/meeting"), tablet.get("/notes/meeting")
    press(tablet, on_tablet, "Save, don't send yet", say="From the tablet")
    refused = press(phone, on_phone, "Save, don't send yet", say="From the phone")
    assert CHANGED in refused.text and "From the phone" in refused.text
    with app.app_context():
        person = YoungPerson.by_username("blue-fox")
        assert person
        meeting = db.session.query(Meeting).one()
        assert meetings.views_for(person, meeting).views["say"] == "From the tablet"  # type: ignore[union-attr]


def test_a_forged_version_with_odd_characters_is_just_stale(app: Flask) -> None:
    with app.app_context():
        person_id = add_young_person(worker=add_staff()).id
    staff = app.test_client()
    AuthActions(staff).sign_in_staff()
    page = staff.get(f"/staff/young-people/{person_id}/meetings/new")
    forged = press(staff, page, "Save meeting", version="\u00fa\x01Gt")
    assert forged.status_code == 200 and "This changed while you had it open" in forged.text


def test_a_workers_conflict_names_the_worker_who_saved_first(app: Flask) -> None:
    person_id, worker, _ = two_staff(app)
    started = press(worker, worker.get(f"/staff/young-people/{person_id}"), "Start session")
    session_url = started.headers["Location"]
    mine = worker.get(session_url + "/sections/3")
    with app.app_context():
        person = db.session.get(YoungPerson, person_id)
        manager_user = StaffUser.by_email("boss@example.org")
        assert person and manager_user
        plan.save_section(
            person,
            workbook.SECTIONS[2],
            {"people": [{"name": "Bev", "phone": "07700900982"}]},
            base_version=0,
            done=False,
            author=manager_user,
        )
        db.session.commit()
    stale = press(worker, mine, "Save")
    assert stale.status_code == 409 and "Morgan Manager saved" in stale.text
