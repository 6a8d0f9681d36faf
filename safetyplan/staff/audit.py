"""The audit log, for managers: who viewed or changed which plan, and when. Filters are
ids, action names and dates in the address (never a name); the export is a CSV file."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from flask import Response, render_template, request, stream_with_context
from wtforms import SelectField

from ..core import audit, caseload
from ..core.db import is_id
from ..core.models import AuditEvent
from ..core.paging import page_of
from ..web import choices
from . import bp
from .access import allowed_young_person, audited, managers_only, page_number
from .manager_forms import AuditFilterForm

PER_PAGE = 50


def _filter_form(young_person_id: str | None) -> AuditFilterForm:
    form = AuditFilterForm(request.args)
    if young_person_id:
        form.young_person.data = young_person_id
    people = audit.young_people()
    chosen = form.young_person.data or ""
    if is_id(chosen) and chosen not in dict(people):  # deleted since: still filterable
        people.append((chosen, "A deleted record"))
    form.young_person.choices = choices.from_pairs([("", "Everyone"), *people])
    form.staff.choices = choices.from_pairs(
        [("", "Anyone")] + [(staff.id, staff.name) for staff in caseload.all_staff()]
    )
    form.action.choices = choices.from_pairs([("", "Anything"), *audit.actions_in_log()])
    return form


def _chosen(field: SelectField) -> str | None:
    """The field's choice, if it is one of its options (not the first, "any")."""
    offered = {choice.value for choice in field.choices[1:]}  # type: ignore[index]
    return field.data if field.data in offered else None


def _filters(form: AuditFilterForm) -> audit.Filters:
    """What the form asks for; a part that is not one of the choices is ignored."""
    form.validate()
    return audit.Filters(
        young_person_id=_chosen(form.young_person),
        staff_id=_chosen(form.staff),
        action=_chosen(form.action),
        since=None if form.since.errors else form.since.data,
        until=None if form.until.errors else form.until.data,
    )


def _addressed(filters: audit.Filters) -> dict[str, str]:
    """The filters as address parameters: ids, action names and ISO dates only."""
    values = {
        "young_person": filters.young_person_id,
        "staff": filters.staff_id,
        "action": filters.action,
        "since": filters.since.isoformat() if filters.since else None,
        "until": filters.until.isoformat() if filters.until else None,
    }
    return {key: value for key, value in values.items() if value}


def _audit_page(form: AuditFilterForm) -> str:
    filters = _filters(form)
    page = page_of(filters.query(), page_number(), PER_PAGE, order_by=(AuditEvent.id.desc(),))
    names = audit.Names()
    names.learn(page.items)
    addressed = _addressed(filters)
    everyone = {key: value for key, value in addressed.items() if key != "young_person"}
    return render_template(
        "staff/audit.html",
        form=form,
        page=page,
        entries=audit.folded(page.items),
        names=names,
        action_label=audit.action_label,
        young_person_name=names.young_person(filters.young_person_id)
        if filters.young_person_id
        else None,
        addressed=addressed,
        everyone=everyone,
    )


@bp.route("/audit")
@managers_only
def audit_log() -> str:
    return _audit_page(_filter_form(None))


@bp.route("/young-people/<id:young_person_id>/audit")
@managers_only
def young_person_audit(young_person_id: str) -> str:
    person = allowed_young_person(young_person_id)
    return _audit_page(_filter_form(person.id))


def _csv_lines(rows: Iterator[list[str]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


@bp.route("/audit.csv")
@managers_only
def export_audit() -> Response:
    """Every event the filters match, unfolded, as a spreadsheet. The export is itself
    logged, with the filters it used."""
    filters = _filters(_filter_form(None))
    audited("exported_audit", detail=" ".join(f"{k}={v}" for k, v in _addressed(filters).items()))
    response = Response(
        stream_with_context(_csv_lines(audit.csv_rows(filters))), mimetype="text/csv"
    )
    response.headers["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    return response
