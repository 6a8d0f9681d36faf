"""Phone numbers as people type them: checked kindly, and dialled as digits. No web
framework."""

from __future__ import annotations

import re

from .words import N_, Words

_PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()\-.]+$")


def phone_digits(phone: str) -> str:
    """What goes after tel: or sms:, e.g. '+447700900982' or '07700900982'. The "(0)" in
    "+44 (0)7700..." is not dialled from abroad, so it goes."""
    if phone.strip().startswith("+"):
        return "+" + re.sub(r"\D", "", phone.replace("(0)", ""))
    return re.sub(r"\D", "", phone)


# What can be wrong with a number: in words naming whose it is, and in words for when we
# don't know.
_PROBLEMS = {
    "not digits": (
        N_("Enter %(name)s's number using numbers only, like 07700 900 982 or +44 7700 900 982"),
        N_("Enter the phone number using numbers only, like 07700 900 982 or +44 7700 900 982"),
    ),
    "too short": (
        N_("Enter the whole of %(name)s's number, like 07700 900 982 or +44 7700 900 982"),
        N_("Enter the whole of the phone number, like 07700 900 982 or +44 7700 900 982"),
    ),
    "too long": (
        N_("%(name)s's number is too long. Enter a phone number, like 07700 900 982"),
        N_("The phone number is too long. Enter a phone number, like 07700 900 982"),
    ),
}


def phone_problem(phone: str, name: str = "") -> str | None:
    """What is wrong with a phone number, naming whose it is when we know."""
    digits = len(phone_digits(phone).lstrip("+"))
    if not _PHONE_CHARACTERS.match(phone):
        problem = "not digits"
    elif digits < 3:
        problem = "too short"
    elif digits > 15:
        problem = "too long"
    else:
        return None
    named, unnamed = _PROBLEMS[problem]
    if not name:
        return Words(unnamed)
    # A name long enough to fill the screen is shortened: the message is about the number.
    return Words(named, name=name if len(name) <= 40 else name[:39].rstrip() + "…")
