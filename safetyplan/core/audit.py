"""The audit log of staff views and changes. Stored as ids and action names only, never
content; names are looked up when a manager reads it. No Flask request state."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, select

from . import workbook, worker_alerts
from .clock import LONDON, in_london
from .db import db
from .models import AuditEvent, StaffUser, YoungPerson

# What each action is called on the page and in the export. An action missing here still
# shows, spelled out from its name. The filter offers the actions the log holds, whatever
# their names, so it can't offer one that matches nothing.
ACTIONS = {
    "viewed_plan": "Viewed plan",
    "viewed_record": "Viewed record",
    "viewed_history": "Viewed history",
    "viewed_meetings": "Viewed meetings",
    "viewed_notes": "Viewed private notes",
    "printed_letters": "Printed letters",
    "changed_section": "Changed a section",
    "restored_revision": "Restored an earlier answer",
    "started_session": "Started a session",
    "saved_session": "Saved a session's note and sections gone through",
    "ended_session": "Ended a session",
    "created_young_person": "Added a young person",
    "edited_record": "Edited a record",
    "allocated": "Allocated",
    "handed_over": "Handed over a caseload",
    "set_review_date": "Set the review date",
    "saved_meeting": "Saved a meeting",
    "issued_sign_in_code": "Gave a sign-in code",
    "deactivated": "Deactivated a young person",
    "reactivated": "Reactivated a young person",
    "deleted_young_person": "Deleted a young person",
    "revoked_share": "Stopped a shared link",
    "refused_access": "Was refused access",
    "created_staff": "Added a staff account",
    "changed_staff_role": "Changed a staff role",
    "set_staff_phone": "Set a work phone",
    "reset_staff_password": "Reset a staff password",
    "deactivated_staff": "Deactivated a staff account",
    "reactivated_staff": "Reactivated a staff account",
    "changed_own_password": "Changed their own password",
    "exported_audit": "Exported the audit log",
    "signed_in": "Signed in",
    "sign_in_failed": "Sign-in failed",
    "enrolled": "Chose a username",
    "changed_passphrase": "Changed their passphrase",
    "created_share": "Shared their plan",
    "extended_share": "Extended a shared link",
    "share_opened": "Shared link opened",
    "sent_views": "Sent their views",
    "held_form": "Kept a form sent after the idle limit",
}
# Views repeated by the same person, of the same young person, each within this long of
# the last, are one session of work: the log shows them as one row.
FOLD_WITHIN = timedelta(minutes=30)
_ID = re.compile(r"\b[0-9a-f]{32}\b")
# A section, and perhaps one of its answers, as details name them: "section 1 code_word".
_SECTION = re.compile(r"\bsection (\d+)(?: ([a-z_]+))?")


def record(
    actor_kind: str,
    actor_id: str | None,
    action: str,
    young_person_id: str | None = None,
    detail: str | None = None,
) -> None:
    """Add an event to the caller's transaction."""
    db.session.add(
        AuditEvent(
            actor_kind=actor_kind,
            actor_id=actor_id,
            action=action,
            young_person_id=young_person_id,
            detail=detail[:200] if detail else None,
        )
    )


def action_label(action: str) -> str:
    return ACTIONS.get(action) or action.replace("_", " ").capitalize()


def actions_in_log() -> list[tuple[str, str]]:
    """Each action the log holds, with its label, in alphabetical order of the labels."""
    actions = db.session.scalars(select(AuditEvent.action).distinct())
    return sorted(((action, action_label(action)) for action in actions), key=lambda a: a[1])


def young_people() -> list[tuple[str, str]]:
    """Every young person's id and preferred name, by name, for the log's filter. Names are
    sealed, so they are sorted here (a service has hundreds of records, not millions)."""
    people = db.session.scalars(select(YoungPerson)).all()
    return sorted(
        ((person.id, person.preferred_name) for person in people),
        key=lambda pair: pair[1].casefold(),
    )


def _section_in_words(found: re.Match[str]) -> str:
    """ "section 1 code_word" as a person reads it: the section's title and the answer's."""
    section = workbook.section_by_number(int(found[1]))
    if section is None:
        return found[0]
    field = next((f for f in section.fields if f.name == found[2]), None)
    named = f"“{section.title}”"
    if field is not None:
        return f"{named}, “{field.label}”"
    return f"{named} {found[2]}" if found[2] else named


