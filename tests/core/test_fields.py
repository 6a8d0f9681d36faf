"""Reading section forms: validation messages and exact round trips, without a client."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from safetyplan.core import fields
from safetyplan.core.workbook import Field, Section, Suggestion

SECTION = Section(
    number=99,
    slug="test",
    title="Test",
    intro="",
    fields=(
        Field("word", "Word", "short_text"),
        Field("story", "Story", "long_text"),
        Field("people", "People", "contacts", max_rows=2),
        Field("places", "Places", "items"),
        Field(
            "ticks", "Ticks", "checklist", suggestions=(Suggestion("a", "A"), Suggestion("b", "B"))
        ),
    ),
)


def read(pairs: list[tuple[str, str]]) -> fields.Submission:
    return fields.read(SECTION, MultiDict(pairs))


def test_everything_round_trips() -> None:
    submission = read(
        [
            ("word", "  pineapple "),
            ("story", "line one\r\nline two"),
            ("people-0-name", "Bev"),
            ("people-0-phone", "07700 900 982"),
            ("people-1-name", ""),
            ("people-1-phone", ""),
            ("places-0-text", "Library"),
            ("places-3-text", "Café ☕"),
            ("ticks", "a"),
            ("ticks", "forged"),
            ("ticks_own-0-text", "My own idea"),
        ]
    )
    assert submission.errors == {}
    assert submission.answers == {
        "word": "pineapple",
        "story": "line one\nline two",
        "people": [{"name": "Bev", "phone": "07700 900 982"}],
        "places": ["Library", "Café ☕"],
        "ticks": {"ticked": ["a"], "own": ["My own idea"]},
    }


def test_blank_form_is_empty_answers() -> None:
    assert read([]).answers == {}


@pytest.mark.parametrize(
    ("phone", "message"),
    [
        ("call me", "numbers only"),
        ("12", "whole phone number"),
        ("0" * 16, "too long"),
    ],
)
def test_bad_phone_numbers_get_kind_messages(phone: str, message: str) -> None:
    submission = read([("people-0-name", "Bev"), ("people-0-phone", phone)])
    assert message in submission.errors["people-0-phone"]
    assert "07700 900 982" in submission.errors["people-0-phone"]


@pytest.mark.parametrize("phone", ["999", "116 000", "+44 (0)7700-900.982", "0800 1111"])
def test_good_phone_numbers(phone: str) -> None:
    assert read([("people-0-name", "X"), ("people-0-phone", phone)]).errors == {}


def test_a_number_needs_a_name() -> None:
    assert read([("people-0-phone", "07700900982")]).errors == {
        "people-0-name": "Enter a name for this number"
    }


def test_error_ids_follow_row_positions_not_posted_numbers() -> None:
    submission = read([("people-5-name", "A"), ("people-9-name", "B"), ("people-9-phone", "x")])
    assert list(submission.errors) == ["people-1-phone"]


def test_too_long_text_is_refused_with_counts() -> None:
    submission = read([("word", "x" * 400)])
    assert submission.errors["word"] == "Use 300 characters or fewer. You have 400."


def test_too_many_rows() -> None:
    pairs = [(f"people-{i}-name", f"P{i}") for i in range(3)]
    assert "up to 2" in read(pairs).errors["people-0-name"]


def test_control_characters_go_but_other_unicode_stays() -> None:
    tricky = "\u202eRTL\u200b zero-width 👩‍👧 emoji"
    assert read([("word", f"a\x00b\x07{tricky}")]).answers["word"] == f"ab{tricky}"


def test_merge_keeps_both_versions() -> None:
    saved = {"word": "one", "places": ["A"], "ticks": {"ticked": ["a"], "own": ["x"]}}
    mine = {"word": "two", "places": ["A", "B"], "ticks": {"ticked": ["b"], "own": ["y"]}}
    assert fields.merge(saved, mine) == {
        "word": "one / two",
        "places": ["A", "B"],
        "ticks": {"ticked": ["a", "b"], "own": ["x", "y"]},
    }


def test_phone_digits_for_links() -> None:
    assert fields.phone_digits("+44 (0)7700 900-982") == "+447700900982"
    assert fields.phone_digits("0800 1111") == "08001111"
