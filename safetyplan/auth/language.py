"""The language switch at the foot of every page young people, parents and trusted adults
see: a signed-in young person's choice is kept with their account, anyone else's in their
session."""

from __future__ import annotations

import re

from flask import abort, redirect, session, url_for
from flask_login import current_user
from werkzeug.wrappers.response import Response

from ..web import changes
from ..web.i18n import LANGUAGE
from ..web.sessions import NOTES_ONLY
from . import bp
from .forms import LanguageForm

# A path on this site: visible ASCII only (browsers drop tabs and line breaks, so "/\t/x"
# would become "//x", another site), and never "//" or a backslash.
_THIS_SITE = re.compile(r"/(?!/)[!-\[\]-~]*")


def back_to(path: str | None) -> str:
    """The page the switch was on: a path on this site only, never another site's."""
    if path and _THIS_SITE.fullmatch(path):
        return path
    return url_for("auth.sign_in")


@bp.route("/language", methods=["POST"])
def choose_language() -> Response:
    form = LanguageForm()
    if not form.validate_on_submit():
        abort(400)  # only a forged form names a language the switch doesn't offer
    # A safe-word session (notes only) leaves the real account as it was.
    if getattr(current_user, "kind", None) == "young_person" and not session.get(NOTES_ONLY):
        with changes.change(
            "chose_language", "young_person", current_user.id, current_user.id, form.language.data
        ):
            current_user.language = form.language.data
    else:
        session[LANGUAGE] = form.language.data
    return redirect(back_to(form.next.data))
