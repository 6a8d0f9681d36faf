"""Getting in and staying safe: starting with a sign-in code, choosing a username and
passphrase, and the pages about leaving quickly and staying safe online."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_user
from werkzeug.wrappers.response import Response

from ..core import clock, enrolment, help_now, meetings, plan, sharing
from ..core.models import YoungPerson
from ..web import changes, sessions
from ..web.extensions import configured_limit, limiter
from ..web.i18n import translated
from . import bp
from .forms import EnrolForm, StartForm


def me() -> YoungPerson:
    person: YoungPerson = current_user._get_current_object()
    return person


@contextmanager
def my_change(action: str, detail: str | None = None) -> Iterator[None]:
    """A change the signed-in young person makes: its work and audit entry, one commit."""
    person = me()
    with changes.change(action, "young_person", person.id, person.id, detail):
        yield


def my_audit(action: str, detail: str | None = None) -> None:
    """An audit entry for work a core function has already done for the young person."""
    person = me()
    changes.record(action, "young_person", person.id, person.id, detail)


@bp.route("/leaving-quickly")
def quick_exit_guide() -> str:
    return render_template(
        "young_person/quick_exit_guide.html", first_time=request.args.get("first")
    )


@bp.route("/staying-safe-online")
def online_safety() -> str:
    return render_template("young_person/online_safety.html")


@bp.route("/on-my-phone")
def on_my_phone() -> str:
    """What using the app may have left on this young person's phone, and how to clear it:
    only the things they have used (a code word to send, links made, a meeting date)."""
    person = me()
    lines = help_now.for_plan(plan.current_plan(person, help_now.SECTIONS), current_app.config)
    upcoming = meetings.next_meeting(person, clock.today())
    return render_template(
        "young_person/on_my_phone.html",
        lines=lines,
        share_labels=[share.label for share in sharing.shares_of(person)],
        meeting_day=upcoming.day if upcoming else None,
    )


@bp.route("/start", methods=["GET", "POST"])
@limiter.limit(configured_limit("SIGN_IN_RATE_LIMIT"), methods=["POST"])
def start() -> str | Response:
    form = StartForm()
    if form.validate_on_submit():
        if enrolment.person_for_code(form.code.data or ""):
            return redirect(url_for(".enrol", code=enrolment.normalise(form.code.data or "")))
        form.code.errors.append(translated(enrolment.CODE_NOT_WORKING))
    return render_template("young_person/start.html", form=form)


@bp.route("/start/<code>", methods=["GET", "POST"])
@limiter.limit(configured_limit("SIGN_IN_RATE_LIMIT"))  # opening a code's page tests it too
def enrol(code: str) -> str | Response:
    person = enrolment.person_for_code(code)
    if person is None:
        return render_template("young_person/code_not_working.html"), 404  # type: ignore[return-value]
    form = EnrolForm()
    if request.method == "GET":
        form.username.data = enrolment.suggest_username()
    if form.validate_on_submit():
        taken = YoungPerson.by_username(form.username.data or "")
        if taken is not None and taken.id != person.id:
            form.username.errors.append(
                gettext("That username is taken. Try another, or use the one we suggest.")
            )
        else:
            with changes.change("enrolled", "young_person", person.id, person.id):
                enrolment.complete(
                    person,
                    form.username.data or "",
                    form.passphrase.data or "",
                    current_app.config["PASSWORD_HASH_PROFILE"],
                )
            sessions.regenerate()
            login_user(person)
            return redirect(url_for(".quick_exit_guide", first=1))
    return render_template("young_person/enrol.html", form=form, code=code)
