"""When a meeting's letters were issued: the letters carry the date of their latest issue,
so a reprint keeps its date and a new issue is recorded. Sealed with the meeting's
details. And the support for parents the letters point to, from a setting the council
sets (passed in, like the quorum rule). No Flask."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .meeting_life import update_details
from .meeting_models import Meeting


def issues(meeting: Meeting) -> list[date]:
    return [date.fromisoformat(day) for day in (meeting.details or {}).get("letters_issued", [])]


def issue(meeting: Meeting, today: date) -> None:
    issued = (meeting.details or {}).get("letters_issued", [])
    update_details(meeting, letters_issued=[*issued, today.isoformat()])


# The local guide's letter to parents points to PACE; a council adds its own pages.
DEFAULT_PARENT_SUPPORT = "PACE (Parents Against Child Exploitation) https://paceuk.info/"


@dataclass(frozen=True)
class SupportLink:
    name: str
    url: str  # "" when the setting gives no web address (a phone line, say)


def parent_support(setting: str) -> list[SupportLink]:
    """The setting lists entries separated by ";", each a name then, optionally, its
    http(s) address as the last word: "PACE https://paceuk.info/; Family line 0116 000 0000"."""
    links = []
    for entry in setting.split(";"):
        name, _, last = entry.strip().rpartition(" ")
        if last.startswith(("https://", "http://")) and name.strip():
            links.append(SupportLink(name.strip(), last))
        elif entry.strip():
            links.append(SupportLink(entry.strip(), ""))
    return links
