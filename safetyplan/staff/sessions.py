"""A worker's sessions with a young person: start, the session page, notes, sections
reviewed, editing a section together, and ending the session."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers.response import Response

from ..core import held_forms, plan, planning_sessions, workbook
from ..core.models import PlanningSession, YoungPerson
from ..web import choices
from ..web.section_form import ShowConflict, ShowForm, form_to_show, handle_post
from ..web.security import found_or_404
from . import bp
from .access import allowed_young_person, audited, me, staff_change
from .forms import DateParts, NoteForm, ReviewedForm, StartSessionForm
from .records import record_page


@bp.route("/young-people/<id:young_person_id>/sessions", methods=["POST"])
def start_session(young_person_id: str) -> str | Response:
    person = allowed_young_person(young_person_id)
    form = StartSessionForm()
    # Validate first: it clears errors, including those the date parts add.
    if form.validate_on_submit() and (
        held_on := DateParts(form, "held_on", "Session date").read(True)
    ):
        with staff_change("started_session", person):
            session = planning_sessions.start(person, me(), held_on, form.present.data or "")
        return redirect(url_for(".session", young_person_id=person.id, session_id=session.id))
    return record_page(person, start_form=form)


def _session_page(
    person: YoungPerson, current: PlanningSession, note_form: NoteForm | None = None
) -> str:
    reviewed = ReviewedForm(formdata=None, sections=current.reviewed_sections)
    reviewed.sections.choices = choices.sections()
    if note_form is None:
        held = held_forms.held_for(me(), _notes_path(person, current))
        note_form = NoteForm(formdata=MultiDict(held) if held else None)
    return render_template(
        "staff/session.html",
        person=person,
        current=current,
        views=plan.current_plan(person),
        changed=planning_sessions.changed_since_last_session(person, current),
        notes=planning_sessions.notes_of(current),
        note_form=note_form,
        held_note=bool(note_form.text.data) and not note_form.errors,
        reviewed_form=reviewed,
    )


@bp.route("/young-people/<id:young_person_id>/sessions/<id:session_id>")
def session(young_person_id: str, session_id: str) -> str:
    person = allowed_young_person(young_person_id)
    current = found_or_404(PlanningSession.of(person, session_id))
    audited("viewed_plan", person, "session")
    return _session_page(person, current)


def _notes_path(person: YoungPerson, current: PlanningSession) -> str:
    return url_for(".add_note", young_person_id=person.id, session_id=current.id)


def _open_session(person: YoungPerson, session_id: str) -> PlanningSession:
    current = found_or_404(PlanningSession.of(person, session_id))
    if current.ended_at is not None:
        flash("That session has ended. Start a new one to make changes.", "error")
        abort(redirect(url_for(".young_person", young_person_id=person.id)))
    return current


@bp.route("/young-people/<id:young_person_id>/sessions/<id:session_id>/notes", methods=["POST"])
def add_note(young_person_id: str, session_id: str) -> str | Response:
    person = allowed_young_person(young_person_id)
    current = _open_session(person, session_id)
    form = NoteForm()
    if form.validate_on_submit():
        with staff_change("wrote_note", person):
            planning_sessions.add_note(current, me(), form.text.data or "")
            held_forms.forget(me(), request.path)
        flash("Note saved. Only staff can see it.", "success")
        return redirect(url_for(".session", young_person_id=person.id, session_id=current.id))
    return _session_page(person, current, note_form=form)


@bp.route("/young-people/<id:young_person_id>/sessions/<id:session_id>/reviewed", methods=["POST"])
def mark_reviewed(young_person_id: str, session_id: str) -> Response:
    person = allowed_young_person(young_person_id)
    current = _open_session(person, session_id)
    form = ReviewedForm()
    form.sections.choices = choices.sections()
    if form.validate_on_submit():
        with staff_change("marked_reviewed", person):
            planning_sessions.mark_reviewed(current, list(form.sections.data or []))
        flash("Saved which sections you went through.", "success")
    return redirect(url_for(".session", young_person_id=person.id, session_id=current.id))


@bp.route("/young-people/<id:young_person_id>/sessions/<id:session_id>/end", methods=["POST"])
def end_session(young_person_id: str, session_id: str) -> Response:
    person = allowed_young_person(young_person_id)
    current = _open_session(person, session_id)
    with staff_change("ended_session", person):
        planning_sessions.end(current)
    flash(f"Session ended. Next review: {person.next_review_on:%d %B %Y}.", "success")
    return redirect(url_for(".young_person", young_person_id=person.id))


@bp.route(
    "/young-people/<id:young_person_id>/sessions/<id:session_id>/sections/<int:number>",
    methods=["GET", "POST"],
)
def edit_section(young_person_id: str, session_id: str, number: int) -> Any:
    person = allowed_young_person(young_person_id)
    current = _open_session(person, session_id)
    section = found_or_404(workbook.section_by_number(number))
    next_section = workbook.section_by_number(number + 1)
    back = url_for(".session", young_person_id=person.id, session_id=current.id)
    if request.method == "GET":
        audited("viewed_plan", person, f"section {number}")
        outcome: Any = form_to_show(person, section, held_forms.held_for(me(), request.path))
    else:
        outcome = handle_post(person, section, request.form, me(), current.id)
    if isinstance(outcome, ShowConflict):
        return render_template(
            "staff/conflict.html", person=person, section=section, outcome=outcome, back=back
        ), 409
    if isinstance(outcome, ShowForm):
        return render_template(
            "staff/section.html",
            person=person,
            section=section,
            back=back,
            next_section=next_section,
            **vars(outcome),
        )
    held_forms.forget(me(), request.path)
    audited("changed_section", person, f"section {number}")
    flash(f"Saved: {section.title}", "success")
    if outcome.go_to_next and next_section:
        return redirect(
            url_for(
                ".edit_section",
                young_person_id=person.id,
                session_id=current.id,
                number=next_section.number,
            )
        )
    return redirect(back + f"#section-{number}")
