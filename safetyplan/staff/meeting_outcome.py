"""After the meeting: recording who came, the outcome, actions and the words for the young
person and parents, and booking the next review there and then; the letter to parents
about what was decided."""

from __future__ import annotations

from datetime import date

from flask import current_app, redirect, render_template, url_for
from werkzeug.wrappers.response import Response

from ..core import clock, meeting_letters, meeting_outcome, meetings
from ..web import choices
from ..web.templating import long_date
from . import bp
from .access import audited, staff_change
from .forms import DateParts
from .meeting_forms import OutcomeForm
from .meeting_life import MEETING, back_to_meetings, meeting_on


@bp.route(MEETING + "/outcome", methods=["GET", "POST"])
def meeting_outcome_page(young_person_id: str, meeting_id: str) -> str | Response:
    person, meeting = meeting_on(young_person_id, meeting_id)
    saved = meeting_outcome.outcome_of(meeting) or {}
    form = OutcomeForm(
        data={
            "for_young_person": meeting_outcome.FOR_YOUNG_PERSON,
            "for_parents": meeting_outcome.FOR_PARENTS,
            **{key: value for key, value in saved.items() if key != "recorded_on"},
        }
    )
    form.result.choices = choices.from_pairs(meeting_outcome.OUTCOMES.items())
    review = DateParts(form, "review", "Next review date")
    if form.validate_on_submit():
        next_review = review.read(required=False)
        police = (form.police_information.data or "").strip()
        if form.result.data not in meeting_outcome.OUTCOMES:
            form.result.errors.append("Choose what was decided")
        elif form.result.data == "plan_ends" and not police:
            form.police_information.errors.append(
                "A plan ends only when the police agree the risk has gone down: record what "
                "they said"
            )
        elif not form.review_day.errors:
            today = clock.today()
            problems = meeting_outcome.outcome_problems(
                meetings.details_of(meeting).day, next_review, today
            )
            for name, problem in problems.items():
                form[name].errors.append(problem)
            if not problems:
                with staff_change("recorded_outcome", person):
                    meeting_outcome.record(
                        meeting,
                        {
                            "attended": form.attended.data or "",
                            "result": form.result.data,
                            "police_information": police,
                            "actions": form.actions.data or "",
                            "for_young_person": form.for_young_person.data or "",
                            "for_parents": form.for_parents.data or "",
                        },
                        today,
                    )
                    if next_review:
                        meeting_outcome.book_review(meeting, next_review, today)
                booked = f", and the review is on {long_date(next_review)}" if next_review else ""
                return back_to_meetings(person, f"Saved what was decided{booked}.")
    return render_template(
        "staff/meeting_outcome.html",
        person=person,
        meeting=meetings.details_of(meeting),
        form=form,
        letter_ready=bool(saved.get("for_parents")),
    )


@bp.route(MEETING + "/outcome/letter")
def parents_outcome_letter(young_person_id: str, meeting_id: str) -> str | Response:
    """The worker's words for parents about what was decided, as a letter dated the day
    the outcome was recorded."""
    person, meeting = meeting_on(young_person_id, meeting_id)
    saved = meeting_outcome.outcome_of(meeting) or {}
    if not saved.get("for_parents"):
        back = url_for(".meeting_outcome_page", young_person_id=person.id, meeting_id=meeting.id)
        return redirect(back)
    audited("printed_letters", person, "outcome")
    return render_template(
        "staff/meeting_outcome_letter.html",
        person=person,
        meeting=meetings.details_of(meeting),
        words=saved["for_parents"],
        written_on=date.fromisoformat(saved["recorded_on"]),
        parent_support=meeting_letters.parent_support(current_app.config["PARENT_SUPPORT"]),
    )
