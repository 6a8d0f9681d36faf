"""The young person's shares: make a link for a trusted adult, see, extend and revoke."""

from __future__ import annotations

from urllib.parse import quote

from flask import current_app, flash, redirect, render_template, session, url_for
from flask_babel import gettext
from werkzeug.wrappers.response import Response

from ..core import sharing, workbook
from ..core.db import utcnow
from ..core.models import Share
from ..web import choices
from ..web.i18n import day_and_month
from ..web.qr import svg_qr_code
from ..web.security import found_or_404
from . import bp
from .access import me, my_change
from .forms import ExtendForm, ShareForm

# A new link's token, kept in the (sealed, server-side) session from the POST that made it
# to the one page that shows it: a reload after that shows no link and makes no new one.
NEW_LINK = "new_link"


@bp.route("/shares")
def shares() -> str:
    now = utcnow()
    return render_template(
        "young_person/share_list.html",
        shares=[(share, sharing.status(share, now)) for share in sharing.shares_of(me())],
        extend_form=ExtendForm(formdata=None),
        titles=sharing.section_titles,
        check_again=lambda share: sharing.time_to_check_again(share, now),
    )


@bp.route("/shares/new", methods=["GET", "POST"])
def new_share() -> str | Response:
    form = ShareForm()
    form.sections.choices = choices.sections()
    if not form.is_submitted():
        form.sections.data = sharing.default_sections()
    if form.validate_on_submit():
        with my_change("created_share"):
            share, token = sharing.create_share(
                me(),
                form.label.data or "",
                list(form.sections.data or []),
                form.days.data or 7,
                form.access_code.data or None,
                utcnow(),
                current_app.config["PASSWORD_HASH_PROFILE"],
            )
        session[NEW_LINK] = {"share": share.id, "token": token}
        return redirect(url_for(".share_made", share_id=share.id))
    return render_template(
        "young_person/share_new.html",
        form=form,
        code_word_part=workbook.SECTIONS[0].title,
        groups=_as_on_plan_home(),
        share_hints={section.number: section.share_hint for section in workbook.SECTIONS},
    )


def _as_on_plan_home() -> list[tuple[str, list[int]]]:
    """The parts' numbers as the plan's home page lists them: the pinned part first (no
    group name), then each group in turn."""
    pinned = [section.number for section in workbook.SECTIONS if section.pinned]
    return [("", pinned)] + [
        (name, [s.number for s in workbook.SECTIONS if s.group == name and not s.pinned])
        for name in workbook.GROUPS
    ]


@bp.route("/shares/<id:share_id>/made")
def share_made(share_id: str) -> str:
    """The new link, shown once: the token leaves the session as it is shown."""
    share = found_or_404(Share.of(me(), share_id))
    new_link = session.get(NEW_LINK) or {}
    link = qr = sms = None
    if new_link.get("share") == share.id:
        session.pop(NEW_LINK)
        link = url_for("share.view", token=new_link["token"], _external=True)
        qr = svg_qr_code(link, gettext("A code the other person can scan with their phone camera"))
        sms = f"sms:?&body={quote(link)}"
    return render_template(
        "young_person/share_result.html",
        share=share,
        link=link,
        qr=qr,
        sms=sms,
        titles=sharing.section_titles(share),
    )


@bp.route("/shares/<id:share_id>/stop")
def stop_share(share_id: str) -> str:
    """Ask first: stopping a link cannot be undone."""
    share = found_or_404(Share.of(me(), share_id))
    return render_template("young_person/share_stop.html", share=share)


@bp.route("/shares/<id:share_id>/revoke", methods=["POST"])
def revoke_share(share_id: str) -> Response:
    share = found_or_404(Share.of(me(), share_id))
    with my_change("revoked_share"):
        sharing.revoke(share, utcnow())
    flash(gettext("The link for %(name)s has stopped working.", name=share.label), "success")
    return redirect(url_for(".shares"))


@bp.route("/shares/<id:share_id>/extend", methods=["POST"])
def extend_share(share_id: str) -> Response:
    share = found_or_404(Share.of(me(), share_id))
    form = ExtendForm()
    if form.validate_on_submit() and sharing.status(share, utcnow()) in ("active", "expired"):
        with my_change("extended_share"):
            sharing.extend(share, form.days.data or 7, utcnow())
        flash(
            gettext(
                "The link for %(name)s now works until %(day)s.",
                name=share.label,
                day=day_and_month(share.expires_at),
            ),
            "success",
        )
    return redirect(url_for(".shares"))
