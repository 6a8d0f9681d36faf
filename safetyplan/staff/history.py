"""A plan's revision history: every saved version, the plan as it was, what changed between
two sessions or in one revision, and putting back one earlier answer (or one row of it)
after a preview of exactly what will change."""

from __future__ import annotations

from datetime import datetime

from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers.response import Response

from ..core import history, plan, planning_sessions, workbook
from ..core.models import PlanningSession, SectionRevision, YoungPerson
from ..web.security import found_or_404
from . import bp
from .access import allowed_young_person, audited, me, page_number
from .forms import RestoreForm


def _session_dates(person: YoungPerson) -> dict[str, object]:
    return {s.id: s.held_on for s in planning_sessions.sessions_of(person)}


@bp.route("/young-people/<id:young_person_id>/history")
def history_page(young_person_id: str) -> str:
    person = allowed_young_person(young_person_id)
    audited("viewed_history", person)
    return render_template(
        "staff/history.html",
        person=person,
        page=history.revisions_page(person, page_number()),
        sections={section.number: section for section in workbook.SECTIONS},
        session_dates=_session_dates(person),
    )


@bp.route("/young-people/<id:young_person_id>/history/<id:revision_id>")
def plan_at(young_person_id: str, revision_id: str) -> str:
    person = allowed_young_person(young_person_id)
    revision = found_or_404(SectionRevision.of(person, revision_id))
    audited("viewed_history", person, "plan at revision")
    snapshot = history.plan_as_at(person, revision)
    return render_template(
        "staff/plan_at.html",
        person=person,
        revision=revision,
        sections=[(s, snapshot[s.number]) for s in workbook.SECTIONS if snapshot.get(s.number)],
    )


START, NOW = "start", "now"


@bp.route("/young-people/<id:young_person_id>/compare")
def compare(young_person_id: str) -> str:
    """What one revision changed (`to`), or what changed from the end of one session to the
    end of another (`from_session`, `to_session`; or from the start, or to now). With no
    choice made: the last session's changes, so one session is never an empty page."""
    person = allowed_young_person(young_person_id)
    audited("viewed_history", person, "compare")
    sessions = planning_sessions.sessions_of(person)
    ended = [s for s in sessions if s.ended_at]
    chosen = (START, NOW)
    if "to" in request.args:
        revision = found_or_404(SectionRevision.of(person, request.args["to"]))
        changes = history.revision_changes(person, revision)
    else:
        chosen = (
            request.args.get("from_session", ended[1].id if len(ended) > 1 else START),
            request.args.get("to_session", ended[0].id if ended else NOW),
        )
        start, end = (_session_end(person, choice) for choice in chosen)
        if start and end and start > end:
            start, end = end, start
        changes = history.changes_between(person, start, end)
    return render_template(
        "staff/compare.html",
        person=person,
        changes=changes,
        one_revision="to" in request.args,
        sessions=ended,
        chosen=chosen,
        session_dates={s.id: s.held_on for s in sessions},
    )


def _session_end(person: YoungPerson, choice: str) -> datetime | None:
    """When the chosen session ended; None for the start or now."""
    if choice in (START, NOW):
        return None
    chosen = PlanningSession.of(person, choice)
    if chosen is None or chosen.ended_at is None:
        abort(404)
    return chosen.ended_at


def _restoring(
    person: YoungPerson, revision_id: str
) -> tuple[SectionRevision, plan.CurrentSection, list[history.Restorable]]:
    """The revision, its section as it is now, and the earlier answers that differ."""
    revision = found_or_404(SectionRevision.of(person, revision_id))
    section = found_or_404(workbook.section_by_number(revision.section_number))
    current = plan.current_section(person, section)
    return revision, current, history.restorable(section, current.answers, revision.answers)


def _choice_page(
    person: YoungPerson,
    revision: SectionRevision,
    current: plan.CurrentSection,
    choices: list[history.Restorable],
    changed_meanwhile: bool = False,
) -> tuple[str, int]:
    return render_template(
        "staff/restore_choice.html",
        person=person,
        revision=revision,
        current=current,
        choices=choices,
        session_dates=_session_dates(person),
        changed_meanwhile=changed_meanwhile,
    ), 409 if changed_meanwhile else 200


