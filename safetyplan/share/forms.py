from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length


class AccessCodeForm(FlaskForm):
    code = StringField(
        _l("Access code"),
        validators=[DataRequired(_l("Enter the access code you were told")), Length(max=8)],
    )
