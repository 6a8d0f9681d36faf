"""The safe-word passphrase: setting it up on the account, and the ordinary notes that a
sign-in with it opens instead of the plan. Everything else stays closed in that session."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext
from werkzeug.wrappers.response import Response

from ..core import safe_word
from ..core.passwords import verify_password
from ..web.extensions import configured_limit, limiter
from ..web.sessions import NOTES_ONLY
from . import bp
from .access import me, my_change
from .forms import NotesForm, SafeWordForm, StopSafeWordForm

# What a session signed in with the safe word may open; every other page goes to the notes.
NOTES_PAGES = frozenset({"young_person.plan_home", "young_person.save_notes"})


@bp.before_request
def notes_only_after_the_safe_word() -> Response | None:
    """Deny by default: a safe-word session reaches nothing of the plan, shares or meeting."""
    if session.get(NOTES_ONLY) and request.endpoint not in NOTES_PAGES:
        return redirect(url_for("young_person.plan_home"))
    return None


def notes_page(form: NotesForm | None = None) -> str:
    form = form or NotesForm(formdata=None, notes=me().decoy_notes or "")
    return render_template("young_person/notes.html", form=form)


@bp.route("/notes", methods=["POST"])
def save_notes() -> str | Response:
    if not session.get(NOTES_ONLY):
        return redirect(url_for(".plan_home"))
    form = NotesForm()
    if not form.validate():
        return notes_page(form)
    with my_change("saved_notes"):
        me().decoy_notes = form.notes.data or ""
    flash(gettext("Saved"), "success")
    return redirect(url_for(".plan_home"))


def _page(form: SafeWordForm | None = None, stop_form: StopSafeWordForm | None = None) -> str:
    """The same page whether or not a safe word is set: someone holding a signed-in phone
    can't learn from it whether the notes are real."""
    return render_template(
        "young_person/safe_word.html",
        form=form or SafeWordForm(formdata=None),
        stop_form=stop_form or StopSafeWordForm(formdata=None, prefix="stop"),
    )


def _passphrase_checked(form: SafeWordForm | StopSafeWordForm) -> bool:
    """The young person's own passphrase, asked again before the safe word changes."""
    profile = current_app.config["PASSWORD_HASH_PROFILE"]
    if verify_password(me().password_hash, form.current_passphrase.data or "", profile):
        return True
    form.current_passphrase.errors.append(
        gettext("That isn't your passphrase now. Check it and try again.")
    )
    return False


@bp.route("/account/safe-word", methods=["GET", "POST"])
@limiter.limit(configured_limit("SIGN_IN_RATE_LIMIT"), methods=["POST"])
def safe_word_page() -> str | Response:
    form = SafeWordForm()
    profile = current_app.config["PASSWORD_HASH_PROFILE"]
    if not form.validate_on_submit() or not _passphrase_checked(form):
        return _page(form=form)
    if safe_word.same_as_passphrase(me(), form.passphrase.data or "", profile):
        form.passphrase.errors.append(
            gettext("Choose a different passphrase from the one you sign in with")
        )
        return _page(form=form)
    with my_change("set_safe_word"):
        safe_word.set_safe_word(
            me(), form.passphrase.data or "", bool(form.tell_worker.data), profile
        )
    flash(gettext("Your safe-word passphrase is set."), "success")
    return redirect(url_for(".account"))


@bp.route("/account/safe-word/remove", methods=["POST"])
@limiter.limit(configured_limit("SIGN_IN_RATE_LIMIT"))
def remove_safe_word() -> str | Response:
    stop_form = StopSafeWordForm(prefix="stop")
    if not stop_form.validate_on_submit() or not _passphrase_checked(stop_form):
        return _page(stop_form=stop_form)
    with my_change("removed_safe_word"):
        safe_word.remove_safe_word(me())
    flash(gettext("Your safe-word passphrase no longer works."), "success")
    return redirect(url_for(".account"))
