"""Field kinds without a client: reading posted forms (with kind messages), blank rows,
answers shown on the form again, answers as text, and merging two versions."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from safetyplan.core import fields, phones
from safetyplan.core.workbook import Field, Section, Suggestion

WORD = Field("word", "Word", "short_text")
STORY = Field("story", "Story", "long_text")
PEOPLE = Field("people", "People", "contacts", rows=2, max_rows=2)
PLACES = Field("places", "Places", "items", rows=3)
TICKS = Field(
    "ticks", "Ticks", "checklist", suggestions=(Suggestion("a", "Tick A"), Suggestion("b", "B"))
)
SECTION = Section(
    number=99,
    slug="test",
    title="Test",
    intro="",
    fields=(WORD, STORY, PEOPLE, PLACES, TICKS),
)


def posted(*pairs: tuple[str, str]) -> MultiDict[str, str]:
    return MultiDict(list(pairs))


def read(*pairs: tuple[str, str]) -> fields.PostedSection:
    return fields.read(SECTION, posted(*pairs))


def test_every_kind_has_its_class() -> None:
    assert [type(fields.kind_of(spec)) for spec in SECTION.fields] == [
        fields.ShortText,
        fields.LongText,
        fields.Contacts,
        fields.Items,
        fields.Checklist,
    ]


# The whole section


def test_everything_round_trips() -> None:
    submission = read(
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
    )
    assert submission.errors == {}
    answers = {
        "word": "pineapple",
        "story": "line one\nline two",
        "people": [{"name": "Bev", "phone": "07700 900 982"}],
        "places": ["Library", "Café ☕"],
        "ticks": {"ticked": ["a"], "own": ["My own idea"]},
    }
    assert submission.answers == answers
    shown_again = fields.on_form(SECTION, answers)
    assert [shown.answer for shown in shown_again] == list(answers.values())


def test_blank_form_is_empty_answers_with_one_blank_row_each() -> None:
    submission = read()
    assert submission.answers == {} and submission.errors == {}
    assert [shown.rows for shown in submission.fields] == [
        [],
        [],
        [{"name": "", "phone": ""}],
        [{"text": ""}],
        [{"text": ""}],
    ]


def test_errors_from_every_field_are_gathered_in_form_order() -> None:
    submission = read(("ticks_own-0-text", "x" * 301), ("word", "x" * 301))
    assert list(submission.errors) == ["word", "ticks_own-0-text"]


def test_merge_keeps_both_versions_and_what_only_one_has() -> None:
    saved = {"word": "one", "places": ["A"], "ticks": {"ticked": ["a"], "own": ["x"]}, "old": 1}
    mine = {"word": "two", "story": "new", "ticks": {"ticked": ["b"], "own": ["y"]}}
    assert fields.merge(SECTION, saved, mine) == {
        "word": "one / two",
        "story": "new",
        "places": ["A"],
        "ticks": {"ticked": ["a", "b"], "own": ["x", "y"]},
        "old": 1,
    }


# Short and long text


def test_short_text_is_trimmed_and_shown_again_as_typed() -> None:
    shown = fields.ShortText(WORD).read(posted(("word", "  two\nlines ")))
    assert shown.answer == "two lines"
    assert shown.text == "  two\nlines "
    assert shown.errors == {}


def test_blank_text_has_no_answer() -> None:
    assert fields.ShortText(WORD).read(posted(("word", "   "))).answer is None
    assert fields.LongText(STORY).read(posted()).answer is None


def test_control_characters_go_but_other_unicode_stays() -> None:
    tricky = "\u202eRTL\u200b zero-width 👩‍👧 emoji"
    shown = fields.ShortText(WORD).read(posted(("word", f"a\x00b\x07{tricky}")))
    assert shown.answer == f"ab{tricky}"


@pytest.mark.parametrize(
    ("kind", "spec", "limit"), [(fields.ShortText, WORD, "300"), (fields.LongText, STORY, "5,000")]
)
def test_too_long_text_is_refused_with_counts(
    kind: type[fields.Text], spec: Field, limit: str
) -> None:
    too_long = int(limit.replace(",", "")) + 1
    shown = kind(spec).read(posted((spec.name, "x" * too_long)))
    assert shown.errors == {
        spec.name: f"“{spec.label}” is too long. Use {limit} characters or fewer. "
        f"You have {too_long:,}."
    }
    assert shown.text == "x" * too_long  # kept, to be shortened rather than typed again


def test_long_text_keeps_its_lines() -> None:
    shown = fields.LongText(STORY).read(posted(("story", " one\r\n\ntwo ")))
    assert shown.answer == "one\n\ntwo"


def test_text_on_form_and_as_text() -> None:
    assert fields.ShortText(WORD).on_form("kettle").text == "kettle"
    assert fields.ShortText(WORD).on_form(None).text == ""
    assert fields.LongText(STORY).as_text("a\nb") == "a\nb"
    assert fields.LongText(STORY).as_text(None) == ""


def test_text_merge() -> None:
    assert fields.ShortText(WORD).merge("one", "two") == "one / two"
    assert fields.LongText(STORY).merge("one\nmore", "two") == "one\nmore\n\ntwo"
    assert fields.ShortText(WORD).merge("same", "same") == "same"
    assert fields.ShortText(WORD).merge(None, "mine") == "mine"
    assert fields.ShortText(WORD).merge("saved", None) == "saved"


# Contacts


def contacts(*pairs: tuple[str, str]) -> fields.FieldOnForm:
    return fields.Contacts(PEOPLE).read(posted(*pairs))


@pytest.mark.parametrize(
    ("phone", "message"),
    [
        ("call me", "Enter Bev's number using numbers only"),
        ("12", "Enter the whole of Bev's number"),
        ("0" * 16, "Bev's number is too long"),
        ("07700 900 982" + "-" * 300, "Phone number 1 in “People” is too long. Use 300"),
    ],
)
def test_bad_phone_numbers_get_kind_messages(phone: str, message: str) -> None:
    shown = contacts(("people-0-name", "Bev"), ("people-0-phone", phone))
    assert list(shown.errors) == ["people-0-phone"]
    assert message in shown.errors["people-0-phone"]
    assert shown.rows == [{"name": "Bev", "phone": phone}]


@pytest.mark.parametrize("phone", ["999", "116 000", "+44 (0)7700-900.982", "0800 1111"])
def test_good_phone_numbers(phone: str) -> None:
    shown = contacts(("people-0-name", "X"), ("people-0-phone", phone))
    assert shown.errors == {}
    assert shown.answer == [{"name": "X", "phone": phone}]


def test_a_number_without_a_name_is_the_phone_number() -> None:
    assert (
        contacts(("people-0-phone", "12"))
        .errors["people-0-phone"]
        .startswith("Enter the whole of the phone number")
    )


def test_a_number_needs_a_name() -> None:
    assert contacts(("people-0-phone", "07700900982")).errors == {
        "people-0-name": "Enter a name for this number"
    }


def test_a_name_can_be_too_long() -> None:
    assert "Use 300 characters" in contacts(("people-0-name", "x" * 301)).errors["people-0-name"]


def test_error_ids_follow_row_positions_not_posted_numbers() -> None:
    shown = contacts(("people-5-name", "A"), ("people-9-name", "B"), ("people-9-phone", "x"))
    assert list(shown.errors) == ["people-1-phone"]
    assert shown.rows == [{"name": "A", "phone": ""}, {"name": "B", "phone": "x"}]


def test_blank_contact_rows_are_shown_again_but_not_saved() -> None:
    shown = contacts(("people-0-name", ""), ("people-1-name", "Jo"))
    assert shown.answer == [{"name": "Jo", "phone": ""}]
    assert len(shown.rows) == 2


def test_too_many_contacts() -> None:
    shown = contacts(*[(f"people-{i}-name", f"P{i}") for i in range(3)])
    assert shown.errors == {"people-0-name": "You can add up to 2. Remove one to add another."}


def test_contact_rows() -> None:
    kind = fields.Contacts(PEOPLE)
    assert kind.rows_name == "people" and kind.max_rows == 2
    assert kind.blank_row() == {"name": "", "phone": ""}
    assert kind.on_form(None).rows == [{"name": "", "phone": ""}] * 2  # PEOPLE starts with 2
    assert kind.on_form([{"name": "Sam"}]).rows == [
        {"name": "Sam", "phone": ""},
        {"name": "", "phone": ""},
    ]


def test_contacts_as_text_merge_and_for_help_now() -> None:
    kind = fields.Contacts(PEOPLE)
    bev, jo = {"name": "Bev", "phone": "0800 1111"}, {"name": "Jo", "phone": "999"}
    assert kind.as_text([bev, jo]) == "Bev: 0800 1111\nJo: 999"
    assert kind.as_text(None) == ""
    assert kind.merge([bev], [jo, bev]) == [bev, jo]
    assert kind.contacts([bev]) == [bev]
    assert fields.ShortText(WORD).contacts("Bev 0800 1111") == []


# Items


def items(*pairs: tuple[str, str]) -> fields.FieldOnForm:
    return fields.Items(PLACES).read(posted(*pairs))


def test_items_skip_blank_rows_and_refuse_long_ones() -> None:
    shown = items(("places-0-text", " Park "), ("places-1-text", " "), ("places-2-text", "x" * 301))
    assert shown.answer == ["Park", "x" * 301]
    assert shown.errors == {
        "places-2-text": "“Something else 3” is too long. "
        "Use 300 characters or fewer. You have 301."
    }
    assert shown.rows == [{"text": " Park "}, {"text": " "}, {"text": "x" * 301}]


def test_too_many_items() -> None:
    shown = items(*[(f"places-{i}-text", f"P{i}") for i in range(11)])
    assert shown.errors == {"places-0-text": "You can add up to 10. Remove one to add another."}


def test_item_rows_as_text_and_merge() -> None:
    kind = fields.Items(PLACES)
    assert kind.blank_row() == {"text": ""}
    assert kind.on_form(["Park"]).rows == [{"text": "Park"}, {"text": ""}, {"text": ""}]
    assert kind.on_form(["1", "2", "3", "4"]).rows == [{"text": t} for t in "1234"]
    assert kind.as_text(["Park", "Library"]) == "Park\nLibrary"
    assert kind.merge(["Park", "Library"], ["Library", "Pool"]) == ["Park", "Library", "Pool"]


# Checklists


def checklist(*pairs: tuple[str, str]) -> fields.FieldOnForm:
    return fields.Checklist(TICKS).read(posted(*pairs))


def test_checklist_keeps_known_ticks_and_own_items() -> None:
    shown = checklist(
        ("ticks", "b"), ("ticks", "forged"), ("ticks", "b"), ("ticks_own-0-text", "Mine")
    )
    assert shown.answer == {"ticked": ["b"], "own": ["Mine"]}
    assert shown.errors == {}


def test_checklist_with_nothing_ticked_or_added_is_blank() -> None:
    assert checklist(("ticks", "forged"), ("ticks_own-0-text", " ")).answer is None


def test_own_items_have_their_own_limits() -> None:
    assert checklist(("ticks_own-0-text", "x" * 301)).errors == {
        "ticks_own-0-text": "“Something else 1” is too long. "
        "Use 300 characters or fewer. You have 301."
    }
    too_many = checklist(*[(f"ticks_own-{i}-text", f"O{i}") for i in range(51)])
    assert too_many.errors == {
        "ticks_own-0-text": "You can add up to 50. Remove one to add another."
    }


def test_checklist_rows() -> None:
    kind = fields.Checklist(TICKS)
    assert kind.rows_name == "ticks_own" and kind.max_rows == 50
    assert kind.blank_row() == {"text": ""}
    blank = kind.on_form(None)
    assert blank.rows == [{"text": ""}] and blank.ticked == set()
    saved = kind.on_form({"ticked": ["a"], "own": ["Mine", "Also"]})
    assert saved.rows == [{"text": "Mine"}, {"text": "Also"}] and saved.ticked == {"a"}


def test_checklist_as_text_and_merge() -> None:
    kind = fields.Checklist(TICKS)
    assert kind.as_text({"ticked": ["b", "a"], "own": ["Mine"]}) == "Tick A\nB\nMine"
    assert kind.as_text(None) == ""
    assert kind.merge(
        {"ticked": ["b"], "own": ["Mine", "Both"]}, {"ticked": ["a"], "own": ["Both", "Yours"]}
    ) == {"ticked": ["a", "b"], "own": ["Mine", "Both", "Yours"]}


def test_phone_digits_for_links() -> None:
    assert phones.phone_digits("+44 (0)7700 900-982") == "+447700900982"
    assert phones.phone_digits("0800 1111") == "08001111"


def test_a_very_long_name_is_shortened_in_a_phone_message() -> None:
    shown = contacts(("people-0-name", "Auntie Beverley " * 12), ("people-0-phone", "call me"))
    message = shown.errors["people-0-phone"]
    assert message.startswith("Enter Auntie Beverley Auntie Beverley Auntie…'s number")
    assert len(message) < 120
