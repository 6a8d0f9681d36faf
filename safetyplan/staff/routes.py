"""Staff pages: caseload, young people's records and sign-in codes, sessions, revision
history, reviews, the audit log and staff accounts."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any, TypeVar

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user
from sqlalchemy import func, select
from werkzeug.wrappers.response import Response

from ..core import (
    accounts,
    audit,
    caseload,
    clock,
    enrolment,
    history,
    plan,
    planning_sessions,
    sharing,
    workbook,
)
from ..core.db import utcnow
from ..core.fields import on_form
from ..core.models import AuditEvent, PlanningSession, StaffUser, YoungPerson
from ..core.passwords import verify_password
from ..web import choices, sessions
from ..web.extensions import configured_limit, db, limiter
from ..web.qr import svg_qr_code
from ..web.section_form import (
    SectionMetaForm,
    ShowConflict,
    ShowForm,
    handle_post,
)
from ..web.security import found_or_404
from . import bp
from .forms import (
    DateParts,
    DeleteForm,
    NoteForm,
    OwnPasswordForm,
    PasswordForm,
    ReviewDateForm,
    ReviewedForm,
    RoleForm,
    StaffAccountForm,
    StartSessionForm,
    YoungPersonForm,
)

log = logging.getLogger("safetyplan.staff")
View = TypeVar("View", bound=Callable[..., Any])
AUDIT_PER_PAGE = 50


def me() -> StaffUser:
    staff: StaffUser = current_user._get_current_object()
    return staff


def record(action: str, person: YoungPerson | None = None, detail: str | None = None) -> None:
    audit.record("staff", me().id, action, person.id if person else None, detail)


def allowed_young_person(young_person_id: str) -> YoungPerson:
    """The one object-level check for staff: 404 unless this person is on their caseload
    (or they are a manager)."""
    person = caseload.young_person_for(me(), young_person_id)
    if person is None:
        log.warning("staff access refused to a young person record")
        abort(404)
    return person


def managers_only(view: View) -> View:
    @wraps(view)
    def checked(*args: Any, **kwargs: Any) -> Any:
        if not me().is_manager:
            abort(403)
        return view(*args, **kwargs)

    return checked  # type: ignore[return-value]


def page_number() -> int:
    value = request.args.get("page", "1")
    return int(value) if value.isdigit() and len(value) < 7 else 1


@bp.route("/")
def caseload_page() -> str:
    search = request.args.get("q", "")[:100]
    page = caseload.caseload_page(me(), clock.today(), search, page_number())
    return render_template("staff/caseload.html", page=page, search=search)


def _worker_choices(form: YoungPersonForm) -> None:
    if me().is_manager:
        workers = db.session.scalars(select(StaffUser).where(StaffUser.active.is_(True)))
        form.worker.choices = choices.from_pairs((staff.id, staff.name) for staff in workers)
    else:
        form.worker.choices = choices.from_pairs([(me().id, me().name)])


def _save_record(form: YoungPersonForm, person: YoungPerson | None) -> YoungPerson | None:
    born = DateParts(form, "date_of_birth", "Date of birth").read(required=False, past=True)
    valid_worker = form.worker.data in {choice.value for choice in form.worker.choices}  # type: ignore[union-attr]
    if not valid_worker:
        form.worker.errors = ["Choose a worker from the list"]
    if form.date_of_birth_day.errors or not valid_worker:
        return None
    worker = db.session.get(StaffUser, form.worker.data)
    if person is None:
        person = YoungPerson(preferred_name=form.preferred_name.data or "", worker=worker)
        db.session.add(person)
        db.session.flush()
        record("created_young_person", person)
    else:
        if worker and person.worker_id != worker.id:
            record("allocated", person, f"to {worker.id}")
        person.set_preferred_name(form.preferred_name.data or "")
        person.worker = worker
        record("edited_record", person)
    person.date_of_birth = born.isoformat() if born else None
    person.case_reference = (form.case_reference.data or "").strip() or None
    db.session.commit()
    return person


@bp.route("/young-people/new", methods=["GET", "POST"])
def new_young_person() -> str | Response:
    form = YoungPersonForm()
    _worker_choices(form)
    if request.method == "GET":
        form.worker.data = me().id
    if form.validate_on_submit() and (person := _save_record(form, None)):
        flash(f"Added {person.preferred_name}. Now give them a sign-in code.", "success")
        return redirect(url_for(".young_person", young_person_id=person.id))
    return render_template("staff/record_form.html", form=form, person=None)


@bp.route("/young-people/<young_person_id>/edit", methods=["GET", "POST"])
def edit_young_person(young_person_id: str) -> str | Response:
    person = allowed_young_person(young_person_id)
    form = YoungPersonForm()
    _worker_choices(form)
    if request.method == "GET":
        form.preferred_name.data = person.preferred_name
        form.case_reference.data = person.case_reference
        form.worker.data = person.worker_id
        born = person.date_of_birth
        DateParts(form, "date_of_birth", "Date of birth").fill(
            date.fromisoformat(born) if born else None
        )
    if form.validate_on_submit() and _save_record(form, person):
        flash("Saved the record.", "success")
        return redirect(url_for(".young_person", young_person_id=person.id))
    return render_template("staff/record_form.html", form=form, person=person)


@bp.route("/young-people/<young_person_id>")
def young_person(young_person_id: str) -> str:
    person = allowed_young_person(young_person_id)
    record("viewed_plan", person)
    db.session.commit()
    views = plan.current_plan(person)
    review_form = ReviewDateForm()
    DateParts(review_form, "review", "Review date").fill(person.next_review_on)
    return render_template(
        "staff/young_person.html",
        person=person,
        views=views,
        sessions=planning_sessions.sessions_of(person),
        shares=[(share, sharing.status(share, utcnow())) for share in sharing.shares_of(person)],
        share_titles=sharing.section_titles,
        review=caseload.review_status(person.next_review_on, clock.today()),
        review_form=review_form,
        start_form=StartSessionForm(
            formdata=None,
            held_on_day=str(clock.today().day),
            held_on_month=str(clock.today().month),
            held_on_year=str(clock.today().year),
        ),
    )


@bp.route("/young-people/<young_person_id>/review-date", methods=["POST"])
def set_review_date(young_person_id: str) -> str | Response:
    person = allowed_young_person(young_person_id)
    form = ReviewDateForm()
    when = DateParts(form, "review", "Review date").read(required=True)
    if form.validate_on_submit() and when:
        person.next_review_on = when
        record("set_review_date", person)
        db.session.commit()
        flash("Saved the review date.", "success")
        return redirect(url_for(".young_person", young_person_id=person.id))
    flash(form.review_day.errors[0] if form.review_day.errors else "Enter a real date", "error")
    return redirect(url_for(".young_person", young_person_id=person.id))


@bp.route("/young-people/<young_person_id>/code", methods=["POST"])
def issue_code(young_person_id: str) -> str:
    """Show a new one-time code once. It is never stored in plain text or in the session."""
    person = allowed_young_person(young_person_id)
    if not person.active:
        abort(400)
    code = enrolment.issue_code(person)
    record("issued_sign_in_code", person)
    db.session.commit()
    link = url_for("young_person.enrol", code=code, _external=True)
    return render_template(
        "staff/sign_in_code.html",
        person=person,
        code=enrolment.formatted(code),
        link=link,
        qr=svg_qr_code(link, "A code to scan with a phone camera to get started"),
        days=enrolment.CODE_VALID_FOR.days,
    )


@bp.route("/young-people/<young_person_id>/active", methods=["POST"])
def set_active(young_person_id: str) -> Response:
    person = allowed_young_person(young_person_id)
    if request.form.get("active") == "yes":
        person.active = True
        record("reactivated", person)
        db.session.commit()
        flash("They can sign in again.", "success")
    else:
        record("deactivated", person)
        accounts.deactivate(person)
        db.session.commit()
        flash("Deactivated. They can't sign in, and their plan is kept.", "success")
    return redirect(url_for(".young_person", young_person_id=person.id))


@bp.route("/young-people/<young_person_id>/delete", methods=["GET", "POST"])
def delete_young_person(young_person_id: str) -> str | Response:
    person = allowed_young_person(young_person_id)
    form = DeleteForm()
    if form.validate_on_submit():
        record("deleted_young_person", person)
        plan.delete_young_person(person)
        db.session.commit()
        flash("Deleted. Their data can no longer be read, even from backups.", "success")
        return redirect(url_for(".caseload_page"))
    return render_template("staff/delete.html", person=person, form=form)


@bp.route("/young-people/<young_person_id>/shares/<share_id>/revoke", methods=["POST"])
def revoke_share(young_person_id: str, share_id: str) -> Response:
    person = allowed_young_person(young_person_id)
    share = found_or_404(sharing.share_of(person, share_id))
    sharing.revoke(share, utcnow())
    record("revoked_share", person)
    db.session.commit()
    flash("That link has stopped working.", "success")
    return redirect(url_for(".young_person", young_person_id=person.id))


# Sessions


@bp.route("/young-people/<young_person_id>/sessions", methods=["POST"])
def start_session(young_person_id: str) -> str | Response:
    person = allowed_young_person(young_person_id)
    form = StartSessionForm()
    held_on = DateParts(form, "held_on", "Session date").read(required=True)
    if form.validate_on_submit() and held_on:
        session = planning_sessions.start(person, me(), held_on, form.present.data or "")
        record("started_session", person)
        db.session.commit()
        return redirect(url_for(".session", young_person_id=person.id, session_id=session.id))
    flash(form.held_on_day.errors[0] if form.held_on_day.errors else "Check the date", "error")
    return redirect(url_for(".young_person", young_person_id=person.id))


@bp.route("/young-people/<young_person_id>/sessions/<session_id>")
def session(young_person_id: str, session_id: str) -> str:
    person = allowed_young_person(young_person_id)
    current = found_or_404(planning_sessions.session_of(person, session_id))
    record("viewed_plan", person, "session")
    db.session.commit()
    reviewed = ReviewedForm(formdata=None, sections=current.reviewed_sections)
    reviewed.sections.choices = choices.sections()
    return render_template(
        "staff/session.html",
        person=person,
        current=current,
        views=plan.current_plan(person),
        changed=planning_sessions.changed_since_last_session(person, current),
        notes=planning_sessions.notes_of(current),
        note_form=NoteForm(formdata=None),
        reviewed_form=reviewed,
    )


def _open_session(person: YoungPerson, session_id: str) -> PlanningSession:
    current = found_or_404(planning_sessions.session_of(person, session_id))
    if current.ended_at is not None:
        flash("That session has ended. Start a new one to make changes.", "error")
        abort(redirect(url_for(".young_person", young_person_id=person.id)))
    return current


@bp.route("/young-people/<young_person_id>/sessions/<session_id>/notes", methods=["POST"])
def add_note(young_person_id: str, session_id: str) -> str | Response:
    person = allowed_young_person(young_person_id)
    current = _open_session(person, session_id)
    form = NoteForm()
    if form.validate_on_submit():
        planning_sessions.add_note(current, me(), form.text.data or "")
        record("wrote_note", person)
        db.session.commit()
        flash("Note saved. Only staff can see it.", "success")
        return redirect(url_for(".session", young_person_id=person.id, session_id=current.id))
    reviewed = ReviewedForm(formdata=None, sections=current.reviewed_sections)
    reviewed.sections.choices = choices.sections()
    return render_template(
        "staff/session.html",
        person=person,
        current=current,
        views=plan.current_plan(person),
        changed=planning_sessions.changed_since_last_session(person, current),
        notes=planning_sessions.notes_of(current),
        note_form=form,
        reviewed_form=reviewed,
    )


@bp.route("/young-people/<young_person_id>/sessions/<session_id>/reviewed", methods=["POST"])
def mark_reviewed(young_person_id: str, session_id: str) -> Response:
    person = allowed_young_person(young_person_id)
    current = _open_session(person, session_id)
    form = ReviewedForm()
    form.sections.choices = choices.sections()
    if form.validate_on_submit():
        planning_sessions.mark_reviewed(current, list(form.sections.data or []))
        db.session.commit()
        flash("Saved which sections you went through.", "success")
    return redirect(url_for(".session", young_person_id=person.id, session_id=current.id))


@bp.route("/young-people/<young_person_id>/sessions/<session_id>/end", methods=["POST"])
def end_session(young_person_id: str, session_id: str) -> Response:
    person = allowed_young_person(young_person_id)
    current = _open_session(person, session_id)
    planning_sessions.end(current)
    record("ended_session", person)
    db.session.commit()
    flash(f"Session ended. Next review: {person.next_review_on:%d %B %Y}.", "success")
    return redirect(url_for(".young_person", young_person_id=person.id))


@bp.route(
    "/young-people/<young_person_id>/sessions/<session_id>/sections/<int:number>",
    methods=["GET", "POST"],
)
def edit_section(young_person_id: str, session_id: str, number: int) -> Any:
    person = allowed_young_person(young_person_id)
    current = _open_session(person, session_id)
    section = found_or_404(workbook.section_by_number(number))
    back = url_for(".session", young_person_id=person.id, session_id=current.id)
    if request.method == "GET":
        saved = plan.current_section(person, section)
        meta = SectionMetaForm(data={"version": saved.version, "done": saved.done})
        outcome: Any = ShowForm(on_form(section, saved.answers), meta)
    else:
        outcome = handle_post(person, section, request.form, me(), current.id)
    if isinstance(outcome, ShowConflict):
        return render_template(
            "staff/conflict.html", person=person, section=section, outcome=outcome, back=back
        ), 409
    if isinstance(outcome, ShowForm):
        return render_template(
            "staff/section.html", person=person, section=section, back=back, **vars(outcome)
        )
    record("changed_section", person, f"section {number}")
    db.session.commit()
    flash(f"Saved: {section.title}", "success")
    return redirect(back + f"#section-{number}")


# History


@bp.route("/young-people/<young_person_id>/history")
def history_page(young_person_id: str) -> str:
    person = allowed_young_person(young_person_id)
    record("viewed_history", person)
    db.session.commit()
    return render_template(
        "staff/history.html",
        person=person,
        page=history.revisions_page(person, page_number()),
        sections={section.number: section for section in workbook.SECTIONS},
    )


@bp.route("/young-people/<young_person_id>/history/<revision_id>")
def plan_at(young_person_id: str, revision_id: str) -> str:
    person = allowed_young_person(young_person_id)
    revision = found_or_404(history.revision_of(person, revision_id))
    record("viewed_history", person, "plan at revision")
    db.session.commit()
    snapshot = history.plan_as_at(person, revision)
    return render_template(
        "staff/plan_at.html",
        person=person,
        revision=revision,
        sections=[(s, snapshot[s.number]) for s in workbook.SECTIONS if snapshot.get(s.number)],
    )


@bp.route("/young-people/<young_person_id>/compare")
def compare(young_person_id: str) -> str:
    """Differences between two revisions (`from`, `to`), or between two sessions
    (`from_session`, `to_session`: the plan as it stood when each ended)."""
    person = allowed_young_person(young_person_id)
    record("viewed_history", person, "compare")
    db.session.commit()
    before, after = _compare_ends(person)
    return render_template(
        "staff/compare.html",
        person=person,
        changes=history.compare(before, after),
        sessions=[s for s in planning_sessions.sessions_of(person) if s.ended_at],
    )


def _compare_ends(person: YoungPerson) -> tuple[history.Snapshot, history.Snapshot]:
    args = request.args
    if not args:
        return {}, {}  # the page offers a choice of sessions
    if "from_session" in args or "to_session" in args:
        return tuple(  # type: ignore[return-value]
            _plan_at_session_end(person, args.get(name, ""))
            for name in ("from_session", "to_session")
        )
    older = history.revision_of(person, args.get("from", ""))
    newer = found_or_404(history.revision_of(person, args.get("to", "")))
    if older is None:
        return history.plan_before(person, newer), history.plan_as_at(person, newer)
    return history.plan_as_at(person, older), history.plan_as_at(person, newer)


def _plan_at_session_end(person: YoungPerson, session_id: str) -> history.Snapshot:
    current = planning_sessions.session_of(person, session_id)
    if current is None or current.ended_at is None:
        abort(404)
    return history.plan_as_at_time(person, current.ended_at)


@bp.route("/young-people/<young_person_id>/history/<revision_id>/restore", methods=["POST"])
def restore(young_person_id: str, revision_id: str) -> Response:
    """Put an older answer back as a new revision. Nothing is rewritten."""
    person = allowed_young_person(young_person_id)
    revision = found_or_404(history.revision_of(person, revision_id))
    section = found_or_404(workbook.section_by_number(revision.section_number))
    current = plan.current_section(person, section)
    result = plan.save_section(
        person,
        section,
        revision.answers,
        base_version=current.version,
        done=current.done,
        author=me(),
        restored_from_id=revision.id,
    )
    if isinstance(result, plan.Conflict):
        flash("Someone changed that section just now. Look again, then restore.", "error")
    else:
        record("restored_revision", person, f"section {section.number}")
        db.session.commit()
        flash(f"Restored the earlier answer to {section.title}.", "success")
    return redirect(url_for(".history_page", young_person_id=person.id))


# Audit log (managers)


def _audit_page(young_person_id: str | None) -> dict[str, Any]:
    query = select(AuditEvent)
    if young_person_id:
        query = query.where(AuditEvent.young_person_id == young_person_id)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, -(-total // AUDIT_PER_PAGE))
    number = min(page_number(), pages)
    events = list(
        db.session.scalars(
            query.order_by(AuditEvent.id.desc())
            .limit(AUDIT_PER_PAGE)
            .offset((number - 1) * AUDIT_PER_PAGE)
        )
    )
    staff_ids = {event.actor_id for event in events if event.actor_kind == "staff"}
    names = {
        staff.id: staff.name
        for staff in db.session.scalars(select(StaffUser).where(StaffUser.id.in_(staff_ids)))
    }
    return {"events": events, "names": names, "number": number, "pages": pages}


@bp.route("/audit")
@managers_only
def audit_log() -> str:
    return render_template("staff/audit.html", person=None, **_audit_page(None))


@bp.route("/young-people/<young_person_id>/audit")
@managers_only
def young_person_audit(young_person_id: str) -> str:
    person = allowed_young_person(young_person_id)
    return render_template("staff/audit.html", person=person, **_audit_page(person.id))


# Staff accounts (managers) and one's own password


@bp.route("/accounts", methods=["GET", "POST"])
@managers_only
def staff_accounts() -> str | Response:
    form = StaffAccountForm()
    if form.validate_on_submit():
        if StaffUser.by_email(form.email.data or ""):
            form.email.errors = ["There is already an account with that email address"]
        else:
            staff = StaffUser(
                email=form.email.data or "",
                name=form.name.data or "",
                role=form.role.data or "worker",
            )
            staff.password_hash = _hash(form.password.data or "")
            db.session.add(staff)
            db.session.flush()
            record("created_staff", detail=staff.id)
            db.session.commit()
            flash(
                f"Created an account for {staff.name}. Tell them their temporary password.",
                "success",
            )
            return redirect(url_for(".staff_accounts"))
    people = db.session.scalars(select(StaffUser).order_by(StaffUser.created_at)).all()
    return render_template("staff/accounts.html", form=form, people=people)


def _hash(password: str) -> str:
    from ..core.passwords import hash_password

    return hash_password(password, current_app.config["PASSWORD_HASH_PROFILE"])


@bp.route("/accounts/<staff_id>", methods=["GET", "POST"])
@managers_only
def staff_account(staff_id: str) -> str | Response:
    staff = found_or_404(db.session.get(StaffUser, staff_id))
    role_form = RoleForm(formdata=None, role=staff.role)
    password_form = PasswordForm(formdata=None)
    action = request.form.get("action")
    if request.method == "POST" and staff.id == me().id and action != "password":
        flash("You can't change your own role or deactivate yourself.", "error")
    elif action == "role" and (role_form := RoleForm()).validate_on_submit():
        staff.role = role_form.role.data or "worker"
        record("changed_staff_role", detail=staff.id)
        db.session.commit()
        flash("Role changed.", "success")
    elif action in ("deactivate", "reactivate") and RoleForm().validate_on_submit():
        if action == "deactivate":
            accounts.deactivate(staff)
        else:
            staff.active = True
        record(f"{action}d_staff", detail=staff.id)
        db.session.commit()
        flash("Saved.", "success")
    elif action == "password" and (password_form := PasswordForm()).validate_on_submit():
        accounts.set_password(
            staff, password_form.password.data or "", current_app.config["PASSWORD_HASH_PROFILE"]
        )
        record("reset_staff_password", detail=staff.id)
        db.session.commit()
        flash("Password changed. They are signed out everywhere.", "success")
    if request.method == "POST" and not password_form.errors and not role_form.errors:
        return redirect(url_for(".staff_account", staff_id=staff.id))
    return render_template(
        "staff/account.html", staff=staff, role_form=role_form, password_form=password_form
    )


@bp.route("/password", methods=["GET", "POST"])
@limiter.limit(configured_limit("SIGN_IN_RATE_LIMIT"), methods=["POST"])
def own_password() -> str | Response:
    form = OwnPasswordForm()
    staff = me()
    profile = current_app.config["PASSWORD_HASH_PROFILE"]
    if form.validate_on_submit():
        if verify_password(staff.password_hash, form.current_password.data or "", profile):
            accounts.set_password(staff, form.password.data or "", profile)
            sessions.regenerate()
            login_user(staff)
            record("changed_own_password")
            db.session.commit()
            flash("Your password has been changed. You are signed out everywhere else.", "success")
            return redirect(url_for(".caseload_page"))
        form.current_password.errors.append("That isn't your password now. Check it and try again.")
    return render_template("staff/password.html", form=form)
