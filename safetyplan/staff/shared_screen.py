"""A session on the screen the worker shares with the young person: the plan and its
sections only, never private notes or anything else staff-only. While it is on, asking
for the full session page (as saving a section does) comes back here instead, so nothing
private appears by surprise; one tap goes back to the full session."""

from __future__ import annotations

from flask import redirect, render_template, request, session, url_for
from werkzeug.wrappers.response import Response

from ..core import plan, planning_sessions
from ..core.models import PlanningSession
from ..web.security import found_or_404
from . import bp
from .access import allowed_young_person, audited

SHOWING = "shared_screen_session"  # the planning session shown to the young person


@bp.before_request
def keep_the_shared_screen() -> Response | None:
    """The full session page is not shown while its shared view is on."""
    args = request.view_args or {}
    if request.endpoint == "staff.session" and session.get(SHOWING) == args.get("session_id"):
        return redirect(url_for(".together", **args))
    return None


def _session_of(young_person_id: str, session_id: str) -> PlanningSession:
    person = allowed_young_person(young_person_id)
    return found_or_404(PlanningSession.of(person, session_id))


@bp.route("/young-people/<id:young_person_id>/sessions/<id:session_id>/together")
def together(young_person_id: str, session_id: str) -> str:
    current = _session_of(young_person_id, session_id)
    person = current.young_person
    audited("viewed_plan", person, "with the young person")
    return render_template(
        "staff/together.html",
        person=person,
        current=current,
        views=plan.current_plan(person),
        changed=planning_sessions.changed_since_last_session(person, current),
    )


@bp.route(
    "/young-people/<id:young_person_id>/sessions/<id:session_id>/together/start",
    methods=["POST"],
)
def show_together(young_person_id: str, session_id: str) -> Response:
    current = _session_of(young_person_id, session_id)
    session[SHOWING] = current.id
    return redirect(url_for(".together", young_person_id=young_person_id, session_id=current.id))


@bp.route(
    "/young-people/<id:young_person_id>/sessions/<id:session_id>/together/end",
    methods=["POST"],
)
def back_to_full_session(young_person_id: str, session_id: str) -> Response:
    current = _session_of(young_person_id, session_id)
    session.pop(SHOWING, None)
    return redirect(url_for(".session", young_person_id=young_person_id, session_id=current.id))
