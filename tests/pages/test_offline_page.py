"""The offline page is the same for everyone, whoever fetches it: the service worker keeps
it, so nothing of the person signed in may be in it (a message waiting for their next page,
the idle timer of a signed-in session)."""

from __future__ import annotations

from flask import Flask

from ..conftest import AuthActions, add_staff, add_young_person, press


def test_the_offline_page_has_nothing_of_whoever_is_signed_in(app: Flask) -> None:
    with app.app_context():
        add_young_person(worker=add_staff())
    young = app.test_client()
    AuthActions(young).sign_in_young_person()
    signed_out = app.test_client().get("/offline").text

    saved = press(young, young.get("/notes/1"), "Save", code_word="Qx7-pineapple")
    assert saved.status_code == 302  # its "Saved" message waits for the next page
    offline = young.get("/offline").text
    assert offline == signed_out
    assert "Saved" in young.get(saved.headers["Location"]).text, "the message is still theirs"


def test_the_offline_page_kept_is_in_the_installers_language(app: Flask) -> None:
    """The service worker keeps the offline page in the language of whoever installed it,
    though it fetches the page without cookies."""
    polish = app.test_client()
    press(polish, polish.get("/"), "Polski")
    script = polish.get("/sw.js").text
    assert '"/offline?language=pl"' in script
    cookieless = app.test_client().get("/offline?language=pl")
    assert 'lang="pl"' in cookieless.text and "Teraz nie ma zasięgu" in cookieless.text
    assert '"/offline?language=en"' in app.test_client().get("/sw.js").text
