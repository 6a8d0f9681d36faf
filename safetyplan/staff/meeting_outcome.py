"""After the meeting: recording who came, the outcome, actions and the words for the young
person and parents, and booking the next review there and then."""

from __future__ import annotations

from flask import render_template
from werkzeug.wrappers.response import Response

from ..core import clock, meeting_outcome, meetings
from ..web import choices
from . import bp
from .access import staff_change
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
            return back_to_meetings(
                person,
                "Saved what was decided"
                + (f", and booked the review for {next_review:%d %B %Y}." if next_review else "."),
            )
    return render_template(
        "staff/meeting_outcome.html",
        person=person,
        meeting=meetings.details_of(meeting),
        form=form,
    )
