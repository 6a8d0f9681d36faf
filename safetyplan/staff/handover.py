"""Handover: a manager moves all of a leaver's young people to another worker at once,
with a note the new worker reads on each record."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from werkzeug.wrappers.response import Response

from ..core import audit, caseload, handover
from ..core.models import StaffUser
from ..web import choices
from . import bp
from .access import managers_only, me, staff_change
from .manager_forms import HandoverForm


def _chosen(
    form: HandoverForm, staff: dict[str, StaffUser], sizes: dict[str, int]
) -> tuple[StaffUser, StaffUser] | None:
    """The leaver and the new worker, or None with errors on the form."""
    leaver, successor = staff.get(form.leaver.data or ""), staff.get(form.successor.data or "")
    if leaver is None:
        form.leaver.errors = ["Choose the worker who is leaving"]
    elif not sizes.get(leaver.id):
        form.leaver.errors = [f"{leaver.name} has no young people to hand over"]
    if successor is None or not successor.active:
        form.successor.errors = ["Choose an active worker to hand over to"]
    elif leaver is not None and leaver.id == successor.id:
        form.successor.errors = ["Choose a different worker from the one who is leaving"]
    if leaver is None or successor is None or form.leaver.errors or form.successor.errors:
        return None
    return leaver, successor


@bp.route("/handover", methods=["GET", "POST"])
@managers_only
def hand_over() -> str | Response:
    everyone = caseload.all_staff()
    sizes = handover.caseload_sizes()
    form = HandoverForm()
    form.leaver.choices = choices.from_pairs(
        [("", "Choose a worker")]
        + [(staff.id, f"{staff.name} ({sizes.get(staff.id, 0)})") for staff in everyone]
    )
    form.successor.choices = choices.from_pairs(
        [("", "Choose a worker")] + [(staff.id, staff.name) for staff in everyone if staff.active]
    )
    if form.is_submitted():
        valid = form.validate()  # first: validating clears the errors _chosen adds
        chosen = _chosen(form, {staff.id: staff for staff in everyone}, sizes)
        if valid and chosen:
            leaver, successor = chosen
            with staff_change("handed_over", detail=f"{leaver.id} to {successor.id}"):
                moved = handover.hand_over(leaver, successor, me(), form.note.data or "")
                for person in moved:
                    audit.record("staff", me().id, "allocated", person.id, f"to {successor.id}")
            flash(
                f"Handed over {len(moved)} young {'person' if len(moved) == 1 else 'people'} "
                f"from {leaver.name} to {successor.name}.",
                "success",
            )
            return redirect(url_for(".caseload_page", worker=successor.id))
    return render_template("staff/handover.html", form=form)
