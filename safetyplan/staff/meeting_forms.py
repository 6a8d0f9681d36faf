import re

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from ..core.invitations import HOW, REPLIES
from ..core.meetings import KINDS
from ..web import choices
from .forms import day_input, month_input, year_input

TIME = re.compile(r"(?:[01]?[0-9]|2[0-3]):[0-5][0-9]", re.ASCII)


class MeetingForm(FlaskForm):
    version = HiddenField()
    kind = RadioField(
        "Kind of meeting",
        choices=choices.from_pairs(KINDS.items()),
        default="initial",
    )
    reviews = SelectField("Which meeting does it review?", choices=[], validate_choice=False)
    anchor_day, anchor_month, anchor_year = day_input(), month_input(), year_input()
    booked_day, booked_month, booked_year = day_input(), month_input(), year_input()
    day_day, day_month, day_year = day_input(), month_input(), year_input()
    time = StringField("Time (optional)", validators=[Optional(), Length(max=10)])
    venue = StringField("Venue", validators=[Length(max=200)])
    online = BooleanField("The meeting is online")
    chair = StringField("Chair's name", validators=[Length(max=100)])

    def validate_time(self, field: StringField) -> None:
        check_time(field)


def check_time(field: StringField) -> None:
    if field.data and clock_time(field.data) is None:
        raise ValidationError("Enter a time like 14:30")


def reason_field(label: str, missing: str) -> TextAreaField:
    return TextAreaField(
        label,
        validators=[
            DataRequired(missing),
            Length(max=2000, message="Use 2,000 characters or fewer"),
        ],
    )


class RearrangeForm(FlaskForm):
    day_day, day_month, day_year = day_input(), month_input(), year_input()
    time = StringField("New time (optional)", validators=[Optional(), Length(max=10)])
    booked_day, booked_month, booked_year = day_input(), month_input(), year_input()
    reason = reason_field("Why is it moving?", "Say why the meeting is moving")

    def validate_time(self, field: StringField) -> None:
        check_time(field)


class CancelForm(FlaskForm):
    reason = reason_field("Why is it cancelled?", "Say why the meeting is cancelled")


class LatenessForm(FlaskForm):
    reason = reason_field("Why is it later than allowed?", "Say why the meeting is late")
    told_day, told_month, told_year = day_input(), month_input(), year_input()


def clock_time(text: str) -> str | None:
    """A 24-hour time as HH:MM ("9:30" becomes "09:30"), or None if it isn't one."""
    if not TIME.fullmatch(text.strip()):
        return None
    hours, minutes = text.strip().split(":")
    return f"{int(hours):02d}:{minutes}"


class InviteeForm(FlaskForm):
    name = StringField("Name, and their role or organisation", validators=[Length(max=200)])
    invited_day, invited_month, invited_year = day_input(), month_input(), year_input()
    invited_how = RadioField(
        "How were they invited?",
        choices=choices.from_pairs(HOW.items()),
        validate_choice=True,
        validators=[Optional()],
    )
    reply = RadioField("Are they coming?", choices=choices.from_pairs(REPLIES.items()), default="")
    apologies = BooleanField("They sent apologies")
    report_asked = BooleanField("Written report asked for")
    report_received = BooleanField("Written report received")
    version = HiddenField()  # web/versions.py: two tabs can have one person open


class ViewsHeardForm(FlaskForm):
    note = reason_field(
        "How will their views be heard?",
        "Say how the young person's views will reach the meeting",
    )


class OutcomeForm(FlaskForm):
    attended = TextAreaField(
        "Who came",
        validators=[Length(max=2000, message="Use 2,000 characters or fewer")],
    )
    result = RadioField(
        "What was decided",
        choices=[],
        validate_choice=False,
        validators=[InputRequired("Choose what was decided")],
    )
    police_information = TextAreaField(
        "Police information (needed before a plan ends)",
        validators=[Length(max=2000, message="Use 2,000 characters or fewer")],
    )
    actions = TextAreaField(
        "Actions: who does what, by when",
        validators=[Length(max=4000, message="Use 4,000 characters or fewer")],
    )
    for_young_person = TextAreaField(
        "What was decided, for the young person",
        validators=[Length(max=4000, message="Use 4,000 characters or fewer")],
    )
    for_parents = TextAreaField(
        "What was decided, for parents and carers",
        validators=[Length(max=4000, message="Use 4,000 characters or fewer")],
    )
    review_day, review_month, review_year = day_input(), month_input(), year_input()
