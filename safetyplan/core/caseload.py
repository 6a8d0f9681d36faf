"""Who a staff member may see, and their caseload a page at a time. No Flask request state.

Names are encrypted, so the caseload is ordered by plain columns (review date, creation) and
paged in SQL; only the rows on the page are decrypted. Search matches keyed hashes of the
starts of name words and of the case reference (`NameToken`), an indexed lookup."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import CompoundSelect, Select, case, func, select, text

from .db import db, is_id
from .deadlines import working_day_on_or_before
from .models import REVIEW_ORDER, SectionState, StaffUser, YoungPerson
from .paging import Page, page_of
from .search import NameToken, case_reference_token, word_token

PER_PAGE = 25
REVIEW_AFTER = timedelta(weeks=6)
DUE_SOON = timedelta(days=7)


def may_see(staff: StaffUser, person: YoungPerson) -> bool:
    return staff.is_manager or person.worker_id == staff.id


def young_person_for(staff: StaffUser, young_person_id: str) -> YoungPerson | None:
    """The young person, if they exist and this staff member may see them; otherwise None,
    so callers answer 404 either way and ids reveal nothing."""
    person = db.session.get(YoungPerson, young_person_id) if is_id(young_person_id) else None
    if person is None or not may_see(staff, person):
        return None
    return person


def age_on(born: date, today: date) -> int:
    """Whole years old on `today` (someone born on 29 February turns a year older on
    1 March in other years)."""
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def born_on(date_of_birth: str | None, today: date) -> str:
    """A stored date of birth as people read it: "14 March 2011 (age 15)"."""
    if not date_of_birth:
        return ""
    born = date.fromisoformat(date_of_birth)
    return f"{born.day} {born:%B %Y} (age {age_on(born, today)})"


def review_status(next_review_on: date | None, today: date) -> str:
    if next_review_on is None:
        return "none"
    if next_review_on < today:
        return "overdue"
    if next_review_on - today <= DUE_SOON:
        return "due"
    return "later"


@dataclass(frozen=True)
class Row:
    person: YoungPerson
    started: int
    done: int
    review: str  # overdue, due, later, none


def _matching(search: str) -> CompoundSelect[Any] | None:
    """Young people whose name has a word starting with each word searched for, or whose
    case reference is the one searched for."""
    words = search.split()[:5]
    if not words:
        return None
    tokens = {word_token(word) for word in words}
    by_name = (
        select(NameToken.young_person_id)
        .where(NameToken.token.in_(tokens))
        .group_by(NameToken.young_person_id)
        .having(func.count(func.distinct(NameToken.token)) == len(tokens))
    )
    by_reference = select(NameToken.young_person_id).where(
        NameToken.token == case_reference_token(search)
    )
    return by_name.union(by_reference)


def _visible(staff: StaffUser, search: str, worker_id: str | None) -> Select[Any]:
    query = select(YoungPerson)
    if not staff.is_manager:
        query = query.where(YoungPerson.worker_id == staff.id)
    elif worker_id:
        query = query.where(YoungPerson.worker_id == worker_id)
    if (matching := _matching(search)) is not None:
        query = query.where(YoungPerson.id.in_(matching))
    return query


def caseload_page(
    staff: StaffUser, today: date, search: str = "", number: int = 1, worker_id: str | None = None
) -> Page[Row]:
    """One page of the caseload: soonest review first (overdue ones lead), then newest.
    Managers may narrow it to one worker's young people."""
    page = page_of(
        _visible(staff, search, worker_id),
        number,
        PER_PAGE,
        order_by=(text(REVIEW_ORDER), YoungPerson.created_at.desc()),
    )
    people: list[YoungPerson] = page.items
    progress = _progress([person.id for person in people])
    rows = [
        Row(person, *progress.get(person.id, (0, 0)), review_status(person.next_review_on, today))
        for person in people
    ]
    return Page(rows, page.number, page.pages, page.total)


def _progress(ids: list[str]) -> dict[str, tuple[int, int]]:
    """Sections started and done for each young person on the page, in one query."""
    if not ids:
        return {}
    result = db.session.execute(
        select(
            SectionState.young_person_id,
            func.count(),
            func.sum(case((SectionState.done, 1), else_=0)),
        )
        .where(SectionState.young_person_id.in_(ids), SectionState.has_answers)
        .group_by(SectionState.young_person_id)
    )
    return {row[0]: (int(row[1]), int(row[2] or 0)) for row in result}


def all_staff() -> list[StaffUser]:
    """Every staff account, active ones first, then by name, for a manager's choices.
    Names are sealed, so they are sorted here (a team is tens of people, not thousands)."""
    staff = db.session.scalars(select(StaffUser)).all()
    return sorted(staff, key=lambda member: (not member.active, member.name.casefold()))


def reindex_for_search() -> int:
    """Make every young person's search hashes again, after the way they are made changed
    (`flask reindex-search`). Returns how many records were indexed."""
    people = db.session.scalars(select(YoungPerson)).all()
    for person in people:
        person.index_for_search()
    db.session.flush()
    return len(people)


def next_review_after(session_day: date) -> date:
    """Six weeks on, moved back to a working day if that falls on a weekend or bank holiday."""
    return working_day_on_or_before(session_day + REVIEW_AFTER)
