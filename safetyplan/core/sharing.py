"""Sharing chosen sections with a trusted adult through a link. No Flask request state.

The link carries a random token (192 bits); only its hash is stored. A share ends when it
expires, is revoked, or locks after too many wrong access codes; an ended share and an
unknown token look exactly the same to whoever holds the link."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import select

from . import workbook
from .crypto import token_hash
from .db import db, lock_row
from .models import Share, YoungPerson
from .passwords import hash_password, verify_password
from .words import N_

DURATIONS = {1: N_("1 day"), 7: N_("7 days"), 30: N_("30 days")}
MAX_CODE_TRIES = 5
REOPEN_AFTER = timedelta(minutes=10)


def default_sections() -> list[int]:
    """What a new share starts with: only what the trusted adult needs (the code word).
    Everything else is the young person's choice."""
    return [section.number for section in workbook.SECTIONS if section.shared_by_default]


def create_share(
    person: YoungPerson,
    label: str,
    sections: list[int],
    days: int,
    access_code: str | None,
    now: datetime,
    hash_profile: str = "strong",
) -> tuple[Share, str]:
    """A new share and its token. The token is shown once and never stored."""
    token = secrets.token_urlsafe(24)
    known = {section.number for section in workbook.SECTIONS}
    share = Share(
        young_person=person,
        token_hash=token_hash(token),
        sections=sorted(set(sections) & known),
        created_at=now,
        expires_at=now + timedelta(days=days),
        access_code_hash=hash_password(access_code, hash_profile) if access_code else None,
        failed_codes=0,
        open_count=0,
    )
    share.label = label.strip()
    db.session.add(share)
    db.session.flush()
    return share, token


def status(share: Share, now: datetime) -> str:
    if share.revoked_at:
        return "revoked"
    if share.locked_at:
        return "locked"
    if share.expires_at <= now:
        return "expired"
    return "active"


def find_active(token: str, now: datetime) -> Share | None:
    """The share this token opens, if it still works; None for every other case alike,
    including a young person whose account is deactivated."""
    if not 16 <= len(token) <= 64:
        return None
    share: Share | None = db.session.scalar(
        select(Share).where(Share.token_hash == token_hash(token))
    )
    if share is None or status(share, now) != "active" or not share.young_person.active:
        return None
    return share


def check_access_code(share: Share, code: str, now: datetime, hash_profile: str) -> bool:
    """True for the right code. Wrong codes count up; the share locks at the limit. Tries
    at the same moment take turns (`lock_row`), so a burst counts every guess and nothing
    opens a share that locked meanwhile."""
    lock_row(share)
    if share.locked_at is not None:
        return False
    if share.access_code_hash and verify_password(share.access_code_hash, code, hash_profile):
        return True
    share.failed_codes += 1
    if share.failed_codes >= MAX_CODE_TRIES:
        share.locked_at = now

    return False


def record_open(share: Share, now: datetime, seen_here: bool) -> bool:
    """Count a visit, so the young person can see their link was used (and spot a leaked
    one). Every browser counts; only reloads by a browser that opened it within
    REOPEN_AFTER are the same visit, with no second count and no disk write. True when
    counted."""
    if seen_here and share.last_opened_at and now - share.last_opened_at < REOPEN_AFTER:
        return False
    share.last_opened_at = now
    share.open_count += 1
    return True


def shares_of(person: YoungPerson) -> list[Share]:
    return list(
        db.session.scalars(
            select(Share)
            .where(Share.young_person_id == person.id)
            .order_by(Share.created_at.desc())
        )
    )


def revoke(share: Share, now: datetime) -> None:
    share.revoked_at = share.revoked_at or now


def extend(share: Share, days: int, now: datetime) -> None:
    """Give an active or expired share more time from now. Revoked and locked stay ended."""
    share.expires_at = max(share.expires_at, now) + timedelta(days=days)


def shared_sections(share: Share) -> list[workbook.Section]:
    return [section for section in workbook.SECTIONS if section.number in share.sections]


def section_titles(share: Share) -> list[str]:
    return [section.title for section in shared_sections(share)]


# After this long, the young person is asked to check their trusted adult is still ready.
CHECK_AGAIN_AFTER = timedelta(weeks=8)


def answer_as_adult(share: Share, ready: bool, now: datetime) -> None:
    """The trusted adult says they have read the guide and will act on the code word, or
    that they can't."""
    share.adult_answer = "ready" if ready else "cannot"
    share.adult_answered_at = now


def worker_spoke_with_adult(share: Share, now: datetime) -> None:
    share.worker_spoke_at = now


def time_to_check_again(share: Share, now: datetime) -> bool:
    return (
        share.adult_answer == "ready"
        and share.adult_answered_at is not None
        and (now - share.adult_answered_at >= CHECK_AGAIN_AFTER)
    )
