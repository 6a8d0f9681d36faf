from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Length


class YoungPersonSignInForm(FlaskForm):
    username = StringField(
        "Username", validators=[DataRequired("Enter your username"), Length(max=100)]
    )
    passphrase = PasswordField(
        "Passphrase", validators=[DataRequired("Enter your passphrase"), Length(max=200)]
    )


class StaffSignInForm(FlaskForm):
    email = EmailField(
        "Email address", validators=[DataRequired("Enter your email address"), Length(max=254)]
    )
    password = PasswordField(
        "Password", validators=[DataRequired("Enter your password"), Length(max=200)]
    )
