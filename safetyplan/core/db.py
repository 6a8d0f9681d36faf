"""The database as core sees it: the declarative base, ids, the clock for stored times, and
the one seam to the outside (`db`).

Core never commits: it adds and flushes, and whoever owns the unit of work (a web request,
a command) commits once, with its audit entry.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import update
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session

if TYPE_CHECKING:
    from .crypto import KeyRing


class Base(DeclarativeBase):
    pass


def new_id() -> str:
    """Random 128-bit ids: public, unguessable, never sequential, known before insert."""
    return secrets.token_hex(16)


_ID = re.compile(r"[0-9a-f]{32}")


def is_id(value: str) -> bool:
    """Whether `value` could be one of our ids. Checked before any lookup, so a forged id
    (a NUL byte, say, which PostgreSQL refuses) is simply not found."""
    return _ID.fullmatch(value) is not None


def utcnow() -> datetime:
    """Stored times are naive UTC; `clock` turns them into UK dates and times."""
    return datetime.now(UTC).replace(tzinfo=None)


def lock_row(row: Base) -> None:
    """Wait for any other request changing this row, then read it afresh, so a counter read
    after this is never lost to a request running at the same moment. A no-op UPDATE takes
    the row lock on PostgreSQL and the write lock on SQLite; the caller's commit frees it."""
    model = type(row)
    key = model.id  # type: ignore[attr-defined]
    db.session.execute(
        update(model)
        .where(key == row.id)  # type: ignore[attr-defined]
        .values(id=key)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(row)


class Database:
    """Where core finds the current unit of work and the key ring.

    This is the only seam between core and whatever runs it: the web layer binds it once to
    Flask-SQLAlchemy's scoped session (one session per app context) and to the app's key
    ring, so core imports no web framework and tests can bind it to anything."""

    def __init__(self) -> None:
        self._session: scoped_session[Session] | None = None
        self._keyring: Callable[[], KeyRing] | None = None

    def bind(self, session: scoped_session[Any], keyring: Callable[[], KeyRing]) -> None:
        self._session = session
        self._keyring = keyring

    @property
    def session(self) -> scoped_session[Session]:
        if self._session is None:
            raise RuntimeError("safetyplan.core.db is not bound: create the app first")
        return self._session

    def keyring(self) -> KeyRing:
        if self._keyring is None:
            raise RuntimeError("safetyplan.core.db is not bound: create the app first")
        return self._keyring()


db = Database()
