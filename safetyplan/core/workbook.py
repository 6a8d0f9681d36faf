"""The "My safety plan" workbook as data: its words live in workbook.toml, read once at
import into the frozen definitions below.

Every section is one `Section` definition; one generic form and one template render any of
them, so adding a section means adding data to workbook.toml. Nothing here imports Flask.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal, get_args

from .words import N_

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
    row_label: str = "Something else"  # items and a checklist's own rows: "Place 1", "Place 2"
    examples: tuple[str, ...] = ()  # text: a few are shown, different ones to different people


@dataclass(frozen=True)
class Section:
    number: int  # position in the workbook and in URLs (URLs carry no words)
    slug: str
    title: str
    intro: str
    fields: tuple[Field, ...]
    easy_intro: str = ""  # the intro in easy read: short sentences, one idea in each
    tips: tuple[str, ...] = ()  # shown collapsed under "Tips"
    shows_help_numbers: bool = False  # the national and local help numbers appear here
    feeds_help_now: bool = False  # its contacts appear on the Help now page
    share_hint: str = ""  # why a young person might share it with their trusted adult
    group: str = ""  # where it sits on the plan's home page (GROUPS), unless pinned
    pinned: bool = False  # at the top of the plan's home page, before the groups
    shared_by_default: bool = False  # ticked at first on a new share


@dataclass(frozen=True)
class IntroPart:
    heading: str
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()


def _field(raw: dict[str, Any]) -> Field:
    if raw.get("kind") not in get_args(FieldKind):
        raise ValueError(f"field {raw.get('name')!r}: unknown kind {raw.get('kind')!r}")
    suggestions = tuple(Suggestion(key, text) for key, text in raw.pop("suggestions", {}).items())
    examples = tuple(raw.pop("examples", ()))
    return Field(**raw, suggestions=suggestions, examples=examples)


# The plan's home page groups the sections like this, in this order.
GROUPS = (N_("People I can call"), N_("Day to day"), N_("Getting out"), N_("Looking after me"))


def _section(raw: dict[str, Any]) -> Section:
    fields = tuple(_field(field) for field in raw.pop("fields"))
    tips = tuple(raw.pop("tips", ()))
    section = Section(**raw, fields=fields, tips=tips)
    if not section.pinned and section.group not in GROUPS:
        raise ValueError(
            f"section {section.number}: group {section.group!r} is not one of {GROUPS}"
        )
    return section


def _intro(parts: list[dict[str, Any]]) -> tuple[IntroPart, ...]:
    return tuple(
        IntroPart(
            part["heading"], tuple(part.get("paragraphs", ())), tuple(part.get("bullets", ()))
        )
        for part in parts
    )


def load(text: str) -> tuple[tuple[IntroPart, ...], tuple[Section, ...]]:
    """The introduction and sections in a workbook file's text. A key the definitions do
    not have is an error (TypeError), not silently ignored."""
    data = tomllib.loads(text)
    return _intro(data["intro"]), tuple(_section(section) for section in data["sections"])


def load_easy_intro(text: str) -> tuple[IntroPart, ...]:
    """The introduction in easy read, for a young person who chose it."""
    return _intro(tomllib.loads(text).get("easy_intro", []))


def words(text: str) -> list[str]:
    """Every text a page shows from a workbook file, for the translations' catalogue."""
    intro, sections = load(text)
    found: list[str] = list(GROUPS)
    for part in (*intro, *load_easy_intro(text)):
        found += [part.heading, *part.paragraphs, *part.bullets]
    for section in sections:
        found += [section.title, section.intro, section.easy_intro, section.share_hint]
        found += section.tips
        for field in section.fields:
            found += [field.label, field.hint, field.row_label, *field.examples]
            found += [suggestion.text for suggestion in field.suggestions]
    return [text for text in found if text]


def extract_words(
    fileobj: Any, keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel's extraction method for workbook.toml (babel.cfg): each text to translate."""
    for text in words(fileobj.read().decode("utf-8")):
        yield 0, None, text, []


_TEXT = resources.files(__package__).joinpath("workbook.toml").read_text(encoding="utf-8")
INTRO, SECTIONS = load(_TEXT)
EASY_INTRO = load_easy_intro(_TEXT)
_BY_NUMBER = {section.number: section for section in SECTIONS}


def section_by_number(number: int) -> Section | None:
    return _BY_NUMBER.get(number)
