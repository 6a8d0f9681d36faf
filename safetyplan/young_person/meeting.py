"""My meeting: the young person's next meeting, getting ready, and their views."""

from __future__ import annotations

from datetime import date

from flask import (
    Response,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext, ngettext
from werkzeug.wrappers.response import Response as BaseResponse

from ..core import clock, meeting_outcome, meetings
from ..core.db import utcnow
from ..core.meeting_models import Meeting, MeetingViews
from ..web import choices, versions
from ..web.security import found_or_404
from . import bp
from .access import me, my_change
from .forms import MeetingViewsForm, SendViewsForm


def _form(data: dict[str, object] | None) -> MeetingViewsForm:
    form = MeetingViewsForm(data=data or {})
    form.attend.choices = choices.from_pairs(meetings.ATTEND.items())
    form.share_how.choices = choices.from_pairs(meetings.SHARE_HOW.items())
    return form


def countdown(day: date, today: date) -> str:
    """How soon the meeting is, in plain words in the page's language."""
    days = (day - today).days
    if days < 0:
        return str(gettext("has happened"))
    if days <= 1:
        return str(gettext("tomorrow") if days else gettext("today"))
    return str(ngettext("in %(num)d day", "in %(num)d days", days))


@bp.route("/meeting", methods=["GET", "POST"])
def my_meeting() -> str | BaseResponse:
    today = clock.today()
    upcoming: meetings.MeetingDetails | None
    if request.method == "POST":
        # Views go to the meeting the page was showing, even if another has been booked
        # since or its date has passed: nothing typed is lost or sent to the wrong meeting.
        chosen = Meeting.of(me(), request.form.get("meeting_id", ""))
        upcoming = meetings.details_of(found_or_404(chosen))
    else:
        upcoming = meetings.next_meeting(me(), today)
    decided = meeting_outcome.last_decided(me(), today)
    if upcoming is None:
        return render_template("young_person/meeting_none.html", decided=decided)
    saved = meetings.views_for(me(), upcoming.meeting)
    form = _form(saved.views if saved else None)
    form.meeting_id.data = upcoming.meeting.id
    current = versions.version_of([saved.updated_at if saved else None])
    # Saved from another phone meanwhile? Then show this one's words again to check.
    stale = form.is_submitted() and versions.changed_meanwhile(form.version.data, current)
    form.version.data = current
    if form.validate_on_submit() and not stale:
        views = {
            "say": form.say.data or "",
            "bring": form.bring.data or "",
            "attend": form.attend.data if form.attend.data in meetings.ATTEND else "",
            "share_how": [key for key in form.share_how.data or [] if key in meetings.SHARE_HOW],
        }
        with my_change("saved_views"):
            meetings.save_views(me(), upcoming.meeting, views, send=False)
        if request.form.get("then") == "check":
            return redirect(url_for(".check_views", meeting_id=upcoming.meeting.id))
        flash(gettext("Saved. Only you can see it until you send it."), "success")
        return redirect(url_for(".my_meeting"))
    return render_template(
        "young_person/meeting.html",
        meeting=upcoming,
        countdown=countdown(upcoming.day, today) if upcoming.day else "",
        form=form,
        saved=saved,
        stale=stale,
        decided=decided,
    )


def _check_page(meeting: Meeting, views: MeetingViews, stale: bool = False) -> str:
    form = SendViewsForm(formdata=None)
    form.version.data = versions.version_of([views.updated_at])
    return render_template(
        "young_person/meeting_check.html",
        meeting=meeting,
        views=views.views,
        attend=meetings.ATTEND,
        share_how=meetings.SHARE_HOW,
        form=form,
        stale=stale,
    )


@bp.route("/meeting/<id:meeting_id>/check")
def check_views(meeting_id: str) -> str | BaseResponse:
    """What the young person is about to send, with a Change link for each answer."""
    meeting = found_or_404(Meeting.of(me(), meeting_id))
    saved = meetings.views_for(me(), meeting)
    if saved is None:
        return redirect(url_for(".my_meeting"))
    return _check_page(meeting, saved)


@bp.route("/meeting/<id:meeting_id>/send", methods=["POST"])
def send_views(meeting_id: str) -> str | BaseResponse:
    meeting = found_or_404(Meeting.of(me(), meeting_id))
    saved = found_or_404(meetings.views_for(me(), meeting))
    form = SendViewsForm()
    current = versions.version_of([saved.updated_at])
    if not form.validate_on_submit() or versions.changed_meanwhile(form.version.data, current):
        # Changed from another phone since this page was read: show the latest to check.
        return _check_page(meeting, saved, stale=True)
    with my_change("sent_views"):
        meetings.save_views(me(), meeting, saved.views, send=True)
    flash(gettext("Sent to your worker."), "success")
    return redirect(url_for(".my_meeting"))


@bp.route("/meeting/calendar.ics")
def meeting_calendar() -> Response:
    upcoming = meetings.next_meeting(me(), clock.today())
    if upcoming is None or upcoming.day is None:
        abort(404)
    with_place = request.args.get("place") == "yes"
    response = make_response(meetings.calendar_file(upcoming, utcnow(), with_place))
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = 'attachment; filename="appointment.ics"'
    return response
