"""Managers' buttons on staff accounts and young people's records, pressed through the
page: each one changes what it says, at once, and a mistake shows on the page."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from safetyplan.core.models import AuditEvent, StaffUser, YoungPerson
from safetyplan.web.extensions import db

from ..conftest import STAFF_PASSWORD, AuthActions, add_staff, add_young_person, press

NEW_PASSWORD = "a brand new long password"


def signed_in_staff(app: Flask, email: str, password: str = STAFF_PASSWORD) -> FlaskClient:
    client = app.test_client()
    assert AuthActions(client).sign_in_staff(email, password).status_code == 302
    return client


def actions(app: Flask) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_deactivate_locks_a_worker_out_at_once_and_reactivate_lets_them_back(
    app: Flask,
) -> None:
    with app.app_context():
        worker_id = add_staff("worker@example.org").id
        add_staff("boss@example.org", "Morgan Manager", role="manager")
    worker = signed_in_staff(app, "worker@example.org")
    assert worker.get("/staff/").status_code == 200
    manager = signed_in_staff(app, "boss@example.org")
    page = manager.get(f"/staff/accounts/{worker_id}")

    done = press(manager, page, "Deactivate", follow_redirects=True)
    assert "Deactivated." in done.text
    assert worker.get("/staff/").status_code == 302  # their open session ended
    assert AuthActions(app.test_client()).sign_in_staff().status_code == 200  # refused
    with app.app_context():
        staff = db.session.get(StaffUser, worker_id)
        assert staff and not staff.active

    page = manager.get(f"/staff/accounts/{worker_id}")
    assert "Deactivate</button>" not in page.text
    press(manager, page, "Reactivate")
    assert AuthActions(app.test_client()).sign_in_staff().status_code == 302
    logged = actions(app)
    assert logged.index("deactivated_staff") < logged.index("reactivated_staff")


def test_a_manager_cannot_deactivate_or_demote_themself(app: Flask) -> None:
    with app.app_context():
        manager_id = add_staff("boss@example.org", "Morgan Manager", role="manager").id
    manager = signed_in_staff(app, "boss@example.org")
    page = manager.get(f"/staff/accounts/{manager_id}")
    refused = press(manager, page, "Deactivate")
    assert refused.status_code == 200
    assert "change your own role or deactivate yourself" in refused.text
    refused = press(manager, page, "Change role", role="worker")
    assert "change your own role" in refused.text
    with app.app_context():
        me = db.session.get(StaffUser, manager_id)
        assert me and me.active and me.is_manager


def test_change_role_and_a_bad_role_shows_an_error(app: Flask) -> None:
    with app.app_context():
        worker_id = add_staff("worker@example.org").id
        add_staff("boss@example.org", "Morgan Manager", role="manager")
    manager = signed_in_staff(app, "boss@example.org")
    page = manager.get(f"/staff/accounts/{worker_id}")
    bad = press(manager, page, "Change role", role="emperor", your_password=STAFF_PASSWORD)
    assert bad.status_code == 200 and "There is a problem" in bad.text
    assert press(manager, page, "Change role", role="manager").status_code == 200
    not_me = press(manager, page, "Change role", role="manager", your_password="guess")
    assert "That isn" in not_me.text and "your password" in not_me.text
    with app.app_context():
        staff = db.session.get(StaffUser, worker_id)
        assert staff and not staff.is_manager  # an unattended laptop is not enough
    done = press(manager, page, "Change role", role="manager", your_password=STAFF_PASSWORD)
    assert done.status_code == 302
    with app.app_context():
        staff = db.session.get(StaffUser, worker_id)
        assert staff and staff.is_manager
    assert actions(app)[-1] == "changed_staff_role"


def test_reset_password_signs_them_out_and_a_short_one_is_refused_on_the_page(
    app: Flask,
) -> None:
    with app.app_context():
        worker_id = add_staff("worker@example.org").id
        add_staff("boss@example.org", "Morgan Manager", role="manager")
    worker = signed_in_staff(app, "worker@example.org")
    manager = signed_in_staff(app, "boss@example.org")
    page = manager.get(f"/staff/accounts/{worker_id}")
    short = press(manager, page, "Set password", password="short")
    assert short.status_code == 200
    assert "There is a problem" in short.text and "12 characters" in short.text
    assert worker.get("/staff/").status_code == 200  # nothing changed yet
    assert press(manager, page, "Set password", password=NEW_PASSWORD).status_code == 302
    assert worker.get("/staff/").status_code == 302
    signed_in_staff(app, "worker@example.org", NEW_PASSWORD)


def test_worker_deactivates_and_reactivates_a_young_person(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        person_id = add_young_person(worker=add_staff()).id
    young = app.test_client()
    assert AuthActions(young).sign_in_young_person().status_code == 302
    auth.sign_in_staff()
    record = client.get(f"/staff/young-people/{person_id}")
    press(client, record, "Deactivate (keep their plan)")
    # A code can't be given to someone deactivated, even from a page opened before.
    assert press(client, record, "Give a new sign-in code").status_code == 400
    assert "Give a new sign-in code" not in client.get(f"/staff/young-people/{person_id}").text
    assert young.get("/notes/").status_code == 302
    assert AuthActions(app.test_client()).sign_in_young_person().status_code == 200
    record = client.get(f"/staff/young-people/{person_id}")
    press(client, record, "Reactivate")
    assert AuthActions(app.test_client()).sign_in_young_person().status_code == 302
    with app.app_context():
        person = db.session.get(YoungPerson, person_id)
        assert person and person.active


def test_a_manager_sets_their_own_password_only_on_the_page_that_asks_for_it(
    app: Flask,
) -> None:
    with app.app_context():
        manager_id = add_staff("boss@example.org", "Morgan Manager", role="manager").id
    manager = signed_in_staff(app, "boss@example.org")
    page = manager.get(f"/staff/accounts/{manager_id}")
    refused = press(manager, page, "Set password", password=NEW_PASSWORD)
    assert "use Change password" in refused.text
    assert (
        AuthActions(app.test_client()).sign_in_staff("boss@example.org", STAFF_PASSWORD).status_code
        == 302
    )


def test_adding_staff_needs_the_managers_own_password(app: Flask) -> None:
    with app.app_context():
        add_staff("boss@example.org", "Morgan Manager", role="manager")
    manager = signed_in_staff(app, "boss@example.org")
    page = manager.get("/staff/accounts")
    details = {
        "name": "Nia New",
        "email": "nia@example.org",
        "role": "manager",
        "password": "nia's temporary password",
    }
    refused = press(manager, page, "Add staff member", your_password="guess", **details)
    assert refused.status_code == 200 and "That isn" in refused.text
    with app.app_context():
        assert StaffUser.by_email("nia@example.org") is None
    added = press(manager, page, "Add staff member", your_password=STAFF_PASSWORD, **details)
    assert added.status_code == 302
    with app.app_context():
        assert StaffUser.by_email("nia@example.org") is not None


def test_new_staff_must_choose_their_own_password_before_anything_else(app: Flask) -> None:
    with app.app_context():
        add_staff("boss@example.org", "Morgan Manager", role="manager")
    manager = signed_in_staff(app, "boss@example.org")
    temporary = "nia's temporary password"
    press(
        manager,
        manager.get("/staff/accounts"),
        "Add staff member",
        your_password=STAFF_PASSWORD,
        name="Nia New",
        email="nia@example.org",
        role="worker",
        password=temporary,
    )
    nia = signed_in_staff(app, "nia@example.org", temporary)
    for page in ("/staff/", "/staff/young-people/new"):
        held_back = nia.get(page)
        assert held_back.status_code == 302 and held_back.location == "/staff/password"
    form = nia.get("/staff/password")
    assert "Choose your own password" in form.text
    changed = press(nia, form, "Change password", current_password=temporary, password=NEW_PASSWORD)
    assert changed.status_code == 302
    assert nia.get("/staff/").status_code == 200
    with app.app_context():
        staff = StaffUser.by_email("nia@example.org")
        assert staff and not staff.must_change_password


def test_a_password_a_manager_resets_must_be_changed_at_the_next_sign_in(app: Flask) -> None:
    with app.app_context():
        worker_id = add_staff("worker@example.org").id
        add_staff("boss@example.org", "Morgan Manager", role="manager")
    manager = signed_in_staff(app, "boss@example.org")
    press(
        manager, manager.get(f"/staff/accounts/{worker_id}"), "Set password", password=NEW_PASSWORD
    )
    worker = signed_in_staff(app, "worker@example.org", NEW_PASSWORD)
    assert worker.get("/staff/").location == "/staff/password"


def test_a_manager_sets_a_workers_work_phone_and_a_bad_one_is_explained(app: Flask) -> None:
    with app.app_context():
        worker_id = add_staff("worker@example.org").id
        add_staff("boss@example.org", "Morgan Manager", role="manager")
    manager = signed_in_staff(app, "boss@example.org")
    page = manager.get(f"/staff/accounts/{worker_id}")
    bad = press(manager, page, "Save work phone", phone="call me")
    assert bad.status_code == 200 and "Enter the phone number using numbers only" in bad.text
    assert press(manager, page, "Save work phone", phone="0116 496 0000").status_code == 302
    with app.app_context():
        staff = db.session.get(StaffUser, worker_id)
        assert staff and staff.phone == "0116 496 0000" and staff.contact.endswith("0116 496 0000")
    press(manager, manager.get(f"/staff/accounts/{worker_id}"), "Save work phone", phone="")
    with app.app_context():
        staff = db.session.get(StaffUser, worker_id)
        assert staff and staff.phone is None
    assert "set_staff_phone" in actions(app)
