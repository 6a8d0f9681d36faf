"""The meeting's letters: the young person's and the parents' or carers', each in the
language the worker chooses for its readers, and the professionals' in English; dated when
issued, and downloaded as one PDF."""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, make_response, redirect, render_template, request, url_for
from markupsafe import Markup
from werkzeug.wrappers.response import Response

from ..core import caseload, clock, invitations, meeting_letters, meetings
from ..core.meeting_models import Meeting
from ..core.models import YoungPerson
from ..web.i18n import ENGLISH, LANGUAGES, Language, in_language, is_draft
from ..web.pdf import pdf_from_html
from ..web.security import found_or_404
from . import bp
from .access import allowed_young_person, audited, staff_change

LETTERS = "/young-people/<id:young_person_id>/meetings/<id:meeting_id>/letters"


def _chosen_languages(person: YoungPerson) -> dict[str, Language]:
    """The language of each family letter, from the letters page's choice: the young
    person's own choice of language, and English for their parents, until the worker
    chooses another. A language we don't have is English."""
    defaults = {"young_person": person.language or ENGLISH, "parents": ENGLISH}
    return {
        reader: LANGUAGES.get(request.args.get(f"{reader}_language", default), LANGUAGES[ENGLISH])
        for reader, default in defaults.items()
    }


def _page_in(language: Language, endpoint: str) -> str:
    """The public page a letter points to, in the letter's language."""
    if language.code == ENGLISH:
        return url_for(endpoint, _external=True)
    return url_for(endpoint, language=language.code, _external=True)


def _letter(template: str, language: Language, **context: Any) -> Markup:
    with in_language(language.code):
        # Rendered by Jinja with autoescaping, as every page is: safe to include whole.
        return Markup(render_template(template, language=language, **context))  # noqa: S704  # nosec B704


def _letters(person: YoungPerson, meeting: Meeting) -> dict[str, Any]:
    """The three letters, rendered, with what the page around them needs."""
    issues = meeting_letters.issues(meeting)
    chosen = _chosen_languages(person)
    context = {
        "person": person,
        "meeting": meetings.details_of(meeting),
        "issued_on": issues[-1] if issues else None,
    }
    parent_support = meeting_letters.parent_support(current_app.config["PARENT_SUPPORT"])
    return {
        **context,
        "issues": issues,
        "chosen": chosen,
        "language_args": _language_args(person),
        "languages": [(language, is_draft(language.code)) for language in LANGUAGES.values()],
        "letters": [
            _letter(
                "staff/letters/young_person.html",
                chosen["young_person"],
                page=_page_in(chosen["young_person"], "meeting.young_person"),
                **context,
            ),
            _letter(
                "staff/letters/parents.html",
                chosen["parents"],
                page=_page_in(chosen["parents"], "meeting.parents"),
                parent_support=parent_support,
                **context,
            ),
            _letter(
                "staff/letters/professionals.html",
                LANGUAGES[ENGLISH],
                invitees=invitations.invitation_list(meeting),
                born=caseload.born_on(person.date_of_birth, clock.today()),
                **context,
            ),
        ],
    }


def _language_args(person: YoungPerson) -> dict[str, Any]:
    """The choice of languages, for the addresses that keep it (the PDF, issuing)."""
    return {
        f"{reader}_language": language.code
        for reader, language in _chosen_languages(person).items()
    }


@bp.route(LETTERS)
def letters(young_person_id: str, meeting_id: str) -> str:
    person = allowed_young_person(young_person_id)
    meeting = found_or_404(Meeting.of(person, meeting_id))
    audited("printed_letters", person, ", ".join(_language_args(person).values()))
    return render_template("staff/meeting_letters.html", **_letters(person, meeting))


@bp.route(LETTERS + "/issue", methods=["POST"])
def issue_letters(young_person_id: str, meeting_id: str) -> Response:
    """Date the letters today: reprints keep this date; issuing again records a new one."""
    person = allowed_young_person(young_person_id)
    meeting = found_or_404(Meeting.of(person, meeting_id))
    with staff_change("issued_letters", person):
        meeting_letters.issue(meeting, clock.today())
    flash("The letters are dated today.", "success")
    return redirect(
        url_for(
            ".letters", young_person_id=person.id, meeting_id=meeting.id, **_language_args(person)
        )
    )


@bp.route(LETTERS + ".pdf")
def letters_pdf(young_person_id: str, meeting_id: str) -> Response:
    """The issued letters as one PDF, a page each, made on the server."""
    person = allowed_young_person(young_person_id)
    meeting = found_or_404(Meeting.of(person, meeting_id))
    if not meeting_letters.issues(meeting):
        return redirect(url_for(".letters", young_person_id=person.id, meeting_id=meeting.id))
    audited("printed_letters", person, "pdf, " + ", ".join(_language_args(person).values()))
    response = make_response(
        pdf_from_html(render_template("staff/letters_document.html", **_letters(person, meeting)))
    )
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = 'attachment; filename="letters.pdf"'
    return response
