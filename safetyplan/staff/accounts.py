"""Staff accounts: managers add staff, change a role, deactivate or reactivate an account and
reset a password; everyone can change their own password."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, url_for
from flask_login import login_user
from sqlalchemy import select
from werkzeug.wrappers.response import Response

from ..core import accounts
from ..core.models import StaffUser
from ..core.passwords import hash_password, verify_password
from ..web import sessions
from ..web.extensions import configured_limit, db, limiter
from ..web.security import found_or_404
from . import bp
from .access import managers_only, me, staff_change
from .forms import OwnPasswordForm, PasswordForm, PhoneForm, RoleForm, StaffAccountForm

NOT_YOURSELF = "You can't change your own role or deactivate yourself. Ask another manager."
USE_YOUR_OWN_PAGE = (
    "To change your own password, use Change password: it asks for the one you use now."
)
NOT_YOU = "That isn't your password. Check it and try again."


def _is_me(password: str) -> bool:
    return verify_password(
        me().password_hash, password, current_app.config["PASSWORD_HASH_PROFILE"]
    )


def _hash(password: str) -> str:
    return hash_password(password, current_app.config["PASSWORD_HASH_PROFILE"])


@bp.route("/accounts", methods=["GET", "POST"])
@managers_only
@limiter.limit(configured_limit("SIGN_IN_RATE_LIMIT"), methods=["POST"])
def staff_accounts() -> str | Response:
    form = StaffAccountForm()
    if form.validate_on_submit():
        if not _is_me(form.your_password.data or ""):
            form.your_password.errors = [NOT_YOU]
        elif StaffUser.by_email(form.email.data or ""):
            form.email.errors = ["There is already an account with that email address"]
        else:
            staff = StaffUser(
                email=form.email.data or "",
                name=form.name.data or "",
                role=form.role.data or "worker",
            )
            staff.phone = (form.phone.data or "").strip() or None
            staff.password_hash = _hash(form.password.data or "")
            staff.must_change_password = True
            with staff_change("created_staff", detail=staff.id):
                db.session.add(staff)
            flash("Account created. Tell them their temporary password.", "success")
            return redirect(url_for(".staff_accounts"))
    people = db.session.scalars(select(StaffUser).order_by(StaffUser.created_at)).all()
    return render_template("staff/accounts.html", form=form, people=people)


def _account_page(
    staff: StaffUser,
    role_form: RoleForm | None = None,
    password_form: PasswordForm | None = None,
    problem: str | None = None,
    phone_form: PhoneForm | None = None,
) -> str:
    return render_template(
        "staff/account.html",
        staff=staff,
        role_form=role_form or RoleForm(formdata=None, role=staff.role),
        password_form=password_form or PasswordForm(formdata=None),
        phone_form=phone_form or PhoneForm(formdata=None, phone=staff.phone),
        problem=problem,
    )


def _someone_else(staff_id: str) -> StaffUser:
    return found_or_404(db.session.get(StaffUser, staff_id))


@bp.route("/accounts/<id:staff_id>")
@managers_only
def staff_account(staff_id: str) -> str:
    return _account_page(_someone_else(staff_id))


@bp.route("/accounts/<id:staff_id>/role", methods=["POST"])
@managers_only
@limiter.limit(configured_limit("SIGN_IN_RATE_LIMIT"))
def change_role(staff_id: str) -> str | Response:
    staff = _someone_else(staff_id)
    form = RoleForm()
    if staff.id == me().id:
        return _account_page(staff, role_form=form, problem=NOT_YOURSELF)
    if not form.validate_on_submit():
        return _account_page(staff, role_form=form)
    if not _is_me(form.your_password.data or ""):
        form.your_password.errors = [NOT_YOU]
        return _account_page(staff, role_form=form)
    with staff_change("changed_staff_role", detail=staff.id):
        staff.role = form.role.data or "worker"
    flash("Role changed.", "success")
    return redirect(url_for(".staff_account", staff_id=staff.id))


@bp.route("/accounts/<id:staff_id>/phone", methods=["POST"])
@managers_only
def set_work_phone(staff_id: str) -> str | Response:
    """The number letters give for this worker's young people: it follows the allocation."""
    staff = _someone_else(staff_id)
    form = PhoneForm()
    if not form.validate_on_submit():
        return _account_page(staff, phone_form=form)
    with staff_change("set_staff_phone", detail=staff.id):
        staff.phone = (form.phone.data or "").strip() or None
    flash("Work phone saved. Letters for their young people use it.", "success")
    return redirect(url_for(".staff_account", staff_id=staff.id))


@bp.route("/accounts/<id:staff_id>/deactivate", methods=["POST"])
@managers_only
def deactivate_staff(staff_id: str) -> str | Response:
    staff = _someone_else(staff_id)
    if staff.id == me().id:
        return _account_page(staff, problem=NOT_YOURSELF)
    with staff_change("deactivated_staff", detail=staff.id):
        accounts.deactivate(staff)
    flash("Deactivated. They are signed out and can't sign in.", "success")
    return redirect(url_for(".staff_account", staff_id=staff.id))


@bp.route("/accounts/<id:staff_id>/reactivate", methods=["POST"])
@managers_only
def reactivate_staff(staff_id: str) -> Response:
    staff = _someone_else(staff_id)
    with staff_change("reactivated_staff", detail=staff.id):
        staff.active = True
    flash("Reactivated. They can sign in again.", "success")
    return redirect(url_for(".staff_account", staff_id=staff.id))


@bp.route("/accounts/<id:staff_id>/password", methods=["POST"])
@managers_only
def reset_password(staff_id: str) -> str | Response:
    staff = _someone_else(staff_id)
    form = PasswordForm()
    if staff.id == me().id:
        return _account_page(staff, password_form=form, problem=USE_YOUR_OWN_PAGE)
    if not form.validate_on_submit():
        return _account_page(staff, password_form=form)
    with staff_change("reset_staff_password", detail=staff.id):
        accounts.set_password(
            staff, form.password.data or "", current_app.config["PASSWORD_HASH_PROFILE"]
        )
        staff.must_change_password = True
    flash(
        "Password changed. They are signed out everywhere, and choose their own when they "
        "next sign in.",
        "success",
    )
    return redirect(url_for(".staff_account", staff_id=staff.id))


@bp.route("/password", methods=["GET", "POST"])
@limiter.limit(configured_limit("SIGN_IN_RATE_LIMIT"), methods=["POST"])
def own_password() -> str | Response:
    form = OwnPasswordForm()
    staff = me()
    profile = current_app.config["PASSWORD_HASH_PROFILE"]
    if form.validate_on_submit():
        if verify_password(staff.password_hash, form.current_password.data or "", profile):
            with staff_change("changed_own_password"):
                accounts.set_password(staff, form.password.data or "", profile)
                staff.must_change_password = False
            sessions.regenerate()
            login_user(staff)
            flash("Your password has been changed. You are signed out everywhere else.", "success")
            return redirect(url_for(".caseload_page"))
        form.current_password.errors.append("That isn't your password now. Check it and try again.")
    return render_template("staff/password.html", form=form, temporary=staff.must_change_password)
