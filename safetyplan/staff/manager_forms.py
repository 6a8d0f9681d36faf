"""Forms for managers' pages: handing over a caseload, filtering the audit log."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from .forms import NOTE_LIMIT


class HandoverForm(FlaskForm):
    leaver = SelectField("Worker who is leaving", choices=[], validate_choice=False)
    successor = SelectField("New allocated worker", choices=[], validate_choice=False)
    note = TextAreaField(
        "Handover note",
        validators=[
            DataRequired("Write a handover note for the new worker"),
            Length(max=NOTE_LIMIT, message=f"Notes can be up to {NOTE_LIMIT:,} characters"),
        ],
    )
