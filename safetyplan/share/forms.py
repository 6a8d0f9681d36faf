from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length


class AccessCodeForm(FlaskForm):
    code = StringField(
        "Access code",
        validators=[DataRequired("Enter the access code you were told"), Length(max=8)],
    )
