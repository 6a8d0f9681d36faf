from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from ..passwords import MAX_LENGTH, YOUNG_PERSON_MIN_LENGTH, problem_with


def good_passphrase(_form: FlaskForm, field: PasswordField) -> None:
    if problem := problem_with(field.data or "", YOUNG_PERSON_MIN_LENGTH):
        raise ValidationError(problem)


class StartForm(FlaskForm):
    code = StringField(
        "Your code",
        validators=[DataRequired("Enter the code your worker gave you"), Length(max=40)],
    )


class EnrolForm(FlaskForm):
    username = StringField(
        "Choose a username",
        validators=[
            DataRequired("Choose a username"),
            Length(min=3, max=40, message="Use between 3 and 40 characters"),
        ],
    )
    passphrase = PasswordField(
        "Choose a passphrase",
        validators=[DataRequired("Choose a passphrase"), good_passphrase],
    )


class PassphraseForm(FlaskForm):
    current_passphrase = PasswordField(
        "Your passphrase now",
        validators=[DataRequired("Enter the passphrase you use now"), Length(max=MAX_LENGTH)],
    )
    new_passphrase = PasswordField(
        "New passphrase",
        validators=[
            DataRequired("Enter a new passphrase"),
            Length(max=MAX_LENGTH),
            good_passphrase,
        ],
    )
    confirm = PasswordField(
        "Type it again",
        validators=[
            DataRequired("Type your new passphrase again"),
            EqualTo("new_passphrase", "The two passphrases are different. Type them again."),
        ],
    )
