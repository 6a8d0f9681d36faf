"""A trusted adult's read-only view of the sections shared with them."""

from __future__ import annotations

from datetime import datetime

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext
from werkzeug.wrappers.response import Response

from ..core import help_now, plan, sharing
from ..core.db import utcnow
from ..core.models import Share
from ..web import changes
from ..web.extensions import configured_limit, limiter
from . import bp
from .forms import AccessCodeForm


def ended() -> tuple[str, int]:
    """One page for unknown, expired, revoked and locked links alike."""
    return render_template("share/ended.html"), 404


@bp.route("/<token>", methods=["GET", "POST"])
@limiter.limit(configured_limit("SHARE_RATE_LIMIT"))
@limiter.limit("10 per minute", methods=["POST"])
def view(token: str) -> str | tuple[str, int] | Response:
    now = utcnow()
    share = sharing.find_active(token, now)
    if share is None:
        return ended()
    opened = session.get("shares_opened", [])
    if share.access_code_hash and share.id not in opened:
        form = AccessCodeForm()
        if form.validate_on_submit():
            right = sharing.check_access_code(
                share, form.code.data or "", now, current_app.config["PASSWORD_HASH_PROFILE"]
            )
            # The failed-try count, committed with a record of the try.
            changes.record(
                "share_code_right" if right else "share_code_wrong",
                "trusted_adult",
                None,
                share.young_person_id,
            )
            if right:
                session["shares_opened"] = [*opened, share.id][-20:]
            elif share.locked_at:
                return ended()
            else:
                form.code.errors.append(
                    "That code isn't right. Check it with the person who sent the link."
                )
        if share.id not in session.get("shares_opened", []):
            return render_template("share/access_code.html", form=form)
    return _shared_plan(share, now)


def _shared_plan(share: Share, now: datetime) -> str:
    seen = session.get("shares_seen", [])
    if sharing.record_open(share, now, seen_here=share.id in seen):
        changes.record("share_opened", "trusted_adult", None, share.young_person_id)
    if share.id not in seen:
        session["shares_seen"] = [*seen, share.id][-20:]
    return render_template(
        "share/view.html",
        views=[
            view
            for view in plan.current_plan(share.young_person, sharing.shared_sections(share))
            if view.started
        ],
        services=help_now.services(current_app.config),
        share=share,
        token=request.view_args["token"] if request.view_args else "",
    )


def _answer(token: str, ready: bool) -> str | tuple[str, int] | Response:
    """The trusted adult's answer, from a browser that has opened the link (with its access
    code, where it has one). Each button posts to its own address; CSRF is checked for
    every POST before any view runs."""
    now = utcnow()
    share = sharing.find_active(token, now)
    if share is None or (
        share.access_code_hash and share.id not in session.get("shares_opened", [])
    ):
        return ended()
    with changes.change(
        "adult_ready" if ready else "adult_cannot", "trusted_adult", None, share.young_person_id
    ):
        sharing.answer_as_adult(share, ready, now)
    flash(
        gettext("Thank you. They will see that you are ready to help.")
        if ready
        else gettext(
            "Thank you for saying. They will see it, and their worker can help them find "
            "someone else."
        ),
        "success",
    )
    return redirect(url_for(".view", token=token))  # the top, where the thanks is


@bp.route("/<token>/ready", methods=["POST"])
@limiter.limit(configured_limit("SHARE_RATE_LIMIT"))
def ready(token: str) -> str | tuple[str, int] | Response:
    return _answer(token, ready=True)


@bp.route("/<token>/cannot", methods=["POST"])
@limiter.limit(configured_limit("SHARE_RATE_LIMIT"))
def cannot(token: str) -> str | tuple[str, int] | Response:
    return _answer(token, ready=False)
