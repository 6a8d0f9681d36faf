"""The audit log, for managers: who viewed or changed which plan, and when."""

from __future__ import annotations

from typing import Any

from flask import render_template
from sqlalchemy import select

from ..core.models import AuditEvent, StaffUser
from ..core.paging import page_of
from ..web.extensions import db
from . import bp
from .access import allowed_young_person, managers_only, page_number

PER_PAGE = 50


def _audit_page(young_person_id: str | None) -> dict[str, Any]:
    query = select(AuditEvent)
    if young_person_id:
        query = query.where(AuditEvent.young_person_id == young_person_id)
    page = page_of(query, page_number(), PER_PAGE, order_by=(AuditEvent.id.desc(),))
    staff_ids = {event.actor_id for event in page.items if event.actor_kind == "staff"}
    names = {
        staff.id: staff.name
        for staff in db.session.scalars(select(StaffUser).where(StaffUser.id.in_(staff_ids)))
    }
    return {"page": page, "names": names}


@bp.route("/audit")
@managers_only
def audit_log() -> str:
    return render_template("staff/audit.html", person=None, **_audit_page(None))


@bp.route("/young-people/<id:young_person_id>/audit")
@managers_only
def young_person_audit(young_person_id: str) -> str:
    person = allowed_young_person(young_person_id)
    return render_template("staff/audit.html", person=person, **_audit_page(person.id))
