"""Signing in gives a fresh form token as well as a fresh session; signing out always works
and always clears, even from a page left open past the idle limit."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update

from safetyplan.core.db import utcnow
from safetyplan.core.models import WebSession
from safetyplan.web.extensions import db

from ..conftest import AuthActions, add_staff, add_young_person, csrf_token, press


def test_the_form_token_changes_at_sign_in(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        add_young_person(worker=add_staff())
    before = csrf_token(client.get("/"))
    auth.sign_in_young_person()
    after = csrf_token(client.get("/notes/account"))
    assert before != after
    # The token seen before signing in no longer works for a signed-in form.
    stale = client.post("/notes/account", data={"csrf_token": before})
    assert stale.status_code == 400


def test_sign_out_from_a_page_left_open_past_the_limit_still_clears(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        add_young_person(worker=add_staff())
    auth.sign_in_young_person()
    account = client.get("/notes/account")
    with app.app_context():
        db.session.execute(update(WebSession).values(last_seen_at=utcnow() - timedelta(hours=1)))
        db.session.commit()
    signed_out = press(client, account, "Sign out")
    assert signed_out.status_code == 200
    assert "cookies" in signed_out.headers["Clear-Site-Data"]
    assert client.get("/notes/").status_code == 302
