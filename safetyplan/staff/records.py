"""The caseload and a young person's record: details, review date, sign-in code, shares,
deactivating, reactivating and deleting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers.response import Response

from ..core import (
    accounts,
    caseload,
    clock,
    deadlines,
    enrolment,
    plan,
    planning_sessions,
    sharing,
    worker_alerts,
)
from ..core.db import utcnow
from ..core.models import Share, StaffUser, YoungPerson
from ..core.paging import Page
from ..web import changes, choices, versions
from ..web.extensions import db
from ..web.qr import svg_qr_code
from ..web.security import found_or_404
from ..web.templating import long_date
from . import bp
from .access import allowed_young_person, audited, me, page_number, staff_change
from .forms import DateParts, DeleteForm, ReviewDateForm, StartSessionForm, YoungPersonForm


@dataclass(frozen=True)
class WorkerFilter:
    """The worker a manager narrowed a list to: an id (never a name), or None for everyone.
    `unknown`: the address or form named someone who is no member of staff, which the page
    says rather than quietly showing everyone's list as if it were theirs."""

    worker_id: str | None
    unknown: bool


def worker_filter(workers: list[StaffUser]) -> WorkerFilter:
    """As it came: in the address, or posted with a search."""
    wanted = (request.form if request.method == "POST" else request.args).get("worker", "")
    known = wanted in {staff.id for staff in workers}
    return WorkerFilter(wanted if known else None, bool(workers and wanted) and not known)


@bp.route("/", methods=["GET", "POST"])
def caseload_page() -> tuple[str, int]:
    """The caseload. Searching posts the name, so it never sits in an address, a log or the
    browser's history; paging through search results posts it again."""
    search, number = "", page_number()
    if request.method == "POST":
        search = request.form.get("q", "")[:100]
        posted_page = request.form.get("page", "1")
        number = int(posted_page) if posted_page.isdigit() and len(posted_page) < 7 else 1
    workers = caseload.all_staff() if me().is_manager else []
    chosen = worker_filter(workers)
    page = (
        Page([], 1, 1, 0)
        if chosen.unknown
        else caseload.caseload_page(me(), clock.today(), search, number, chosen.worker_id)
    )
    return render_template(
        "staff/caseload.html",
        page=page,
        search=search,
        workers=workers,
        worker_id=chosen.worker_id,
        unknown_worker=chosen.unknown,
        alerts=worker_alerts.open_alerts(me()),
    ), 404 if chosen.unknown else 200


def _worker_choices(form: YoungPersonForm) -> None:
    if me().is_manager:
        workers = db.session.scalars(select(StaffUser).where(StaffUser.active.is_(True)))
        form.worker.choices = choices.from_pairs((staff.id, staff.name) for staff in workers)
    else:
        form.worker.choices = choices.from_pairs([(me().id, me().name)])


def _read_record(form: YoungPersonForm) -> tuple[StaffUser | None, date | None] | None:
    """The chosen worker and date of birth, or None with errors on the form."""
    born = DateParts(form, "date_of_birth", "Date of birth").read(required=False, past=True)
    valid_worker = form.worker.data in {choice.value for choice in form.worker.choices}  # type: ignore[union-attr]
    if not valid_worker:
        form.worker.errors = ["Choose a worker from the list"]
    if form.date_of_birth_day.errors or not valid_worker:
        return None
    return db.session.get(StaffUser, form.worker.data), born


def record_version(person: YoungPerson) -> str:
    return versions.version_of(
        [person.preferred_name, person.date_of_birth, person.case_reference, person.worker_id]
    )


def _fill_record(person: YoungPerson, form: YoungPersonForm, born: date | None) -> None:
    person.date_of_birth = born.isoformat() if born else None
    person.set_case_reference(form.case_reference.data)


@bp.route("/young-people/new", methods=["GET", "POST"])
def new_young_person() -> str | Response:
    form = YoungPersonForm()
    _worker_choices(form)
    if request.method == "GET":
        form.worker.data = me().id
    elif form.validate_on_submit() and (read := _read_record(form)):
        worker, born = read
        person = YoungPerson(preferred_name=form.preferred_name.data or "", worker=worker)
        with staff_change("created_young_person", person):
            db.session.add(person)
            _fill_record(person, form, born)
        flash("Added. Now give them a sign-in code.", "success")
        return redirect(url_for(".young_person", young_person_id=person.id))
    return render_template("staff/record_form.html", form=form, person=None)


@bp.route("/young-people/<id:young_person_id>/edit", methods=["GET", "POST"])
def edit_young_person(young_person_id: str) -> str | Response:
    person = allowed_young_person(young_person_id)
    form = YoungPersonForm()
    _worker_choices(form)
    current = record_version(person)
    stale = False
    if request.method == "GET":
        form.version.data = current
        audited("viewed_record", person, "edit")
        form.preferred_name.data = person.preferred_name
        form.case_reference.data = person.case_reference
        form.worker.data = person.worker_id
        born = person.date_of_birth
        DateParts(form, "date_of_birth", "Date of birth").fill(
            date.fromisoformat(born) if born else None
        )
    elif (stale := versions.changed_meanwhile(form.version.data, current)) or not (
        form.validate_on_submit() and (read := _read_record(form))
    ):
        form.version.data = current  # saving again means: I have checked
    else:
        worker, born = read
        moved = worker is not None and person.worker_id != worker.id
        action = "allocated" if moved else "edited_record"
        with staff_change(action, person, f"to {worker.id}" if moved and worker else None):
            person.set_preferred_name(form.preferred_name.data or "")
            person.worker = worker
            _fill_record(person, form, born)
        flash("Saved the record.", "success")
        return redirect(url_for(".young_person", young_person_id=person.id))
    return render_template("staff/record_form.html", form=form, person=person, stale=stale)


