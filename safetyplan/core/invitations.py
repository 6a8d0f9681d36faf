"""Who a meeting invites: the people the local guide names for every meeting, and anyone
else involved; for each, their invitation, reply and written report. Whether the meeting
is quorate comes from a rule the council sets (passed in, like the help lines). No Flask."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from .db import db, utcnow
from .meeting_models import Meeting, MeetingInvitee

# The guide's list, in the order a distribution list reads.
ROLES = {
    "young_person": "The young person",
    "parents": "Parents or carers",
    "worker": "Social worker",
    "team_manager": "Team manager",
    "chair": "Independent chair",
    "police": "Police CSE team",
    "school": "School",
    "school_nurse": "School nurse",
    "gp": "GP",
    "cse_worker": "Specialist CSE worker",
    "rights_officer": "Children's rights officer",
    "advocate": "Advocate",
}
OTHERS = 6  # "Someone else involved", as many rows as a meeting needs up to this
HOW = {"email": "Email", "letter": "Letter", "phone": "Phone", "in_person": "In person"}
REPLIES = {"": "Not heard yet", "yes": "Coming", "no": "Not coming"}
# Chair, worker, police, and at least one of health or education.
DEFAULT_QUORUM = "chair; worker; police; gp | school_nurse | school"
QUORUM_WARNING = (
    "The chair may postpone the meeting if the right professionals are not there to make "
    "safe decisions."
)


def is_slot(slot: str) -> bool:
    if slot in ROLES:
        return True
    kind, _, number = slot.partition("-")
    return kind == "other" and number.isdigit() and 1 <= int(number) <= OTHERS


def is_other(slot: str) -> bool:
    return is_slot(slot) and slot not in ROLES


def slot_label(slot: str) -> str:
    return ROLES.get(slot, "Someone else involved")


@dataclass(frozen=True)
class Invitee:
    slot: str
    name: str = ""
    invited_on: date | None = None
    invited_how: str = ""
    reply: str = ""
    apologies: bool = False
    report_asked: bool = False
    report_received: bool = False
    saved_at: datetime | None = None  # when last saved (None: not recorded yet)

    @property
    def label(self) -> str:
        return slot_label(self.slot)

    @property
    def coming(self) -> bool:
        """Counts for the quorum: a "yes" from someone never invited is a slip, not a reply."""
        return self.reply == "yes" and self.invited_on is not None


def problems(invitee: Invitee, meeting_day: date | None, today: date) -> dict[str, str]:
    """What can't be true together, each under the form field ("invited" for the date) a
    person would change to put it right."""
    found = {}
    if is_other(invitee.slot) and not invitee.name.strip():
        found["name"] = "Enter their name or their role, so the list says who they are"
    if invitee.invited_on and invitee.invited_on > today:
        found["invited"] = "Date invited can't be in the future: leave it empty until they are"
    elif invitee.invited_on and meeting_day and invitee.invited_on > meeting_day:
        found["invited"] = "Date invited can't be after the meeting"
    if invitee.reply == "yes" and invitee.invited_on is None and "invited" not in found:
        found["reply"] = "They can only be coming once invited: give the date they were invited"
    if invitee.reply == "yes" and invitee.apologies:
        found["apologies"] = "They can't be coming and send apologies: untick one of them"
    if invitee.report_received and not invitee.report_asked:
        found["report_received"] = (
            "A report can only be received once asked for: tick that it was asked for too"
        )
    return found


def _invitee(row: MeetingInvitee) -> Invitee:
    details = row.details or {}
    invited_on = details.get("invited_on")
    try:
        invited = date.fromisoformat(invited_on) if invited_on else None
    except ValueError:
        invited = None
    return Invitee(
        slot=row.slot,
        name=details.get("name", ""),
        invited_on=invited,
        invited_how=details.get("invited_how", ""),
        reply=details.get("reply", ""),
        apologies=bool(details.get("apologies")),
        report_asked=bool(details.get("report_asked")),
        report_received=bool(details.get("report_received")),
        saved_at=row.updated_at,
    )


def _rows(meeting: Meeting) -> dict[str, MeetingInvitee]:
    rows = db.session.scalars(select(MeetingInvitee).where(MeetingInvitee.meeting_id == meeting.id))
    return {row.slot: row for row in rows}


def _listed(rows: Iterable[MeetingInvitee]) -> list[Invitee]:
    recorded = {row.slot: _invitee(row) for row in rows}
    named = [recorded.get(slot, Invitee(slot)) for slot in ROLES]
    others = [recorded[slot] for slot in sorted(recorded) if slot not in ROLES]
    return named + others


def invitation_list(meeting: Meeting) -> list[Invitee]:
    """Every person the guide names (recorded or not yet), then the others recorded."""
    return _listed(_rows(meeting).values())


def invitation_lists(meeting_ids: list[str]) -> dict[str, list[Invitee]]:
    """Several meetings' lists in one query (the due list reads every meeting's)."""
    rows: dict[str, list[MeetingInvitee]] = {meeting_id: [] for meeting_id in meeting_ids}
    for row in db.session.scalars(
        select(MeetingInvitee).where(MeetingInvitee.meeting_id.in_(meeting_ids))
    ):
        rows[row.meeting_id].append(row)
    return {meeting_id: _listed(found) for meeting_id, found in rows.items()}


def invitee(meeting: Meeting, slot: str) -> Invitee:
    row = _rows(meeting).get(slot)
    return _invitee(row) if row else Invitee(slot)


def next_other_slot(meeting: Meeting) -> str | None:
    taken = set(_rows(meeting))
    free = [f"other-{n}" for n in range(1, OTHERS + 1) if f"other-{n}" not in taken]
    return free[0] if free else None


def remove(meeting: Meeting, slot: str) -> None:
    """Only someone else involved comes off the list: the guide's people are always on it."""
    if is_other(slot) and (row := _rows(meeting).get(slot)):
        db.session.delete(row)
        db.session.flush()


def save(meeting: Meeting, slot: str, details: dict[str, Any]) -> None:
    row = _rows(meeting).get(slot) or MeetingInvitee(
        young_person=meeting.young_person, meeting_id=meeting.id, slot=slot
    )
    row.details = details
    row.updated_at = utcnow()
    db.session.add(row)
    db.session.flush()


@dataclass(frozen=True)
class Quorum:
    met: bool
    missing: list[str]  # each group still without anyone coming, in words


def quorum(rule: str, people: list[Invitee]) -> Quorum:
    """The rule lists groups separated by ";", each met when anyone in it (roles separated
    by "|") has said they are coming."""
    coming = {person.slot for person in people if person.coming}
    missing = []
    for group in rule.split(";"):
        roles = [role.strip() for role in group.split("|") if role.strip()]
        if roles and not coming.intersection(roles):
            labels = [slot_label(role) if role in ROLES else role for role in roles]
            missing.append(" or ".join(labels))
    return Quorum(not missing, missing)
