"""What every template can use: configured names and numbers."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from flask import Flask, has_request_context, request, url_for
from flask_login import current_user
from markupsafe import Markup, escape

from ..core import help_now, worker_alerts
from ..core.phones import phone_digits
from ..core.words import N_

# Dates are formatted in the page's language (i18n); staff pages import long_date from here.
from .i18n import long_date as long_date
from .i18n import translated
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


# An emoji: a pictograph (a flag is two regional indicators), a keycap, or a text symbol
# asked to show as emoji (U+FE0F), with its skin tone, tags and joined parts. Printers and
# PDF makers rarely have a font for them and print empty boxes. A joiner (U+200D) on its own
# is left alone: Urdu and Indian scripts use it inside words.
_EMOJI_BASE = (
    r"(?:[\U0001F1E6-\U0001F1FF]{2}|[\U0001F000-\U0001FAFF]"
    r"|[#*0-9]\ufe0f?\u20e3|[\u00a9\u00ae\u203c-\u3299]\ufe0f)"
    r"[\ufe0f\u20e3\U0001F3FB-\U0001F3FF\U000E0020-\U000E007F]*"
)
_EMOJI = re.compile(rf"{_EMOJI_BASE}(?:\u200d{_EMOJI_BASE})*")


def _may_hold_emoji(text: str) -> bool:
    """Every emoji has a character beyond U+FFFF (four bytes in UTF-8, the first F0), asks
    for emoji presentation (U+FE0F) or is a keycap (U+20E3). Most answers hold none, and
    this look costs a fifth of any pattern's."""
    return "\ufe0f" in text or "\u20e3" in text or b"\xf0" in text.encode("utf-8", "surrogatepass")


def emoji_on_screen_only(html: str) -> Markup:
    """HTML with each emoji in a span the print stylesheet hides (.no-print): on screen as
    typed, "(emoji)" on paper, so an answer made of emoji never prints blank. For HTML whose
    tags hold nothing anyone wrote (saved answers: what people write is between tags);
    plain text is escaped first, so the result is always safe HTML."""
    page = str(escape(html))
    if not _may_hold_emoji(page):  # escaped above: safe as it is
        return Markup(page)  # noqa: S704  # nosec B704
    in_print = escape(translated(N_("(emoji)")))

    def on_screen_and_paper(emoji: re.Match[str]) -> str:
        on_screen = f'<span class="no-print">{emoji[0]}</span>'
        return f'{on_screen}<span class="emoji-in-print">{in_print}</span>'

    # Safe: made from escaped HTML and the spans added here, nothing else.
    return Markup(_EMOJI.sub(on_screen_and_paper, page))  # noqa: S704  # nosec B704


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

    # A page's links are mostly the same on every page (the menu, the static files, each
    # part of the plan by number): built once per process rather than thirty times a page
    # (7% of plan home). Only addresses of numbers or nothing (never an id or a token, so
    # nothing about anyone is kept), for where the app is mounted and the page's blueprint.
    @lru_cache(maxsize=1024)
    def built_link(_root: str, _blueprint: str | None, endpoint: str, values: Any) -> str:
        return url_for(endpoint, **dict(values))

    def link(endpoint: str, **values: Any) -> str:
        same_for_everyone = endpoint == "static" or all(type(v) is int for v in values.values())
        # An address with a scheme, or external, carries the request's host: never kept.
        absolute = "_external" in values or "_scheme" in values
        if not same_for_everyone or absolute or not has_request_context():
            return url_for(endpoint, **values)
        items = tuple(sorted(values.items()))
        return built_link(request.script_root, request.blueprint, endpoint, items)

    app.jinja_env.globals["url_for"] = link
    app.add_template_global(form_error_list)
    app.add_template_global(examples_for)
    app.add_template_filter(phone_digits)
    app.add_template_filter(svg_qr_code, "qr_code")
    app.add_template_filter(emoji_on_screen_only)

    # Settings the pages show, fixed at start-up: found once, not for every page.
    app.jinja_env.globals.update(
        app_name=app.config["APP_NAME"],
        exit_url=app.config["EXIT_URL"],
        # 999 and Childline on every page a signed-out young person can reach.
        urgent_lines=help_now.services(app.config)[:2],
        alert_kinds=worker_alerts.ALL_KINDS,
    )

    @app.context_processor
    def idle_limit() -> dict[str, Any]:
        """Signed-in pages warn before the idle limit (static/app.js)."""
        idle = app.config["IDLE_TIMEOUT"].get(getattr(current_user, "kind", None))
        return {"idle_seconds": int(idle.total_seconds()) if idle else None}