@bp.route("/young-people/<id:young_person_id>/history/<id:revision_id>/restore")
def restore_choice(young_person_id: str, revision_id: str) -> tuple[str, int]:
    """The answers in this revision that differ from the plan now, each to restore on its
    own (or, for a list, one row of it)."""
    person = allowed_young_person(young_person_id)
    revision, current, choices = _restoring(person, revision_id)
    audited("viewed_history", person, "restore choice")
    return _choice_page(person, revision, current, choices)


def _chosen(
    choices: list[history.Restorable], field: str, change: str
) -> tuple[history.Restorable, int | None] | None:
    """The chosen answer and row (None for all of it), if there is such a thing."""
    choice = next((c for c in choices if c.spec.name == field), None)
    if choice is None or not (change == "" or (change.isdigit() and len(change) < 4)):
        return None
    index = int(change) if change else None
    if index is not None and index >= len(choice.changes):
        return None
    return choice, index


def _preview(
    person: YoungPerson,
    revision: SectionRevision,
    current: plan.CurrentSection,
    choice: history.Restorable,
    index: int | None,
) -> str:
    form = RestoreForm(formdata=None, field=choice.spec.name, version=current.version)
    form.change.data = "" if index is None else str(index)
    return render_template(
        "staff/restore_preview.html",
        person=person,
        revision=revision,
        section=current.section,
        choice=choice,
        changes=choice.changes if index is None else [choice.changes[index]],
        form=form,
    )


@bp.route("/young-people/<id:young_person_id>/history/<id:revision_id>/restore/preview")
def restore_preview(young_person_id: str, revision_id: str) -> tuple[str, int]:
    """Exactly what restoring will change, the answer now and the earlier one, before
    anything changes."""
    person = allowed_young_person(young_person_id)
    revision, current, choices = _restoring(person, revision_id)
    args = request.args
    chosen = _chosen(choices, args.get("field", ""), args.get("change", ""))
    audited("viewed_history", person, "restore preview")
    if chosen is None:  # nothing (or no such thing) chosen: the choice again
        return _choice_page(person, revision, current, choices)
    return _preview(person, revision, current, *chosen), 200


@bp.route("/young-people/<id:young_person_id>/history/<id:revision_id>/restore", methods=["POST"])
def restore(young_person_id: str, revision_id: str) -> Response | tuple[str, int]:
    """Put back the previewed answer as a new revision, only if the section is still the
    version the preview showed. Nothing is rewritten."""
    person = allowed_young_person(young_person_id)
    revision, current, choices = _restoring(person, revision_id)
    form = RestoreForm()  # CSRF is checked for every POST before any view runs
    if form.version.data != str(current.version):
        return _choice_page(person, revision, current, choices, changed_meanwhile=True)
    chosen = _chosen(choices, form.field.data or "", form.change.data or "")
    if chosen is None:
        return _choice_page(person, revision, current, choices)
    choice, index = chosen
    in_session = planning_sessions.open_session_of(person, me())
    result = plan.save_section(
        person,
        current.section,
        history.with_restored(current.answers, revision.answers, choice, index),
        base_version=current.version,
        done=current.done,
        author=me(),
        planning_session_id=in_session.id if in_session else None,
        restored_from_id=revision.id,
        restored_fields=[choice.spec.name],
    )
    if isinstance(result, plan.Conflict):  # someone saved between the check and the save
        current = result.current
        choices = history.restorable(current.section, current.answers, revision.answers)
        return _choice_page(person, revision, current, choices, changed_meanwhile=True)
    audited("restored_revision", person, f"section {current.section.number} {choice.spec.name}")
    flash(f"Restored the earlier answer to “{choice.spec.label}”.", "success")
    if in_session:  # back to the session the worker is in, as a section saved there is
        session_page = url_for(".session", young_person_id=person.id, session_id=in_session.id)
        return redirect(f"{session_page}#section-{current.section.number}")
    return redirect(url_for(".history_page", young_person_id=person.id))
