"""The translations are complete: every word on the pages young people, parents and trusted
adults see, as extraction finds it now (babel.cfg), has a translation in each shipped
language, the compiled catalogues say the same as the .po files, and no visible text in
those templates was left out of the catalogue."""

from __future__ import annotations

import glob
import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent.parent
TRANSLATIONS = ROOT / "safetyplan" / "translations"
SHIPPED = ["pl", "ur"]


def mapping() -> tuple[list[tuple[str, str]], dict[str, dict[str, str]]]:
    with (ROOT / "babel.cfg").open() as config:
        return parse_mapping_cfg(config)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def extracted() -> set[str]:
    """The English words, extracted from the code and templates as they are now."""
    method_map, options_map = mapping()
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "N_": None, "Words": None}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=keywords
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_extraction_finds_the_words_of_each_kind_of_source(extracted: set[str]) -> None:
    assert "Exit this page" in extracted  # a template
    assert "My emergency code" in extracted  # the workbook
    assert "Some people can hurt us." in extracted  # the workbook's easy-read introduction
    assert "Free, any time, day or night." in extracted  # core, marked with N_
    assert "Choose a username" in extracted  # a form


@pytest.mark.parametrize("language", SHIPPED)
def test_every_word_has_a_translation(extracted: set[str], language: str) -> None:
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalogue = read_po(po)
    translated = {}
    for message in catalogue:
        if not message.id or message.fuzzy:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        strings = [message.string] if isinstance(message.string, str) else message.string
        if all(strings):
            translated[key] = strings
    missing = sorted(extracted - set(translated))
    assert missing == [], f"{language}: {len(missing)} untranslated, first {missing[:5]}"


def same(value: str | list[str] | tuple[str, ...]) -> str | tuple[str, ...]:
    """A message's text, or its plural forms as a tuple (read_mo gives lists)."""
    return value if isinstance(value, str) else tuple(value)


@pytest.mark.parametrize("language", SHIPPED)
def test_the_compiled_catalogue_matches_the_po_file(language: str) -> None:
    folder = TRANSLATIONS / language / "LC_MESSAGES"
    with (folder / "messages.po").open("rb") as po, (folder / "messages.mo").open("rb") as mo:
        source, compiled = read_po(po), read_mo(mo)
    expected = {same(m.id): same(m.string) for m in source if m.id and not m.fuzzy}
    found = {same(m.id): same(m.string) for m in compiled if m.id}
    assert found == expected, f"run `make translations` to compile {language}"


def visible_text_outside_the_catalogue(template: str) -> list[str]:
    """Words a template shows that are not wrapped for translation: what is left once the
    comments, {% trans %} blocks, {{ expressions }}, {% tags %}, block names and HTML tags
    are taken away."""
    text = re.sub(r"\{#.*?#\}", "", template, flags=re.S)
    text = re.sub(r"\{% block (area|home_url) %\}.*?\{% endblock %\}", "", text, flags=re.S)
    text = re.sub(r"\{%-? *trans\b.*?endtrans *-?%\}", "", text, flags=re.S)
    text = re.sub(r"\{\{.*?\}\}", "", text, flags=re.S)
    text = re.sub(r"\{%.*?%\}", "", text, flags=re.S)
    text = re.sub(r"<[^>]*>", "", text, flags=re.S)
    return re.findall(r"[^\W\d_]{2,}", text)


def test_no_visible_text_is_left_out_of_the_catalogue() -> None:
    method_map, _options = mapping()
    templates = {
        path
        for pattern, method in method_map
        if method == "jinja2"
        for path in glob.glob(str(ROOT / pattern), recursive=True)
    }
    assert len(templates) > 40
    left = {
        Path(path).relative_to(ROOT).as_posix(): words
        for path in sorted(templates)
        if (words := visible_text_outside_the_catalogue(Path(path).read_text()))
    }
    assert left == {}
