"""The safe-word passphrase: a second passphrase a young person may set. Signing in with it
opens only ordinary-looking notes, never the plan, shares or meeting, for when someone makes
them sign in in front of them. Their worker is quietly told, if they chose that."""

from __future__ import annotations

from datetime import date, datetime

from .models import YoungPerson
from .passwords import hash_password, verify_password
from .worker_alerts import tell

# What the notes hold until the young person writes their own: ordinary, nothing to notice.
FIRST_NOTES = (
    "Maths homework: page 42, for Thursday\n"
    "Buy: phone charger, bus pass top-up\n"
    "Football on Saturday, 10am"
)


def set_safe_word(person: YoungPerson, passphrase: str, tells_worker: bool, profile: str) -> None:
    person.safe_word_hash = hash_password(passphrase, profile)
    person.safe_word_tells_worker = tells_worker
    if person.decoy_notes is None:
        person.decoy_notes = FIRST_NOTES


def remove_safe_word(person: YoungPerson) -> None:
    person.safe_word_hash = None
    person.safe_word_tells_worker = False


def same_as_passphrase(person: YoungPerson, passphrase: str, profile: str) -> bool:
    return verify_password(person.password_hash, passphrase, profile)


def same_as_safe_word(person: YoungPerson, passphrase: str, profile: str) -> bool:
    """A new passphrase must not be the safe word: signing in with it would open the plan,
    and the young person would believe it still kept the plan closed."""
    return bool(person.safe_word_hash) and verify_password(
        person.safe_word_hash, passphrase, profile
    )


def used(person: YoungPerson, now: datetime, today: date) -> None:
    """Signed in with the safe word: tell the worker, if the young person chose that."""
    if person.safe_word_tells_worker:
        tell(person, "safe_word", "", now, today, review=False)
