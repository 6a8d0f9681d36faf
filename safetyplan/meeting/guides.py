"""Plain-language pages about the multi-agency meeting, open to anyone with the address."""

from __future__ import annotations

from flask import current_app, render_template

from ..core import meeting_letters
from . import bp


@bp.route("/")
def young_person() -> str:
    return render_template("meeting/young_person.html")


@bp.route("/parents")
def parents() -> str:
    return render_template(
        "meeting/parents.html",
        parent_support=meeting_letters.parent_support(current_app.config["PARENT_SUPPORT"]),
    )
