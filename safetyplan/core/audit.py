"""The audit log of staff views and changes. Ids and action names only, never content."""

from __future__ import annotations

from .db import db
from .models import AuditEvent


def record(
    actor_kind: str,
    actor_id: str | None,
    action: str,
    young_person_id: str | None = None,
    detail: str | None = None,
) -> None:
    """Add an event to the caller's transaction."""
    db.session.add(
        AuditEvent(
            actor_kind=actor_kind,
            actor_id=actor_id,
            action=action,
            young_person_id=young_person_id,
            detail=detail[:200] if detail else None,
        )
    )