def record_page(
    person: YoungPerson,
    review_form: ReviewDateForm | None = None,
    start_form: StartSessionForm | None = None,
) -> str:
    """The young person's record, with any form that failed showing its errors."""
    if review_form is None:
        review_form = ReviewDateForm(formdata=None)
        DateParts(review_form, "review", "Review date").fill(person.next_review_on)
    today = clock.today()
    return render_template(
        "staff/young_person.html",
        person=person,
        views=plan.current_plan(person),
        sessions=planning_sessions.sessions_of(person),
        shares=[(share, sharing.status(share, utcnow())) for share in sharing.shares_of(person)],
        share_titles=sharing.section_titles,
        alerts=worker_alerts.alerts_of(person),
        review_to_put_back=worker_alerts.review_to_put_back,
        review=caseload.review_status(person.next_review_on, today),
        born=caseload.born_on(person.date_of_birth, today),
        review_form=review_form,
        start_form=start_form
        or StartSessionForm(
            formdata=None,
            held_on_day=str(today.day),
            held_on_month=str(today.month),
            held_on_year=str(today.year),
        ),
    )


@bp.route("/young-people/<id:young_person_id>")
def young_person(young_person_id: str) -> str:
    person = allowed_young_person(young_person_id)
    audited("viewed_plan", person)
    return record_page(person)


@bp.route("/young-people/<id:young_person_id>/review-date", methods=["POST"])
def set_review_date(young_person_id: str) -> str | Response:
    person = allowed_young_person(young_person_id)
    form = ReviewDateForm()
    # Validate first: it clears errors, including those the date parts add.
    if form.validate_on_submit() and (when := DateParts(form, "review", "Review date").read(True)):
        if when < clock.today():
            form.review_day.errors.append(
                f"The review date can't be in the past. Enter a working day from today, "
                f"such as {long_date(caseload.next_review_after(clock.today()))}"
            )
            return record_page(person, form)
        if not deadlines.is_working_day(when, deadlines.bank_holidays()):
            # Not moved for them: they choose, told which working day comes before.
            before = deadlines.working_day_on_or_before(when)
            form.review_day.errors.append(
                f"{long_date(when)} is not a working day. Choose a weekday that is not a bank "
                f"holiday, such as {long_date(before)}"
            )
            return record_page(person, form)
        with staff_change("set_review_date", person):
            person.next_review_on = when
        flash("Saved the review date.", "success")
        return redirect(url_for(".young_person", young_person_id=person.id))
    return record_page(person, form)


@bp.route("/young-people/<id:young_person_id>/code", methods=["POST"])
def issue_code(young_person_id: str) -> str:
    """Show a new one-time code once. It is never stored in plain text or in the session."""
    person = allowed_young_person(young_person_id)
    if not person.active:
        abort(400)
    with staff_change("issued_sign_in_code", person):
        code = enrolment.issue_code(person)
    link = url_for("young_person.enrol", code=code, _external=True)
    return render_template(
        "staff/sign_in_code.html",
        person=person,
        code=enrolment.formatted(code),
        link=link,
        qr=svg_qr_code(link, "A code to scan with a phone camera to get started"),
        days=enrolment.CODE_VALID_FOR.days,
    )


@bp.route("/young-people/<id:young_person_id>/deactivate", methods=["POST"])
def deactivate_young_person(young_person_id: str) -> Response:
    person = allowed_young_person(young_person_id)
    with staff_change("deactivated", person):
        accounts.deactivate(person)
    flash("Deactivated. They can't sign in, and their plan is kept.", "success")
    return redirect(url_for(".young_person", young_person_id=person.id))


@bp.route("/young-people/<id:young_person_id>/reactivate", methods=["POST"])
def reactivate_young_person(young_person_id: str) -> Response:
    person = allowed_young_person(young_person_id)
    with staff_change("reactivated", person):
        person.active = True
    flash("They can sign in again.", "success")
    return redirect(url_for(".young_person", young_person_id=person.id))


def backups_unreadable_from() -> date:
    """The day backups holding a deletion stop being readable: the nightly rotate-keys
    --new-key starts a new key epoch, and retire-keys removes the old key once backups
    older than it have expired (README, "Running it in production")."""
    return clock.today() + timedelta(days=current_app.config["BACKUP_RETENTION_DAYS"] + 1)


@bp.route("/young-people/<id:young_person_id>/delete", methods=["GET", "POST"])
def delete_young_person(young_person_id: str) -> str | Response:
    person = allowed_young_person(young_person_id)
    form = DeleteForm()
    if request.method == "GET":
        audited("viewed_record", person, "delete")
    if form.validate_on_submit():
        with staff_change("deleted_young_person", person):
            plan.delete_young_person(person)
        changes.truncate_sqlite_wal()
        flash(
            "Deleted. Their data can no longer be read here. Backups from before today "
            f"stop being readable on {backups_unreadable_from():%d %B %Y}, when the old "
            "encryption key is retired.",
            "success",
        )
        return redirect(url_for(".caseload_page"))
    return render_template(
        "staff/delete.html", person=person, form=form, backups_until=backups_unreadable_from()
    )


@bp.route("/young-people/<id:young_person_id>/shares/<id:share_id>/revoke", methods=["POST"])
def revoke_share(young_person_id: str, share_id: str) -> Response:
    person = allowed_young_person(young_person_id)
    share = found_or_404(Share.of(person, share_id))
    with staff_change("revoked_share", person):
        sharing.revoke(share, utcnow())
    flash("That link has stopped working.", "success")
    return redirect(url_for(".young_person", young_person_id=person.id))
