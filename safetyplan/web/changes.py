"""The one place a request's work is committed.

Core adds and flushes; a view wraps each change a person makes in `change(...)`, which writes
its audit entry and commits both together, or neither. A request that leaves work
uncommitted is a bug: `register` makes it loud (an error in the log, an exception in tests)
rather than letting the work vanish quietly at the end of the request.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask, current_app, request
from sqlalchemy import event
from sqlalchemy.orm import Session

from ..core import audit
from .extensions import db

log = logging.getLogger("safetyplan.changes")
_UNCOMMITTED = "safetyplan_uncommitted"


@contextmanager
def change(
    action: str,
    actor_kind: str,
    actor_id: str | None,
    young_person_id: str | None = None,
    detail: str | None = None,
) -> Iterator[None]:
    """Do the block's work, add its audit entry and commit once. If the block raises, none
    of it is kept."""
    try:
        yield
        audit.record(actor_kind, actor_id, action, young_person_id, detail)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise


def record(
    action: str,
    actor_kind: str,
    actor_id: str | None,
    young_person_id: str | None = None,
    detail: str | None = None,
) -> None:
    """Add an audit entry and commit it with whatever the request has done so far: a view
    of personal data, or work a core function has already done and reported (a section
    saved rather than a conflict)."""
    with change(action, actor_kind, actor_id, young_person_id, detail):
        pass


def truncate_sqlite_wal() -> None:
    """After a deletion: fold SQLite's write-ahead log into the database and empty it, so
    the deleted rows do not linger in the log file (secure_delete has overwritten them in
    the database itself). Nothing to do on PostgreSQL."""
    if db.engine.dialect.name == "sqlite":
        with db.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


@event.listens_for(Session, "after_flush")
def _mark_uncommitted(session: Session, _context: Any) -> None:
    session.info[_UNCOMMITTED] = True


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_soft_rollback")
def _mark_committed(session: Session, *_args: Any) -> None:
    session.info.pop(_UNCOMMITTED, None)


def drop_uncommitted() -> None:
    """End the request's transaction. Work still uncommitted here was forgotten by a view:
    say so loudly, then drop it so it holds no lock."""
    session = db.session()
    forgotten = session.new or session.dirty or session.deleted or session.info.get(_UNCOMMITTED)
    session.rollback()
    if forgotten:
        log.error("work left uncommitted by %s was dropped", request.endpoint)
        if current_app.testing:
            raise AssertionError(f"{request.endpoint} left work uncommitted")


def register(app: Flask) -> None:
    app.teardown_request(lambda error: None if error else drop_uncommitted())
