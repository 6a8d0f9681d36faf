"""A young person's case record as one dated PDF, for upload to the council's case system."""

from __future__ import annotations

from flask import make_response, render_template
from werkzeug.wrappers.response import Response

from ..core import case_record, clock, meeting_outcome, workbook
from ..web.pdf import pdf_from_html
from . import bp
from .access import allowed_young_person, audited


@bp.route("/young-people/<id:young_person_id>/case-record.pdf")
def case_record_pdf(young_person_id: str) -> Response:
    person = allowed_young_person(young_person_id)
    record = case_record.case_record(person, clock.today())
    titles = {section.number: section.title for section in workbook.SECTIONS}
    pdf = pdf_from_html(
        render_template(
            "staff/case_record.html",
            record=record,
            titles=titles,
            outcome_labels=meeting_outcome.OUTCOMES,
        )
    )
    audited(case_record.EXPORTED, person)  # after reading: the next export starts from here
    response = make_response(pdf)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = (
        f'attachment; filename="case-record-{record.made_on:%Y-%m-%d}.pdf"'
    )
    return response
