"""The young person's pages: their plan, Help now, the quick-exit guide, their account."""

from __future__ import annotations

from flask import render_template

from . import bp


@bp.route("/")
def plan() -> str:
    return render_template("young_person/plan.html")


@bp.route("/start", methods=["GET", "POST"])
def start() -> str:
    return render_template("young_person/start.html")


@bp.route("/leaving-quickly")
def quick_exit_guide() -> str:
    return render_template("young_person/quick_exit_guide.html")


@bp.route("/staying-safe-online")
def online_safety() -> str:
    return render_template("young_person/online_safety.html")


@bp.route("/help")
def help_now() -> str:
    return render_template("young_person/help_now.html")
