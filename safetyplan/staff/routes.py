"""Staff pages: caseload, young people's records, sessions, history, audit."""

from __future__ import annotations

from flask import render_template

from . import bp


@bp.route("/")
def caseload() -> str:
    return render_template("staff/caseload.html")
