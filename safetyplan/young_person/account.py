"""The young person's account: changing their passphrase, and how their plan reads."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_login import login_user
from werkzeug.wrappers.response import Response

from ..core import safe_word
from ..core.accounts import set_password
from ..core.passwords import verify_password
from ..web import sessions
from ..web.extensions import configured_limit, limiter
from . import bp
from .access import me, my_change
from .forms import PassphraseForm, ReadingForm


def account_page(
    form: PassphraseForm | None = None, reading_form: ReadingForm | None = None
) -> str:
    """The account page, with the form that was sent showing its errors."""
    return render_template(
        "young_person/account.html",
        form=form or PassphraseForm(formdata=None),
        reading_form=reading_form
        or ReadingForm(formdata=None, easy_read="easy" if me().easy_read else "usual"),
    )


@bp.route("/account", methods=["GET", "POST"])
@limiter.limit(configured_limit("SIGN_IN_RATE_LIMIT"), methods=["POST"])
def account() -> str | Response:
    form = PassphraseForm()
    person = me()
    profile = current_app.config["PASSWORD_HASH_PROFILE"]
    if form.validate_on_submit():
        new_passphrase = form.new_passphrase.data or ""
        if not verify_password(person.password_hash, form.current_passphrase.data or "", profile):
            form.current_passphrase.errors.append(
                gettext("That isn't your passphrase now. Check it and try again.")
            )
        elif safe_word.same_as_safe_word(person, new_passphrase, profile):
            form.new_passphrase.errors.append(
                gettext("Choose a different passphrase from your safe-word passphrase")
            )
        else:
            with my_change("changed_passphrase"):
                set_password(person, new_passphrase, profile)
            sessions.regenerate()
            login_user(person)
            flash(
                gettext(
                    "Your passphrase has been changed. You are signed out on any other device."
                ),
                "success",
            )
            return redirect(url_for(".account"))
    return account_page(form=form)


@bp.route("/account/reading", methods=["POST"])
def set_reading() -> str | Response:
    """Easy read or the usual words for the introduction and each part's opening words."""
    reading_form = ReadingForm()
    if not reading_form.validate_on_submit():
        return account_page(reading_form=reading_form)
    with my_change("chose_easy_read"):
        me().easy_read = reading_form.easy_read.data == "easy"
    flash(gettext("Saved. Your plan reads the way you chose."), "success")
    return redirect(url_for(".account"))
