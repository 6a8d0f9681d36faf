"""Options for radio buttons, checkboxes and selects, built once in wtforms' own shape."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import lazy_gettext
from wtforms.fields.choices import SelectChoice

from ..core import workbook


def from_pairs(pairs: Iterable[tuple[Any, str]]) -> list[SelectChoice]:
    """Labels in the page's language, looked up when the page is drawn (i18n.translated)."""
    return [SelectChoice(value, lazy_gettext(label)) for value, label in pairs]


def sections() -> list[SelectChoice]:
    """Every workbook section, by number, in workbook order."""
    return from_pairs((section.number, section.title) for section in workbook.SECTIONS)


ROLES = from_pairs([("worker", "Worker"), ("manager", "Manager")])
