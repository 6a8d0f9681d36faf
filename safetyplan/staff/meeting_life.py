"""A booked meeting's life: rearrange it (with the reason), cancel it (with the reason),
and say why it is later than allowed and when the service manager was told."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from werkzeug.wrappers.response import Response

from ..core import clock, meeting_life, meetings
from ..core.meeting_models import Meeting
from ..core.models import YoungPerson
from ..web.security import found_or_404
from . import bp
from .access import allowed_young_person, staff_change
from .forms import DateParts
from .meeting_forms import CancelForm, LatenessForm, RearrangeForm, clock_time

MEETING = "/young-people/<id:young_person_id>/meetings/<id:meeting_id>"


def meeting_on(young_person_id: str, meeting_id: str) -> tuple[YoungPerson, Meeting]:
    """The young person (checked) and their meeting, still on: a cancelled one stays as it
    is."""
    person = allowed_young_person(young_person_id)
    meeting = found_or_404(Meeting.of(person, meeting_id))
    if meeting.state == "cancelled":
        found_or_404(None)
    return person, meeting


def back_to_meetings(person: YoungPerson, message: str) -> Response:
    flash(message, "success")
    return redirect(url_for(".meetings_page", young_person_id=person.id))


@bp.route(MEETING + "/rearrange", methods=["GET", "POST"])
def rearrange_meeting(young_person_id: str, meeting_id: str) -> str | Response:
    person, meeting = meeting_on(young_person_id, meeting_id)
    form = RearrangeForm()
    day = DateParts(form, "day", "New meeting date")
    booked = DateParts(form, "booked", "Date you booked the new date")
    today = clock.today()
    if not form.is_submitted():
        booked.fill(today)
        # The time it has now: left as it is, the meeting keeps it.
        if at := meetings.details_of(meeting).at:
            form.time.data = f"{at:%H:%M}"
    if form.is_submitted():
        valid = form.validate()
        day_on, booked_on = day.read(required=True), booked.read(required=True)
        if day_on and day_on < today:
            form.day_day.errors.append("The new date must be today or later")
        if booked_on and booked_on > today:
            form.booked_day.errors.append("The date you booked it must be today or earlier")
        if valid and day_on and booked_on and not (form.day_day.errors or form.booked_day.errors):
            with staff_change("rearranged_meeting", person):
                meeting_life.rearrange(
                    meeting,
                    day_on,
                    meetings.parse_time(clock_time(form.time.data or "")),
                    booked_on,
                    form.reason.data or "",
                    today,
                )
            return back_to_meetings(person, "Meeting rearranged.")
    return render_template(
        "staff/meeting_rearrange.html",
        person=person,
        form=form,
        meeting=meetings.details_of(meeting),
        forty_eight_hours=meetings.FORTY_EIGHT_HOURS,
    )


@bp.route(MEETING + "/cancel", methods=["GET", "POST"])
def cancel_meeting(young_person_id: str, meeting_id: str) -> str | Response:
    person, meeting = meeting_on(young_person_id, meeting_id)
    form = CancelForm()
    if form.validate_on_submit():
        with staff_change("cancelled_meeting", person):
            meeting_life.cancel(meeting, form.reason.data or "", clock.today())
        return back_to_meetings(person, "Meeting cancelled.")
    return render_template(
        "staff/meeting_cancel.html", person=person, form=form, meeting=meetings.details_of(meeting)
    )


@bp.route(MEETING + "/late", methods=["GET", "POST"])
def meeting_lateness(young_person_id: str, meeting_id: str) -> str | Response:
    person, meeting = meeting_on(young_person_id, meeting_id)
    form = LatenessForm()
    told = DateParts(form, "told", "Date the service manager was told")
    if form.is_submitted():
        valid = form.validate()
        told_on = told.read(required=True)
        if valid and told_on:
            with staff_change("recorded_lateness", person):
                meeting_life.record_lateness(meeting, form.reason.data or "", told_on)
            return back_to_meetings(person, "Reason for the delay saved.")
    return render_template(
        "staff/meeting_late.html", person=person, form=form, meeting=meetings.details_of(meeting)
    )
