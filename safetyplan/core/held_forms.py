"""Forms sent after the idle limit: kept sealed for the person who typed them, shown back to
them in the same form once they sign in again, and forgotten once saved (or after a day)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select

from .db import db, utcnow
from .models import HeldForm, StaffUser, YoungPerson

KEEP_FOR = timedelta(days=1)
Fields = list[tuple[str, str]]


def hold(account: StaffUser | YoungPerson, path: str, fields: Fields) -> None:
    """Keep what was sent to `path`, replacing anything held for it before."""
    forget(account, path)
    db.session.execute(delete(HeldForm).where(HeldForm.created_at < utcnow() - KEEP_FOR))
    held = HeldForm(account_id=account.get_id(), path=path[:200], data_key_row=account.data_key_row)
    held.fields = fields
    db.session.add(held)


def held_for(account: StaffUser | YoungPerson, path: str) -> Fields | None:
    """What this person sent to `path` while signed out, if anything (and still fresh)."""
    held = db.session.scalar(
        select(HeldForm).where(
            HeldForm.account_id == account.get_id(),
            HeldForm.path == path[:200],
            HeldForm.created_at >= utcnow() - KEEP_FOR,
        )
    )
    return [(name, value) for name, value in held.fields] if held else None


def forget(account: StaffUser | YoungPerson, path: str) -> None:
    db.session.execute(
        delete(HeldForm).where(HeldForm.account_id == account.get_id(), HeldForm.path == path[:200])
    )
