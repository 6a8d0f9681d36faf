"""Signing in and out, and the quick exit."""

from __future__ import annotations

import hashlib
import hmac
import logging

from flask import current_app, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers.response import Response

from ..core import accounts, clock, help_now, safe_word
from ..core.db import utcnow
from ..core.models import Account, StaffUser, YoungPerson
from ..core.words import N_
from ..web import changes, sessions
from ..web.extensions import configured_limit, csrf, limiter, login_manager
from ..web.sessions import NOTES_ONLY
from . import bp
from .forms import StaffSignInForm, YoungPersonSignInForm

log = logging.getLogger("safetyplan.auth")
SIGN_IN_FAILED = N_("That username and passphrase don't match. Check them and try again.")
STAFF_SIGN_IN_FAILED = "That email address and password don't match. Check them and try again."


@login_manager.user_loader
def load_user(account_id: str) -> Account | None:
    return accounts.active_account(account_id)


def _home_for_current_user() -> Response:
    if current_user.kind == "staff":
        return redirect(url_for("staff.caseload_page"))
    return redirect(url_for("young_person.plan_home"))


def _device_cookie_name() -> str:
    return "__Host-device" if current_app.config["HTTPS"] else "device"


def _device_mark(account: StaffUser | YoungPerson) -> str:
    """What the browser keeps after signing in: a keyed hash of the account id, which
    says nothing to anyone reading the cookie and can't be made for another account."""
    key = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(key, f"device:{account.get_id()}".encode(), hashlib.sha256).hexdigest()


def _sign_in(
    account: StaffUser | YoungPerson | None,
    password: str,
    home: str,
    allow_safe_word: bool = False,
) -> Response | None:
    """Sign in and go home, or None when the password or account is not right. With
    `allow_safe_word` (young people), the safe-word passphrase also signs in, to notes only: the
    response is the same in every way but the new session's random id."""
    config = current_app.config
    known_device = account is not None and hmac.compare_digest(
        request.cookies.get(_device_cookie_name(), "").encode(), _device_mark(account).encode()
    )
    signed_in = accounts.authenticate(
        account,
        password,
        utcnow(),
        known_device=known_device,
        throttle_after=config["LOGIN_THROTTLE_AFTER"],
        throttle_max=config["LOGIN_THROTTLE_MAX"],
        hash_profile=config["PASSWORD_HASH_PROFILE"],
        safe_word=allow_safe_word,
    )
    if account is None or signed_in is None:
        log.warning("sign-in failed")
        # The failed-try count, committed with a record of the failure.
        changes.record(
            "sign_in_failed",
            account.kind if account else "anonymous",
            account.id if account else None,
            account.id if isinstance(account, YoungPerson) else None,
        )
        return None
    if signed_in.with_safe_word and isinstance(account, YoungPerson):
        safe_word.used(account, utcnow(), clock.today())  # committed with the record below
    changes.record(
        "signed_in",
        account.kind,
        account.id,
        account.id if isinstance(account, YoungPerson) else None,
    )
    sessions.regenerate()
    login_user(signed_in.account)
    if signed_in.with_safe_word:
        session[NOTES_ONLY] = True
    response = redirect(home)
    response.set_cookie(
        _device_cookie_name(),
        _device_mark(account),
        max_age=90 * 24 * 3600,
        secure=config["HTTPS"],
        httponly=True,
        samesite="Lax",
        path="/",
    )
    return response


@bp.route("/", methods=["GET", "POST"])
@limiter.limit(configured_limit("SIGN_IN_RATE_LIMIT"), methods=["POST"])
def sign_in() -> Response | str:
    if current_user.is_authenticated:
        return _home_for_current_user()
    form = YoungPersonSignInForm()
    failed = False
    if form.validate_on_submit():
        person = YoungPerson.by_username(form.username.data or "")
        home = url_for("young_person.plan_home")
        if signed_in := _sign_in(person, form.passphrase.data or "", home, allow_safe_word=True):
            return signed_in
        failed = True
    return render_template(
        "auth/sign_in.html",
        form=form,
        failed=failed and SIGN_IN_FAILED,
        services=help_now.services(current_app.config),
    )


@bp.route("/staff/sign-in", methods=["GET", "POST"])
@limiter.limit(configured_limit("SIGN_IN_RATE_LIMIT"), methods=["POST"])
def staff_sign_in() -> Response | str:
    if current_user.is_authenticated:
        return _home_for_current_user()
    form = StaffSignInForm()
    failed = False
    if form.validate_on_submit():
        staff = StaffUser.by_email(form.email.data or "")
        home = url_for("staff.caseload_page")
        if signed_in := _sign_in(staff, form.password.data or "", home):
            return signed_in
        failed = True
    return render_template(
        "auth/staff_sign_in.html", form=form, failed=failed and STAFF_SIGN_IN_FAILED
    )


def _forget_everything(response: Response) -> Response:
    """Clear the cookies and the browser's copies of pages. Not "storage": that would also
    remove the offline help page (auth/offline.py), and the app stores nothing else there."""
    response.headers["Clear-Site-Data"] = '"cache", "cookies"'
    return response


# Exempt from CSRF too: signing out must always work and always clear, even from a page
# whose session has already expired (its token died with it). It can only end the caller's
# own session, and the SameSite cookie stops another site posting it.
@bp.route("/sign-out", methods=["POST"])
@csrf.exempt
def sign_out() -> Response:
    logout_user()
    sessions.end()
    response = current_app.make_response(render_template("auth/signed_out.html"))
    return _forget_everything(response)


# Exempt from CSRF on purpose: the exit must always work, even from an expired page, and
# all it can do is end the caller's own session.
@bp.route("/exit", methods=["POST"])
@csrf.exempt
def exit() -> Response:  # noqa: A001 - the endpoint is named for what people press
    logout_user()
    sessions.end()
    return _forget_everything(redirect(current_app.config["EXIT_URL"], code=303))


@bp.route("/still-here")
def still_here() -> tuple[str, int]:
    """Asked by the idle warning's "Stay signed in": the idle limit starts again."""
    sessions.keep_alive()
    return "", 204


@bp.route("/health")
def health() -> tuple[str, int]:
    return "ok", 200
