"""Staff meeting pages: record meetings, see deadlines and the young person's views."""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, url_for
from werkzeug.wrappers.response import Response

from ..core import clock, deadlines, meetings, preparation
from ..core.meeting_models import Meeting
from ..core.models import YoungPerson
from ..web import versions
from ..web.security import found_or_404
from ..web.templating import long_date
from . import bp
from .access import allowed_young_person, audited, staff_change
from .forms import DateParts
from .meeting_forms import MeetingForm, clock_time


@bp.route("/young-people/<id:young_person_id>/meetings")
def meetings_page(young_person_id: str) -> str:
    person = allowed_young_person(young_person_id)
    audited("viewed_meetings", person)
    today = clock.today()
    listed = meetings.meetings_of(person, today)
    return render_template(
        "staff/meeting_list.html",
        person=person,
        meetings=[
            (
                details,
                meetings.views_for(person, details.meeting),
                preparation.deadlines_met(details.meeting),
            )
            for details in listed
        ],
        today=today,
        attend=meetings.ATTEND,
        share_how=meetings.SHARE_HOW,
        forty_eight_hours=meetings.FORTY_EIGHT_HOURS,
    )


def _reviewable(form: MeetingForm, person: YoungPerson, meeting: Meeting | None) -> None:
    form.reviews.choices = [("", "It isn't recorded here: I'll give its date")] + [
        (other.meeting.id, f"{other.kind_label}, {long_date(other.day)}")
        for other in meetings.others_of(person, meeting)
    ]


def _edit(person: YoungPerson, meeting: Meeting | None) -> str | Response:
    form = MeetingForm()
    _reviewable(form, person, meeting)
    anchor = DateParts(form, "anchor", "Date agreed or of the last meeting")
    booked = DateParts(form, "booked", "Date booked")
    day = DateParts(form, "day", "Meeting date")
    before = meetings.details_of(meeting) if meeting else None
    current = versions.version_of([meeting.updated_at]) if meeting else ""
    stale = False
    first = None  # the first meeting there already is, when another is refused
    if before is not None and not form.is_submitted():
        form.version.data = current
        audited("viewed_meetings", person, "edit")
        form.kind.data = before.kind
        form.reviews.data = before.previous.id if before.previous else ""
        anchor.fill(None if before.previous else before.anchor)
        form.time.data = before.at.strftime("%H:%M") if before.at else ""
        form.venue.data, form.online.data = before.venue, before.online
        form.chair.data = before.chair
    if form.is_submitted():
        valid = form.validate()
        reviews = (
            Meeting.of(person, form.reviews.data or "") if form.kind.data == "review" else None
        )
        reviews = None if reviews is meeting else reviews
        anchor_on = anchor.read(required=reviews is None)
        # Once booked, the date moves only by rearranging, which asks why.
        day_on = before.day if before and before.day else day.read(required=False)
        booked_on = before.booked if before and before.day else booked.read(required=bool(day_on))
        if booked_on and anchor_on and booked_on < anchor_on and form.kind.data == "initial":
            form.booked_day.errors = ["The date booked can't be before the date it was agreed"]
        elif booked_on and booked_on > clock.today():
            form.booked_day.errors = ["The date you booked it must be today or earlier"]
        if before is None or not before.day:  # a date set now, not one kept from before
            form.day_day.errors.extend(_day_problems(day_on, anchor_on, booked_on))
        if form.kind.data == "initial" and (before is None or before.kind != "initial"):
            first = meetings.first_meeting_of(person, clock.today())
            if first is not None:
                form.kind.errors = [_first_already(person, first)]
        stale = versions.changed_meanwhile(form.version.data, current)
        form.version.data = current  # saving again means: I have checked
        if valid and not stale and not any(field.errors for field in form):
            with staff_change("saved_meeting", person):
                meetings.save(
                    person,
                    meeting,
                    {
                        "kind": form.kind.data,
                        "anchor": anchor_on.isoformat() if anchor_on else "",
                        "booked": booked_on.isoformat() if booked_on else "",
                        "date": day_on.isoformat() if day_on else "",
                        "time": clock_time(form.time.data or "") or "",
                        "venue": form.venue.data or "",
                        "online": bool(form.online.data),
                        "chair": form.chair.data or "",
                    },
                    reviews,
                )
            flash("Meeting saved.", "success")
            return redirect(url_for(".meetings_page", young_person_id=person.id))
    return render_template(
        "staff/meeting_form.html",
        person=person,
        form=form,
        meeting=before,
        stale=stale,
        forty_eight_hours=meetings.FORTY_EIGHT_HOURS,
        first=first,
    )


def _first_already(person: YoungPerson, first: meetings.MeetingDetails) -> str:
    """Why a second first meeting is refused: when the one there is was, or is to be, held."""
    if first.day is None:
        when = "booked, with no date yet"
    elif first.day < clock.today():
        when = f"held on {long_date(first.day)}"
    else:
        when = f"booked for {long_date(first.day)}"
    return (
        f"{person.preferred_name} already has a first meeting, {when}: "
        "record a review meeting instead"
    )


def _day_problems(day: date | None, agreed: date | None, booked: date | None) -> list[str]:
    """A meeting date that can't be right: before it was agreed or booked, or on a day
    nobody works."""
    if day is None:
        return []
    if (agreed and day < agreed) or (booked and day < booked):
        return ["The meeting date can't be before the date it was agreed or booked"]
    if not deadlines.is_working_day(day, deadlines.bank_holidays()):
        return [f"{day:%A} {day.day} {day:%B} is not a working day: choose another date"]
    return []


@bp.route("/young-people/<id:young_person_id>/meetings/new", methods=["GET", "POST"])
def new_meeting(young_person_id: str) -> str | Response:
    return _edit(allowed_young_person(young_person_id), None)


@bp.route("/young-people/<id:young_person_id>/meetings/<id:meeting_id>", methods=["GET", "POST"])
def edit_meeting(young_person_id: str, meeting_id: str) -> str | Response:
    person = allowed_young_person(young_person_id)
    return _edit(person, found_or_404(Meeting.of(person, meeting_id)))
