"""A young person's plan: current answers, saving revisions, conflicts, deletion. No Flask
request state: callers say who is acting."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, bindparam, delete, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from . import workbook
from .accounts import end_all_sessions
from .db import db, new_id, utcnow
from .encrypted import DataKey
from .models import SectionRevision, SectionState, StaffUser, YoungPerson


@dataclass(frozen=True)
class CurrentSection:
    """One section of a plan as it is now."""

    section: workbook.Section
    answers: dict[str, Any]
    version: int
    done: bool
    updated_at: datetime | None
    updated_by: str | None  # "young_person" or "staff"
    restored: tuple[str, ...] = ()  # labels of answers a worker put back, if that was last
    worker_name: str | None = None  # who saved it last, if that was a worker (for staff pages)

    @property
    def started(self) -> bool:
        return bool(self.answers)


@dataclass(frozen=True)
class Saved:
    version: int


@dataclass(frozen=True)
class Conflict:
    """The section changed since the form was loaded: nothing was saved."""

    current: CurrentSection


# Built once, with the person and sections as parameters: building a query costs about
# as much as running it, and these run on every plan page.
_STATES_WITH_ANSWERS = (
    select(
        SectionState.section_number,
        SectionState.version,
        SectionState.done,
        SectionState.updated_at,
        SectionState.updated_by,
        SectionState.restored_fields,
        SectionRevision.id.label("revision_id"),
        SectionRevision._answers,
        SectionState.updated_by_staff_id,
    )
    .outerjoin(SectionRevision, SectionRevision.id == SectionState.revision_id)
    .where(
        SectionState.young_person_id == bindparam("person_id"),
        SectionState.section_number.in_(bindparam("numbers", expanding=True)),
    )
)
_PROGRESS = select(
    SectionState.section_number,
    SectionState.has_answers,
    SectionState.done,
    SectionState.updated_at,
    SectionState.updated_by,
    SectionState.restored_fields,
).where(SectionState.young_person_id == bindparam("person_id"))


def _states(person: YoungPerson, numbers: list[int]) -> dict[int, Row[*tuple[Any, ...]]]:
    """The sections' states with their current revisions' sealed answers, as plain rows:
    loading them as objects cost more than decrypting them."""
    rows = db.session.execute(_STATES_WITH_ANSWERS, {"person_id": person.id, "numbers": numbers})
    return {row.section_number: row for row in rows}


def _current(
    person: YoungPerson, section: workbook.Section, state: Row[*tuple[Any, ...]] | None
) -> CurrentSection:
    if state is None:
        return CurrentSection(section, {}, 0, False, None, None)
    answers = (
        SectionRevision.answers.open_column(person.data_key(), state.revision_id, state._answers)
        if state.revision_id
        else {}
    )
    restored = tuple(f.label for f in section.fields if f.name in (state.restored_fields or []))
    # The session's identity map holds each worker once, however many sections they changed.
    worker = (
        db.session.get(StaffUser, state.updated_by_staff_id) if state.updated_by_staff_id else None
    )
    return CurrentSection(
        section,
        answers,
        state.version,
        state.done,
        state.updated_at,
        state.updated_by,
        restored,
        worker.name if worker else None,
    )


@dataclass(frozen=True)
class SectionStatus:
    """Where a section stands, read without decrypting its answers."""

    section: workbook.Section
    started: bool
    done: bool
    updated_at: datetime | None
    updated_by: str | None
    restored: list[str]  # labels of the answers a worker restored, if that was the last change


def plan_status(person: YoungPerson) -> list[SectionStatus]:
    """Every section's state in workbook order: for pages that show progress, not answers."""
    states = {
        state.section_number: state
        for state in db.session.execute(_PROGRESS, {"person_id": person.id})
    }
    return [
        SectionStatus(
            section,
            state.has_answers,
            state.done,
            state.updated_at,
            state.updated_by,
            [f.label for f in section.fields if f.name in (state.restored_fields or [])],
        )
        if (state := states.get(section.number))
        else SectionStatus(section, False, False, None, None, [])
        for section in workbook.SECTIONS
    ]


def current_plan(
    person: YoungPerson, sections: Sequence[workbook.Section] = workbook.SECTIONS
) -> list[CurrentSection]:
    """The sections asked for (all of them unless told), in workbook order, decrypted once
    each. Pages that show a few sections load only those."""
    states = _states(person, [section.number for section in sections])
    return [_current(person, section, states.get(section.number)) for section in sections]


def current_section(person: YoungPerson, section: workbook.Section) -> CurrentSection:
    return _current(person, section, _states(person, [section.number]).get(section.number))


def save_section(
    person: YoungPerson,
    section: workbook.Section,
    answers: dict[str, Any],
    *,
    base_version: int,
    done: bool,
    author: StaffUser | None = None,
    planning_session_id: str | None = None,
    restored_from_id: str | None = None,
    restored_fields: Sequence[str] = (),
) -> Saved | Conflict:
    """Save answers as a new immutable revision, unless someone saved this section since
    `base_version` was loaded: then save nothing and return the current version. A worker's
    restore names the fields it put back (`restored_fields`), for the young person to see
    until the section changes again."""
    current = current_section(person, section)
    if current.version != base_version:
        return Conflict(current)
    if answers == current.answers and done == current.done:
        return Saved(current.version)
    now = utcnow()
    author_kind = "staff" if author else "young_person"
    changed = answers != current.answers
    # Any change takes a new version, ticking "done" too, so two saves of the same
    # version can never both land (the second is a Conflict, shown to its author).
    version = base_version + 1
    if base_version == 0:
        _ensure_state(person, section)
    # Claim the version with one conditional update: if another save of this section got in
    # first, nothing matches and nothing is written (no lost update, no broken transaction).
    state_row = (SectionState.young_person_id == person.id) & (
        SectionState.section_number == section.number
    )
    claimed = db.session.execute(
        update(SectionState)
        .where(state_row, SectionState.version == base_version)
        .values(
            version=version,
            done=done,
            updated_at=now,
            updated_by=author_kind,
            updated_by_staff_id=author.id if author else None,
            restored_fields=list(restored_fields) or None,
        )
    )
    if not claimed.rowcount:  # type: ignore[attr-defined]
        return Conflict(current_section(person, section))
    if changed:
        revision = SectionRevision(
            young_person=person,
            section_number=section.number,
            version=version,
            author_kind=author_kind,
            author_staff=author,
            planning_session_id=planning_session_id,
            restored_from_id=restored_from_id,
            created_at=now,
        )
        revision.answers = answers
        db.session.add(revision)
        db.session.flush()
        db.session.execute(
            update(SectionState)
            .where(state_row)
            .values(revision_id=revision.id, has_answers=bool(answers))
        )
    person.last_change_at = now
    person.last_change_by = author_kind
    return Saved(version)


def _ensure_state(person: YoungPerson, section: workbook.Section) -> None:
    """The section's state row, created at version 0 unless it exists (or a concurrent save
    creates it first)."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    db.session.execute(
        insert(SectionState)
        .values(id=new_id(), young_person_id=person.id, section_number=section.number, version=0)
        .on_conflict_do_nothing()
    )


def delete_young_person(person: YoungPerson) -> None:
    """Delete a young person and destroy their data key, so any copy of their encrypted
    data (in a backup, say) can no longer be read."""
    key_id = person.data_key_id
    end_all_sessions(person)
    db.session.execute(delete(SectionState).where(SectionState.young_person_id == person.id))
    db.session.delete(person)
    db.session.flush()
    db.session.execute(delete(DataKey).where(DataKey.id == key_id))
