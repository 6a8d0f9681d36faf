"""The audit log as a manager reads it: names instead of ids, filters, folded views and a
spreadsheet export that no cell can turn into a formula."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timedelta

from flask import Flask
from sqlalchemy import select

from safetyplan.core.models import AuditEvent
from safetyplan.web.extensions import db

from ..conftest import add_staff, add_young_person, press
from .test_staff_accounts import signed_in_staff


def log(**event: object) -> None:
    db.session.add(AuditEvent(**{"actor_kind": "staff", **event}))


def world(app: Flask) -> dict[str, str]:
    with app.app_context():
        sam = add_staff("sam@example.org", "Sam Worker")
        nia = add_staff("nia@example.org", "Nia Other")
        add_staff("boss@example.org", "Morgan Manager", role="manager")
        alex = add_young_person("alex", "Alex Able", sam)
        bea = add_young_person("bea", '=HYPERLINK("http://evil")', nia)
        start = datetime(2026, 11, 24, 10, 0)
        for minute in range(0, 50, 10):  # one session of work: five views, ten minutes apart
            log(
                actor_id=sam.id,
                action="viewed_plan",
                young_person_id=alex.id,
                at=start + timedelta(minutes=minute),
            )
        log(
            actor_id=sam.id,
            action="viewed_plan",
            young_person_id=alex.id,
            at=start + timedelta(hours=3),
        )  # a later session: a row of its own
        log(
            actor_id=nia.id,
            action="allocated",
            young_person_id=bea.id,
            detail=f"to {nia.id}",
            at=start + timedelta(days=1),
        )
        log(
            actor_id=nia.id,
            action="viewed_plan",
            young_person_id="f" * 32,
            at=start + timedelta(days=2),
        )  # someone since deleted
        db.session.commit()
        return {"sam": sam.id, "nia": nia.id, "alex": alex.id, "bea": bea.id}


def rows(page_text: str) -> list[str]:
    body = page_text.split("<tbody>")[1].split("</tbody>")[0]
    return [" ".join(row.split()) for row in body.split("<tr>")[1:]]


def test_names_not_ids_and_repeated_views_fold_into_one_row(app: Flask) -> None:
    ids = world(app)
    manager = signed_in_staff(app, "boss@example.org")
    page = manager.get("/staff/audit?action=viewed_plan&staff=" + ids["sam"])
    shown = rows(page.text)
    assert len(shown) == 2
    assert "Viewed plan (5 times)" in shown[1] and "from 24 Nov 2026 at 10am" in shown[1]
    assert "Sam Worker" in shown[0] and "Alex Able" in shown[0]
    assert ids["alex"][:8] not in page.text.replace(ids["alex"], "")  # only in links
    everything = manager.get("/staff/audit")
    assert "Allocated (to Nia Other)" in everything.text
    assert "A deleted record" in everything.text and "Record " not in everything.text


def test_filters_by_young_person_staff_action_and_dates_through_the_form(app: Flask) -> None:
    ids = world(app)
    manager = signed_in_staff(app, "boss@example.org")
    page = manager.get("/staff/audit")
    by_staff = press(manager, page, "Filter", staff=ids["nia"])
    assert by_staff.request.method == "GET"
    assert all("Nia Other" in row for row in rows(by_staff.text))
    by_dates = press(manager, page, "Filter", since="2026-11-25", until="2026-11-25")
    assert rows(by_dates.text) and all("Allocated" in row for row in rows(by_dates.text))
    by_action = press(manager, page, "Filter", action="allocated")
    assert len(rows(by_action.text)) == 1
    # A young person's name is a link that filters to them by id, keeping the other filters.
    link = f"/staff/audit?staff={ids['sam']}&amp;young_person={ids['alex']}"
    assert link in manager.get(f"/staff/audit?staff={ids['sam']}").text
    theirs = manager.get(f"/staff/audit?young_person={ids['alex']}")
    assert "Audit log for Alex Able" in theirs.text
    assert all("Alex Able" in row for row in rows(theirs.text))
    back = press(manager, theirs, "Filter", action="viewed_plan")
    assert back.request.args["young_person"] == ids["alex"]
    assert len(rows(back.text)) == 2 and all("Alex Able" in row for row in rows(back.text))
    for query in (f"/staff/audit?young_person={ids['alex']}", "/staff/audit?staff=" + ids["nia"]):
        assert "Alex" not in query and "Nia" not in query  # ids only in the address


def test_bad_filters_are_said_plainly_and_ignored(app: Flask) -> None:
    world(app)
    manager = signed_in_staff(app, "boss@example.org")
    page = manager.get("/staff/audit?since=2026-13-45&action=forged&staff=x")
    assert page.status_code == 200 and "There is a problem" in page.text
    assert (
        "Enter a real date in &#39;From&#39;" in page.text
        or "Enter a real date in 'From'" in page.text
    )
    # Nothing is filtered by what could not be read.
    assert rows(page.text) == rows(manager.get("/staff/audit").text)
    backwards = manager.get("/staff/audit?since=2026-11-25&until=2026-11-24")
    assert "must be the same as or after" in backwards.text


def test_export_is_a_csv_of_every_matching_event_with_no_formulas(app: Flask) -> None:
    ids = world(app)
    manager = signed_in_staff(app, "boss@example.org")
    page = manager.get(f"/staff/audit?staff={ids['nia']}")
    assert f'href="/staff/audit.csv?staff={ids["nia"]}"' in page.text
    response = manager.get(f"/staff/audit.csv?staff={ids['nia']}")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    table = list(csv.reader(io.StringIO(response.text)))
    assert table[0] == ["When (UK time)", "Who", "What", "Detail", "Young person"]
    assert table[1][1:] == ["Nia Other", "Viewed plan", "", "A deleted record"]
    assert table[2][1:4] == ["Nia Other", "Allocated", "to Nia Other"]
    assert table[2][4] == '\'=HYPERLINK("http://evil")'  # text, never a formula
    assert len(table) == 3
    everything = list(csv.reader(io.StringIO(manager.get("/staff/audit.csv").text)))
    assert sum(row[2] == "Viewed plan" for row in everything) == 7  # unfolded
    with app.app_context():
        exported = db.session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "exported_audit")
        ).first()
        assert exported == f"staff={ids['nia']}"


def test_only_managers_read_or_export_the_log(app: Flask) -> None:
    world(app)
    worker = signed_in_staff(app, "sam@example.org")
    assert worker.get("/staff/audit").status_code == 403
    assert worker.get("/staff/audit.csv").status_code == 403


def options_of(page_text: str, name: str) -> list[str]:
    select_html = page_text.split(f'name="{name}"')[1].split("</select>")[0]
    return [label.strip() for label in re.findall(r"<option[^>]*>([^<]*)</option>", select_html)]


def test_details_in_words_and_filters_from_what_the_log_holds(app: Flask) -> None:
    ids = world(app)
    with app.app_context():
        log(
            actor_id=ids["sam"],
            action="restored_revision",
            young_person_id=ids["alex"],
            detail="section 1 code_word",
        )
        log(
            actor_id=ids["sam"],
            action="changed_section",
            young_person_id=ids["alex"],
            detail="section 2",
        )
        log(actor_id=ids["sam"], action="saved_session", young_person_id=ids["alex"])
        log(
            actor_kind="young_person",
            actor_id=ids["alex"],
            action="told_worker",
            young_person_id=ids["alex"],
            detail="code_word",
        )
        db.session.commit()
    manager = signed_in_staff(app, "boss@example.org")
    page = manager.get("/staff/audit")
    assert "Restored an earlier answer (“My emergency code”, “My code word or phrase”)" in page.text
    assert "(I used my code word)" in page.text
    assert "Changed a section (“If I have no one to call”)" in page.text
    assert "code_word" not in page.text and "section 1" not in page.text

    actions = options_of(page.text, "action")
    assert actions[0] == "Anything" and "Wrote a private note" not in actions
    assert sorted(actions[1:]) == sorted(
        [
            "Allocated",
            "Changed a section",
            "Restored an earlier answer",
            "Saved a session's note and sections gone through",
            "Signed in",
            "Told worker",
            "Viewed plan",
        ]
    )
    saved = press(manager, page, "Filter", action="saved_session")
    assert len(rows(saved.text)) == 1

    people = options_of(page.text, "young_person")
    assert people[0] == "Everyone" and "Alex Able" in people
    only_alex = press(manager, page, "Filter", young_person=ids["alex"])
    assert "Audit log for Alex Able" in only_alex.text
    assert all("Alex Able" in row for row in rows(only_alex.text))
    chosen = only_alex.text.split('name="young_person"')[1].split("</select>")[0]
    option = re.search(rf'<option[^>]*value="{ids["alex"]}"[^>]*>', chosen)
    assert option and "selected" in option.group()


def test_a_deleted_young_persons_entries_stay_filterable(app: Flask) -> None:
    world(app)
    gone = "0" * 31 + "1"  # an id no record has any more
    with app.app_context():
        log(actor_id=gone, action="signed_in", actor_kind="young_person", young_person_id=gone)
        db.session.commit()
    manager = signed_in_staff(app, "boss@example.org")
    page = manager.get("/staff/audit", query_string={"young_person": gone})
    assert page.status_code == 200
    assert "A deleted record" in options_of(page.text, "young_person")
