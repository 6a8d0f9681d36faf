"""What the Help now page offers: national and local lines, then the young person's own
people from their plan, and their code word ready to text. No Flask."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from . import workbook
from .fields import kind_of
from .phones import phone_digits
from .plan import CurrentSection

SECTIONS = tuple(section for section in workbook.SECTIONS if section.feeds_help_now)


@dataclass(frozen=True)
class Line:
    name: str
    phone: str
    can_text: bool = False
    note: str = ""

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

    @property
    def code_word_sms(self) -> str | None:
        """An sms: link with the code word already written. `?&body=` works on both
        Android and iPhone."""
        if not (self.trusted_adult and self.code_word):
            return None
        return f"{self.trusted_adult.sms}?&body={quote(self.code_word)}"


def services(config: Mapping[str, Any]) -> list[Line]:
    return [
        Line("Police, ambulance or fire (emergency)", "999", note="If you are in danger now"),
        Line("Childline", "0800 1111", note="Free, any time, day or night"),
        Line("Missing People", "116 000", can_text=True, note="Free, call or text, any time"),
        Line(config["LOCAL_PROJECT_NAME"], config["LOCAL_PROJECT_PHONE"]),
    ]


def for_plan(sections: list[CurrentSection], config: Mapping[str, Any]) -> HelpNow:
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
                if spec.name == "trusted_adult" and trusted_adult is None:
                    trusted_adult = line
                elif line not in people and line != trusted_adult:
                    people.append(line)
    return HelpNow(services(config), people, trusted_adult, code_word)
