from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import (
    DataRequired,
    EqualTo,
    InputRequired,
    Length,
    Optional,
    Regexp,
    ValidationError,
)

from ..core.passwords import MAX_LENGTH, YOUNG_PERSON_MIN_LENGTH, problem_with
from ..core.sharing import DURATIONS
from ..web import choices


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
    confirm = PasswordField(
        "Type your passphrase again",
        validators=[
            DataRequired("Type your passphrase again"),
            EqualTo("passphrase", "The two passphrases are different. Type them again."),
        ],
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


class ShareForm(FlaskForm):
    label = StringField(
        "Who is it for?",
        validators=[DataRequired("Say who the link is for, like Auntie"), Length(max=40)],
    )
    sections = SelectMultipleField(
        "Which parts?",
        coerce=int,
        choices=[],
        validate_choice=False,
        widget=widgets.ListWidget(prefix_label=False),
        option_widget=widgets.CheckboxInput(),
    )
    days = RadioField(
        "How long should the link work?",
        coerce=int,
        choices=choices.from_pairs(DURATIONS.items()),
        default=7,
        validators=[InputRequired("Choose how long the link should work")],
    )
    access_code = StringField(
        "Access code (optional)",
        validators=[Optional(), Regexp(r"^\d{4,8}$", message="Use 4 to 8 numbers, like 4821")],
    )

    def validate_sections(self, field: SelectMultipleField) -> None:
        if not field.data:
            raise ValidationError("Choose at least one part to share")


class ExtendForm(FlaskForm):
    days = RadioField(
        "Add",
        coerce=int,
        choices=choices.from_pairs(DURATIONS.items()),
        default=7,
        validators=[InputRequired("Choose how much longer")],
    )


class SendViewsForm(FlaskForm):
    version = HiddenField()  # of the views on the check page: what is sent is what was read


class MeetingViewsForm(FlaskForm):
    meeting_id = HiddenField()
    version = HiddenField()
    say = TextAreaField(
        "What I want to say at the meeting",
        validators=[Length(max=5000, message="Use 5,000 characters or fewer")],
    )
    bring = StringField(
        "Who I want to bring", validators=[Length(max=300, message="Use 300 characters or fewer")]
    )
    attend = RadioField(
        "How much of the meeting I want to go to", choices=[], validate_choice=False
    )
    share_how = SelectMultipleField(
        "How I'd like my views shared",
        choices=[],
        validate_choice=False,
        widget=widgets.ListWidget(prefix_label=False),
        option_widget=widgets.CheckboxInput(),
    )


class TellWorkerForm(FlaskForm):
    kind = RadioField(
        "What happened?",
        choices=[],
        validate_choice=False,
        validators=[InputRequired("Choose what happened")],
    )
    message = TextAreaField(
        "Anything you want to add (optional)",
        validators=[Length(max=1000, message="Use 1,000 characters or fewer")],
    )


class SafeWordForm(FlaskForm):
    passphrase = PasswordField(
        "Safe-word passphrase",
        validators=[DataRequired("Choose a safe-word passphrase"), good_passphrase],
    )
    confirm = PasswordField(
        "Type it again",
        validators=[
            DataRequired("Type your safe-word passphrase again"),
            EqualTo("passphrase", "The two passphrases are different. Type them again."),
        ],
    )
    tell_worker = BooleanField("Tell my worker quietly when I sign in with it")


class NotesForm(FlaskForm):
    notes = TextAreaField(
        "My notes", validators=[Length(max=5000, message="Use 5,000 characters or fewer")]
    )
