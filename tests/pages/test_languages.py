"""Languages (issue 16 item 3) and easy read (item 4): the browser's language, the switch kept
in the session or with the young person's account, drafts marked, staff pages in English,
right-to-left Urdu, dates and counts in the page's language, and the easy-read intros."""

from __future__ import annotations

import json
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient

from safetyplan.core import safe_word, sharing
from safetyplan.core.db import utcnow
from safetyplan.core.models import YoungPerson
from safetyplan.web.extensions import db
from safetyplan.web.i18n import long_date

from ..conftest import AuthActions, add_staff, add_young_person, press


def html_tag(text: str) -> str:
    return text.split("<html", 1)[1].split(">", 1)[0]


def test_english_unless_the_browser_asks_for_a_language_we_have(client: FlaskClient) -> None:
    for header in ({}, {"Accept-Language": "en-US,en;q=0.9"}, {"Accept-Language": "fr, de"}):
        page = client.get("/", headers=header)
        assert 'lang="en-GB" dir="ltr"' in html_tag(page.text)
        assert "Sign in" in page.text


def test_polish_and_urdu_from_the_browser(client: FlaskClient) -> None:
    polish = client.get("/", headers={"Accept-Language": "pl-PL,pl;q=0.9,en;q=0.5"})
    assert 'lang="pl" dir="ltr"' in html_tag(polish.text)
    assert "Zaloguj się" in polish.text and "Wyjdź z tej strony" in polish.text

    urdu = client.get("/meeting/", headers={"Accept-Language": "ur"})
    assert 'lang="ur" dir="rtl"' in html_tag(urdu.text)
    assert "آپ کی میٹنگ" in urdu.text  # "Your meeting"


def test_the_switch_keeps_an_anonymous_choice_in_the_session(client: FlaskClient) -> None:
    page = client.get("/meeting/parents")
    response = press(client, page, "Polski")
    assert response.status_code == 302
    assert response.headers["Location"] == "/meeting/parents"
    assert "Spotkanie w sprawie dziecka" in client.get("/meeting/parents").text
    # The choice beats the browser's own language, on every page of this browser.
    urdu_browser = client.get("/", headers={"Accept-Language": "ur"})
    assert 'lang="pl"' in html_tag(urdu_browser.text)

    back = press(client, client.get("/"), "English", follow_redirects=True)
    assert "Sign in" in back.text and 'lang="en-GB"' in html_tag(back.text)


