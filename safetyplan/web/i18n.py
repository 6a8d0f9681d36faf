"""Languages: which one a page is in, the switch between them, and dates and times in it.

Young people, parents and trusted adults read their pages in English, Polish or Urdu: the
young person's choice kept with their account, anyone's choice kept in their session, or
else their browser's language. Staff pages stay in English.

Words that live outside templates and forms (the workbook, the help lines' notes, the
choices in core) are stored and passed around in English and translated where they are
shown, by looking the English up in the catalogue (`translated`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any

from babel import dates, numbers
from babel.support import NullTranslations
from flask import Flask, current_app, has_request_context, request, request_started, session
from flask_babel import force_locale, get_locale, get_translations
from flask_login import current_user
from jinja2 import pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup

from ..core.clock import in_london
from ..core.words import N_, Words
from .sessions import NOTES_ONLY

# The words static/app.js shows or says (the Listen controls, the idle warning, Show and
# Hide), given to it in the page's language.
SCRIPT_WORDS = {
    "shift_hint": N_("Press Shift 1 more time to exit"),
    "idle": N_("You'll be signed out soon to keep your notes private."),
    "stay": N_("Stay signed in"),
    "copied": N_("Copied"),
    "show": N_("Show"),
    "hide": N_("Hide"),
    "ticked": N_("Ticked:"),
    "pause": N_("Pause"),
    "carry_on": N_("Carry on"),
}

# Where the anonymous visitor's choice is kept.
LANGUAGE = "language"


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself, as its readers look for it
    tag: str  # the page's lang attribute
    word: str  # "Language", in the language itself: the way to the switch says it in each
    right_to_left: bool = False


LANGUAGES = {
    language.code: language
    for language in (
        Language("en", "English", "en-GB", "Language"),
        Language("pl", "Polski", "pl", "Język"),
        Language("ur", "اردو", "ur", "زبان", right_to_left=True),
    )
}
ENGLISH = "en"


def is_staff_page() -> bool:
    endpoint = request.endpoint or ""
    return (
        request.blueprint == "staff"
        or endpoint == "auth.staff_sign_in"
        or getattr(current_user, "kind", None) == "staff"
    )


def chosen_language() -> str:
    """The address's, then the young person's choice, then this browser's choice, then the
    browser's own languages; English when none of them is one we have (and always for
    staff)."""
    if is_staff_page():
        return ENGLISH
    # An address that names its language, for that page only: the offline page the service
    # worker keeps (fetched without cookies), a letter's link to the page for its readers.
    if (named := request.args.get(LANGUAGE)) in LANGUAGES:
        return str(named)
    choices = [session.get(LANGUAGE)]
    if getattr(current_user, "kind", None) == "young_person":
        # A safe-word session's own choice comes first: it never changes the account's.
        choices.insert(len(choices) if session.get(NOTES_ONLY) else 0, current_user.language)
    for choice in choices:
        if choice in LANGUAGES:
            return str(choice)
    return request.accept_languages.best_match(LANGUAGES, default=ENGLISH) or ENGLISH


def current_language() -> Language:
    return _page_language().language


@lru_cache
def script_words(code: str) -> dict[str, str]:
    """The words static/app.js shows, in one language: the same for every page, so found
    once per language rather than on every request."""
    with in_language(code):
        return {key: page_translations().ugettext(words) for key, words in SCRIPT_WORDS.items()}


@lru_cache
def draft_words(code: str) -> str:
    """The words "(draft translation)" in the language they are about, for its readers to
    see on a page in any language. The same for every page: found once per language."""
    with in_language(code):
        return page_translations().ugettext("(draft translation)")


def is_draft(code: str) -> bool:
    """A translation nobody who speaks the language has checked yet (CHECKED_LANGUAGES)."""
    return code != ENGLISH and code not in current_app.config["CHECKED_LANGUAGES"]


@dataclass(frozen=True)
class _PageLanguage:
    language: Language
    translations: NullTranslations


# The page's language and catalogue, kept for the request that found them (reset when each
# request starts and ends). A context variable, not flask.g: a page looks up a hundred
# words and fifteen dates, and g's proxy cost more than the lookups themselves.
_page: ContextVar[_PageLanguage | None] = ContextVar("page_language", default=None)


def _page_language() -> _PageLanguage:
    """Found once per request. Flask-Babel finds the locale and catalogue again for every
    word (context, domain, locale, cache key), which was a sixth of a plan page's time."""
    found = _page.get()
    if found is None:
        code = str(get_locale() or ENGLISH)
        found = _PageLanguage(LANGUAGES.get(code, LANGUAGES[ENGLISH]), get_translations())
        if has_request_context():
            _page.set(found)
    return found


def page_translations() -> NullTranslations:
    return _page_language().translations


def _forget_page_language(*_: Any, **__: Any) -> None:
    _page.set(None)


