"""Signing in, with per-account throttling. No Flask request state: callers pass the values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import delete

from .db import db, is_id, lock_row
from .models import Account, StaffUser, WebSession, YoungPerson
from .passwords import hash_password, verify_password

ACCOUNT_KINDS: dict[str, type[StaffUser] | type[YoungPerson]] = {
    "staff": StaffUser,
    "young_person": YoungPerson,
}


def active_account(account_id: str) -> StaffUser | YoungPerson | None:
    """The active account behind an id like "young_person:<id>" (what sessions store)."""
    kind, _, row_id = account_id.partition(":")
    model = ACCOUNT_KINDS.get(kind)
    if model is None or not is_id(row_id):
        return None
    account = cast(StaffUser | YoungPerson | None, db.session.get(model, row_id))
    return account if account is not None and account.active else None


@dataclass(frozen=True)
class SignedIn:
    account: Account
    with_safe_word: bool = False  # the second passphrase, which opens only ordinary notes


def authenticate(
    account: StaffUser | YoungPerson | None,
    password: str,
    now: datetime,
    *,
    known_device: bool,
    throttle_after: int,
    throttle_max: timedelta,
    hash_profile: str,
    safe_word: bool = False,
) -> SignedIn | None:
    """The account when the password is right and the account may sign in, else None.

    With `safe_word` (young people's sign-in), the safe-word passphrase is checked too, and
    always, with a dummy hash where there is none: every sign-in on that page costs the
    same two checks, so its timing says nothing about which passphrase was typed.

    Repeated failures slow down that one account (doubling waits, capped), never others, so
    an attacker cannot lock everyone out. Tries from a browser the account signed in on
    before (`known_device`) are counted apart, so a stranger's guesses never lock the owner
    out on their own phone. The caller shows one message for every failure, so nobody
    learns whether an account exists or is throttled. Tries at the same moment take turns
    (`lock_row`), so a burst of guesses counts every one."""
    if account is not None:
        lock_row(account)
    failures, until = (
        ("device_failed_sign_ins", "device_throttled_until")
        if known_device
        else ("failed_sign_ins", "throttled_until")
    )
    throttled_until = getattr(account, until) if account is not None else None
    throttled = throttled_until is not None and now < throttled_until
    checked = account is not None and not throttled
    stored_hash = account.password_hash if checked and account else None
    correct = verify_password(stored_hash, password, hash_profile)
    safe_word_hash = getattr(account, "safe_word_hash", None) if checked else None
    by_safe_word = safe_word and verify_password(safe_word_hash, password, hash_profile)
    if account is None:
        return None
    if (correct or by_safe_word) and account.active:
        account.failed_sign_ins = account.device_failed_sign_ins = 0
        account.throttled_until = account.device_throttled_until = None
        return SignedIn(account, with_safe_word=by_safe_word and not correct)
    if not throttled:
        failed = getattr(account, failures) + 1
        setattr(account, failures, failed)
        if failed >= throttle_after:
            wait = min(timedelta(minutes=2 ** (failed - throttle_after)), throttle_max)
            setattr(account, until, now + wait)
    return None


def end_all_sessions(account: Account) -> None:
    db.session.execute(delete(WebSession).where(WebSession.user_id == account.get_id()))


def deactivate(account: StaffUser | YoungPerson) -> None:
    """Refuse sign-in from now on and sign the account out everywhere. Data is kept."""
    account.active = False
    end_all_sessions(account)


def set_password(account: StaffUser | YoungPerson, password: str, hash_profile: str) -> None:
    """Set a new password and end every session of the account (the caller starts a fresh
    one for the person who changed it)."""
    account.password_hash = hash_password(password, hash_profile)
    account.failed_sign_ins = 0
    account.throttled_until = None
    end_all_sessions(account)