def test_the_switch_keeps_a_young_persons_choice_with_their_account(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        add_young_person(worker=add_staff())
    auth.sign_in_young_person()
    plan = client.get("/notes/")
    assert press(client, plan, "اردو").status_code == 302
    with app.app_context():
        person = YoungPerson.by_username("blue-fox")
        assert person is not None and person.language == "ur"

    # Another phone, whose browser asks for English: the account's choice wins.
    other = app.test_client()
    AuthActions(other).sign_in_young_person()
    page = other.get("/notes/", headers={"Accept-Language": "en-GB"})
    assert 'lang="ur" dir="rtl"' in html_tag(page.text)
    assert "میرا پلان" in page.text  # "My plan"


def test_translations_are_marked_as_drafts_until_checked(app: Flask, client: FlaskClient) -> None:
    """Each draft says so in its own language, for its own readers; and a page in a draft
    language says what that means."""
    page = client.get("/")
    assert '<span lang="pl">Polski (tłumaczenie robocze)</span>' in page.text
    assert '<span lang="ur">اردو (ابتدائی ترجمہ)</span>' in page.text
    assert "has not been checked" not in page.text, "English is not a translation"
    app.config["CHECKED_LANGUAGES"] = ["pl"]
    page = client.get("/")
    assert '<span lang="pl">Polski</span></button>' in page.text
    assert '<span lang="ur">اردو (ابتدائی ترجمہ)</span>' in page.text
    polish = client.get("/", headers={"Accept-Language": "pl"}).text
    assert "nie sprawdził" not in polish
    urdu = client.get("/", headers={"Accept-Language": "ur"}).text
    assert "اس ترجمے کو ابھی کسی اہلِ زبان نے نہیں جانچا" in urdu
    assert "سوشل ورکر" not in urdu, "only a young person has a worker to ask"


def test_only_a_young_person_is_told_to_ask_their_worker_about_a_draft(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    """A trusted adult, a parent or a visitor reading a draft translation has no worker."""
    with app.app_context():
        person = add_young_person(worker=add_staff())
        token = sharing.create_share(person, "Auntie", [1], 7, None, utcnow(), "fast")[1]
        db.session.commit()
    polish = {"Accept-Language": "pl"}
    for path in ("/", f"/s/{token}", "/meeting/parents"):
        page = client.get(path, headers=polish).text
        assert "nie sprawdził" in page and "pracownika socjalnego" not in page, path
    auth.sign_in_young_person()
    assert press(client, client.get("/notes/"), "Polski (tłumaczenie robocze)").status_code == 302
    page = client.get("/notes/").text
    assert "nie sprawdził" in page and "zapytaj swojego pracownika socjalnego" in page


def test_the_sign_in_page_leads_to_the_switch_in_every_language(client: FlaskClient) -> None:
    page = client.get("/").text
    way = page.split('href="#language-switch">', 1)[1].split("</a>", 1)[0]
    assert "Language" in way and "Język" in way and "زبان" in way
    assert 'id="language-switch"' in page


def test_staff_pages_stay_in_english(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    polish = {"Accept-Language": "pl"}
    sign_in = client.get("/staff/sign-in", headers=polish)
    assert 'lang="en-GB"' in html_tag(sign_in.text) and "language-switch" not in sign_in.text
    with app.app_context():
        add_staff()
    auth.sign_in_staff()
    caseload = client.get("/staff/", headers=polish)
    assert 'lang="en-GB"' in html_tag(caseload.text)


def test_a_forged_language_or_address_is_refused(client: FlaskClient) -> None:
    page = client.get("/")
    assert press(client, page, "Polski", language="xx").status_code == 400
    away = press(client, page, "Polski", next="//evil.example/")
    assert away.headers["Location"] == "/"


def test_dates_and_counts_in_the_pages_language(app: Flask) -> None:
    day = date(2026, 11, 24)
    with app.test_request_context():
        assert long_date(day) == "Tuesday 24 November 2026"
    with app.test_request_context(headers={"Accept-Language": "pl"}):
        assert long_date(day) == "wtorek 24 listopada 2026"


@pytest.mark.parametrize("language", ["pl", "ur"])
def test_young_person_pages_render_in_each_language(
    app: Flask, client: FlaskClient, auth: AuthActions, language: str
) -> None:
    with app.app_context():
        add_young_person(worker=add_staff())
    auth.sign_in_young_person()
    header = {"Accept-Language": language}
    for path in (
        "/notes/",
        "/notes/about",
        "/notes/1",
        "/notes/7",
        "/notes/help",
        "/notes/all",
        "/notes/shares",
        "/notes/shares/new",
        "/notes/account",
        "/notes/meeting",
        "/notes/tell-my-worker",
        "/notes/on-my-phone",
        "/notes/account/safe-word",
    ):
        page = client.get(path, headers=header)
        assert page.status_code == 200, path
        assert f'lang="{language}"' in html_tag(page.text), path
        assert "Exit this page" not in page.text, path


def test_easy_read_is_chosen_on_the_account_page(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        add_young_person(worker=add_staff())
    auth.sign_in_young_person()
    usual = "Sometimes people we know can hurt us or put us in danger."
    assert usual in client.get("/notes/about").text

    account = client.get("/notes/account")
    saved = press(client, account, "Save how it reads", easy_read="easy", follow_redirects=True)
    assert "Saved. Your plan reads the way you chose." in saved.text
    with app.app_context():
        person = YoungPerson.by_username("blue-fox")
        assert person is not None and person.easy_read

    intro = client.get("/notes/about").text
    assert "Some people can hurt us." in intro and usual not in intro
    section = client.get("/notes/1").text
    assert "A code word is a secret message." in section
    assert "A code word lets you ask for help without anyone else knowing." not in section
    # Easy read in Polish too.
    assert (
        "Niektórzy ludzie mogą nas krzywdzić."
        in client.get("/notes/about", headers={"Accept-Language": "pl"}).text
    )

    back = press(client, client.get("/notes/account"), "Save how it reads", easy_read="usual")
    assert back.status_code == 302
    assert usual in client.get("/notes/about").text


def test_easy_read_needs_a_choice(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    with app.app_context():
        add_young_person(worker=add_staff())
        person_id = YoungPerson.by_username("blue-fox").id  # type: ignore[union-attr]
    auth.sign_in_young_person()
    page = press(client, client.get("/notes/account"), "Save how it reads", easy_read="")
    assert page.status_code == 200
    assert "Choose how your plan should read" in page.text
    with app.app_context():
        assert not db.session.get(YoungPerson, person_id).easy_read  # type: ignore[union-attr]


def test_managers_see_which_translations_are_drafts(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        add_staff(role="manager")
    auth.sign_in_staff()
    page = client.get("/staff/accounts").text
    assert "(pl): draft translation" in page and "(ur): draft translation" in page
    app.config["CHECKED_LANGUAGES"] = ["ur"]
    page = client.get("/staff/accounts").text
    assert "(pl): draft translation" in page and "(ur): checked" in page


def test_messages_built_with_numbers_and_names_are_in_the_pages_language(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    """Core's messages with a limit or a name in them (core/words.Words) are translated, with
    the number in the language's own style and the name as the young person typed it."""
    with app.app_context():
        add_young_person(worker=add_staff())
    auth.sign_in_young_person()
    press(client, client.get("/notes/"), "Polski")
    section = client.get("/notes/1")
    shown = press(
        client,
        section,
        "Zapisz",
        **{
            "trusted_adult-0-name": "Bev",
            "trusted_adult-0-phone": "zadzwoń",
            "code_word": "x" * 1001,
        },
    )
    assert shown.status_code == 200
    assert "Wpisz numer do Bev, używając tylko cyfr" in shown.text
    assert "Użyj najwyżej 300 znaków. Masz 1\N{NO-BREAK SPACE}001." in shown.text
    assert "characters or fewer" not in shown.text and "numbers only" not in shown.text


@pytest.mark.parametrize("address", ["/\t/evil.example", "/\n/x", "/\r\nSet-Cookie: x=1", "/\\x"])
def test_an_address_with_hidden_characters_goes_nowhere_else(
    client: FlaskClient, address: str
) -> None:
    """Browsers drop tabs and line breaks from an address, so "/<tab>/evil.example" would
    lead to another site; and a line break must never reach a header."""
    away = press(client, client.get("/"), "Polski", next=address)
    assert away.status_code == 302 and away.headers["Location"] == "/"


def test_a_safe_word_session_leaves_the_accounts_language_alone(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        person = add_young_person(worker=add_staff())
        person.language = "ur"
        safe_word.set_safe_word(person, "orange teapot harbour", False, "fast")
        db.session.commit()
    auth.sign_in_young_person(passphrase="orange teapot harbour")
    notes = client.get("/notes/")
    assert 'lang="ur"' in html_tag(notes.text), "the notes read like the plan would"
    assert 'lang="pl"' in html_tag(press(client, notes, "Polski", follow_redirects=True).text)
    with app.app_context():
        person = YoungPerson.by_username("blue-fox")
        assert person is not None and person.language == "ur"


def test_the_scripts_words_come_in_the_pages_language(client: FlaskClient) -> None:
    """The idle warning, Show and Hide, and the Listen controls' changing labels are written
    by static/app.js: the page gives it its words."""
    english = client.get("/").text
    assert '"stay": "Stay signed in"' in english
    urdu = client.get("/", headers={"Accept-Language": "ur"}).text
    words = urdu.split("data-words='", 1)[1].split("'", 1)[0]
    assert "Stay signed in" not in words and "سائن ان رہیں" in json.loads(words)["stay"]
