"""Support for parents (PACE by default) is a setting: the parents' letter and the parents'
meeting page show whatever the council sets."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from safetyplan.core.meeting_letters import SupportLink, parent_support
from safetyplan.web.extensions import db

from ..conftest import fresh_app, press
from ..meetings import booked_meeting


def letters_of(app: Flask) -> str:
    staff, person_id, meeting_id = booked_meeting(app)
    url = f"/staff/young-people/{person_id}/meetings/{meeting_id}/letters"
    return press(staff, staff.get(url), "Issue the letters", follow_redirects=True).text


def parents_letter(letters: str) -> str:
    start = letters.index("Dear parent or carer")
    return letters[start : letters.index("</article>", start)]


def test_pace_by_default(app: Flask) -> None:
    page = app.test_client().get("/meeting/parents").text
    assert '<a href="https://paceuk.info/">PACE (Parents Against Child Exploitation)</a>' in page
    letter = parents_letter(letters_of(app))
    assert "PACE (Parents Against Child Exploitation), https://paceuk.info/." in letter


def test_a_council_sets_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "SAFETYPLAN_PARENT_SUPPORT",
        "Family Line https://family.example.org/help; Parents' group on Tuesdays 0116 000 0000",
    )
    app = fresh_app(tmp_path)
    page = app.test_client().get("/meeting/parents").text
    assert '<a href="https://family.example.org/help">Family Line</a>' in page
    assert "<li>Parents&#39; group on Tuesdays 0116 000 0000</li>" in page
    assert "paceuk" not in page
    letter = parents_letter(letters_of(app))
    assert "Family Line, https://family.example.org/help;" in letter
    assert "Parents&#39; group on Tuesdays 0116 000 0000." in letter
    assert "paceuk" not in letter
    with app.app_context():
        db.engine.dispose()


def test_none_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFETYPLAN_PARENT_SUPPORT", " ; ")
    app = fresh_app(tmp_path)
    page = app.test_client().get("/meeting/parents").text
    assert "Support for you" not in page
    assert "Support for parents" not in parents_letter(letters_of(app))
    with app.app_context():
        db.engine.dispose()


def test_reading_the_setting() -> None:
    assert parent_support("PACE https://paceuk.info/ ;  A line 0800 000") == [
        SupportLink("PACE", "https://paceuk.info/"),
        SupportLink("A line 0800 000", ""),
    ]
    # Only web addresses become links: anything else is shown as words.
    assert parent_support("Odd javascript:alert(1)") == [SupportLink("Odd javascript:alert(1)", "")]
