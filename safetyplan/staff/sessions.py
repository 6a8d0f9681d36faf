"""A worker's sessions with a young person: start, the session page, notes, sections
reviewed, editing a section together, and ending the session."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers.response import Response

from ..core import clock, held_forms, plan, planning_sessions, workbook
from ..core.models import PlanningSession, YoungPerson
from ..web import choices
from ..web.section_form import ShowConflict, ShowForm, form_to_show, handle_post
from ..web.security import found_or_404
from . import bp
from .access import allowed_young_person, audited, me, staff_change
from .forms import DateParts, SessionWorkForm, StartSessionForm
from .records import record_page


@bp.route("/young-people/<id:young_person_id>/sessions", methods=["POST"])
def start_session(young_person_id: str) -> str | Response:
    person = allowed_young_person(young_person_id)
    form = StartSessionForm()
    # Validate first: it clears errors, including those the date parts add.
    if form.validate_on_submit() and (
        held_on := DateParts(form, "held_on", "Session date").read(True)
    ):
        if held_on > clock.today():
            form.held_on_day.errors = [
                "The session date can't be in the future. Enter today's date or an earlier one"
            ]
            return record_page(person, start_form=form)
        with staff_change("started_session", person):
            session = planning_sessions.start(person, me(), held_on, form.present.data or "")
        return redirect(url_for(".session", young_person_id=person.id, session_id=session.id))
    return record_page(person, start_form=form)


def _work_paths(person: YoungPerson, current: PlanningSession) -> list[str]:
    """Where the session page's form is sent: what the idle limit holds is kept by path."""
    return [
        url_for(endpoint, young_person_id=person.id, session_id=current.id)
        for endpoint in (".save_session_work", ".end_session", ".show_together")
    ]


def posted_work() -> SessionWorkForm:
    form = SessionWorkForm()
    form.sections.choices = choices.sections()
    return form


def session_page(
    person: YoungPerson, current: PlanningSession, form: SessionWorkForm | None = None
) -> str:
    held = None
    if form is None:  # what was saved, or what the idle limit held for this worker
        held = next(
            filter(None, (held_forms.held_for(me(), p) for p in _work_paths(person, current))), None
        )
        form = SessionWorkForm(
            formdata=MultiDict(held) if held else None, sections=current.reviewed_sections
        )
        form.sections.choices = choices.sections()
    return render_template(
        "staff/session.html",
        person=person,
        current=current,
        views=plan.current_plan(person),
        changed=planning_sessions.changed_since_last_session(person, current),
        notes=planning_sessions.notes_of(current),
        form=form,
        held_note=held is not None,
    )


@bp.route("/young-people/<id:young_person_id>/sessions/<id:session_id>")
def session(young_person_id: str, session_id: str) -> str:
    person = allowed_young_person(young_person_id)
    current = found_or_404(PlanningSession.of(person, session_id))
    audited("viewed_plan", person, "session")
    return session_page(person, current)


def _open_session(person: YoungPerson, session_id: str) -> PlanningSession:
    current = found_or_404(PlanningSession.of(person, session_id))
    if current.ended_at is not None:
        flash("That session has ended. Start a new one to make changes.", "error")
        abort(redirect(url_for(".young_person", young_person_id=person.id)))
    return current


def save_work(person: YoungPerson, current: PlanningSession, form: SessionWorkForm) -> bool:
    """Everything the page held: the sections gone through, and the note if one was
    typed. True if there was a note."""
    planning_sessions.mark_reviewed(current, list(form.sections.data or []))
    note = (form.text.data or "").strip()
    if note:
        planning_sessions.add_note(current, me(), note)
    for path in _work_paths(person, current):
        held_forms.forget(me(), path)
    return bool(note)


@bp.route("/young-people/<id:young_person_id>/sessions/<id:session_id>/save", methods=["POST"])
def save_session_work(young_person_id: str, session_id: str) -> str | Response:
    person = allowed_young_person(young_person_id)
    current = _open_session(person, session_id)
    form = posted_work()
    if not form.validate_on_submit():
        return session_page(person, current, form)
    with staff_change("saved_session", person):
        noted = save_work(person, current, form)
    flash("Saved. Only staff can see the note." if noted else "Saved.", "success")
    return redirect(url_for(".session", young_person_id=person.id, session_id=current.id))


@bp.route("/young-people/<id:young_person_id>/sessions/<id:session_id>/end", methods=["POST"])
def end_session(young_person_id: str, session_id: str) -> str | Response:
    """End the session, saving everything the page held first, so a typed note or a
    ticked section is never lost by ending."""
    person = allowed_young_person(young_person_id)
    current = _open_session(person, session_id)
    form = posted_work()
    if not form.validate_on_submit():
        return session_page(person, current, form)
    with staff_change("ended_session", person):
        noted = save_work(person, current, form)
        moved = planning_sessions.end(current)
    ended = "Session ended. Your note is saved." if noted else "Session ended."
    review = f"{person.next_review_on:%d %B %Y}"
    if moved:
        flash(f"{ended} Next review: {review}.", "success")
    else:
        flash(f"{ended} The later review date already set stays: {review}.", "success")
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
