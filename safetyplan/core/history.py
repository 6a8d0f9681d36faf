"""Revision history: pages of revisions, the plan as it was, and readable differences.
No Flask request state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from . import workbook
from .db import db
from .diffs import Change
from .fields import kind_of
from .models import SectionRevision, YoungPerson
from .paging import Page, page_of

PER_PAGE = 25


def revisions_page(person: YoungPerson, number: int = 1) -> Page[SectionRevision]:
    """Newest first. Answers are not decrypted here, so the cost of a page does not grow
    with the length of the history."""
    return page_of(
        select(SectionRevision).where(SectionRevision.young_person_id == person.id),
        number,
        PER_PAGE,
        order_by=(SectionRevision.created_at.desc(), SectionRevision.version.desc()),
        options=(joinedload(SectionRevision.author_staff),),
    )


Snapshot = dict[int, dict[str, Any]]  # section number -> answers


def plan_as_at(person: YoungPerson, revision: SectionRevision) -> Snapshot:
    """Every section's answers as they were just after `revision` was saved."""
    return plan_as_at_time(person, revision.created_at)


def plan_as_at_time(person: YoungPerson, moment: datetime) -> Snapshot:
    """Every section's answers as they stood at `moment`."""
    latest = (
        select(SectionRevision.section_number, func.max(SectionRevision.version).label("version"))
        .where(
            SectionRevision.young_person_id == person.id,
            SectionRevision.created_at <= moment,
        )
        .group_by(SectionRevision.section_number)
        .subquery()
    )
    rows = db.session.scalars(
        select(SectionRevision).join(
            latest,
            (SectionRevision.section_number == latest.c.section_number)
            & (SectionRevision.version == latest.c.version)
            & (SectionRevision.young_person_id == person.id),
        )
    )
    return {row.section_number: row.answers for row in rows}


@dataclass(frozen=True)
class FieldChange:
    label: str
    kind: str  # "added", "removed" or "changed": the answer as a whole
    changes: list[Change]  # in the answer's own shape: rows, ticks, old and new text


def field_changes(
    section: workbook.Section, before: dict[str, Any], after: dict[str, Any]
) -> list[FieldChange]:
    """What changed in one section's answers, field by field."""
    found = []
    for spec in section.fields:
        kind = kind_of(spec)
        old, new = before.get(spec.name), after.get(spec.name)
        if changes := kind.diff(old, new):
            whole = "added" if not kind.as_text(old) else "changed"
            found.append(
                FieldChange(spec.label, "removed" if not kind.as_text(new) else whole, changes)
            )
    return found


@dataclass(frozen=True)
class RevisionChange:
    """What one saved revision changed, and so who changed it, when, and in which session."""

    revision: SectionRevision
    fields: list[FieldChange]


@dataclass(frozen=True)
class SectionHistory:
    section: workbook.Section
    revisions: list[RevisionChange]


def _previous(person: YoungPerson, firsts: list[SectionRevision]) -> dict[int, dict[str, Any]]:
    """The answers just before each of these revisions (one a section), by section."""
    if not firsts:
        return {}
    rows = db.session.scalars(
        select(SectionRevision).where(
            SectionRevision.young_person_id == person.id,
            or_(
                *(
                    (SectionRevision.section_number == first.section_number)
                    & (SectionRevision.version == first.version - 1)
                    for first in firsts
                )
            ),
        )
    )
    return {row.section_number: row.answers for row in rows}


def changes_between(
    person: YoungPerson, start: datetime | None, end: datetime | None
) -> list[SectionHistory]:
    """Every revision saved after `start` (from the beginning if None) up to `end` (until now
    if None), each with what it changed, by section in workbook order, oldest first."""
    query = select(SectionRevision).where(SectionRevision.young_person_id == person.id)
    if start is not None:
        query = query.where(SectionRevision.created_at > start)
    if end is not None:
        query = query.where(SectionRevision.created_at <= end)
    revisions = list(
        db.session.scalars(
            query.order_by(SectionRevision.section_number, SectionRevision.version).options(
                joinedload(SectionRevision.author_staff)
            )
        )
    )
    by_section: dict[int, list[SectionRevision]] = {}
    for revision in revisions:
        by_section.setdefault(revision.section_number, []).append(revision)
    before = _previous(person, [rows[0] for rows in by_section.values()])
    found = []
    for section in workbook.SECTIONS:
        changed = []
        answers = before.get(section.number, {})
        for revision in by_section.get(section.number, []):
            if fields := field_changes(section, answers, revision.answers):
                changed.append(RevisionChange(revision, fields))
            answers = revision.answers
        if changed:
            found.append(SectionHistory(section, changed))
    return found


def revision_changes(person: YoungPerson, revision: SectionRevision) -> list[SectionHistory]:
    """What one revision changed, in the same shape as `changes_between`."""
    section = workbook.section_by_number(revision.section_number)
    before = _previous(person, [revision]).get(revision.section_number, {})
    fields = field_changes(section, before, revision.answers) if section else []
    return (
        [SectionHistory(section, [RevisionChange(revision, fields)])] if section and fields else []
    )


@dataclass(frozen=True)
class Restorable:
    """One answer in an earlier revision that differs from the plan now, and the changes
    putting it back would make (from the answer now to the earlier one)."""

    spec: workbook.Field
    changes: list[Change]


def restorable(
    section: workbook.Section, now: dict[str, Any], earlier: dict[str, Any]
) -> list[Restorable]:
    found = []
    for spec in section.fields:
        if changes := kind_of(spec).diff(now.get(spec.name), earlier.get(spec.name)):
            found.append(Restorable(spec, changes))
    return found


def with_restored(
    answers: dict[str, Any], earlier: dict[str, Any], choice: Restorable, change: int | None
) -> dict[str, Any]:
    """`answers` with the chosen earlier answer put back: all of it, or with `change` (an
    index into `choice.changes`) just that one row or tick."""
    name = choice.spec.name
    if change is None:
        value = earlier.get(name)
    else:
        value = kind_of(choice.spec).apply(answers.get(name), choice.changes[change])
    restored = {key: kept for key, kept in answers.items() if key != name}
    return restored | ({name: value} if value is not None else {})
