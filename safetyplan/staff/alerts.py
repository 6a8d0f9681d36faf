"""What young people have told their worker ("Tell my worker"), followed up by staff."""

from __future__ import annotations

from flask import flash, redirect, url_for
from werkzeug.wrappers.response import Response

from ..core import worker_alerts
from ..core.db import utcnow
from ..core.models import WorkerAlert
from ..web.security import found_or_404
from ..web.templating import long_date
from . import bp
from .access import allowed_young_person, me, staff_change


@bp.route("/young-people/<id:young_person_id>/alerts/<id:alert_id>/done", methods=["POST"])
def follow_up_alert(young_person_id: str, alert_id: str) -> Response:
    person = allowed_young_person(young_person_id)
    alert = found_or_404(WorkerAlert.of(person, alert_id))
    with staff_change("followed_up_alert", person, alert.kind):
        worker_alerts.follow_up(alert, me(), utcnow())
    flash("Marked as followed up.", "success")
    return redirect(url_for(".young_person", young_person_id=person.id))


@bp.route("/young-people/<id:young_person_id>/alerts/<id:alert_id>/review-back", methods=["POST"])
def put_review_back(young_person_id: str, alert_id: str) -> Response:
    """Undo the review date an alert brought forward, back to the one set before."""
    person = allowed_young_person(young_person_id)
    alert = found_or_404(WorkerAlert.of(person, alert_id))
    if worker_alerts.review_to_put_back(alert) is None:
        flash("The review date has changed since, so it stays as it is.", "error")
    else:
        with staff_change("set_review_date", person, "put back after Tell my worker"):
            earlier = worker_alerts.put_review_back(alert)
        flash(f"Put the review date back to {long_date(earlier)}.", "success")
    return redirect(url_for(".young_person", young_person_id=person.id))
