"""The young person's account: changing their passphrase."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, url_for
from flask_login import login_user
from werkzeug.wrappers.response import Response

from ..core.accounts import set_password
from ..core.passwords import verify_password
from ..web import sessions
from ..web.extensions import configured_limit, limiter
from . import bp
from .access import me, my_change
from .forms import PassphraseForm


@bp.route("/account", methods=["GET", "POST"])
@limiter.limit(configured_limit("SIGN_IN_RATE_LIMIT"), methods=["POST"])
def account() -> str | Response:
    form = PassphraseForm()
    person = me()
    profile = current_app.config["PASSWORD_HASH_PROFILE"]
    if form.validate_on_submit():
        if verify_password(person.password_hash, form.current_passphrase.data or "", profile):
            with my_change("changed_passphrase"):
                set_password(person, form.new_passphrase.data or "", profile)
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
