"""The "My safety plan" workbook as data.

Every section is one `Section` definition; one generic form and one template render any of
them, so adding a section means adding data here. Nothing in this module imports Flask.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FieldKind = Literal["short_text", "long_text", "contacts", "items", "checklist"]


@dataclass(frozen=True)
class Suggestion:
    """A suggested action in a checklist. `key` is stored; the text can be reworded later."""

    key: str
    text: str


@dataclass(frozen=True)
class Field:
    name: str  # key in the stored answers, snake_case, never renamed once shipped
    label: str
    kind: FieldKind
    hint: str = ""
    suggestions: tuple[Suggestion, ...] = ()  # checklist only
    rows: int = 1  # contacts/items: blank rows shown to start with
    max_rows: int = 10  # contacts/items: most rows allowed


@dataclass(frozen=True)
class Section:
    number: int  # position in the workbook and in URLs (URLs carry no words)
    slug: str
    title: str
    intro: str
    fields: tuple[Field, ...]
    tips: tuple[str, ...] = ()  # "note to self" hints, shown collapsed
    shows_help_numbers: bool = False  # the national and local help numbers appear here
    feeds_help_now: bool = False  # its contacts appear on the Help now page
    private_by_default: bool = False  # left out of a new share unless chosen


@dataclass(frozen=True)
class IntroPart:
    heading: str
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()


INTRO: tuple[IntroPart, ...] = ()

SECTIONS: tuple[Section, ...] = ()

_BY_NUMBER = {section.number: section for section in SECTIONS}


def section_by_number(number: int) -> Section | None:
    return _BY_NUMBER.get(number)
