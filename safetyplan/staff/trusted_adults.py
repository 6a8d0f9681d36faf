"""A young person's trusted adults, as the worker follows them up: recording that a worker
has spoken with one (whether they have said on the shared page that they are ready)."""

from __future__ import annotations

from flask import flash, redirect, url_for
from werkzeug.wrappers.response import Response

from ..core import sharing
from ..core.db import utcnow
from ..core.models import Share
from ..web.security import found_or_404
from . import bp
from .access import allowed_young_person, staff_change


@bp.route("/young-people/<id:young_person_id>/shares/<id:share_id>/spoke", methods=["POST"])
def spoke_with_adult(young_person_id: str, share_id: str) -> Response:
    person = allowed_young_person(young_person_id)
    share = found_or_404(Share.of(person, share_id))
    with staff_change("spoke_with_adult", person):
        sharing.worker_spoke_with_adult(share, utcnow())
    flash(f"Noted: you have spoken with {share.label}.", "success")
    return redirect(url_for(".young_person", young_person_id=person.id))
