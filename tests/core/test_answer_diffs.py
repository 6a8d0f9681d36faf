"""Each field kind's differences between two answers, in the answer's own shape, and putting
back one change of an earlier answer without the rest."""

from __future__ import annotations

from typing import Any

from safetyplan.core import fields
from safetyplan.core.workbook import Field, Suggestion

WORD = fields.kind_of(Field("word", "Word", "short_text"))
STORY = fields.kind_of(Field("story", "Story", "long_text"))
PEOPLE = fields.kind_of(Field("people", "People", "contacts", max_rows=5))
PLACES = fields.kind_of(Field("places", "Places", "items"))
TICKS = fields.kind_of(
    Field(
        "ticks",
        "Ticks",
        "checklist",
        suggestions=(Suggestion("a", "Carry my phone"), Suggestion("b", "Tell someone")),
    )
)


def shown(kind: fields.Kind, before: Any, after: Any) -> list[tuple[str, str, str, str]]:
    return [(c.kind, c.subject, c.old, c.new) for c in kind.diff(before, after)]


def test_the_same_answer_has_no_changes() -> None:
    assert WORD.diff("pineapple", "pineapple") == []
    assert PEOPLE.diff([{"name": "Jo", "phone": "1"}], [{"name": "Jo", "phone": "1"}]) == []
    assert PLACES.diff(["Library", "Park"], ["Park", "Library"]) == []  # order is no change
    assert TICKS.diff(None, {"ticked": [], "own": []}) == []


def test_short_text_old_and_new() -> None:
    assert shown(WORD, None, "pineapple") == [("added", "", "", "pineapple")]
    assert shown(WORD, "pineapple", None) == [("removed", "", "pineapple", "")]
    assert shown(WORD, "Is the cat fed?", "Is the dog fed?") == [
        ("changed", "", "Is the cat fed?", "Is the dog fed?")
    ]
    assert WORD.diff("a", "b")[0].words == ()  # short text reads whole, old then new


def test_long_text_word_by_word() -> None:
    (change,) = STORY.diff("walk home with Priya", "walk home with Jo today")
    assert (change.kind, change.old, change.new) == (
        "changed",
        "walk home with Priya",
        "walk home with Jo today",
    )
    assert [(s.kind, s.text) for s in change.words] == [
        ("same", "walk home with"),
        ("removed", "Priya"),
        ("added", "Jo today"),
    ]


def test_contacts_added_removed_and_number_or_name_changed() -> None:
    before = [
        {"name": "Aunt Bev", "phone": "07700 900111"},
        {"name": "Jo", "phone": "07700 900222"},
        {"name": "Sam", "phone": "07700 900333"},
    ]
    after = [
        {"name": "aunt bev", "phone": "07700 900999"},  # same person, new number
        {"name": "Joanne", "phone": "07700900222"},  # same number, new name
        {"name": "Priya", "phone": "07700 900444"},
    ]
    assert shown(PEOPLE, before, after) == [
        ("number changed", "aunt bev", "07700 900111", "07700 900999"),
        ("name changed", "07700900222", "Jo", "Joanne"),
        ("removed", "", "Sam: 07700 900333", ""),
        ("added", "", "", "Priya: 07700 900444"),
    ]


def test_items_added_and_removed() -> None:
    assert shown(PLACES, ["Library", "Park"], ["Park", "Café"]) == [
        ("removed", "", "Library", ""),
        ("added", "", "", "Café"),
    ]
    assert shown(PLACES, None, ["Park", "Park"]) == [
        ("added", "", "", "Park"),
        ("added", "", "", "Park"),
    ]


def test_checklist_ticked_unticked_and_own_items() -> None:
    before = {"ticked": ["a"], "own": ["Charge my phone"]}
    after = {"ticked": ["b"], "own": ["Save Mum's number"]}
    assert shown(TICKS, before, after) == [
        ("ticked", "Tell someone", "", ""),
        ("unticked", "Carry my phone", "", ""),
        ("removed", "", "Charge my phone", ""),
        ("added", "", "", "Save Mum's number"),
    ]
    assert shown(TICKS, None, {"ticked": ["a"], "own": []}) == [
        ("ticked", "Carry my phone", "", "")
    ]


def test_putting_back_one_change_leaves_the_rest() -> None:
    now = [{"name": "Aunt Bev", "phone": "07700 900999"}, {"name": "Priya", "phone": "07700 1"}]
    earlier = [{"name": "Aunt Bev", "phone": "07700 900111"}]
    number, added = PEOPLE.diff(now, earlier)
    assert (number.kind, added.kind) == ("number changed", "removed")
    assert PEOPLE.apply(now, number) == [
        {"name": "Aunt Bev", "phone": "07700 900111"},
        {"name": "Priya", "phone": "07700 1"},
    ]
    assert PEOPLE.apply(now, added) == [{"name": "Aunt Bev", "phone": "07700 900999"}]
    assert PLACES.apply(["Park"], PLACES.diff(["Park"], [])[0]) is None
    assert PLACES.apply(["Park"], PLACES.diff(["Park"], ["Park", "Café"])[0]) == ["Park", "Café"]
    assert WORD.apply("new", WORD.diff("new", "old")[0]) == "old"
    assert WORD.apply("new", WORD.diff("new", None)[0]) is None
    ticks = {"ticked": ["a"], "own": ["Mine"]}
    tick_b, untick_a, drop_own = TICKS.diff(ticks, {"ticked": ["b"], "own": []})
    assert (tick_b.kind, untick_a.kind, drop_own.kind) == ("ticked", "unticked", "removed")
    assert TICKS.apply(ticks, tick_b) == {"ticked": ["a", "b"], "own": ["Mine"]}
    assert TICKS.apply(ticks, untick_a) == {"ticked": [], "own": ["Mine"]}
    assert TICKS.apply({"ticked": [], "own": ["Mine"]}, drop_own) is None
