"""The safe-word passphrase: set on the account page, it signs in to ordinary notes only,
indistinguishable to someone watching, and tells the worker only if the young person chose."""

from __future__ import annotations

import re
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from safetyplan.core import enrolment, plan, sharing, workbook
from safetyplan.core import safe_word as safe_word_module
from safetyplan.core.db import utcnow
from safetyplan.core.models import WorkerAlert, YoungPerson
from safetyplan.web.extensions import db

from ..conftest import (
    YOUNG_PERSON_PASSPHRASE,
    AuthActions,
    add_staff,
    add_young_person,
    csrf_token,
    fresh_app,
    press,
)

SAFE_WORD = "orange teapot harbour"
PLAN_MARKERS = ("Qx9CODEWORD", "Qx9AUNTIE", "Auntie-share-label")


def set_up(app: Flask, tells_worker: bool) -> str:
    with app.app_context():
        person = add_young_person(worker=add_staff())
        answers = {
            "code_word": PLAN_MARKERS[0],
            "trusted_adult": [{"name": PLAN_MARKERS[1], "phone": "07700900982"}],
        }
        plan.save_section(person, workbook.SECTIONS[0], answers, base_version=0, done=False)
        sharing.create_share(person, PLAN_MARKERS[2], [1], 7, None, utcnow(), "fast")
        db.session.commit()
        person_id = person.id
    young = app.test_client()
    AuthActions(young).sign_in_young_person()
    page = young.get("/notes/account/safe-word")
    same = press(
        young,
        page,
        "Save safe-word passphrase",
        passphrase=YOUNG_PERSON_PASSPHRASE,
        confirm=YOUNG_PERSON_PASSPHRASE,
        current_passphrase=YOUNG_PERSON_PASSPHRASE,
    )
    assert "Choose a different passphrase" in same.text
    fields = {
        "passphrase": SAFE_WORD,
        "confirm": SAFE_WORD,
        "current_passphrase": YOUNG_PERSON_PASSPHRASE,
    }
    if tells_worker:
        fields["tell_worker"] = "y"
    done = press(young, page, "Save safe-word passphrase", **fields)
    assert done.status_code == 302
    return person_id


def sign_in(app: Flask, passphrase: str) -> tuple[FlaskClient, TestResponse]:
    client = app.test_client()
    return client, AuthActions(client).sign_in_young_person(passphrase=passphrase)


def test_the_safe_word_opens_only_notes(app: Flask) -> None:
    person_id = set_up(app, tells_worker=False)
    client, signed_in = sign_in(app, SAFE_WORD)
    assert signed_in.status_code == 302 and signed_in.headers["Location"] == "/notes/"
    seen = []
    pages = ["/notes/", "/notes/1", "/notes/help", "/notes/all", "/notes/shares"]
    pages += ["/notes/meeting", "/notes/account", "/notes/tell-my-worker", "/notes/on-my-phone"]
    for path in pages:
        seen.append(client.get(path, follow_redirects=True))
    for response in seen:
        assert response.status_code == 200 and "My notes" in response.text
        assert not any(marker in response.text for marker in PLAN_MARKERS)
        assert "Help now" not in response.text and "My plan" not in response.text
    notes = seen[0]
    assert "Maths homework" in notes.text
    saved = press(client, notes, "Save", notes="Pick up PE kit", follow_redirects=True)
    assert "Pick up PE kit" in saved.text
    with app.app_context():
        assert db.session.query(WorkerAlert).count() == 0  # not chosen: the worker isn't told
        person = db.session.get(YoungPerson, person_id)
        assert person and person.decoy_notes == "Pick up PE kit"
    # The usual passphrase still opens the plan.
    usual, _ = sign_in(app, YOUNG_PERSON_PASSPHRASE)
    assert PLAN_MARKERS[0] in usual.get("/notes/1").text


def test_the_worker_is_told_only_when_chosen(app: Flask) -> None:
    person_id = set_up(app, tells_worker=True)
    sign_in(app, SAFE_WORD)
    worker = app.test_client()
    AuthActions(worker).sign_in_staff()
    assert "Signed in with their safe-word passphrase" in worker.get("/staff/").text
    with app.app_context():
        person = db.session.get(YoungPerson, person_id)
        assert person and person.next_review_on is None  # a sign-in, not a change to review


