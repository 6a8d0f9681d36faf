"""A plan's revision history: every saved version, the plan as it was, what changed
between two revisions or sessions, and restoring an earlier answer."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers.response import Response

from ..core import history, plan, planning_sessions, workbook
from ..core.models import PlanningSession, SectionRevision, YoungPerson
from ..web.security import found_or_404
from . import bp
from .access import allowed_young_person, audited, me, page_number


@bp.route("/young-people/<id:young_person_id>/history")
def history_page(young_person_id: str) -> str:
    person = allowed_young_person(young_person_id)
    audited("viewed_history", person)
    return render_template(
        "staff/history.html",
        person=person,
        page=history.revisions_page(person, page_number()),
        sections={section.number: section for section in workbook.SECTIONS},
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


@bp.route("/young-people/<id:young_person_id>/compare")
def compare(young_person_id: str) -> str:
    """Differences between two revisions (`from`, `to`), or between two sessions
    (`from_session`, `to_session`: the plan as it stood when each ended)."""
    person = allowed_young_person(young_person_id)
    audited("viewed_history", person, "compare")
    before, after = _compare_ends(person)
    return render_template(
        "staff/compare.html",
        person=person,
        changes=history.compare(before, after),
        sessions=[s for s in planning_sessions.sessions_of(person) if s.ended_at],
    )


def _compare_ends(person: YoungPerson) -> tuple[history.Snapshot, history.Snapshot]:
    args = request.args
    if not args:
        return {}, {}  # the page offers a choice of sessions
    if "from_session" in args or "to_session" in args:
        return tuple(  # type: ignore[return-value]
            _plan_at_session_end(person, args.get(name, ""))
            for name in ("from_session", "to_session")
        )
    older = SectionRevision.of(person, args.get("from", ""))
    newer = found_or_404(SectionRevision.of(person, args.get("to", "")))
    if older is None:
        return history.plan_before(person, newer), history.plan_as_at(person, newer)
    return history.plan_as_at(person, older), history.plan_as_at(person, newer)


def _plan_at_session_end(person: YoungPerson, session_id: str) -> history.Snapshot:
    current = PlanningSession.of(person, session_id)
    if current is None or current.ended_at is None:
        abort(404)
    return history.plan_as_at_time(person, current.ended_at)


@bp.route("/young-people/<id:young_person_id>/history/<id:revision_id>/restore", methods=["POST"])
def restore(young_person_id: str, revision_id: str) -> Response:
    """Put an older answer back as a new revision. Nothing is rewritten."""
    person = allowed_young_person(young_person_id)
    revision = found_or_404(SectionRevision.of(person, revision_id))
    section = found_or_404(workbook.section_by_number(revision.section_number))
    current = plan.current_section(person, section)
    result = plan.save_section(
        person,
        section,
        revision.answers,
        base_version=current.version,
        done=current.done,
        author=me(),
        restored_from_id=revision.id,
    )
    if isinstance(result, plan.Conflict):
        flash("Someone changed that section just now. Look again, then restore.", "error")
    else:
        audited("restored_revision", person, f"section {section.number}")
        flash(f"Restored the earlier answer to {section.title}.", "success")
    return redirect(url_for(".history_page", young_person_id=person.id))
