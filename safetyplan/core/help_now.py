"""What the Help now page offers: national and local lines, then the young person's own
people from their plan, and their code word ready to text. No Flask."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from . import workbook
from .fields import kind_of
from .models import StaffUser
from .phones import phone_digits
from .plan import CurrentSection
from .words import N_

SECTIONS = tuple(section for section in workbook.SECTIONS if section.feeds_help_now)


@dataclass(frozen=True)
class Line:
    name: str
    phone: str
    can_text: bool = False  # only where texts work: a Text button that fails is worse than none
    note: str = ""
    online: str = ""  # a web address for when there is no credit (Childline's chat)

    @property
    def tel(self) -> str:
        return "tel:" + phone_digits(self.phone)

    @property
    def sms(self) -> str:
        return "sms:" + phone_digits(self.phone)


@dataclass(frozen=True)
class HelpNow:
    services: list[Line]
    people: list[Line]
    trusted_adult: Line | None
    code_word: str
    worker: Line | None = None  # their allocated worker's work phone, when a manager set one

    @property
    def code_word_sms(self) -> str | None:
        """An sms: link with the code word already written. `?&body=` works on both
        Android and iPhone."""
        if not (self.trusted_adult and self.code_word):
            return None
        return f"{self.trusted_adult.sms}?&body={quote(self.code_word)}"


CHILDLINE_CHAT = "https://www.childline.org.uk/get-support/1-2-1-counsellor-chat/"


def services(config: Mapping[str, Any]) -> list[Line]:
    return [
        Line(
            "999",
            "999",
            note=N_(
                "Police, ambulance or fire, if you are in danger now. If you can't speak on a "
                "999 call from a mobile, stay on the line and press 55 when you are asked: "
                "they will put you through to the police."
            ),
        ),
        Line(
            "Childline",
            "0800 1111",
            note=N_("Free, any time, day or night."),
            online=CHILDLINE_CHAT,
        ),
        Line("Missing People", "116 000", can_text=True, note=N_("Free, call or text, any time")),
        Line(config["LOCAL_PROJECT_NAME"], config["LOCAL_PROJECT_PHONE"]),
    ]


def for_plan(
    sections: list[CurrentSection], config: Mapping[str, Any], worker: StaffUser | None = None
) -> HelpNow:
    """The help lines, then the people in the plan: the trusted adult apart, each number
    once, and none that is already a help line (a plan may list Childline too)."""
    lines = services(config)
    seen = {line.tel for line in lines}
    people: list[Line] = []
    trusted_adult: Line | None = None
    code_word = ""
    for current in sections:
        if not current.section.feeds_help_now:
            continue
        for spec in current.section.fields:
            value = current.answers.get(spec.name)
            if spec.name == "code_word" and value:
                code_word = value
            for contact in kind_of(spec).contacts(value):
                if not contact.get("phone"):
                    continue
                line = Line(
                    contact.get("name") or contact["phone"], contact["phone"], can_text=True
                )
                if line.tel in seen:
                    continue
                seen.add(line.tel)
                if spec.name == "trusted_adult" and trusted_adult is None:
                    trusted_adult = line
                else:
                    people.append(line)
    worker_line = (
        Line(f"{worker.name} (my worker)", worker.phone) if worker and worker.phone else None
    )
    return HelpNow(lines, people, trusted_adult, code_word, worker_line)
