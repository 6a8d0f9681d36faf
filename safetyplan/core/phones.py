"""Phone numbers as people type them: checked kindly, and dialled as digits. No web
framework."""

from __future__ import annotations

import re

PHONE_EXAMPLE = "like 07700 900 982 or +44 7700 900 982"
_PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()\-.]+$")


def phone_digits(phone: str) -> str:
    """What goes after tel: or sms:, e.g. '+447700900982' or '07700900982'. The "(0)" in
    "+44 (0)7700..." is not dialled from abroad, so it goes."""
    if phone.strip().startswith("+"):
        return "+" + re.sub(r"\D", "", phone.replace("(0)", ""))
    return re.sub(r"\D", "", phone)


def phone_problem(phone: str, name: str = "") -> str | None:
    """What is wrong with a phone number, naming whose it is when we know."""
    whose = f"{name}'s number" if name else "the phone number"
    if not _PHONE_CHARACTERS.match(phone):
        return f"Enter {whose} using numbers only, {PHONE_EXAMPLE}"
    digits = len(phone_digits(phone).lstrip("+"))
    if digits < 3:
        return f"Enter the whole of {whose}, {PHONE_EXAMPLE}"
    if digits > 15:
        return f"{whose[0].upper()}{whose[1:]} is too long. Enter a phone number, {PHONE_EXAMPLE}"
    return None
