"""Reading a section's answers from a submitted form, kindly validated. No Flask.

Answer shapes, by field kind:
- short_text, long_text: a string
- contacts: a list of {"name": ..., "phone": ...}
- items: a list of strings
- checklist: {"ticked": [suggestion keys], "own": [the young person's own items]}

Form input names: `field` (text, and the ticked checklist keys), `field-N-name` and
`field-N-phone` (contacts), `field-N-text` (items), `field_own-N-text` (own checklist items).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from .workbook import Field, Section

MAX_LENGTH = {"short_text": 300, "long_text": 5000, "row": 300}
_ROW_INPUT = re.compile(r"^(?P<field>[a-z0-9_]+)-(?P<index>\d{1,3})-(?P<part>name|phone|text)$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()\-.]+$")
PHONE_EXAMPLE = "like 07700 900 982 or +44 7700 900 982"


class FormData(Protocol):
    """A submitted form: names to one or several strings (werkzeug's MultiDict in the app).
    Core reads it without knowing the web framework."""

    def __iter__(self) -> Iterator[str]: ...

    def get(self, key: str) -> str | None: ...

    def getlist(self, key: str) -> list[str]: ...


@dataclass
class Submission:
    answers: dict[str, Any]
    errors: dict[str, str] = field(default_factory=dict)  # input id -> message


def clean_text(value: str | None, multiline: bool = False) -> str:
    """Trim and drop control characters (not real text); keep every other character,
    emoji, right-to-left and zero-width ones included, exactly as typed."""
    text = _CONTROL.sub("", value or "").replace("\r\n", "\n")
    if not multiline:
        text = text.replace("\n", " ").replace("\r", " ")
    return text.strip()


def phone_digits(phone: str) -> str:
    """What goes after tel: or sms:, e.g. '+447700900982' or '07700900982'. The "(0)" in
    "+44 (0)7700..." is not dialled from abroad, so it goes."""
    if phone.strip().startswith("+"):
        return "+" + re.sub(r"\D", "", phone.replace("(0)", ""))
    return re.sub(r"\D", "", phone)


def phone_problem(phone: str) -> str | None:
    if not _PHONE_CHARACTERS.match(phone):
        return f"Enter a phone number using numbers only, {PHONE_EXAMPLE}"
    digits = len(phone_digits(phone).lstrip("+"))
    if digits < 3:
        return f"Enter the whole phone number, {PHONE_EXAMPLE}"
    if digits > 15:
        return f"That number is too long. Enter a phone number, {PHONE_EXAMPLE}"
    return None


def raw_rows(form: FormData, name: str) -> list[dict[str, str]]:
    """The rows of a repeating field as typed, in order, blank ones included. A row's
    position in this list is its index when the form is shown again."""
    rows: dict[int, dict[str, str]] = {}
    for key in form:
        match = _ROW_INPUT.match(key)
        if match and match["field"] == name:
            rows.setdefault(int(match["index"]), {})[match["part"]] = form.get(key) or ""
    return [rows[index] for index in sorted(rows)]


def _too_long(text: str, limit: int) -> str | None:
    if len(text) > limit:
        return f"Use {limit:,} characters or fewer. You have {len(text):,}."
    return None


def _read_rows(form: FormData, spec: Field, name: str, errors: dict[str, str]) -> list[Any]:
    """Contacts or items rows, skipping blank ones, with errors keyed by input id."""
    kept: list[Any] = []
    for index, parts in enumerate(raw_rows(form, name)):
        if spec.kind == "contacts":
            contact = {
                "name": clean_text(parts.get("name")),
                "phone": clean_text(parts.get("phone")),
            }
            if not contact["name"] and not contact["phone"]:
                continue
            if problem := _too_long(contact["name"], MAX_LENGTH["row"]):
                errors[f"{name}-{index}-name"] = problem
            if contact["phone"]:
                if problem := phone_problem(contact["phone"]):
                    errors[f"{name}-{index}-phone"] = problem
                elif not contact["name"]:
                    errors[f"{name}-{index}-name"] = "Enter a name for this number"
            kept.append(contact)
        else:
            text = clean_text(parts.get("text"))
            if not text:
                continue
            if problem := _too_long(text, MAX_LENGTH["row"]):
                errors[f"{name}-{index}-text"] = problem
            kept.append(text)
    if len(kept) > spec.max_rows:
        errors[f"{name}-0-{'name' if spec.kind == 'contacts' else 'text'}"] = (
            f"You can add up to {spec.max_rows}. Remove one to add another."
        )
    return kept


def read(section: Section, form: FormData) -> Submission:
    """Turn a posted form into answers. Never raises on odd input: problems become
    messages, and what was typed is kept so it can be shown again."""
    answers: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for spec in section.fields:
        if spec.kind in ("short_text", "long_text"):
            text = clean_text(form.get(spec.name), multiline=spec.kind == "long_text")
            if problem := _too_long(text, MAX_LENGTH[spec.kind]):
                errors[spec.name] = problem
            if text:
                answers[spec.name] = text
        elif spec.kind in ("contacts", "items"):
            if rows := _read_rows(form, spec, spec.name, errors):
                answers[spec.name] = rows
        else:
            known = {suggestion.key for suggestion in spec.suggestions}
            ticked = [key for key in form.getlist(spec.name) if key in known]
            own = _read_rows(
                form, Field(spec.name, "", "items", max_rows=50), own_name(spec), errors
            )
            if ticked or own:
                answers[spec.name] = {"ticked": sorted(set(ticked)), "own": own}
    return Submission(answers, errors)


def own_name(spec: Field) -> str:
    return f"{spec.name}_own"


def is_blank(answers: Mapping[str, Any] | None) -> bool:
    return not answers


def merge(saved: Mapping[str, Any], mine: Mapping[str, Any]) -> dict[str, Any]:
    """Both versions put together, for a young person resolving a conflict: lists joined
    without repeats, ticks combined, different texts kept one after the other."""
    merged: dict[str, Any] = dict(saved)
    for name, value in mine.items():
        theirs = saved.get(name)
        if theirs is None or theirs == value:
            merged[name] = value
        elif isinstance(value, str):
            merged[name] = (
                f"{theirs}\n\n{value}" if "\n" in theirs + value else f"{theirs} / {value}"
            )
        elif isinstance(value, list):
            merged[name] = theirs + [item for item in value if item not in theirs]
        else:
            merged[name] = {
                "ticked": sorted(set(theirs["ticked"]) | set(value["ticked"])),
                "own": theirs["own"] + [item for item in value["own"] if item not in theirs["own"]],
            }
    return merged
