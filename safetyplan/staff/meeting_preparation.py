"""A meeting's preparation checklist: each item due by its deadline, ticked with who and
when, and the young person's views with how they will be heard."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from werkzeug.wrappers.response import Response

from ..core import clock, meetings, preparation
from ..core.meeting_models import Meeting
from ..core.models import YoungPerson
from ..web.security import found_or_404
from . import bp
from .access import allowed_young_person, audited, me, staff_change
from .meeting_forms import ViewsHeardForm
from .meeting_life import MEETING


def _task_of(young_person_id: str, meeting_id: str, task: str) -> tuple[YoungPerson, Meeting]:
    person = allowed_young_person(young_person_id)
    meeting = found_or_404(Meeting.of(person, meeting_id))
    if task not in preparation.ITEMS:
        abort(404)
    return person, meeting


def _page(person: YoungPerson, meeting: Meeting, views_form: ViewsHeardForm) -> str:
    details = meetings.details_of(meeting)
    tasks = preparation.checklist(details)
    if not views_form.is_submitted():  # marked not done: it opens with what they wrote
        views_form.note.data = next(task.note for task in tasks if task.key == "views")
    return render_template(
        "staff/meeting_preparation.html",
        person=person,
        meeting=details,
        tasks=tasks,
        today=clock.today(),
        views_form=views_form,
    )


def _back(person: YoungPerson, meeting: Meeting, message: str) -> Response:
    flash(message, "success")
    return redirect(url_for(".preparation_page", young_person_id=person.id, meeting_id=meeting.id))


@bp.route(MEETING + "/preparation")
def preparation_page(young_person_id: str, meeting_id: str) -> str:
    person = allowed_young_person(young_person_id)
    meeting = found_or_404(Meeting.of(person, meeting_id))
    audited("viewed_meetings", person, "preparation")
    return _page(person, meeting, ViewsHeardForm(formdata=None))


# The young person's views have their own route below (it wins over this one): they are
# ticked only with how the views will be heard.
@bp.route(MEETING + "/preparation/<task>/done", methods=["POST"])
def tick_task(young_person_id: str, meeting_id: str, task: str) -> str | Response:
    person, meeting = _task_of(young_person_id, meeting_id, task)
    # The button is the whole form (its CSRF token is checked for every POST).
    with staff_change("ticked_preparation", person, task):
        preparation.tick(meeting, task, me())
    return _back(person, meeting, f"{preparation.ITEMS[task].label}: done.")


@bp.route(MEETING + "/preparation/views/done", methods=["POST"])
def views_heard(young_person_id: str, meeting_id: str) -> str | Response:
    person, meeting = _task_of(young_person_id, meeting_id, "views")
    form = ViewsHeardForm()
    if not form.validate_on_submit():
        return _page(person, meeting, form)
    with staff_change("ticked_preparation", person, "views"):
        preparation.tick(meeting, "views", me(), form.note.data or "")
    return _back(person, meeting, f"{preparation.ITEMS['views'].label}: done.")


@bp.route(MEETING + "/preparation/<task>/undo", methods=["POST"])
def untick_task(young_person_id: str, meeting_id: str, task: str) -> str | Response:
    person, meeting = _task_of(young_person_id, meeting_id, task)
    with staff_change("unticked_preparation", person, task):
        preparation.untick(meeting, task)
    return _back(person, meeting, f"{preparation.ITEMS[task].label}: marked not done.")
