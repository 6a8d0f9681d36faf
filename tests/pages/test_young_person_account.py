"""A young person's own buttons: starting with a code someone else's username already has,
typing a code on the start page, and changing their passphrase; and what the app leaves on
their phone."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from safetyplan.core import enrolment, meetings, plan, sharing, workbook
from safetyplan.core.db import utcnow
from safetyplan.core.models import YoungPerson
from safetyplan.web.extensions import db

from ..conftest import (
    YOUNG_PERSON_PASSPHRASE,
    AuthActions,
    add_staff,
    add_young_person,
    fresh_app,
    press,
)

NEW_PASSPHRASE = "lantern harbour kite"


def test_typed_code_leads_to_choosing_a_username_and_a_taken_one_is_refused(
    app: Flask, client: FlaskClient
) -> None:
    with app.app_context():
        add_young_person("taken-name", worker=add_staff())
        person = YoungPerson(preferred_name="Sam")
        db.session.add(person)
        code = enrolment.issue_code(person)
        db.session.commit()
    wrong = press(client, client.get("/notes/start"), "Continue", code="ABCD EFGH JK")
    assert wrong.status_code == 200 and "There is a problem" in wrong.text
    typed = press(client, wrong, "Continue", code=code.lower())
    assert typed.status_code == 302
    choose = client.get(typed.headers["Location"])
    mistyped = press(
        client, choose, "Continue", passphrase=NEW_PASSPHRASE, confirm=NEW_PASSPHRASE + "x"
    )
    assert mistyped.status_code == 200 and "The two passphrases are different" in mistyped.text
    both = {"passphrase": NEW_PASSPHRASE, "confirm": NEW_PASSPHRASE}
    taken = press(client, choose, "Continue", username="taken-name", **both)
    assert taken.status_code == 200 and "That username is taken" in taken.text
    done = press(client, taken, "Continue", username="sam-notes", **both)
    assert done.status_code == 302
    assert client.get("/notes/").status_code == 200


def test_change_passphrase_signs_out_other_devices_and_a_wrong_current_one_is_refused(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        add_young_person(worker=add_staff())
    other_phone = app.test_client()
    AuthActions(other_phone).sign_in_young_person()
    auth.sign_in_young_person()
    page = client.get("/notes/account")
    wrong = press(
        client,
        page,
        "Change passphrase",
        current_passphrase="not it at all",
        new_passphrase=NEW_PASSPHRASE,
        confirm=NEW_PASSPHRASE,
    )
    assert wrong.status_code == 200 and "passphrase now" in wrong.text
    changed = press(
        client,
        page,
        "Change passphrase",
        current_passphrase=YOUNG_PERSON_PASSPHRASE,
        new_passphrase=NEW_PASSPHRASE,
        confirm=NEW_PASSPHRASE,
    )
    assert changed.status_code == 302
    assert client.get("/notes/").status_code == 200  # this phone stays signed in
    assert other_phone.get("/notes/").status_code == 302
    assert (
        AuthActions(app.test_client()).sign_in_young_person(passphrase=NEW_PASSPHRASE).status_code
        == 302
    )


def test_a_session_naming_an_unknown_kind_of_account_is_signed_out(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        add_young_person(worker=add_staff())
    auth.sign_in_young_person()
    with client.session_transaction() as session:
        session["_user_id"] = "robot:" + session["_user_id"].split(":", 1)[1]
    assert client.get("/notes/").status_code == 302


def test_sign_in_codes_are_stored_with_a_keyed_hash(app: Flask) -> None:
    import hashlib

    with app.app_context():
        person = YoungPerson(preferred_name="Sam")
        db.session.add(person)
        code = enrolment.issue_code(person)
        db.session.commit()
        stored = person.sign_in_code_hash
    # A plain hash could be matched offline against all 2^48 codes from a leaked database.
    assert stored and stored != hashlib.sha256(code.encode()).hexdigest()
    assert code not in (stored or "")


def test_opening_code_pages_is_rate_limited(tmp_path: Path) -> None:
    app = fresh_app(tmp_path, SIGN_IN_RATE_LIMIT="3/minute")
    client = app.test_client()
    statuses = [client.get(f"/notes/start/ABCDEFGH{n:02d}").status_code for n in range(4)]
    assert statuses == [404, 404, 404, 429]


def test_what_the_app_leaves_on_the_phone_is_only_what_was_used(
    app: Flask, client: FlaskClient
) -> None:
    with app.app_context():
        person = add_young_person(worker=add_staff())
        person_id = person.id
    AuthActions(client).sign_in_young_person()
    account = client.get("/notes/account")
    assert 'href="/notes/on-my-phone"' in account.text
    bare = client.get("/notes/on-my-phone").text
    assert "Your browser's history" in bare and "A saved passphrase" in bare
    assert "An icon on your home screen" in bare and 'called "My notes"' in bare
    for unused in ("Your code word in your messages", "Links you made", "in your calendar"):
        assert unused not in bare
    with app.app_context():
        person = db.session.get(YoungPerson, person_id)
        assert person
        first = workbook.SECTIONS[0]
        answers = {"trusted_adult": [{"name": "Bev", "phone": "07700900982"}], "code_word": "Tea?"}
        plan.save_section(person, first, answers, base_version=0, done=False)
        sharing.create_share(person, "Auntie", [1], 7, None, utcnow(), "fast")
        meetings.save(person, None, {"kind": "initial", "date": "2030-01-07"})
        db.session.commit()
    used = client.get("/notes/on-my-phone").text
    assert 'the message "Tea?" to Bev' in used
    assert "a link to Auntie" in used and "Monday 7 January 2030" in used
