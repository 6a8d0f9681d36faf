"""The young person's pages: their plan and its sections, Help now, the whole plan, the
quick-exit guide, starting with a code, and their account."""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user
from werkzeug.wrappers.response import Response

from ..core import enrolment, plan, workbook
from ..core import help_now as help_lines
from ..core.accounts import set_password
from ..core.fields import on_form
from ..core.models import YoungPerson
from ..core.passwords import verify_password
from ..web import sessions
from ..web.extensions import configured_limit, db, limiter
from ..web.section_form import (
    SectionMetaForm,
    ShowConflict,
    ShowForm,
    handle_post,
)
from ..web.security import found_or_404
from . import bp
from .forms import EnrolForm, PassphraseForm, StartForm


def me() -> YoungPerson:
    person: YoungPerson = current_user._get_current_object()
    return person


@bp.route("/")
def plan_home() -> str:
    views = plan.plan_status(me())
    started = sum(view.started for view in views)
    return render_template("young_person/plan.html", views=views, started=started)


@bp.route("/about")
def intro() -> str:
    return render_template("young_person/intro.html", intro=workbook.INTRO)


def _render_section(
    section: workbook.Section,
    fields: Any,
    meta: SectionMetaForm,
    errors: dict[str, str] | None = None,
    notice: str | None = None,
) -> tuple[str, int]:
    return (
        render_template(
            "young_person/section.html",
            section=section,
            fields=fields,
            meta=meta,
            errors=errors or {},
            notice=notice,
            next_section=workbook.section_by_number(section.number + 1),
        ),
        200,
    )


@bp.route("/<int:number>", methods=["GET", "POST"])
def section(number: int) -> Response | tuple[str, int]:
    section = found_or_404(workbook.section_by_number(number))
    if request.method == "GET":
        current = plan.current_section(me(), section)
        meta = SectionMetaForm(data={"version": current.version, "done": current.done})
        return _render_section(section, on_form(section, current.answers), meta)
    outcome = handle_post(me(), section, request.form)
    if isinstance(outcome, ShowForm):
        return _render_section(
            section, outcome.fields, outcome.meta, outcome.errors, outcome.notice
        )
    if isinstance(outcome, ShowConflict):
        return render_template("young_person/conflict.html", section=section, outcome=outcome), 409
    db.session.commit()
    flash(f"Saved: {section.title}", "success")
    next_section = workbook.section_by_number(number + 1)
    if outcome.go_to_next and next_section:
        return redirect(url_for(".section", number=next_section.number))
    return redirect(url_for(".plan_home") + f"#section-{number}")


@bp.route("/all")
def whole_plan() -> str:
    views = [view for view in plan.current_plan(me()) if view.started]
    return render_template("young_person/whole_plan.html", views=views)


@bp.route("/help")
def help_now() -> str:
    views = plan.current_plan(me(), help_lines.SECTIONS)
    lines = help_lines.for_plan(views, current_app.config)
    return render_template("young_person/help_now.html", lines=lines)


@bp.route("/account", methods=["GET", "POST"])
@limiter.limit(configured_limit("SIGN_IN_RATE_LIMIT"), methods=["POST"])
def account() -> str | Response:
    form = PassphraseForm()
    person = me()
    profile = current_app.config["PASSWORD_HASH_PROFILE"]
    if form.validate_on_submit():
        if verify_password(person.password_hash, form.current_passphrase.data or "", profile):
            set_password(person, form.new_passphrase.data or "", profile)
            db.session.commit()
            sessions.regenerate()
            login_user(person)
            flash(
                "Your passphrase has been changed. You are signed out on any other device.",
                "success",
            )
            return redirect(url_for(".account"))
        form.current_passphrase.errors.append(
            "That isn't your passphrase now. Check it and try again."
        )
    return render_template("young_person/account.html", form=form)


@bp.route("/leaving-quickly")
def quick_exit_guide() -> str:
    return render_template(
        "young_person/quick_exit_guide.html", first_time=request.args.get("first")
    )


@bp.route("/staying-safe-online")
def online_safety() -> str:
    return render_template("young_person/online_safety.html")


@bp.route("/start", methods=["GET", "POST"])
@limiter.limit(configured_limit("SIGN_IN_RATE_LIMIT"), methods=["POST"])
def start() -> str | Response:
    form = StartForm()
    if form.validate_on_submit():
        if enrolment.person_for_code(form.code.data or ""):
            return redirect(url_for(".enrol", code=enrolment.normalise(form.code.data or "")))
        form.code.errors.append(enrolment.CODE_NOT_WORKING)
    return render_template("young_person/start.html", form=form)


@bp.route("/start/<code>", methods=["GET", "POST"])
@limiter.limit(configured_limit("SIGN_IN_RATE_LIMIT"), methods=["POST"])
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
                "That username is taken. Try another, or use the one we suggest."
            )
        else:
            enrolment.complete(
                person,
                form.username.data or "",
                form.passphrase.data or "",
                current_app.config["PASSWORD_HASH_PROFILE"],
            )
            sessions.regenerate()
            login_user(person)
            db.session.commit()
            return redirect(url_for(".quick_exit_guide", first=1))
    return render_template("young_person/enrol.html", form=form, code=code)
