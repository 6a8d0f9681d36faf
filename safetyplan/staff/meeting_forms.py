from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, StringField
from wtforms.validators import Length, Optional, Regexp

from .forms import day_input, month_input, year_input


class MeetingForm(FlaskForm):
    kind = RadioField(
        "Kind of meeting",
        choices=[("initial", "First meeting"), ("review", "Review meeting")],
        default="initial",
    )
    anchor_day, anchor_month, anchor_year = day_input(), month_input(), year_input()
    day_day, day_month, day_year = day_input(), month_input(), year_input()
    time = StringField(
        "Time (optional)",
        validators=[
            Optional(),
            Regexp(r"^([01]?\d|2[0-3]):[0-5]\d$", message="Enter a time like 14:30"),
        ],
    )
    venue = StringField("Venue", validators=[Length(max=200)])
    online = BooleanField("The meeting is online")
    chair = StringField("Chair's name", validators=[Length(max=100)])
    worker_contact = StringField("Worker's contact details", validators=[Length(max=200)])
