"""A meeting's invitation list: everyone the guide names, each one's invitation, reply and
report, and whether the meeting is quorate so far."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from werkzeug.wrappers.response import Response

from ..core import invitations, meetings
from ..core.models import Meeting
from ..web.security import found_or_404
from . import bp
from .access import allowed_young_person, audited, staff_change
from .forms import DateParts
from .meeting_forms import InviteeForm
from .meeting_life import MEETING


@bp.route(MEETING + "/invitations")
def invitation_list(young_person_id: str, meeting_id: str) -> str:
    person = allowed_young_person(young_person_id)
    meeting = found_or_404(Meeting.of(person, meeting_id))
    audited("viewed_meetings", person, "invitations")
    people = invitations.invitation_list(meeting)
    return render_template(
        "staff/meeting_invitations.html",
        person=person,
        meeting=meetings.details_of(meeting),
        people=people,
        quorum=invitations.quorum(current_app.config["MEETING_QUORUM"], people),
        warning=invitations.QUORUM_WARNING,
        next_other=invitations.next_other_slot(meeting),
        how=invitations.HOW,
        replies=invitations.REPLIES,
    )


@bp.route(MEETING + "/invitations/<slot>", methods=["GET", "POST"])
def invitee(young_person_id: str, meeting_id: str, slot: str) -> str | Response:
    person = allowed_young_person(young_person_id)
    meeting = found_or_404(Meeting.of(person, meeting_id))
    if not invitations.is_slot(slot):
        abort(404)
    form = InviteeForm()
    invited = DateParts(form, "invited", "Date invited")
    if not form.is_submitted():
        audited("viewed_meetings", person, "invitee")
        saved = invitations.invitee(meeting, slot)
        form.name.data, form.invited_how.data = saved.name, saved.invited_how or None
        invited.fill(saved.invited_on)
        form.reply.data, form.apologies.data = saved.reply, saved.apologies
        form.report_asked.data = saved.report_asked
        form.report_received.data = saved.report_received
    if form.is_submitted():
        valid = form.validate()
        invited_on = invited.read(required=False)
        if valid and not form.invited_day.errors:
            with staff_change("saved_invitee", person, slot):
                invitations.save(
                    meeting,
                    slot,
                    {
                        "name": form.name.data or "",
                        "invited_on": invited_on.isoformat() if invited_on else "",
                        "invited_how": form.invited_how.data or "",
                        "reply": form.reply.data or "",
                        "apologies": bool(form.apologies.data),
                        "report_asked": bool(form.report_asked.data),
                        "report_received": bool(form.report_received.data),
                    },
                )
            flash(f"{invitations.slot_label(slot)}: saved.", "success")
            return redirect(
                url_for(".invitation_list", young_person_id=person.id, meeting_id=meeting.id)
            )
    return render_template(
        "staff/meeting_invitee.html",
        person=person,
        meeting=meetings.details_of(meeting),
        form=form,
        label=invitations.slot_label(slot),
    )
