"""What every template can use: configured names and numbers, and date formats."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from flask import Flask
from flask_login import current_user

from ..core import help_now, worker_alerts
from ..core.clock import in_london
from ..core.fields import kind_of
from ..core.phones import phone_digits


def local(value: date | datetime | None) -> date | datetime | None:
    """Times are stored in UTC; people read them in UK time."""
    if isinstance(value, datetime):
        return in_london(value)
    return value


def long_date(value: date | datetime | None) -> str:
    """'Tuesday 24 November 2026', the GOV.UK style."""
    value = local(value)
    return f"{value:%A} {value.day} {value:%B %Y}" if value else ""


def short_date(value: date | datetime | None) -> str:
    value = local(value)
    return f"{value.day} {value:%b %Y}" if value else ""


def clock_time(value: time | datetime | None) -> str:
    """'9:30am', '2pm': the 12-hour GOV.UK style, everywhere a time is shown."""
    if value is None:
        return ""
    hour = value.hour % 12 or 12
    minutes = f":{value:%M}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


def date_time(value: datetime | None) -> str:
    if not value:
        return ""
    moment = in_london(value)
    return f"{moment.day} {moment:%b %Y} at {clock_time(moment)}"


def examples_for(examples: tuple[str, ...], how_many: int = 2) -> list[str]:
    """A few of a field's examples, the same ones each time for one person but different
    between people: a code word everyone copies from one example is no secret."""
    if len(examples) <= how_many:
        return list(examples)
    seed = hashlib.sha256(str(getattr(current_user, "id", "")).encode()).digest()
    start = seed[0] % len(examples)
    return [examples[(start + n) % len(examples)] for n in range(how_many)]


def form_error_list(form: Any) -> list[tuple[str, str]]:
    """(field id, first message) for each field in error, in form order, for the summary."""
    return [(field.id, field.errors[0]) for field in form if field.errors]


def static_fingerprints(folder: Path) -> dict[str, str]:
    """A short hash of each static file's content, put in its URL so a browser can keep it
    for a year and still fetch a new version the moment it changes (four round trips fewer
    per page on a slow phone connection)."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        for path in folder.rglob("*")
        if path.is_file()
    }


def register(app: Flask) -> None:
    fingerprints = static_fingerprints(Path(app.static_folder or "static"))
    # Static URLs carry their file's fingerprint, so the files can be cached for a year.
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 365 * 24 * 3600

    @app.url_defaults
    def fingerprint_static(endpoint: str, values: dict[str, Any]) -> None:
        if endpoint == "static" and values.get("filename") in fingerprints:
            values.setdefault("v", fingerprints[values["filename"]])

    app.add_template_global(form_error_list)
    app.add_template_global(examples_for)
    app.add_template_global(kind_of)
    app.add_template_filter(phone_digits)
    app.add_template_filter(long_date)
    app.add_template_filter(short_date)
    app.add_template_filter(date_time)
    app.add_template_filter(clock_time)

    @app.context_processor
    def configured() -> dict[str, Any]:
        idle = app.config["IDLE_TIMEOUT"].get(getattr(current_user, "kind", None))
        return {
            "app_name": app.config["APP_NAME"],
            "exit_url": app.config["EXIT_URL"],
            # Signed-in pages warn before the idle limit (static/app.js).
            "idle_seconds": int(idle.total_seconds()) if idle else None,
            # 999 and Childline on every page a signed-out young person can reach.
            "urgent_lines": help_now.services(app.config)[:2],
            "alert_kinds": worker_alerts.ALL_KINDS,
        }
