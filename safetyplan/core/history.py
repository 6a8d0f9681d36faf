"""Revision history: pages of revisions, the plan as it was, and readable differences.
No Flask request state."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from . import workbook
from .db import db
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


def plan_before(person: YoungPerson, revision: SectionRevision) -> Snapshot:
    """The plan just before `revision`: the same, but with that section's previous answer."""
    snapshot = plan_as_at(person, revision)
    previous = db.session.scalar(
        select(SectionRevision).where(
            SectionRevision.young_person_id == person.id,
            SectionRevision.section_number == revision.section_number,
            SectionRevision.version == revision.version - 1,
        )
    )
    snapshot[revision.section_number] = previous.answers if previous else {}
    return snapshot


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
class Segment:
    kind: str  # "same", "added" or "removed"
    text: str


@dataclass(frozen=True)
class FieldChange:
    label: str
    kind: str  # "added", "removed" or "changed"
    words: list[Segment]  # the before and after text, word by word


@dataclass(frozen=True)
class SectionChange:
    section: workbook.Section
    fields: list[FieldChange]


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


def compare(before: Snapshot, after: Snapshot) -> list[SectionChange]:
    """What changed between two snapshots, section by section and field by field."""
    changes = []
    for section in workbook.SECTIONS:
        old, new = before.get(section.number, {}), after.get(section.number, {})
        fields = []
        for spec in section.fields:
            as_text = kind_of(spec).as_text
            old_text, new_text = as_text(old.get(spec.name)), as_text(new.get(spec.name))
            if old_text == new_text:
                continue
            kind = "added" if not old_text else "removed" if not new_text else "changed"
            fields.append(FieldChange(spec.label, kind, word_diff(old_text, new_text)))
        if fields:
            changes.append(SectionChange(section, fields))
    return changes
