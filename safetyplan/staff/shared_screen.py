"""A session on the screen the worker shares with the young person: the plan and its
sections only, never private notes or anything else staff-only. While it is on, every staff
page but the shared plan and its sections comes back to the shared plan, and no page shows
the staff menu, so nothing private (nor anyone else's name) appears by surprise; one tap on
the shared plan goes back to the full session."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, session, url_for
from werkzeug.wrappers.response import Response

from ..core import plan, planning_sessions
from ..core.models import PlanningSession
from ..web.security import found_or_404
from . import bp
from .access import allowed_young_person, audited, staff_change
from .sessions import posted_work, save_work, session_page

SHOWING = "shared_screen"  # {"young_person_id", "session_id"} of the session shown
# The pages of the shown session that may appear on the shared screen.
SHARED_PAGES = {"staff.together", "staff.edit_section", "staff.back_to_full_session"}


@bp.before_request
def keep_the_shared_screen() -> Response | None:
    """While the shared view is on, any other staff page asked for (a link, a bookmark,
    where saving a section returns) shows the shared plan instead. A form sent from
    elsewhere still goes through, so nothing typed is lost; its answer lands here too."""
    showing = session.get(SHOWING)
    if not showing or request.method != "GET":
        return None
    args = request.view_args or {}
    if request.endpoint in SHARED_PAGES and args.get("session_id") == showing["session_id"]:
        return None
    return redirect(url_for(".together", **showing))


@bp.context_processor
def shared_screen_links() -> dict[str, Any]:
    """Tells the staff layout to leave out its menu, and where its home link goes."""
    showing = session.get(SHOWING)
    return {"shared_screen_home": url_for(".together", **showing) if showing else None}


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
def show_together(young_person_id: str, session_id: str) -> str | Response:
    """Turn the shared view on. From an open session it is a button of the session's form:
    the note and ticks on the page are saved first, so switching views loses nothing."""
    current = _session_of(young_person_id, session_id)
    person = current.young_person
    if current.ended_at is None:
        form = posted_work()
        if not form.validate_on_submit():
            return session_page(person, current, form)
        with staff_change("saved_session", person):
            save_work(person, current, form)
        flash("Saved.", "success")  # on the shared screen: says nothing of the note
    session[SHOWING] = {"young_person_id": person.id, "session_id": current.id}
    return redirect(url_for(".together", young_person_id=person.id, session_id=current.id))


@bp.route(
    "/young-people/<id:young_person_id>/sessions/<id:session_id>/together/end",
    methods=["POST"],
)
def back_to_full_session(young_person_id: str, session_id: str) -> Response:
    current = _session_of(young_person_id, session_id)
    session.pop(SHOWING, None)
    return redirect(url_for(".session", young_person_id=young_person_id, session_id=current.id))
