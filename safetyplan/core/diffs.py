"""Changes to one answer, in the answer's own shape: a text changed, a row of a list added,
removed or changed, a suggestion ticked or unticked. Each field kind (fields.py) says how its
answers differ; this module holds what they share. No web framework."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .phones import phone_digits
from .workbook import Suggestion


@dataclass(frozen=True)
class Segment:
    kind: str  # "same", "added" or "removed"
    text: str


@dataclass(frozen=True)
class Change:
    """One change from an answer `before` to an answer `after`. `old` and `new` are the
    before and after values as a person reads them; `was` and `now` are the stored values
    (a text, a row, a suggestion key), None for what was added or removed."""

    kind: str  # added, removed, changed, ticked, unticked, number changed, name changed
    was: Any = None
    now: Any = None
    old: str = ""
    new: str = ""
    subject: str = ""  # whose number or name changed; the suggestion ticked or unticked
    words: tuple[Segment, ...] = ()  # long text: the before and after, word by word


def word_diff(before: str, after: str) -> list[Segment]:
    old, new = before.split(" "), after.split(" ")
    segments: list[Segment] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            segments.append(Segment("same", " ".join(old[a1:a2])))
            continue
        if a2 > a1:
            segments.append(Segment("removed", " ".join(old[a1:a2])))
        if b2 > b1:
            segments.append(Segment("added", " ".join(new[b1:b2])))
    return [segment for segment in segments if segment.text]


def unmatched(before: list[Any], after: list[Any]) -> tuple[list[Any], list[Any]]:
    """The rows only `before` has and the rows only `after` has (a repeated row counts
    once for each time it appears); order is not a change."""
    left = list(after)
    gone = []
    for row in before:
        if row in left:
            left.remove(row)
        else:
            gone.append(row)
    return gone, left


Pairing = Callable[[Any, Any], "Change | None"]


def row_changes(
    before: list[Any], after: list[Any], show: Callable[[Any], str], *pairings: Pairing
) -> list[Change]:
    """Rows added and removed; with `pairings`, a removed row and an added one that are the
    same person (say) become one change, tried in order."""
    gone, added = unmatched(before, after)
    changes = []
    for pairing in pairings:
        for was in list(gone):
            for now in added:
                if change := pairing(was, now):
                    changes.append(change)
                    gone.remove(was)
                    added.remove(now)
                    break
    changes += [Change("removed", was=row, old=show(row)) for row in gone]
    changes += [Change("added", now=row, new=show(row)) for row in added]
    return changes


def same_person(was: dict[str, str], now: dict[str, str]) -> Change | None:
    """Two contacts with one name: that person's number changed."""
    if was["name"].casefold() != now["name"].casefold():
        return None
    return Change("number changed", was, now, was["phone"], now["phone"], now["name"])


def same_number(was: dict[str, str], now: dict[str, str]) -> Change | None:
    """Two contacts with one number: the name for that number changed."""
    if not was["phone"] or phone_digits(was["phone"]) != phone_digits(now["phone"]):
        return None
    return Change("name changed", was, now, was["name"], now["name"], now["phone"])


def tick_changes(suggestions: Iterable[Suggestion], was: set[str], now: set[str]) -> list[Change]:
    """Suggestions ticked, then suggestions unticked, in the checklist's order."""
    ticked = [
        Change("ticked", now=s.key, subject=s.text) for s in suggestions if s.key in now - was
    ]
    return ticked + [
        Change("unticked", was=s.key, subject=s.text) for s in suggestions if s.key in was - now
    ]


def apply_to_rows(rows: list[Any], change: Change) -> list[Any]:
    """`rows` with one change made: the row it removes or replaces must be there."""
    result = list(rows)
    if change.was is None:
        result.append(change.now)
    elif change.now is None:
        result.remove(change.was)
    else:
        result[result.index(change.was)] = change.now
    return result