@contextmanager
def in_language(code: str) -> Iterator[None]:
    """Words and dates in another language for a part of a page (a letter to a family)."""
    before = _page.set(None)
    try:
        with force_locale(code):
            yield
    finally:
        _page.reset(before)


def translated(text: str) -> str:
    """English text from outside the templates, in the page's language when the catalogue
    has it (and as it is when it doesn't). Never given what a person typed, though Words
    may carry it as a value (a name) that is filled in as it is."""
    if isinstance(text, Words):
        values = {
            name: numbers.format_decimal(value, locale=_babel_locale())
            if isinstance(value, int)
            else translated(value)
            if isinstance(value, Words)
            else value
            for name, value in text.values.items()
        }
        found = page_translations().ugettext(text.template)
        return found % values if text.values else found
    return page_translations().ugettext(text) if text else text


@lru_cache(maxsize=4096)
def _fixed_words(catalogue: NullTranslations, text: str) -> Markup:
    """Words with no values to fill in, in one catalogue: the same on every page, so found
    and formatted once per process, not on every page (a page has fifty)."""
    # The catalogue's own words, trusted as Jinja trusts them.
    return Markup(catalogue.ugettext(text)) % {}  # noqa: S704  # nosec B704


@pass_eval_context
def _template_gettext(context: EvalContext, text: str, /, **variables: Any) -> str:
    """`_()` and `{% trans %}` in templates, as Jinja's newstyle gettext (jinja2.ext) does
    them: escaped in HTML, always a format string."""
    if not variables and context.autoescape:
        return _fixed_words(page_translations(), text)
    found = page_translations().ugettext(text)
    # The catalogue's own words, trusted as Jinja trusts them; the values are escaped.
    return (Markup(found) if context.autoescape else found) % variables  # noqa: S704  # nosec B704


@pass_eval_context
def _template_ngettext(
    context: EvalContext, singular: str, plural: str, num: int, /, **variables: Any
) -> str:
    variables.setdefault("num", num)
    found = page_translations().ungettext(singular, plural, num)
    # The catalogue's own words, trusted as Jinja trusts them; the values are escaped.
    return (Markup(found) if context.autoescape else found) % variables  # noqa: S704  # nosec B704


def _babel_locale() -> str:
    return current_language().code


def local(value: date | datetime | None) -> date | datetime | None:
    """Times are stored in UTC; people read them in UK time."""
    if isinstance(value, datetime):
        return in_london(value)
    return value


@lru_cache(maxsize=4096)
def _formatted_day(day: date, pattern: str, code: str) -> str:
    """Babel parses the language and the pattern again on every call; a page lists up to
    fifteen dates, mostly the same few days, so each is formatted once (a date and a
    pattern only: nothing personal is kept)."""
    return dates.format_date(day, pattern, locale=code)


def _format_day(value: date | datetime | None, pattern: str) -> str:
    value = local(value)
    if value is None:
        return ""
    day = value.date() if isinstance(value, datetime) else value
    return _formatted_day(day, pattern, _babel_locale())


def long_date(value: date | datetime | None) -> str:
    """'Tuesday 24 November 2026', the GOV.UK style, in the page's language."""
    return _format_day(value, "EEEE d MMMM y")


def short_date(value: date | datetime | None) -> str:
    return _format_day(value, "d MMM y")


def day_and_month(value: date | datetime | None) -> str:
    return _format_day(value, "d MMMM")


def clock_time(value: time | datetime | None) -> str:
    """'9:30am', '2pm': the 12-hour GOV.UK style in English; the language's own style
    in the others."""
    if value is None:
        return ""
    if _babel_locale() != ENGLISH:
        return dates.format_time(value, "short", locale=_babel_locale())
    hour = value.hour % 12 or 12
    minutes = f":{value:%M}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


def date_time(value: datetime | None) -> str:
    if not value:
        return ""
    moment = in_london(value)
    return translated("%(day)s at %(time)s") % {
        "day": short_date(moment),
        "time": clock_time(moment),
    }


def register(app: Flask) -> None:
    from flask_babel import Babel

    Babel(app, locale_selector=chosen_language)
    request_started.connect(_forget_page_language, app)
    app.teardown_request(_forget_page_language)
    # Templates' words: Jinja's own gettext goes through three calls and Flask-Babel's
    # lookup for each; these give the same results in one call (page_translations).
    app.jinja_env.globals.update(_=_template_gettext, gettext=_template_gettext)
    app.jinja_env.globals["ngettext"] = _template_ngettext
    # {% trans %} blocks are extracted and looked up with their line breaks folded.
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.add_template_filter(translated)
    for date_filter in (long_date, short_date, day_and_month, clock_time, date_time):
        app.add_template_filter(date_filter)

    @app.context_processor
    def languages() -> dict[str, Any]:
        language = current_language()
        return {
            "language": language,
            "script_words": script_words(language.code),
            "page_is_draft": is_draft(language.code),
            "language_choices": [
                (choice, draft_words(choice.code) if is_draft(choice.code) else "")
                for choice in LANGUAGES.values()
            ],
        }
