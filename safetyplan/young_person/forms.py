from flask_babel import lazy_gettext as _l
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
from ..core.words import N_
from ..web import choices
from ..web.i18n import translated


def good_passphrase(_form: FlaskForm, field: PasswordField) -> None:
    if problem := problem_with(field.data or "", YOUNG_PERSON_MIN_LENGTH):
        raise ValidationError(translated(problem))


class StartForm(FlaskForm):
    code = StringField(
        _l("Your code"),
        validators=[DataRequired(_l("Enter the code your worker gave you")), Length(max=40)],
    )


class EnrolForm(FlaskForm):
    username = StringField(
        _l("Choose a username"),
        validators=[
            DataRequired(_l("Choose a username")),
            Length(min=3, max=40, message=_l("Use between 3 and 40 characters")),
        ],
    )
    passphrase = PasswordField(
        _l("Choose a passphrase"),
        validators=[DataRequired(_l("Choose a passphrase")), good_passphrase],
    )
    confirm = PasswordField(
        _l("Type your passphrase again"),
        validators=[
            DataRequired(_l("Type your passphrase again")),
            EqualTo("passphrase", _l("The two passphrases are different. Type them again.")),
        ],
    )


def _current_passphrase(label: str = _l("Your passphrase now")) -> PasswordField:
    return PasswordField(
        label,
        validators=[DataRequired(_l("Enter the passphrase you use now")), Length(max=MAX_LENGTH)],
    )


class PassphraseForm(FlaskForm):
    current_passphrase = _current_passphrase()
    new_passphrase = PasswordField(
        _l("New passphrase"),
        validators=[
            DataRequired(_l("Enter a new passphrase")),
            Length(max=MAX_LENGTH),
            good_passphrase,
        ],
    )
    confirm = PasswordField(
        _l("Type it again"),
        validators=[
            DataRequired(_l("Type your new passphrase again")),
            EqualTo("new_passphrase", _l("The two passphrases are different. Type them again.")),
        ],
    )


class ShareForm(FlaskForm):
    label = StringField(
        _l("Who is it for?"),
        validators=[DataRequired(_l("Say who the link is for, like Auntie")), Length(max=40)],
    )
    sections = SelectMultipleField(
        _l("Which parts?"),
        coerce=int,
        choices=[],
        validate_choice=False,
        widget=widgets.ListWidget(prefix_label=False),
        option_widget=widgets.CheckboxInput(),
    )
    days = RadioField(
        _l("How long should the link work?"),
        coerce=int,
        choices=choices.from_pairs(DURATIONS.items()),
        default=7,
        validators=[InputRequired(_l("Choose how long the link should work"))],
    )
    access_code = StringField(
        _l("Access code (optional)"),
        validators=[Optional(), Regexp(r"^\d{4,8}$", message=_l("Use 4 to 8 numbers, like 4821"))],
    )

    def validate_sections(self, field: SelectMultipleField) -> None:
        if not field.data:
            raise ValidationError(_l("Choose at least one part to share"))


class ExtendForm(FlaskForm):
    days = RadioField(
        _l("Add"),
        coerce=int,
        choices=choices.from_pairs(DURATIONS.items()),
        default=7,
        validators=[InputRequired(_l("Choose how much longer"))],
    )


class SendViewsForm(FlaskForm):
    version = HiddenField()  # of the views on the check page: what is sent is what was read


class MeetingViewsForm(FlaskForm):
    meeting_id = HiddenField()
    version = HiddenField()
    say = TextAreaField(
        _l("What I want to say at the meeting"),
        validators=[Length(max=5000, message=_l("Use 5,000 characters or fewer"))],
    )
    bring = StringField(
        _l("Who I want to bring"),
        validators=[Length(max=300, message=_l("Use 300 characters or fewer"))],
    )
    attend = RadioField(
        _l("How much of the meeting I want to go to"), choices=[], validate_choice=False
    )
    share_how = SelectMultipleField(
        _l("How I'd like my views shared"),
        choices=[],
        validate_choice=False,
        widget=widgets.ListWidget(prefix_label=False),
        option_widget=widgets.CheckboxInput(),
    )


class TellWorkerForm(FlaskForm):
    kind = RadioField(
        _l("What happened?"),
        choices=[],
        validate_choice=False,
        validators=[InputRequired(_l("Choose what happened"))],
    )
    message = TextAreaField(
        _l("Anything you want to add (optional)"),
        validators=[Length(max=1000, message=_l("Use 1,000 characters or fewer"))],
    )


class SafeWordForm(FlaskForm):
    # Asked for, so that someone holding a phone that is signed in can't change it quietly.
    current_passphrase = _current_passphrase()
    passphrase = PasswordField(
        _l("Safe-word passphrase"),
        validators=[DataRequired(_l("Choose a safe-word passphrase")), good_passphrase],
    )
    confirm = PasswordField(
        _l("Type it again"),
        validators=[
            DataRequired(_l("Type your safe-word passphrase again")),
            EqualTo("passphrase", _l("The two passphrases are different. Type them again.")),
        ],
    )
    tell_worker = BooleanField(_l("Tell my worker quietly when I sign in with it"))


class StopSafeWordForm(FlaskForm):
    current_passphrase = _current_passphrase(_l("Your passphrase now, to stop the safe word"))


class ReadingForm(FlaskForm):
    easy_read = RadioField(
        _l("How should the explanations in your plan read?"),
        choices=choices.from_pairs([("usual", N_("The usual way")), ("easy", N_("Easy read"))]),
        validators=[InputRequired(_l("Choose how your plan should read"))],
    )


class NotesForm(FlaskForm):
    notes = TextAreaField(
        _l("My notes"), validators=[Length(max=5000, message=_l("Use 5,000 characters or fewer"))]
    )
