import re

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, StringField
from wtforms.validators import Length, Optional, ValidationError

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
    anchor_day, anchor_month, anchor_year = day_input(), month_input(), year_input()
    day_day, day_month, day_year = day_input(), month_input(), year_input()
    time = StringField("Time (optional)", validators=[Optional(), Length(max=10)])
    venue = StringField("Venue", validators=[Length(max=200)])
    online = BooleanField("The meeting is online")
    chair = StringField("Chair's name", validators=[Length(max=100)])

    def validate_time(self, field: StringField) -> None:
        if clock_time(field.data or "") is None:
            raise ValidationError("Enter a time like 14:30")


def clock_time(text: str) -> str | None:
    """A 24-hour time as HH:MM ("9:30" becomes "09:30"), or None if it isn't one."""
    if not TIME.fullmatch(text.strip()):
        return None
    hours, minutes = text.strip().split(":")
    return f"{int(hours):02d}:{minutes}"
