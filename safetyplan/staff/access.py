"""What every staff page shares: who is signed in, the one object-level check, managers-only
pages, and how a staff member's changes and views reach the audit log."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, TypeVar

from flask import abort, redirect, request, url_for
from flask_login import current_user
from werkzeug.wrappers.response import Response

from ..core import caseload
from ..core.models import StaffUser, YoungPerson
from ..web import changes
from . import bp

log = logging.getLogger("safetyplan.staff")
View = TypeVar("View", bound=Callable[..., Any])


def me() -> StaffUser:
    staff: StaffUser = current_user._get_current_object()
    return staff


@contextmanager
def staff_change(
    action: str, person: YoungPerson | None = None, detail: str | None = None
) -> Iterator[None]:
    """A change by the signed-in staff member: the block's work and its audit entry, one
    commit."""
    with changes.change(action, "staff", me().id, person.id if person else None, detail):
        yield


def audited(action: str, person: YoungPerson | None = None, detail: str | None = None) -> None:
    """An audit entry for the signed-in staff member, committed with whatever the request
    has done: they saw personal data, or a core function did the work and said it was
    saved."""
    changes.record(action, "staff", me().id, person.id if person else None, detail)


@bp.before_request
def temporary_password_changed_first() -> Response | None:
    """Someone given a temporary password changes it before anything else, so the manager
    who chose it (and anyone who overheard it) can't sign in as them later."""
    if me().must_change_password and request.endpoint != "staff.own_password":
        return redirect(url_for("staff.own_password"))
    return None


def allowed_young_person(young_person_id: str) -> YoungPerson:
    """The one object-level check for staff: 404 unless this person is on their caseload
    (or they are a manager)."""
    person = caseload.young_person_for(me(), young_person_id)
    if person is None:
        log.warning("staff access refused to a young person record")
        # Recorded for the audit log, with the id asked for (it may be nobody's).
        changes.record("refused_access", "staff", me().id, detail=young_person_id)
        abort(404)
    return person


def managers_only(view: View) -> View:
    @wraps(view)
    def checked(*args: Any, **kwargs: Any) -> Any:
        if not me().is_manager:
            abort(403)
        return view(*args, **kwargs)

    return checked  # type: ignore[return-value]


def page_number() -> int:
    value = request.args.get("page", "1")
    return int(value) if value.isdigit() and len(value) < 7 else 1
