"""Field kinds: one class per kind of workbook field, each knowing how its answer is read
from a posted form, shown on the form, written as text, merged, and how two answers differ
(in the answer's own shape, diffs.py). No web framework.

Stored answer shapes (changing one means migrating the stored answers):
- short_text, long_text: a string
- contacts: a list of {"name": ..., "phone": ...}
- items: a list of strings
- checklist: {"ticked": [suggestion keys], "own": [the young person's own items]}

Form input names: `field` (text, and the ticked checklist keys), `field-N-name` and
`field-N-phone` (contacts), `field-N-text` (items), `field_own-N-text` (own checklist items).
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from . import diffs
from .diffs import Change
from .phones import phone_problem
from .words import N_, Words
from .workbook import Field, Section

ROW_LIMIT = 300  # characters in one row: a name, a phone number or an item
OWN_ITEMS_LIMIT = 50  # the young person's own items in one checklist
_ROW_INPUT = re.compile(r"^(?P<field>[a-z0-9_]+)-(?P<index>\d{1,3})-(?P<part>name|phone|text)$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

Row = dict[str, str]  # one row's inputs as typed: part ("name", "phone", "text") -> text
Errors = dict[str, str]  # input id -> message


class PostedForm(Protocol):
    """A submitted form as the web layer hands it over (werkzeug's MultiDict is one)."""

    def get(self, key: str) -> str | None: ...

    def getlist(self, key: str) -> list[str]: ...

    def items(self, multi: bool = ...) -> Iterable[tuple[str, str]]: ...


def clean_text(value: str | None, multiline: bool = False) -> str:
    """Trim and drop control characters (not real text); keep every other character,
    emoji, right-to-left and zero-width ones included, exactly as typed."""
    text = _CONTROL.sub("", value or "").replace("\r\n", "\n")
    if not multiline:
        text = text.replace("\n", " ").replace("\r", " ")
    return text.strip()


def _too_long(text: str, limit: int, box: Words) -> str | None:
    """A message naming the box (as its label reads), so the error summary says which one
    to fix."""
    if len(text) > limit:
        return Words(
            "%(box)s is too long. Use %(limit)s characters or fewer. You have %(count)s.",
            box=box,
            limit=limit,
            count=len(text),
        )
    return None


def typed_rows(form: PostedForm, name: str, parts: tuple[str, ...]) -> list[Row]:
    """The rows of a repeating field as typed, in order, blank ones included. A row's
    position in this list is its index when the form is shown again."""
    rows: dict[int, Row] = {}
    for key, value in form.items(multi=True):
        match = _ROW_INPUT.match(key)
        if match and match["field"] == name and match["part"] in parts:
            rows.setdefault(int(match["index"]), {}).setdefault(match["part"], value)
    return [{part: rows[index].get(part, "") for part in parts} for index in sorted(rows)]


@dataclass
class FieldOnForm:
    """One field as the section form shows it (what was typed or saved, with blank rows
    kept so messages line up with their rows), and the answer it holds."""

    kind: Kind
    text: str = ""  # short and long text
    rows: list[Row] = field(default_factory=list)  # contacts, items, own items
    ticked: set[str] = field(default_factory=set)  # checklist
    answer: Any = None  # what is saved; None when the field is blank
    errors: Errors = field(default_factory=dict)

    @property
    def spec(self) -> Field:
        return self.kind.spec


@dataclass
class PostedSection:
    """A posted section form, read once: what to show again and what to save."""

    fields: list[FieldOnForm]

    @property
    def answers(self) -> dict[str, Any]:
        return {shown.spec.name: shown.answer for shown in self.fields if shown.answer is not None}

    @property
    def errors(self) -> Errors:
        return {key: message for shown in self.fields for key, message in shown.errors.items()}


class Kind(ABC):
    """What every field kind does. `kind_of(spec)` gives the one for a workbook field."""

    # Characters in one box: the server's limit, and the form's maxlength (one number).
    limit: ClassVar[int]

    # Its macro in templates/_field_kinds.html, which draws its inputs.
    input_macro: ClassVar[str]

    def __init__(self, spec: Field) -> None:
        self.spec = spec

    @abstractmethod
    def read(self, form: PostedForm) -> FieldOnForm:
        """What was typed, the answer and any problems. Never raises on odd input."""

    @abstractmethod
    def on_form(self, answer: Any) -> FieldOnForm:
        """A saved answer (None when blank) as the form shows it."""

    @abstractmethod
    def as_text(self, answer: Any) -> str:
        """The answer as plain lines."""

    def merge(self, saved: Any, mine: Any) -> Any:
        """Both versions put together, for someone resolving a conflict: nothing of either
        is lost."""
        if mine is None or mine == saved:
            return saved
        if saved is None:
            return mine
        return self._combine(saved, mine)

    @abstractmethod
    def _combine(self, saved: Any, mine: Any) -> Any:
        """Two different answers, neither blank, as one."""

    @abstractmethod
    def diff(self, before: Any, after: Any) -> list[Change]:
        """What changed from one answer to the other (None is blank), in the answer's own
        shape; nothing when they are the same."""

    @abstractmethod
    def apply(self, answer: Any, change: Change) -> Any:
        """`answer` with one change from `diff(answer, other)` made (None when that leaves
        it blank): how one row of an earlier answer is put back without the rest."""

    def contacts(self, answer: Any) -> list[dict[str, str]]:
        """The people in the answer, for the Help now page."""
        return []


class Text(Kind):
    multiline: ClassVar[bool]

    def read(self, form: PostedForm) -> FieldOnForm:
        typed = form.get(self.spec.name) or ""
        text = clean_text(typed, self.multiline)
        problem = _too_long(text, self.limit, Words("“%(label)s”", label=Words(self.spec.label)))
        errors: Errors = {self.spec.name: problem} if problem else {}
        return FieldOnForm(self, text=typed, answer=text or None, errors=errors)

    def on_form(self, answer: Any) -> FieldOnForm:
        return FieldOnForm(self, text=answer or "", answer=answer)

    def as_text(self, answer: Any) -> str:
        return str(answer) if answer else ""

    def _combine(self, saved: Any, mine: Any) -> Any:
        return f"{saved}\n\n{mine}" if "\n" in saved + mine else f"{saved} / {mine}"

    def diff(self, before: Any, after: Any) -> list[Change]:
        old, new = self.as_text(before), self.as_text(after)
        if old == new:
            return []
        if not old:
            return [Change("added", now=after, new=new)]
        if not new:
            return [Change("removed", was=before, old=old)]
        words = tuple(diffs.word_diff(old, new)) if self.multiline else ()
        return [Change("changed", before, after, old, new, words=words)]

    def apply(self, answer: Any, change: Change) -> Any:
        return change.now


class ShortText(Text):
    input_macro = "short_text_input"
    limit = 300
    multiline = False


class LongText(Text):
    input_macro = "long_text_input"
    limit = 5000
    multiline = True


class Rows(Kind):
    """A kind whose answer is a list the person adds rows to and removes rows from."""

    parts: ClassVar[tuple[str, ...]] = ("text",)  # the inputs in one row
    limit = ROW_LIMIT

    def __init__(self, spec: Field) -> None:
        super().__init__(spec)
        self.rows_name = spec.name  # what the row inputs' names start with
        self.max_rows = spec.max_rows
        self.min_rows = spec.rows  # rows shown, blank ones included, for a saved answer

    def blank_row(self) -> Row:
        return dict.fromkeys(self.parts, "")

    def _read_rows(self, form: PostedForm) -> tuple[list[Row], list[Any], Errors]:
        """The rows as typed (at least one), the values of the rows not left blank, and
        messages keyed by input id."""
        typed = typed_rows(form, self.rows_name, self.parts)
        kept: list[Any] = []
        errors: Errors = {}
        for index, row in enumerate(typed):
            value = self._row_value(row, index, errors)
            if value is not None:
                kept.append(value)
        if len(kept) > self.max_rows:
            errors[f"{self.rows_name}-0-{self.parts[0]}"] = Words(
                "You can add up to %(count)s. Remove one to add another.", count=self.max_rows
            )
        return typed or [self.blank_row()], kept, errors

    def _row_value(self, row: Row, index: int, errors: Errors) -> Any:
        """One row's value, None when blank; problems keyed by input id."""
        text = clean_text(row["text"])
        box = Words("“%(label)s %(number)s”", label=Words(self.spec.row_label), number=index + 1)
        if problem := _too_long(text, self.limit, box):
            errors[f"{self.rows_name}-{index}-text"] = problem
        return text or None

    def _shown(self, rows: list[Row]) -> list[Row]:
        return rows + [self.blank_row() for _ in range(self.min_rows - len(rows))]

    def read(self, form: PostedForm) -> FieldOnForm:
        rows, kept, errors = self._read_rows(form)
        return FieldOnForm(self, rows=rows, answer=kept or None, errors=errors)

    def _combine(self, saved: Any, mine: Any) -> Any:
        return saved + [row for row in mine if row not in saved]

    def _show(self, row: Any) -> str:
        return str(row)

    def diff(self, before: Any, after: Any) -> list[Change]:
        return diffs.row_changes(before or [], after or [], self._show)

    def apply(self, answer: Any, change: Change) -> Any:
        return diffs.apply_to_rows(answer or [], change) or None


class Contacts(Rows):
    input_macro = "contacts_input"
    parts = ("name", "phone")

    def _row_value(self, row: Row, index: int, errors: Errors) -> Any:
        name, phone = clean_text(row["name"]), clean_text(row["phone"])
        if not name and not phone:
            return None
        input_id = f"{self.rows_name}-{index}"
        label, number = Words(self.spec.label), index + 1
        box = Words("Name %(number)s in “%(label)s”", number=number, label=label)
        if problem := _too_long(name, self.limit, box):
            errors[f"{input_id}-name"] = problem
        if phone:
            box = Words("Phone number %(number)s in “%(label)s”", number=number, label=label)
            if problem := phone_problem(phone, name) or _too_long(phone, self.limit, box):
                errors[f"{input_id}-phone"] = problem
            elif not name:
                errors[f"{input_id}-name"] = N_("Enter a name for this number")
        return {"name": name, "phone": phone}

    def on_form(self, answer: Any) -> FieldOnForm:
        rows = [{part: contact.get(part, "") for part in self.parts} for contact in answer or []]
        return FieldOnForm(self, rows=self._shown(rows), answer=answer)

    def as_text(self, answer: Any) -> str:
        return "\n".join(self._show(contact) for contact in answer or [])

    def _show(self, row: Any) -> str:
        # A contact may have a name and no number (or the other way round): no stray colon.
        return ": ".join(part for part in (row.get("name", ""), row.get("phone", "")) if part)

    def diff(self, before: Any, after: Any) -> list[Change]:
        """Rows added and removed, and a person whose number (or a number whose name)
        changed as one change."""
        return diffs.row_changes(
            before or [], after or [], self._show, diffs.same_person, diffs.same_number
        )

    def contacts(self, answer: Any) -> list[dict[str, str]]:
        return list(answer or [])


class Items(Rows):
    input_macro = "items_input"

    def on_form(self, answer: Any) -> FieldOnForm:
        rows = [{"text": item} for item in answer or []]
        return FieldOnForm(self, rows=self._shown(rows), answer=answer)

    def as_text(self, answer: Any) -> str:
        return "\n".join(answer or [])


class Checklist(Rows):
    """Suggested actions to tick, and rows for the young person's own."""

    input_macro = "checklist_input"

    def __init__(self, spec: Field) -> None:
        super().__init__(spec)
        self.rows_name = f"{spec.name}_own"
        self.max_rows = OWN_ITEMS_LIMIT
        self.min_rows = 1

    def read(self, form: PostedForm) -> FieldOnForm:
        typed_ticks = form.getlist(self.spec.name)
        known = {suggestion.key for suggestion in self.spec.suggestions}
        ticked = sorted({key for key in typed_ticks if key in known})
        rows, own, errors = self._read_rows(form)
        answer = {"ticked": ticked, "own": own} if ticked or own else None
        return FieldOnForm(self, rows=rows, ticked=set(typed_ticks), answer=answer, errors=errors)

    def on_form(self, answer: Any) -> FieldOnForm:
        answer = answer or {}
        own = [{"text": item} for item in answer.get("own", [])]
        return FieldOnForm(
            self, rows=self._shown(own), ticked=set(answer.get("ticked", [])), answer=answer or None
        )

    def as_text(self, answer: Any) -> str:
        if not answer:
            return ""
        ticked = [s.text for s in self.spec.suggestions if s.key in answer.get("ticked", [])]
        return "\n".join(ticked + list(answer.get("own", [])))

    def _combine(self, saved: Any, mine: Any) -> Any:
        return {
            "ticked": sorted(set(saved["ticked"]) | set(mine["ticked"])),
            "own": super()._combine(saved["own"], mine["own"]),
        }

    def diff(self, before: Any, after: Any) -> list[Change]:
        """Suggestions ticked and unticked, then the young person's own items added and
        removed."""
        before, after = before or {}, after or {}
        was, now = set(before.get("ticked", [])), set(after.get("ticked", []))
        changes = diffs.tick_changes(self.spec.suggestions, was, now)
        return changes + super().diff(before.get("own"), after.get("own"))

    def apply(self, answer: Any, change: Change) -> Any:
        ticked, own = set((answer or {}).get("ticked", [])), (answer or {}).get("own", [])
        if change.kind == "ticked":
            ticked.add(change.now)
        elif change.kind == "unticked":
            ticked.discard(change.was)
        else:
            own = diffs.apply_to_rows(own, change)
        return {"ticked": sorted(ticked), "own": own} if ticked or own else None


KINDS: dict[str, type[Kind]] = {
    "short_text": ShortText,
    "long_text": LongText,
    "contacts": Contacts,
    "items": Items,
    "checklist": Checklist,
}


def kind_of(spec: Field) -> Kind:
    return KINDS[spec.kind](spec)


def read(section: Section, form: PostedForm) -> PostedSection:
    """Read a posted section form once. Problems become messages, and what was typed is
    kept so it can be shown again."""
    return PostedSection([kind_of(spec).read(form) for spec in section.fields])


def on_form(section: Section, answers: Mapping[str, Any]) -> list[FieldOnForm]:
    """Saved answers as the section form shows them."""
    return [kind_of(spec).on_form(answers.get(spec.name)) for spec in section.fields]


def merge(section: Section, saved: Mapping[str, Any], mine: Mapping[str, Any]) -> dict[str, Any]:
    """Both versions of a section's answers put together, field by field."""
    merged = dict(saved)
    for spec in section.fields:
        value = kind_of(spec).merge(saved.get(spec.name), mine.get(spec.name))
        if value is not None:
            merged[spec.name] = value
    return merged
