"""What every template can use: configured names and numbers, and date formats."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import Flask

from ..core.clock import in_london
from ..core.fields import kind_of, phone_digits


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


def date_time(value: datetime | None) -> str:
    if not value:
        return ""
    moment = in_london(value)
    hour = moment.hour % 12 or 12
    return f"{moment.day} {moment:%b %Y} at {hour}:{moment:%M}{'am' if moment.hour < 12 else 'pm'}"


def form_error_list(form: Any) -> list[tuple[str, str]]:
    """(field id, first message) for each field in error, in form order, for the summary."""
    return [(field.id, field.errors[0]) for field in form if field.errors]


def register(app: Flask) -> None:
    app.add_template_global(form_error_list)
    app.add_template_global(kind_of)
    app.add_template_filter(phone_digits)
    app.add_template_filter(long_date)
    app.add_template_filter(short_date)
    app.add_template_filter(date_time)

    @app.context_processor
    def configured() -> dict[str, Any]:
        return {
            "app_name": app.config["APP_NAME"],
            "exit_url": app.config["EXIT_URL"],
        }
