"""Passwords and passphrases: a length rule, a list of common ones refused, argon2id hashes."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .words import N_, Words

STAFF_MIN_LENGTH = 12
YOUNG_PERSON_MIN_LENGTH = 8
MAX_LENGTH = 200

# The test profile keeps the suite fast; production uses argon2-cffi's RFC 9106 defaults.
_HASHERS = {
    "strong": PasswordHasher(),
    "fast": PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1),
}


@cache
def common_passwords() -> frozenset[str]:
    text = files("safetyplan").joinpath("data/common-passwords.txt").read_text()
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def problem_with(password: str, min_length: int) -> str | None:
    """Why this password can't be used, in plain words, or None when it is fine."""
    if len(password) < min_length:
        return Words(
            "Use at least %(count)s characters. Three random words are easy to remember.",
            count=min_length,
        )
    if len(password) > MAX_LENGTH:
        return Words("Use %(count)s characters or fewer.", count=MAX_LENGTH)
    if password.casefold() in common_passwords() or len(set(password)) < 3:
        return N_("That one is too easy to guess. Try three random words, like 'river lamp tiger'.")
    return None


def hash_password(password: str, profile: str = "strong") -> str:
    return _HASHERS[profile].hash(password)


def verify_password(stored_hash: str | None, password: str, profile: str = "strong") -> bool:
    """Constant work whether or not an account exists: with no hash, verify a dummy one."""
    hasher = _HASHERS[profile]
    try:
        return hasher.verify(stored_hash or _dummy_hash(profile), password) and bool(stored_hash)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash(profile: str) -> str:
    return _HASHERS[profile].hash("not a real password, used to keep timing even")
