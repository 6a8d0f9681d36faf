"""A meeting's invitation list: everyone the guide names, each one's invitation, reply and
report, and whether the meeting is quorate so far."""

from __future__ import annotations

from datetime import date

from flask import abort, current_app, flash, redirect, render_template, url_for
from werkzeug.wrappers.response import Response

from ..core import clock, invitations, meetings
from ..core.meeting_models import Meeting
from ..core.models import YoungPerson
from ..web import versions
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


def _slot_of(young_person_id: str, meeting_id: str, slot: str) -> tuple[YoungPerson, Meeting]:
    person = allowed_young_person(young_person_id)
    meeting = found_or_404(Meeting.of(person, meeting_id))
    if not invitations.is_slot(slot):
        abort(404)
    return person, meeting


def _typed(form: InviteeForm, slot: str, invited_on: date | None) -> invitations.Invitee:
    return invitations.Invitee(
        slot=slot,
        name=(form.name.data or "").strip(),
        invited_on=invited_on,
        invited_how=form.invited_how.data or "",
        reply=form.reply.data or "",
        apologies=bool(form.apologies.data),
        report_asked=bool(form.report_asked.data),
        report_received=bool(form.report_received.data),
    )


@bp.route(MEETING + "/invitations/<slot>", methods=["GET", "POST"])
def invitee(young_person_id: str, meeting_id: str, slot: str) -> str | Response:
    person, meeting = _slot_of(young_person_id, meeting_id, slot)
    form = InviteeForm()
    invited = DateParts(form, "invited", "Date invited")
    saved = invitations.invitee(meeting, slot)
    current = versions.version_of([saved.saved_at])
    stale = False
    if not form.is_submitted():
        audited("viewed_meetings", person, "invitee")
        form.version.data = current
        form.name.data, form.invited_how.data = saved.name, saved.invited_how or None
        invited.fill(saved.invited_on)
        form.reply.data, form.apologies.data = saved.reply, saved.apologies
        form.report_asked.data = saved.report_asked
        form.report_received.data = saved.report_received
    if form.is_submitted():
        valid = form.validate()
        typed = _typed(form, slot, invited.read(required=False))
        details = meetings.details_of(meeting)
        for name, problem in invitations.problems(typed, details.day, clock.today()).items():
            target = form.invited_day if name == "invited" else form[name]
            if not target.errors:  # a date that isn't real says so first
                target.errors = [problem]
        stale = versions.changed_meanwhile(form.version.data, current)
        form.version.data = current  # saving again means: I have checked
        if valid and not stale and not any(field.errors for field in form):
            with staff_change("saved_invitee", person, slot):
                invitations.save(
                    meeting,
                    slot,
                    {
                        "name": typed.name,
                        "invited_on": typed.invited_on.isoformat() if typed.invited_on else "",
                        "invited_how": typed.invited_how,
                        "reply": typed.reply,
                        "apologies": typed.apologies,
                        "report_asked": typed.report_asked,
                        "report_received": typed.report_received,
                    },
                )
            flash(f"{invitations.slot_label(slot)}: saved.", "success")
            return _to_list(person, meeting)
    return render_template(
        "staff/meeting_invitee.html",
        person=person,
        meeting=meetings.details_of(meeting),
        form=form,
        label=invitations.slot_label(slot),
        slot=slot,
        removable=invitations.is_other(slot) and saved.saved_at is not None,
        stale=stale,
        latest=saved,
        how=invitations.HOW,
        replies=invitations.REPLIES,
    )


@bp.route(MEETING + "/invitations/<slot>/remove", methods=["POST"])
def remove_invitee(young_person_id: str, meeting_id: str, slot: str) -> Response:
    person, meeting = _slot_of(young_person_id, meeting_id, slot)
    if not invitations.is_other(slot):
        abort(404)
    # The button is the whole form (its CSRF token is checked for every POST).
    with staff_change("removed_invitee", person, slot):
        invitations.remove(meeting, slot)
    flash("Taken off the invitation list.", "success")
    return _to_list(person, meeting)


def _to_list(person: YoungPerson, meeting: Meeting) -> Response:
    return redirect(url_for(".invitation_list", young_person_id=person.id, meeting_id=meeting.id))