def test_someone_watching_cannot_tell_which_passphrase_was_typed(tmp_path: Path) -> None:
    """50 sign-ins each way: the same status, the same headers but the session id's value,
    and the same response size."""
    app = fresh_app(tmp_path, SIGN_IN_RATE_LIMIT="1000/minute")
    set_up(app, tells_worker=False)

    def shape(response: TestResponse) -> tuple[object, ...]:
        headers = sorted(
            (name, re.sub(r"=[^;]+;", "=<id>;", value) if name == "Set-Cookie" else value)
            for name, value in response.headers.items()
        )
        return response.status_code, tuple(headers), len(response.get_data())

    usual = {shape(sign_in(app, YOUNG_PERSON_PASSPHRASE)[1]) for _ in range(50)}
    safe = {shape(sign_in(app, SAFE_WORD)[1]) for _ in range(50)}
    assert usual == safe and len(usual) == 1


def test_the_safe_word_can_be_removed(app: Flask) -> None:
    set_up(app, tells_worker=False)
    young, _ = sign_in(app, YOUNG_PERSON_PASSPHRASE)
    page = young.get("/notes/account/safe-word")
    wrong = press(
        young,
        page,
        "Stop my safe-word passphrase working",
        **{"stop-current_passphrase": "not it at all"},
    )
    assert wrong.status_code == 200 and "your passphrase now. Check it" in wrong.text
    assert sign_in(app, SAFE_WORD)[1].headers["Location"] == "/notes/", "still works"
    press(
        young,
        page,
        "Stop my safe-word passphrase working",
        **{"stop-current_passphrase": YOUNG_PERSON_PASSPHRASE},
    )
    _, refused = sign_in(app, SAFE_WORD)
    assert refused.status_code == 200 and "match. Check them and try again" in refused.text


def test_the_notes_take_a_post_only_from_a_safe_word_session(app: Flask) -> None:
    person_id = set_up(app, tells_worker=False)
    usual, _ = sign_in(app, YOUNG_PERSON_PASSPHRASE)
    page = usual.get("/notes/1")
    sent = usual.post("/notes/notes", data={"csrf_token": csrf_token(page), "notes": "x"})
    assert sent.status_code == 302 and sent.headers["Location"] == "/notes/"
    safe, _ = sign_in(app, SAFE_WORD)
    too_long = press(safe, safe.get("/notes/"), "Save", notes="y" * 5001)
    assert too_long.status_code == 200 and "Use 5,000 characters or fewer" in too_long.text
    with app.app_context():
        person = db.session.get(YoungPerson, person_id)
        assert person and person.decoy_notes == safe_word_module.FIRST_NOTES


def test_the_safe_word_page_is_the_same_with_or_without_one(app: Flask) -> None:
    """Someone holding a signed-in phone can't learn from the page whether a safe word is
    set, nor change it without the young person's passphrase."""

    def page_text() -> str:
        young, _ = sign_in(app, YOUNG_PERSON_PASSPHRASE)
        text = young.get("/notes/account/safe-word").text
        return re.sub(r'value="[^"]*"', "", text)  # less the forms' random tokens

    with app.app_context():
        add_young_person(worker=add_staff())
        db.session.commit()
    without = page_text()
    young, _ = sign_in(app, YOUNG_PERSON_PASSPHRASE)
    page = young.get("/notes/account/safe-word")
    fields = {"passphrase": SAFE_WORD, "confirm": SAFE_WORD, "current_passphrase": "a guess at it"}
    refused = press(young, page, "Save safe-word passphrase", **fields)
    assert refused.status_code == 200 and "your passphrase now. Check it" in refused.text
    with app.app_context():
        person = YoungPerson.by_username("blue-fox")
        assert person is not None and person.safe_word_hash is None
    fields["current_passphrase"] = YOUNG_PERSON_PASSPHRASE
    assert press(young, page, "Save safe-word passphrase", **fields).status_code == 302
    assert page_text() == without


def test_the_passphrase_can_never_become_the_safe_word(app: Flask) -> None:
    """Else the safe word would open the whole plan while the young person trusts it not to."""
    set_up(app, tells_worker=False)
    young, _ = sign_in(app, YOUNG_PERSON_PASSPHRASE)
    fields = {
        "current_passphrase": YOUNG_PERSON_PASSPHRASE,
        "new_passphrase": SAFE_WORD,
        "confirm": SAFE_WORD,
    }
    refused = press(young, young.get("/notes/account"), "Change passphrase", **fields)
    assert refused.status_code == 200
    assert "Choose a different passphrase from your safe-word passphrase" in refused.text
    assert "My notes" in sign_in(app, SAFE_WORD)[0].get("/notes/").text
    assert PLAN_MARKERS[0] not in sign_in(app, SAFE_WORD)[0].get("/notes/1").text

    # A new sign-in code from the worker starts again: the safe word goes with the old
    # passphrase, so the new passphrase can be anything.
    with app.app_context():
        person = YoungPerson.by_username("blue-fox")
        assert person is not None
        enrolment.issue_code(person)
        db.session.commit()
        assert person.safe_word_hash is None
