"""The one generic section form, shared by the young person's and the worker's pages.

`FieldView`s are what the template `_section_form.html` draws for any section; `posted`
reads a submitted form, including the no-JavaScript "Add another" and "Remove" buttons."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import BooleanField, HiddenField

from ..core import fields as answer_rules
from ..core import plan
from ..core.models import StaffUser, YoungPerson
from ..core.workbook import Field, Section

ROW_PARTS = {"contacts": ("name", "phone"), "items": ("text",), "checklist": ("text",)}


class SectionMetaForm(FlaskForm):
    """The fixed part of every section form; the answers are read by `fields.read`."""

    version = HiddenField()
    done = BooleanField("I've finished this section for now")


@dataclass
class FieldView:
    spec: Field
    value: str = ""
    rows: list[dict[str, str]] = field(default_factory=list)  # contacts, items, own items
    ticked: set[str] = field(default_factory=set)

    @property
    def rows_name(self) -> str:
        return answer_rules.own_name(self.spec) if self.spec.kind == "checklist" else self.spec.name

    @property
    def max_rows(self) -> int:
        return 50 if self.spec.kind == "checklist" else self.spec.max_rows


def _rows_from_answers(spec: Field, value: Any) -> list[dict[str, str]]:
    if spec.kind == "contacts":
        return [dict(contact) for contact in value or []]
    if spec.kind == "items":
        return [{"text": text} for text in value or []]
    return [{"text": text} for text in (value or {}).get("own", [])]


def _blank(spec: Field) -> dict[str, str]:
    return dict.fromkeys(ROW_PARTS[spec.kind], "")


def views_from_answers(section: Section, saved: dict[str, Any]) -> list[FieldView]:
    views = []
    for spec in section.fields:
        value = saved.get(spec.name)
        view = FieldView(spec)
        if spec.kind in ("short_text", "long_text"):
            view.value = value or ""
        else:
            view.rows = _rows_from_answers(spec, value)
            minimum = spec.rows if spec.kind != "checklist" else 1
            view.rows += [_blank(spec) for _ in range(max(minimum - len(view.rows), 0))]
            if spec.kind == "checklist":
                view.ticked = set((value or {}).get("ticked", []))
        views.append(view)
    return views


def views_from_form(section: Section, form: answer_rules.FormData) -> list[FieldView]:
    """What was typed, blank rows included, so errors line up and nothing is lost."""
    views = []
    for spec in section.fields:
        view = FieldView(spec)
        if spec.kind in ("short_text", "long_text"):
            view.value = form.get(spec.name) or ""
        else:
            raw = answer_rules.raw_rows(form, view.rows_name)
            view.rows = [{part: row.get(part, "") for part in ROW_PARTS[spec.kind]} for row in raw]
            if not view.rows:
                view.rows = [_blank(spec)]
            if spec.kind == "checklist":
                view.ticked = set(form.getlist(spec.name))
        views.append(view)
    return views


def change_rows(views: list[FieldView], add: str | None, remove: str | None) -> bool:
    """Apply an "Add another" (`add` = rows name) or "Remove" (`remove` = "name-N") press.
    True when one was pressed, so the caller shows the form again instead of saving."""
    for view in views:
        if view.spec.kind not in ROW_PARTS:
            continue
        if add == view.rows_name and len(view.rows) < view.max_rows:
            view.rows.append(_blank(view.spec))
        if remove and remove.rpartition("-")[0] == view.rows_name:
            index = remove.rpartition("-")[2]
            if index.isdigit() and int(index) < len(view.rows):
                del view.rows[int(index)]
            if not view.rows:
                view.rows = [_blank(view.spec)]
    return bool(add or remove)


@dataclass
class ShowForm:
    """Show the section form again: after Add another or Remove, with errors, or with both
    versions combined after a conflict."""

    views: list[FieldView]
    meta: SectionMetaForm
    errors: dict[str, str] = field(default_factory=dict)
    notice: str | None = None


HELD_NOTICE = "We kept what you typed before you were signed out. Check it, then save."


def form_to_show(
    person: YoungPerson, section: Section, held: list[tuple[str, str]] | None
) -> ShowForm:
    """The section as saved, or what this person typed and sent after the idle limit
    signed them out (`held_forms`), to check and save."""
    if held:
        typed = MultiDict(held)
        meta = SectionMetaForm(formdata=typed)
        return ShowForm(views_from_form(section, typed), meta, notice=HELD_NOTICE)
    current = plan.current_section(person, section)
    meta = SectionMetaForm(data={"version": current.version, "done": current.done})
    return ShowForm(views_from_answers(section, current.answers), meta)


@dataclass
class ShowConflict:
    mine: dict[str, Any]
    theirs: plan.SectionView
    hidden_fields: list[tuple[str, str]]


@dataclass
class Saved:
    go_to_next: bool


def handle_post(
    person: YoungPerson,
    section: Section,
    form: MultiDict[str, str],
    author: StaffUser | None = None,
    planning_session_id: str | None = None,
) -> ShowForm | ShowConflict | Saved:
    """Everything a section form's POST can mean, for the young person and the worker alike.
    Nothing typed is lost: every outcome but Saved shows it again."""
    current = plan.current_section(person, section)
    meta = SectionMetaForm()
    views = views_from_form(section, form)
    if change_rows(views, form.get("add_row"), form.get("remove_row")):
        return ShowForm(views, meta)
    submission = answer_rules.read(section, form)
    if submission.errors:
        return ShowForm(views, meta, submission.errors)
    done = bool(meta.done.data)
    if form.get("choice") == "combine":
        combined = answer_rules.merge(current.answers, submission.answers)
        return ShowForm(
            views_from_answers(section, combined),
            SectionMetaForm(formdata=None, data={"version": current.version, "done": done}),
            notice="We have put both versions together. Check it, change anything you need, "
            "then save.",
        )
    version = form.get("version", "") or ""
    result = plan.save_section(
        person,
        section,
        submission.answers,
        base_version=int(version) if version.isdigit() else -1,
        done=done,
        author=author,
        planning_session_id=planning_session_id,
    )
    if isinstance(result, plan.Conflict):
        hidden = [(key, value) for key, value in form.items(multi=True) if key != "csrf_token"]
        return ShowConflict(submission.answers, result.current, hidden)
    return Saved(go_to_next=form.get("then") == "next")
