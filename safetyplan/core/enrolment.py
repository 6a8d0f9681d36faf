"""One-time sign-in codes: a worker issues one; the young person uses it once to choose a
username and passphrase. Codes are stored hashed and expire. No Flask request state."""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import select

from . import accounts, safe_word
from .db import db, utcnow
from .encrypted import lookup_hash
from .models import YoungPerson
from .words import N_

# No 0/O, 1/I/L, 5/S or 2/Z: easy to read aloud and type from a printed card.
ALPHABET = "ABCDEFGHJKMNPQRTUVWXY346789"
CODE_LENGTH = 10  # about 48 bits; guessing is also slowed by the rate limit
CODE_VALID_FOR = timedelta(days=7)
CODE_NOT_WORKING = N_(
    "That code doesn't work. Check it and try again. Codes work once and only for 7 days; "
    "your worker can give you a new one."
)
_WORDS = (
    "amber",
    "birch",
    "cloud",
    "coral",
    "delta",
    "ember",
    "fern",
    "harbour",
    "indigo",
    "juniper",
    "kite",
    "lantern",
    "maple",
    "meadow",
    "nova",
    "orbit",
    "pebble",
    "quartz",
    "river",
    "saffron",
    "tide",
    "umber",
    "violet",
    "willow",
    "yonder",
    "zephyr",
)


def normalise(code: str) -> str:
    return "".join(character for character in code.upper() if character.isalnum())


def formatted(code: str) -> str:
    """'ABCDE-FGHJK', in two halves for reading aloud."""
    return f"{code[:5]}-{code[5:]}"


def issue_code(person: YoungPerson) -> str:
    """A new code for this person. Any passphrase they had, the safe word too, stops working
    and they are signed out, so a lost phone or a forgotten passphrase can be dealt with in
    one step."""
    code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    # Keyed (the lookup key is wrapped by the key outside the database): a leaked database
    # alone cannot be used to test guesses at the ~48-bit codes offline.
    person.sign_in_code_hash = lookup_hash(code)
    person.sign_in_code_expires_at = utcnow() + CODE_VALID_FOR
    person.password_hash = None
    safe_word.remove_safe_word(person)
    accounts.end_all_sessions(person)
    return code


def person_for_code(code: str) -> YoungPerson | None:
    code = normalise(code)
    if len(code) != CODE_LENGTH:
        return None
    person = db.session.scalar(
        select(YoungPerson).where(YoungPerson.sign_in_code_hash == lookup_hash(code))
    )
    if person is None or not person.active or person.sign_in_code_expires_at is None:
        return None
    return person if utcnow() < person.sign_in_code_expires_at else None


def complete(person: YoungPerson, username: str, passphrase: str, hash_profile: str) -> None:
    """Use the code up and set the account's username and passphrase."""
    person.set_username(username)
    person.sign_in_code_hash = None
    person.sign_in_code_expires_at = None
    accounts.set_password(person, passphrase, hash_profile)


def suggest_username() -> str:
    """A non-identifying username, like 'willow-pebble-42'."""
    first, second = secrets.choice(_WORDS), secrets.choice(_WORDS)
    return f"{first}-{second}-{secrets.randbelow(90) + 10}"
