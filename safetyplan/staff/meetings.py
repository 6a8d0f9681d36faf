"""Staff meeting pages: record meetings, see deadlines and the young person's views, print
the letters."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from werkzeug.wrappers.response import Response

from ..core import clock, meetings
from ..core.models import Meeting, YoungPerson
from ..web import versions
from ..web.qr import svg_qr_code
from ..web.security import found_or_404
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
        meetings=[(details, meetings.views_for(person, details.meeting)) for details in listed],
        today=today,
        attend=meetings.ATTEND,
        share_how=meetings.SHARE_HOW,
    )


def _edit(person: YoungPerson, meeting: Meeting | None) -> str | Response:
    form = MeetingForm()
    anchor = DateParts(form, "anchor", "Date agreed or of the last meeting")
    day = DateParts(form, "day", "Meeting date")
    current = versions.version_of([meeting.updated_at]) if meeting else ""
    stale = False
    if meeting is not None and not form.is_submitted():
        form.version.data = current
        audited("viewed_meetings", person, "edit")
        details = meetings.details_of(meeting)
        form.kind.data = details.kind
        anchor.fill(details.anchor)
        day.fill(details.day)
        form.time.data = details.at.strftime("%H:%M") if details.at else ""
        form.venue.data, form.online.data = details.venue, details.online
        form.chair.data = details.chair
    if form.is_submitted():
        valid = form.validate()
        anchor_on = anchor.read(required=True)
        day_on = day.read(required=False)
        stale = versions.changed_meanwhile(form.version.data, current)
        form.version.data = current  # saving again means: I have checked
        if valid and anchor_on and not form.day_day.errors and not stale:
            with staff_change("saved_meeting", person):
                meetings.save(
                    person,
                    meeting,
                    {
                        "kind": form.kind.data,
                        "anchor": anchor_on.isoformat(),
                        "date": day_on.isoformat() if day_on else "",
                        "time": clock_time(form.time.data or "") or "",
                        "venue": form.venue.data or "",
                        "online": bool(form.online.data),
                        "chair": form.chair.data or "",
                    },
                )
            flash("Meeting saved.", "success")
            return redirect(url_for(".meetings_page", young_person_id=person.id))
    return render_template(
        "staff/meeting_form.html", person=person, form=form, meeting=meeting, stale=stale
    )


@bp.route("/young-people/<id:young_person_id>/meetings/new", methods=["GET", "POST"])
def new_meeting(young_person_id: str) -> str | Response:
    return _edit(allowed_young_person(young_person_id), None)


@bp.route("/young-people/<id:young_person_id>/meetings/<id:meeting_id>", methods=["GET", "POST"])
def edit_meeting(young_person_id: str, meeting_id: str) -> str | Response:
    person = allowed_young_person(young_person_id)
    return _edit(person, found_or_404(Meeting.of(person, meeting_id)))


@bp.route("/young-people/<id:young_person_id>/meetings/<id:meeting_id>/letters")
def letters(young_person_id: str, meeting_id: str) -> str:
    person = allowed_young_person(young_person_id)
    details = meetings.details_of(found_or_404(Meeting.of(person, meeting_id)))
    audited("printed_letters", person)
    young_page = url_for("meeting.young_person", _external=True)
    parents_page = url_for("meeting.parents", _external=True)
    return render_template(
        "staff/meeting_letters.html",
        person=person,
        meeting=details,
        today=clock.today(),
        young_page=young_page,
        parents_page=parents_page,
        young_qr=svg_qr_code(young_page, "Scan for the page about the meeting"),
        parents_qr=svg_qr_code(parents_page, "Scan for the page for parents and carers"),
    )
