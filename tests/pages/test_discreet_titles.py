"""Browser history is what someone checking a young person's phone sees first: every title
their browser records must be neutral, whatever the page shows."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from ..conftest import AuthActions, add_staff, add_young_person

# Words that would tell someone reading the history what this is.
GIVEAWAYS = ("safety", "safe", "help", "meeting", "abuse", "exploitation", "cse", "exit", "danger")
SECTION_TITLES = (
    "My emergency code",
    "If I have no one to call",
    "When I feel down or scared",
    "Every day",
    "My social life",
    "Online and my phone",
    "At school",
    "At home",
    "At other people's houses, flats or hotels",
    "Getting away",
    "Going to a party",
    "When I'm away from my area",
    "Contacting people with no credit or phone",
    "Feeling OK about me",
    "Getting help near me",
)
YOUNG_PERSON_PAGES = [
    "/notes/",
    *(f"/notes/{number}" for number in range(1, 16)),
    "/notes/help",
    "/notes/all",
    "/notes/about",
    "/notes/account",
    "/notes/leaving-quickly",
    "/notes/staying-safe-online",
    "/notes/meeting",
    "/notes/shares",
    "/notes/shares/new",
]
PUBLIC_PAGES = ["/", "/meeting/", "/meeting/parents", "/notes/leaving-quickly"]


def title_of(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    assert match, "no title"
    return match.group(1).strip()


def assert_discreet(path: str, title: str) -> None:
    words = set(re.findall(r"[a-z']+", title.lower()))
    assert not words & set(GIVEAWAYS), f"{path}: {title!r}"
    assert not any(section.lower() in title.lower() for section in SECTION_TITLES), path


def test_every_title_a_young_person_records_is_neutral(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        add_young_person(worker=add_staff())
    for path in PUBLIC_PAGES:
        response = client.get(path)
        if response.status_code == 200:
            assert_discreet(path, title_of(response.text))
    auth.sign_in_young_person()
    for path in YOUNG_PERSON_PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_discreet(path, title_of(response.text))


def test_the_public_meeting_page_starts_neutral(client: FlaskClient) -> None:
    page = client.get("/meeting/").text
    main = page[page.index("<main") :]
    first_words = re.sub(r"<[^>]+>", " ", main)[:600].lower()
    assert "exploitation" not in first_words and "sexual" not in first_words
    assert "child sexual exploitation" in page.lower()  # explained further down


def test_no_plan_field_is_offered_to_the_browsers_autofill(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    """Autofill would keep code words and contacts in the browser for anyone to see."""
    with app.app_context():
        add_young_person(worker=add_staff())
    auth.sign_in_young_person()
    checked = 0
    for number in range(1, 16):
        page = client.get(f"/notes/{number}").text
        for control in re.findall(r"<(?:input|textarea)\b[^>]*>", page):
            kind = re.search(r'type="([^"]+)"', control)
            if kind and kind.group(1) in ("hidden", "checkbox", "radio"):
                continue
            assert 'autocomplete="off"' in control, (number, control)
            checked += 1
    assert checked > 30


def test_a_signed_out_young_person_can_call_for_help_from_the_sign_in_page(
    client: FlaskClient,
) -> None:
    page = client.get("/").text
    links = re.findall(r'href="(tel:[^"]+)"', page)
    assert links[0] == "tel:999"  # the first call button on the page, one tap
    assert page.index('href="tel:999"') < page.index('name="username"')  # above the form
    assert {"tel:08001111", "tel:116000", "tel:01162510803"} <= set(links)
