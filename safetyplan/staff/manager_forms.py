"""Forms for managers' pages: handing over a caseload, filtering the audit log."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import DateField, Form, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

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


class DayField(DateField):
    """A date box (type=date, so the browser sends 2026-11-24) with a kind message."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(f"Enter a real date in '{self.label.text}'") from None


class AuditFilterForm(Form):
    """The audit log's filters, read from the address: ids, action names and dates only,
    never a name or anything typed freely."""

    young_person = SelectField("Young person", choices=[], validate_choice=False)
    staff = SelectField("Staff member", choices=[], validate_choice=False)
    action = SelectField("What", choices=[], validate_choice=False)
    since = DayField("From", validators=[Optional()])
    until = DayField("To", validators=[Optional()])

    def validate_until(self, field: DayField) -> None:
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError("The 'to' date must be the same as or after the 'from' date")
