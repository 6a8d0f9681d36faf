"""The workbook's words live in core/workbook.toml: it loads into fifteen sections whose
field names and checklist suggestion keys (both stored in answers) are unique."""

from __future__ import annotations

from pathlib import Path

import pytest

from safetyplan.core import workbook

DATA = (Path(__file__).parents[2] / "safetyplan" / "core" / "workbook.toml").read_text()


def test_the_data_file_loads_into_fifteen_sections() -> None:
    intro, sections = workbook.load(DATA)
    assert [section.number for section in sections] == list(range(1, 16))
    assert intro and all(part.heading for part in intro)
    assert (intro, sections) == (workbook.INTRO, workbook.SECTIONS)


def test_field_names_are_unique_in_each_section() -> None:
    for section in workbook.load(DATA)[1]:
        names = [spec.name for spec in section.fields]
        assert len(names) == len(set(names)), section.slug


def test_checklist_suggestion_keys_are_unique_in_each_checklist() -> None:
    checklists = [
        spec for section in workbook.load(DATA)[1] for spec in section.fields if spec.suggestions
    ]
    assert len(checklists) == 8
    for spec in checklists:
        keys = [suggestion.key for suggestion in spec.suggestions]
        assert len(keys) == len(set(keys)) and all(keys), spec.name


SECTION = """
[[intro]]
heading = "Why"

[[sections]]
number = 1
slug = "one"
title = "One"
intro = "The first."
group = "Day to day"

[[sections.fields]]
name = "word"
label = "Word"
"""


def test_a_minimal_file_loads_with_defaults() -> None:
    intro, (section,) = workbook.load(SECTION + 'kind = "short_text"\n')
    assert intro == (workbook.IntroPart("Why"),)
    assert section.fields == (workbook.Field("word", "Word", "short_text"),)
    assert section.tips == () and not section.feeds_help_now


def test_a_section_outside_the_groups_is_refused() -> None:
    with pytest.raises(ValueError, match="group"):
        workbook.load(
            SECTION.replace('group = "Day to day"', 'group = "Odds"') + 'kind = "short_text"\n'
        )


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown kind 'shorttext'"):
        workbook.load(SECTION + 'kind = "shorttext"\n')


def test_a_misspelt_setting_is_refused() -> None:
    with pytest.raises(TypeError, match="max_row"):
        workbook.load(SECTION + 'kind = "items"\nmax_row = 3\n')


def test_a_repeated_suggestion_key_is_refused() -> None:
    checklist = 'kind = "checklist"\n[sections.fields.suggestions]\na = "A"\na = "Again"\n'
    with pytest.raises(ValueError, match="overwrite"):
        workbook.load(SECTION + checklist)
