from __future__ import annotations

import re
from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    Field,
    HiddenField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..core import clock
from ..core.passwords import STAFF_MIN_LENGTH, problem_with
from ..core.phones import phone_problem
from ..web import choices

NOTE_LIMIT = 10_000
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class DateParts:
    """A GOV.UK-style date: day, month and year boxes, read as one date with kind messages.
    Add `<name>_day`, `<name>_month` and `<name>_year` fields to a form and call `read`."""

    def __init__(self, form: FlaskForm, name: str, label: str):
        self.form, self.name, self.label = form, name, label

    def parts(self) -> list[Field]:
        return [getattr(self.form, f"{self.name}_{part}") for part in ("day", "month", "year")]

    def is_blank(self) -> bool:
        return not any((part.data or "").strip() for part in self.parts())

    def read(self, required: bool, past: bool = False) -> date | None:
        """The date, or None with an error on the day field when it is missing or wrong."""
        day, month, year = self.parts()
        if self.is_blank():
            if required:
                day.errors = [f"Enter the {self.label.lower()}"]
            return None
        try:
            value = date(int(year.data or ""), int(month.data or ""), int(day.data or ""))
        except (ValueError, OverflowError):  # not numbers, no such day, or 20-digit parts
            day.errors = [f"{self.label} must be a real date, like 27 3 2010"]
            return None
        if not 1900 <= value.year <= 2100:
            day.errors = [f"{self.label} must be a real date, like 27 3 2010"]
            return None
        if past and value >= clock.today():
            day.errors = [f"{self.label} must be in the past"]
            return None
        return value

    def fill(self, value: date | None) -> None:
        day, month, year = self.parts()
        day.data, month.data, year.data = (
            (str(value.day), str(value.month), str(value.year)) if value else ("", "", "")
        )


def day_input() -> StringField:
    return StringField("Day", validators=[Optional(), Length(max=2)])


def month_input() -> StringField:
    return StringField("Month", validators=[Optional(), Length(max=2)])


def year_input() -> StringField:
    return StringField("Year", validators=[Optional(), Length(max=4)])


class YoungPersonForm(FlaskForm):
    version = HiddenField()
    preferred_name = StringField(
        "Preferred name",
        validators=[DataRequired("Enter the name they like to be called"), Length(max=100)],
    )
    date_of_birth_day, date_of_birth_month, date_of_birth_year = (
        day_input(),
        month_input(),
        year_input(),
    )
    case_reference = StringField("Case reference (optional)", validators=[Length(max=50)])
    worker = SelectField("Allocated worker", choices=[], validate_choice=False)


class StartSessionForm(FlaskForm):
    held_on_day, held_on_month, held_on_year = day_input(), month_input(), year_input()
    present = StringField(
        "Who is here (optional)",
        validators=[Length(max=300, message="Use 300 characters or fewer")],
    )


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class SessionWorkForm(FlaskForm):
    """Everything the session page holds: the sections gone through and a new private note
    (optional). Saving and ending the session both save all of it."""

    sections = MultiCheckboxField("Sections you went through together", coerce=int, choices=[])
    text = TextAreaField(
        "Private note",
        validators=[
            Optional(),
            Length(max=NOTE_LIMIT, message=f"Notes can be up to {NOTE_LIMIT:,} characters"),
        ],
    )


class RestoreForm(FlaskForm):
    """Put back one earlier answer (`change` empty) or one row of it, against the version
    of the section the worker saw in the preview."""

    field = HiddenField()
    change = HiddenField()
    version = HiddenField()


class ReviewDateForm(FlaskForm):
    review_day, review_month, review_year = day_input(), month_input(), year_input()


class DeleteForm(FlaskForm):
    confirm = StringField("Type DELETE to confirm", validators=[DataRequired("Type DELETE")])

    def validate_confirm(self, field: StringField) -> None:
        if (field.data or "").strip() != "DELETE":
            raise ValidationError("Type DELETE in capital letters to confirm")


def good_staff_password(_form: FlaskForm, field: PasswordField) -> None:
    if problem := problem_with(field.data or "", STAFF_MIN_LENGTH):
        raise ValidationError(problem)


def your_password_field() -> Any:
    """A manager's own password, asked again before they add staff or change a role, so an
    unattended signed-in laptop is not enough to make a new manager."""
    return PasswordField(
        "Your password",
        validators=[DataRequired("Enter your own password to confirm it's you"), Length(max=200)],
    )


def work_phone(_form: FlaskForm, field: StringField) -> None:
    if (phone := (field.data or "").strip()) and (problem := phone_problem(phone)):
        raise ValidationError(problem)


def work_phone_field() -> Any:
    return StringField("Work phone (optional)", validators=[Length(max=30), work_phone])


class StaffAccountForm(FlaskForm):
    name = StringField("Full name", validators=[DataRequired("Enter their name"), Length(max=100)])
    email = EmailField(
        "Email address",
        validators=[
            DataRequired("Enter their email address"),
            Length(max=254),
        ],
    )
    role = SelectField("Role", choices=choices.ROLES)
    phone = work_phone_field()
    password = PasswordField(
        "Temporary password",
        validators=[DataRequired("Enter a temporary password"), good_staff_password],
    )

    your_password = your_password_field()

    def validate_email(self, field: EmailField) -> None:
        if not EMAIL.match(field.data or ""):
            raise ValidationError("Enter an email address like name@example.org")


class PhoneForm(FlaskForm):
    phone = work_phone_field()


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=choices.ROLES)
    your_password = your_password_field()


def new_password_field() -> Any:
    return PasswordField(
        "New password", validators=[DataRequired("Enter a new password"), good_staff_password]
    )


class PasswordForm(FlaskForm):
    password = new_password_field()


class OwnPasswordForm(FlaskForm):
    """Changing your own password asks for the current one, so an unattended signed-in
    laptop is not enough to take the account over."""

    current_password = PasswordField(
        "Your password now",
        validators=[DataRequired("Enter the password you use now"), Length(max=200)],
    )
    password = new_password_field()
