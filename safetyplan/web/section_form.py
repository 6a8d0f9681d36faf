"""The one generic section form, shared by the young person's and the worker's pages.

`handle_post` says what a posted section form means: save it, or show it again (after
"Add another" or "Remove" without JavaScript, with errors, or with both versions combined
after a conflict). The fields themselves are read by `core.fields`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import BooleanField, HiddenField

from ..core import fields, plan
from ..core.fields import FieldOnForm, PostedForm, Rows
from ..core.models import StaffUser, YoungPerson
from ..core.words import N_
from ..core.workbook import Section


class SectionMetaForm(FlaskForm):
    """The fixed part of every section form; the answers are read by `fields.read`."""

    version = HiddenField()
    done = BooleanField(_l("I've finished this part for now"))


def change_rows(on_form: list[FieldOnForm], add: str | None, remove: str | None) -> str | None:
    """Apply an "Add another" (`add` = rows name) or "Remove" (`remove` = "name-N") press.
    None when neither was pressed; else the row ("name-N") to put the cursor in when the
    form is shown again (the new row, or the one before a removed row), so that without
    JavaScript the page does not land back at its top."""
    if not (add or remove):
        return None
    remove_from, _, remove_index = (remove or "").rpartition("-")
    for shown in on_form:
        kind = shown.kind
        if not isinstance(kind, Rows):
            continue
        if add == kind.rows_name:
            if len(shown.rows) < kind.max_rows:
                shown.rows.append(kind.blank_row())
            return f"{kind.rows_name}-{len(shown.rows) - 1}"
        if remove_from == kind.rows_name:
            at = int(remove_index) if remove_index.isdigit() else len(shown.rows)
            if at < len(shown.rows):
                del shown.rows[at]
            shown.rows = shown.rows or [kind.blank_row()]
            return f"{kind.rows_name}-{min(max(at - 1, 0), len(shown.rows) - 1)}"
    return ""


@dataclass
class ShowForm:
    """Show the section form again: after Add another or Remove, with errors, or with both
    versions combined after a conflict."""

    fields: list[FieldOnForm]
    meta: SectionMetaForm
    errors: dict[str, str] = field(default_factory=dict)
    notice: str | None = None
    focus_row: str | None = None  # "name-N": the row to put the cursor in (change_rows)
    restored: tuple[str, ...] = ()  # answers a worker put back, for the young person's page
    changed_on: datetime | None = None


HELD_NOTICE = N_("We kept what you typed before you were signed out. Check it, then save.")


def form_to_show(
    person: YoungPerson, section: Section, held: list[tuple[str, str]] | None
) -> ShowForm:
    """The section as saved, or what this person typed and sent after the idle limit
    signed them out (`held_forms`), to check and save."""
    if held:
        typed = MultiDict(held)
        meta = SectionMetaForm(formdata=typed)
        return ShowForm(fields.read(section, typed).fields, meta, notice=HELD_NOTICE)
    current = plan.current_section(person, section)
    meta = SectionMetaForm(data={"version": current.version, "done": current.done})
    return ShowForm(
        fields.on_form(section, current.answers),
        meta,
        restored=current.restored,
        changed_on=current.updated_at,
    )


@dataclass
class ShowConflict:
    mine: dict[str, Any]
    theirs: plan.CurrentSection
    hidden_fields: list[tuple[str, str]]


@dataclass
class RedirectAfterSave:
    go_to_next: bool


def handle_post(
    person: YoungPerson,
    section: Section,
    form: PostedForm,
    author: StaffUser | None = None,
    planning_session_id: str | None = None,
) -> ShowForm | ShowConflict | RedirectAfterSave:
    """Everything a section form's POST can mean, for the young person and the worker alike.
    Nothing typed is lost: every outcome but RedirectAfterSave shows it again."""
    meta = SectionMetaForm()
    posted = fields.read(section, form)
    focus_row = change_rows(posted.fields, form.get("add_row"), form.get("remove_row"))
    if focus_row is not None:
        return ShowForm(posted.fields, meta, focus_row=focus_row)
    if posted.errors:
        return ShowForm(posted.fields, meta, posted.errors)
    done = bool(meta.done.data)
    if form.get("choice") == "combine":
        current = plan.current_section(person, section)
        combined = fields.merge(section, current.answers, posted.answers)
        return ShowForm(
            fields.on_form(section, combined),
            SectionMetaForm(formdata=None, data={"version": current.version, "done": done}),
            notice=N_(
                "We have put both versions together. Check it, change anything you need, then save."
            ),
        )
    version = meta.version.data or ""
    result = plan.save_section(
        person,
        section,
        posted.answers,
        base_version=int(version) if version.isdigit() else -1,
        done=done,
        author=author,
        planning_session_id=planning_session_id,
    )
    if isinstance(result, plan.Conflict):
        hidden = [(key, value) for key, value in form.items(multi=True) if key != "csrf_token"]
        return ShowConflict(posted.answers, result.current, hidden)
    return RedirectAfterSave(go_to_next=form.get("then") == "next")
