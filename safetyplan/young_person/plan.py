"""The plan: its home page, the introduction, each section, the whole plan on one page,
and Help now."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext
from werkzeug.wrappers.response import Response

from ..core import held_forms, plan, reminders, workbook
from ..core import help_now as help_lines
from ..core.clock import today
from ..web.i18n import translated
from ..web.section_form import (
    ShowConflict,
    ShowForm,
    form_to_show,
    handle_post,
)
from ..web.security import found_or_404
from ..web.sessions import NOTES_ONLY
from . import bp
from .access import me, my_audit
from .safe_word import notes_page


@bp.route("/")
def plan_home() -> str:
    """The pinned parts first, then the rest in their groups, with one not yet started
    suggested next."""
    if session.get(NOTES_ONLY):
        return notes_page()  # signed in with the safe word: the same address, only notes
    person = me()
    views = plan.plan_status(person)
    pinned = [view for view in views if view.section.pinned]
    groups = [
        (name, [view for view in views if view.section.group == name]) for name in workbook.GROUPS
    ]
    # The pinned part shows itself; the suggestion is for what comes after it.
    in_groups = [view for _, group in groups for view in group]
    return render_template(
        "young_person/plan.html",
        pinned=pinned,
        groups=groups,
        suggestion=next((view for view in in_groups if not view.started), None),
        started=sum(view.started for view in views),
        total=len(views),
        reminder=reminders.for_plan_home(person.next_review_on, person.last_change_at, today()),
    )


@bp.route("/about")
def intro() -> str:
    # Easy read (the young person's choice on their account page): short sentences.
    intro = workbook.EASY_INTRO if me().easy_read else workbook.INTRO
    return render_template("young_person/intro.html", intro=intro)


def _render_section(section: workbook.Section, shown: ShowForm) -> tuple[str, int]:
    return (
        render_template(
            "young_person/section.html",
            section=section,
            section_intro=(section.easy_intro if me().easy_read else "") or section.intro,
            fields=shown.fields,
            meta=shown.meta,
            errors=shown.errors,
            notice=shown.notice,
            focus_row=shown.focus_row,
            restored=shown.restored,
            changed_on=shown.changed_on,
            next_section=workbook.section_by_number(section.number + 1),
        ),
        200,
    )


@bp.route("/<int:number>", methods=["GET", "POST"])
def section(number: int) -> Response | tuple[str, int]:
    section = found_or_404(workbook.section_by_number(number))
    if request.method == "GET":
        shown = form_to_show(me(), section, held_forms.held_for(me(), request.path))
        return _render_section(section, shown)
    outcome = handle_post(me(), section, request.form)
    if isinstance(outcome, ShowForm):
        return _render_section(section, outcome)
    if isinstance(outcome, ShowConflict):
        return render_template("young_person/conflict.html", section=section, outcome=outcome), 409
    held_forms.forget(me(), request.path)
    my_audit("changed_section", f"section {number}")
    flash(
        gettext(
            "Saved: %(title)s. It's there whenever you need it.", title=translated(section.title)
        ),
        "success",
    )
    next_section = workbook.section_by_number(number + 1)
    if outcome.go_to_next and next_section:
        return redirect(url_for(".section", number=next_section.number))
    # The top of the plan, where the confirmation is: it must be seen, not scrolled past.
    return redirect(url_for(".plan_home"))


@bp.route("/all")
def whole_plan() -> str:
    views = [view for view in plan.current_plan(me()) if view.started]
    return render_template(
        "young_person/whole_plan.html",
        views=views,
        today=today(),
        services=help_lines.services(current_app.config),
    )


@bp.route("/help")
def help_now() -> str:
    views = plan.current_plan(me(), help_lines.SECTIONS)
    lines = help_lines.for_plan(views, current_app.config, me().worker)
    return render_template(
        "young_person/help_now.html", lines=lines, first_part=workbook.SECTIONS[0].title
    )
