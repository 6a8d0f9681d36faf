"""What every template can use: configured names and numbers."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from flask import Flask
from flask_login import current_user

from ..core import help_now, worker_alerts
from ..core.phones import phone_digits

# Dates are formatted in the page's language (i18n); staff pages import long_date from here.
from .i18n import long_date as long_date
from .qr import svg_qr_code


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
    app.add_template_filter(phone_digits)
    app.add_template_filter(svg_qr_code, "qr_code")

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