@dataclass(frozen=True)
class Filters:
    """Which events a manager asked for; every part optional. Dates are UK days."""

    young_person_id: str | None = None
    staff_id: str | None = None
    action: str | None = None
    since: date | None = None
    until: date | None = None

    def query(self) -> Select[Any]:
        query = select(AuditEvent)
        if self.young_person_id:
            query = query.where(AuditEvent.young_person_id == self.young_person_id)
        if self.staff_id:
            query = query.where(
                AuditEvent.actor_kind == "staff", AuditEvent.actor_id == self.staff_id
            )
        if self.action:
            query = query.where(AuditEvent.action == self.action)
        if self.since:
            query = query.where(AuditEvent.at >= _utc_start_of(self.since))
        if self.until:
            query = query.where(AuditEvent.at < _utc_start_of(self.until + timedelta(days=1)))
        return query


def _utc_start_of(day: date) -> datetime:
    """Midnight in the UK on `day`, as the naive UTC the log stores."""
    return datetime.combine(day, time(), LONDON).astimezone(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class Entry:
    """One row of the log as read: an event, or several views folded into one."""

    event: AuditEvent  # the newest of them
    times: int
    first_at: datetime


def folded(events: Iterable[AuditEvent]) -> list[Entry]:
    """Events, newest first, with each run of views of one young person by one person
    folded into one entry, as long as no view is more than FOLD_WITHIN after the last."""
    entries: list[Entry] = []
    open_runs: dict[tuple[str, str | None, str | None], int] = {}
    for event in events:
        key = (event.action, event.actor_id, event.young_person_id)
        run = open_runs.get(key)
        if (
            event.action.startswith("viewed_")
            and run is not None
            and entries[run].first_at - event.at <= FOLD_WITHIN
        ):
            entries[run] = replace(entries[run], times=entries[run].times + 1, first_at=event.at)
            continue
        open_runs[key] = len(entries)
        entries.append(Entry(event, 1, event.at))
    return entries


class Names:
    """Who the ids in the log are, looked up a batch at a time: staff by their name, young
    people by their preferred name. A deleted young person's id stays unnamed."""

    def __init__(self) -> None:
        self.staff: dict[str, str] = {}
        self.young_people: dict[str, str | None] = {}

    def learn(self, events: Iterable[AuditEvent]) -> None:
        ids = set()
        for event in events:
            ids.update(_ID.findall(event.detail or ""))
            ids.update(filter(None, (event.actor_id, event.young_person_id)))
        staff_ids = ids - self.staff.keys() - self.young_people.keys()
        for staff in db.session.scalars(select(StaffUser).where(StaffUser.id.in_(staff_ids))):
            self.staff[staff.id] = staff.name
        people_ids = staff_ids - self.staff.keys()
        found = db.session.scalars(select(YoungPerson).where(YoungPerson.id.in_(people_ids)))
        for person in found:
            self.young_people[person.id] = person.preferred_name
        self.young_people.update(dict.fromkeys(people_ids - self.young_people.keys()))

    def who(self, event: AuditEvent) -> str:
        if event.actor_kind == "staff" and event.actor_id in self.staff:
            return self.staff[event.actor_id]
        return event.actor_kind.replace("_", " ").capitalize()

    def young_person(self, young_person_id: str | None) -> str:
        if not young_person_id:
            return ""
        return self.young_people.get(young_person_id) or "A deleted record"

    def detail(self, event: AuditEvent) -> str:
        """The detail in words: any id replaced by the name it stands for, and a section and
        answer by their titles."""
        if event.action == "told_worker":  # the kind of thing that happened, as they chose it
            return worker_alerts.KINDS.get(event.detail or "", event.detail or "")
        named = _ID.sub(lambda found: self._name_of(found.group()), event.detail or "")
        return _SECTION.sub(_section_in_words, named)

    def _name_of(self, row_id: str) -> str:
        if row_id in self.staff:
            return self.staff[row_id]
        return self.young_people.get(row_id) or "an unknown record"


def csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: one starting with =, +, - or @ (or a tab or
    carriage return) would otherwise run as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


CSV_HEADER = ["When (UK time)", "Who", "What", "Detail", "Young person"]


def csv_rows(filters: Filters, batch: int = 500) -> Iterator[list[str]]:
    """Every matching event, newest first, unfolded, as spreadsheet-safe cells."""
    names = Names()
    query = filters.query().order_by(AuditEvent.id.desc())
    yield CSV_HEADER
    for events in db.session.scalars(query.execution_options(yield_per=batch)).partitions():
        names.learn(events)
        for event in events:
            cells = [
                f"{in_london(event.at):%Y-%m-%d %H:%M:%S}",
                names.who(event),
                action_label(event.action),
                names.detail(event),
                names.young_person(event.young_person_id),
            ]
            yield [csv_cell(cell) for cell in cells]
