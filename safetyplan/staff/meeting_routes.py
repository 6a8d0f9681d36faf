"""Staff meeting pages: record meetings, see deadlines and the young person's views, print
the letters."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from werkzeug.wrappers.response import Response

from ..core import clock, meetings
from ..core.models import Meeting, YoungPerson
from ..web.extensions import db
from ..web.qr import svg_qr_code
from ..web.security import found_or_404
from . import bp
from .forms import DateParts
from .meeting_forms import MeetingForm, clock_time
from .routes import allowed_young_person, record


@bp.route("/young-people/<young_person_id>/meetings")
def meetings_page(young_person_id: str) -> str:
    person = allowed_young_person(young_person_id)
    record("viewed_meetings", person)
    db.session.commit()
    today = clock.today()
    listed = meetings.meetings_of(person, today)
    return render_template(
        "staff/meeting_list.html",
        person=person,
        meetings=[(view, meetings.views_for(person, view.meeting)) for view in listed],
        today=today,
        attend=meetings.ATTEND,
        share_how=meetings.SHARE_HOW,
    )


def _edit(person: YoungPerson, meeting: Meeting | None) -> str | Response:
    form = MeetingForm()
    anchor = DateParts(form, "anchor", "Date agreed or of the last meeting")
    day = DateParts(form, "day", "Meeting date")
    if meeting is not None and not form.is_submitted():
        view = meetings.details_of(meeting)
        form.kind.data = view.kind
        anchor.fill(view.anchor)
        day.fill(view.day)
        form.time.data = view.at.strftime("%H:%M") if view.at else ""
        form.venue.data, form.online.data = view.venue, view.online
        form.chair.data, form.worker_contact.data = view.chair, view.worker_contact
    if form.is_submitted():
        valid = form.validate()
        anchor_on = anchor.read(required=True)
        day_on = day.read(required=False)
        if valid and anchor_on and not form.day_day.errors:
            saved = meetings.save(
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
                    "worker_contact": form.worker_contact.data or "",
                },
            )
            record("saved_meeting", person, saved.id)
            db.session.commit()
            flash("Meeting saved.", "success")
            return redirect(url_for(".meetings_page", young_person_id=person.id))
    return render_template("staff/meeting_form.html", person=person, form=form, meeting=meeting)


@bp.route("/young-people/<young_person_id>/meetings/new", methods=["GET", "POST"])
def new_meeting(young_person_id: str) -> str | Response:
    return _edit(allowed_young_person(young_person_id), None)


@bp.route("/young-people/<young_person_id>/meetings/<meeting_id>", methods=["GET", "POST"])
def edit_meeting(young_person_id: str, meeting_id: str) -> str | Response:
    person = allowed_young_person(young_person_id)
    return _edit(person, found_or_404(meetings.meeting_of(person, meeting_id)))


@bp.route("/young-people/<young_person_id>/meetings/<meeting_id>/letters")
def letters(young_person_id: str, meeting_id: str) -> str:
    person = allowed_young_person(young_person_id)
    view = meetings.details_of(found_or_404(meetings.meeting_of(person, meeting_id)))
    record("printed_letters", person)
    db.session.commit()
    young_page = url_for("meeting.young_person", _external=True)
    parents_page = url_for("meeting.parents", _external=True)
    return render_template(
        "staff/meeting_letters.html",
        person=person,
        meeting=view,
        today=clock.today(),
        young_page=young_page,
        parents_page=parents_page,
        young_qr=svg_qr_code(young_page, "Scan for the page about the meeting"),
        parents_qr=svg_qr_code(parents_page, "Scan for the page for parents and carers"),
    )
