"""Hypothesis throws random, huge, binary, unicode and missing values at every form and
query string, with forged ids and versions. No response may be a 500, every error is the
friendly page, and valid unicode comes back exactly as it was typed."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safetyplan.core import plan, workbook
from safetyplan.core.models import YoungPerson
from safetyplan.web.extensions import db

from ..conftest import AuthActions, add_staff, add_young_person, csrf_token, fresh_app

TRICKY = [
    "",
    " ",
    "\u202eevil\u202c",
    "a\u200bb",
    "👩‍👧‍👦",
    "\x00",
    "\ud7ff",
    "%00",
    "../../etc",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "9" * 400,
    "-1",
    "1e309",
    "NaN",
    "9" * 20,
    "-" + "9" * 20,
    "a\x00b",
]
values = st.one_of(
    st.text(max_size=300),
    st.sampled_from(TRICKY),
    st.binary(max_size=200).map(lambda raw: raw.decode("latin-1")),
    st.integers().map(str),
    st.just("x" * 200_000),
)
FIELD_NAMES = [
    "version",
    "done",
    "then",
    "choice",
    "add_row",
    "remove_row",
    "code_word",
    "trusted_adult-0-name",
    "trusted_adult-0-phone",
    "trusted_adult-999-phone",
    "username",
    "passphrase",
    "current_passphrase",
    "new_passphrase",
    "confirm",
    "code",
    "email",
    "password",
    "name",
    "note",
    "text",
    "label",
    "sections",
    "expires",
    "access_code",
    "date",
    "day",
    "month",
    "year",
    "q",
    "page",
    "days",
    "kind",
    "anchor_day",
    "anchor_month",
    "anchor_year",
    "day_day",
    "day_month",
    "day_year",
    "time",
    "venue",
    "online",
    "chair",
    "phone",
    "say",
    "bring",
    "attend",
    "share_how",
    "send",
]
forms = st.dictionaries(
    st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=20)), values, max_size=12
)
TOKEN_PAGE = {"anonymous": "/", "young_person": "/notes/account", "staff": "/staff/"}
FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    app = fresh_app(tmp_path_factory.mktemp("fuzz"), SIGN_IN_RATE_LIMIT="100000/minute")
    with app.app_context():
        worker = add_staff()
        add_young_person(worker=worker)  # the target of the staff fuzzing
        add_young_person("steady-fox", "Steady")  # left alone, to sign in with
        add_staff("manager@example.org", "Morgan Manager", role="manager")
    yield app
    with app.app_context():
        db.engine.dispose()


def client_for(app: Flask, kind: str) -> FlaskClient:
    client = app.test_client()
    auth = AuthActions(client)
    if kind == "young_person":
        assert auth.sign_in_young_person("steady-fox").status_code == 302
    elif kind == "staff":
        auth.sign_in_staff("manager@example.org")
    return client


def targets(app: Flask, kind: str, method: str) -> list[str]:
    with app.app_context():
        person = YoungPerson.by_username("blue-fox")
        real_ids = {"young_person_id": person.id if person else "x"}
    found = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if method not in (rule.methods or set()) or rule.endpoint in ("static", "auth.exit"):
                continue
            if kind == "anonymous" or rule.endpoint.split(".")[0] in (
                kind,
                "auth",
                "share",
                "meeting",
            ):
                args = {
                    name: real_ids.get(name, {"number": 3}.get(name, "f" * 32))
                    for name in rule.arguments
                }
                found.append(app.url_for(rule.endpoint, **args))
    return found


def assert_friendly(response: Any, url: str) -> None:
    assert response.status_code < 500, f"{url} gave {response.status_code}"
    if response.status_code >= 400:
        assert 'class="heading-l"' in response.text, url
        assert "Traceback" not in response.text


@pytest.mark.parametrize("kind", ["anonymous", "young_person", "staff"])
def test_random_posts_never_break(fuzz_app: Flask, kind: str) -> None:
    client = client_for(fuzz_app, kind)
    token = csrf_token(client.get(TOKEN_PAGE[kind]))
    urls = targets(fuzz_app, kind, "POST")
    assert urls

    @FUZZ
    @given(data=forms, index=st.integers(0, len(urls) - 1))
    def post(data: dict[str, str], index: int) -> None:
        response = client.post(urls[index], data={**data, "csrf_token": token})
        assert_friendly(response, urls[index])

    post()


@pytest.mark.parametrize("kind", ["anonymous", "young_person", "staff"])
def test_random_query_strings_never_break(fuzz_app: Flask, kind: str) -> None:
    client = client_for(fuzz_app, kind)
    urls = targets(fuzz_app, kind, "GET")

    @FUZZ
    @given(query=forms, index=st.integers(0, len(urls) - 1))
    def get(query: dict[str, str], index: int) -> None:
        safe = {key.replace("\x00", ""): value[:2000] for key, value in query.items()}
        assert_friendly(client.get(urls[index], query_string=safe), urls[index])

    get()


@pytest.mark.parametrize(
    "path",
    [
        "/notes/0",
        "/notes/16",
        "/notes/99999999999999999999",
        "/notes/-1",
        "/notes/%00",
        "/staff/young-people/../../x",
    ],
)
def test_forged_paths_are_plain_not_found(fuzz_app: Flask, path: str) -> None:
    response = client_for(fuzz_app, "young_person").get(path)
    assert response.status_code in (403, 404)
    assert_friendly(response, path)


# Text a person could really type: any unicode but control characters and surrogates, with
# no outer spaces (trimmed on purpose) and no line breaks in one-line fields.
typed = (
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=200)
    .map(str.strip)
    .filter(bool)
)


def text_fields() -> list[tuple[workbook.Section, workbook.Field]]:
    return [
        (section, spec)
        for section in workbook.SECTIONS
        for spec in section.fields
        if spec.kind in ("short_text", "long_text")
    ]


def test_valid_unicode_round_trips_exactly(fuzz_app: Flask) -> None:
    client = client_for(fuzz_app, "young_person")
    fields = text_fields()
    assert fields

    @FUZZ
    @given(value=typed, index=st.integers(0, len(fields) - 1))
    def round_trip(value: str, index: int) -> None:
        section, spec = fields[index]
        url = f"/notes/{section.number}"
        page = client.get(url)
        version = re.search(r'name="version" type="hidden" value="(\d+)"', page.text)
        assert version
        response = client.post(
            url,
            data={"csrf_token": csrf_token(page), "version": version.group(1), spec.name: value},
        )
        assert response.status_code == 302, response.text[:500]
        with fuzz_app.app_context():
            person = YoungPerson.by_username("steady-fox")
            assert person
            assert plan.current_section(person, section).answers[spec.name] == value

    round_trip()


NAME_ON_PAGE = re.compile(r'<(?:input|select|textarea|button)\b[^>]*\bname="([^"]+)"')


def field_names_on_pages(client: FlaskClient, urls: list[str]) -> list[str]:
    """Every form field name a person of this kind is shown, read off the pages as an
    attacker would (not from the code under test)."""
    names: set[str] = set()
    for url in urls:
        names.update(NAME_ON_PAGE.findall(client.get(url).get_data().decode(errors="replace")))
    names.discard("csrf_token")
    return sorted(names)


def a_file() -> tuple[io.BytesIO, str]:
    return io.BytesIO(b"%PDF-1.4 not really"), "notes.pdf"


@pytest.mark.parametrize("kind", ["anonymous", "young_person", "staff"])
def test_real_field_names_files_nul_bytes_and_huge_numbers_never_break(
    fuzz_app: Flask, kind: str
) -> None:
    client = client_for(fuzz_app, kind)
    token = csrf_token(client.get(TOKEN_PAGE[kind]))
    urls = targets(fuzz_app, kind, "POST")
    names = field_names_on_pages(client, targets(fuzz_app, kind, "GET"))
    assert len(names) >= (5 if kind == "anonymous" else 10)
    real_forms = st.dictionaries(st.sampled_from(names), values, min_size=1, max_size=15)

    @FUZZ
    @given(
        data=real_forms,
        file_field=st.one_of(st.none(), st.sampled_from(names)),
        index=st.integers(0, len(urls) - 1),
    )
    def post(data: dict[str, Any], file_field: str | None, index: int) -> None:
        if file_field:
            data = {**data, file_field: a_file()}
        response = client.post(
            urls[index], data={**data, "csrf_token": token}, content_type="multipart/form-data"
        )
        assert_friendly(response, urls[index])

    post()


@pytest.mark.parametrize("kind", ["young_person", "staff"])
@pytest.mark.parametrize("forged", ["\x00", "f" * 31 + "\x00", "9" * 40, "F" * 32])
def test_forged_ids_with_nul_bytes_are_plain_not_found(
    fuzz_app: Flask, kind: str, forged: str
) -> None:
    client = client_for(fuzz_app, kind)
    token = csrf_token(client.get(TOKEN_PAGE[kind]))
    checked = 0
    with fuzz_app.test_request_context():
        routes = [
            rule
            for rule in fuzz_app.url_map.iter_rules()
            if rule.endpoint.startswith(kind + ".")
            and {
                "young_person_id",
                "session_id",
                "revision_id",
                "share_id",
                "meeting_id",
                "staff_id",
            }
            & set(rule.arguments)
        ]
        urls = [
            (
                rule,
                fuzz_app.url_for(
                    rule.endpoint, **{a: forged if a.endswith("_id") else 3 for a in rule.arguments}
                ),
            )
            for rule in routes
        ]
    for rule, url in urls:
        for method in ("GET", "POST") if "POST" in (rule.methods or ()) else ("GET",):
            response = client.open(url, method=method, data={"csrf_token": token})
            assert response.status_code in (403, 404, 405), f"{method} {url}"
            assert_friendly(response, url)
            checked += 1
    assert checked >= (10 if kind == "staff" else 3)


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/staff/audit", {"page": "0"}),
        ("/staff/audit", {"page": "-1"}),
        ("/staff/", {"page": "9" * 30}),
    ],
)
def test_odd_page_numbers_show_a_page(fuzz_app: Flask, path: str, query: dict[str, str]) -> None:
    assert client_for(fuzz_app, "staff").get(path, query_string=query).status_code == 200


@pytest.mark.parametrize("kind", ["young_person", "staff"])
def test_query_ids_with_nul_bytes_never_break(fuzz_app: Flask, kind: str) -> None:
    client = client_for(fuzz_app, kind)
    with fuzz_app.app_context():
        person = YoungPerson.by_username("blue-fox")
        assert person
    pages = {
        "staff": [f"/staff/young-people/{person.id}/compare"],
        "young_person": ["/notes/meeting"],
    }[kind]
    token = csrf_token(client.get(TOKEN_PAGE[kind]))
    for url in pages:
        for name in ("from", "to", "from_session", "to_session", "meeting_id"):
            for forged in ("\x00", "a\x00b", "9" * 40):
                assert_friendly(client.get(url, query_string={name: forged}), url)
                response = client.post(url, data={"csrf_token": token, name: forged})
                assert_friendly(response, url)
