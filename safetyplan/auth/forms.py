from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, StringField
from wtforms.validators import AnyOf, DataRequired, Length

from ..web.i18n import LANGUAGES


class YoungPersonSignInForm(FlaskForm):
    username = StringField(
        _l("Username"), validators=[DataRequired(_l("Enter your username")), Length(max=100)]
    )
    passphrase = PasswordField(
        _l("Passphrase"),
        validators=[DataRequired(_l("Enter your passphrase")), Length(max=200)],
    )


class StaffSignInForm(FlaskForm):
    email = EmailField(
        "Email address", validators=[DataRequired("Enter your email address"), Length(max=254)]
    )
    password = PasswordField(
        "Password", validators=[DataRequired("Enter your password"), Length(max=200)]
    )


class LanguageForm(FlaskForm):
    language = StringField(validators=[AnyOf(list(LANGUAGES))])
    next = HiddenField()
