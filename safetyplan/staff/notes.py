"""Every private note about one young person, across all their sessions and handovers, for
supervision. Staff only: never shown to the young person or a trusted adult."""

from __future__ import annotations

from flask import render_template
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..core.models import SessionNote
from ..core.paging import page_of
from . import bp
from .access import allowed_young_person, audited, page_number

PER_PAGE = 30


@bp.route("/young-people/<id:young_person_id>/notes")
def all_notes(young_person_id: str) -> str:
    person = allowed_young_person(young_person_id)
    audited("viewed_notes", person)
    page = page_of(
        select(SessionNote).where(SessionNote.young_person_id == person.id),
        page_number(),
        PER_PAGE,
        order_by=(SessionNote.created_at.desc(), SessionNote.id),
        options=(joinedload(SessionNote.author_staff), joinedload(SessionNote.planning_session)),
    )
    return render_template("staff/notes.html", person=person, page=page)
