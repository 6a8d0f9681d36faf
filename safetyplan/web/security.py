"""Deny by default, response headers and friendly error pages, in one place."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import TypeVar
from urllib.parse import urlsplit

from flask import (
    Flask,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, SecurityError
from werkzeug.wrappers.response import Response as BaseResponse

from ..core import accounts, held_forms
from ..core.words import N_
from . import changes

log = logging.getLogger("safetyplan.security")
Found = TypeVar("Found")


def found_or_404(value: Found | None) -> Found:
    """What a lookup found, or Not Found: a forged id and someone else's id look the same."""
    if value is None:
        abort(404)
    return value


# The only endpoints anyone may reach without signing in: named one by one, never a whole
# blueprint, so a new page is private until someone decides otherwise. Everything else
# needs an account of the kind its blueprint serves (KIND_FOR_BLUEPRINT).
PUBLIC_ENDPOINTS = frozenset(
    {
        "static",
        "auth.sign_in",
        "auth.staff_sign_in",
        "auth.exit",
        "auth.sign_out",
        "auth.health",
        "auth.offline",
        "auth.service_worker",
        "auth.manifest",
        "auth.choose_language",
        "young_person.start",
        "young_person.enrol",
        "young_person.quick_exit_guide",
        "young_person.online_safety",
        "share.view",
        "share.ready",
        "share.cannot",
        "meeting.young_person",
        "meeting.parents",
    }
)
KIND_FOR_BLUEPRINT = {"young_person": "young_person", "staff": "staff"}

ERRORS = {
    400: (N_("Something went wrong with that request"), N_("Go back and try again.")),
    403: (N_("You can't see this page"), N_("Your account doesn't have access to it.")),
    404: (N_("Page not found"), N_("Check the address, or go back to the start.")),
    405: (N_("That didn't work"), N_("Go back and use the buttons on the page.")),
    413: (
        N_("That was too much to send at once"),
        N_("Make your answer shorter, or save part of it now and add the rest after."),
    ),
    429: (N_("Too many tries"), N_("Wait a few minutes, then try again.")),
    500: (
        N_("Sorry, something went wrong"),
        N_("Nothing you did caused this. Try again in a minute."),
    ),
}


# Secrets that travel in URL paths: share links and sign-in codes. Never write them to logs.
_SECRET_IN_PATH = re.compile(r"(/s/|/notes/start/)[^\s/?\"]+")
# A query string after a path (a caseload search holds a young person's name).
_QUERY_AFTER_PATH = re.compile(r"(/[^\s?\"]*)\?[^\s\"]*")
# gunicorn's access-log atoms that carry request headers or the query string: the cookie with
# the session id, the referrer, the user agent. Every "{name}i/o/e" atom is a header or an
# environment variable. Dropped, gunicorn prints "-" for them.
_HEADER_ATOMS = frozenset({"q", "f", "a"})


def _redact(text: str) -> str:
    return _QUERY_AFTER_PATH.sub(r"\1?[redacted]", _SECRET_IN_PATH.sub(r"\1[redacted]", text))


def _redacted(value: object) -> object:
    return _redact(value) if isinstance(value, str) else value


class RedactSecretPaths(logging.Filter):
    """Keeps secrets out of request logs: werkzeug's (a tuple of arguments) and gunicorn's
    access log, whose one argument is a dict of atoms that its format names."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = _redact(str(record.msg))
        args = record.args
        if isinstance(args, Mapping):
            kept = {
                key: _redacted(value)
                for key, value in args.items()
                if not key.startswith("{") and key not in _HEADER_ATOMS
            }
            if isinstance(args, dict):  # keep gunicorn's own dict, which shows "-" when missing
                args.clear()
                args.update(kept)
            else:
                record.args = kept
        elif args:
            record.args = tuple(_redacted(arg) for arg in args)
        return True


def same_origin_only() -> tuple[str, int] | None:
    """Refuse a form sent from another site. Flask-WTF's own check for https needs a Referer,
    which this app never sends (Referrer-Policy: no-referrer), so that check is off and this
    one stands in for it: browsers say where a request comes from in Origin and Sec-Fetch-Site.
    """
    if request.method in ("GET", "HEAD", "OPTIONS") or from_this_site():
        return None
    log.warning("refused a form from another site to %s", request.endpoint)
    return error_page(400)


def from_this_site() -> bool:
    """Whether the browser says this request came from one of this app's own pages."""
    origin = request.headers.get("Origin")
    # Under no-referrer a browser sends "Origin: null" with the app's own forms.
    foreign = origin not in (None, "null", f"{request.scheme}://{request.host}")
    return not foreign and request.headers.get("Sec-Fetch-Site") not in ("cross-site", "same-site")


def require_sign_in() -> BaseResponse | tuple[str, int] | None:
    endpoint = request.endpoint or ""
    blueprint = endpoint.split(".", 1)[0] if "." in endpoint else ""
    if endpoint in PUBLIC_ENDPOINTS or request.endpoint is None:
        return None
    if not current_user.is_authenticated:
        if session.pop("_expired", False):
            flash("You were signed out because you hadn't used the app for a while.", "info")
        if blueprint == "staff":
            return redirect(url_for("auth.staff_sign_in"))
        return redirect(url_for("auth.sign_in"))
    wanted = KIND_FOR_BLUEPRINT.get(blueprint)
    if wanted and current_user.kind != wanted:
        log.warning("access refused: %s to %s", current_user.kind, endpoint)
        return error_page(403)
    return None


def refuse_files() -> tuple[str, int] | None:
    """No form here takes a file. A request carrying one is refused before any form reads
    it, so a file where text belongs is a kind message, never a crash."""
    if request.files:
        return render_template(
            "error.html",
            title="That can't be sent here",
            advice="These forms only take typed words. Go back and type your answer instead.",
            status=400,
        ), 400
    return None


# Forms whose pages show held text back (a section, a session's note and ticks). Others
# hold passwords, codes or one-off choices, which are better typed again than kept.
HOLDABLE = frozenset(
    {
        "young_person.section",
        "staff.edit_section",
        "staff.save_session_work",
        "staff.end_session",
    }
)


def hold_what_was_typed() -> bool:
    """A form sent by someone the idle limit has just signed out: keep what they typed,
    sealed for them, so they find it again after signing in. Only from this site's own
    pages (the browser says where the form came from)."""
    account_id = session.get("_expired_account")
    if not (account_id and from_this_site() and request.endpoint in HOLDABLE):
        return False
    account = accounts.active_account(account_id)
    if account is None:
        return False
    typed = [
        (name, value) for name, value in request.form.items(multi=True) if name != "csrf_token"
    ]
    held_forms.hold(account, request.path, typed)
    changes.record("held_form", account.kind, account.id, detail=request.endpoint)
    return True


def content_security_policy(exit_url: str) -> str:
    exit_origin = "{0.scheme}://{0.netloc}".format(urlsplit(exit_url))
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            # Quick exit without JavaScript redirects a form post to the neutral site.
            f"form-action 'self' {exit_origin}",
        ]
    )


def add_security_headers(response: Response) -> Response:
    from flask import current_app

    headers = response.headers
    headers["Content-Security-Policy"] = current_app.config["CSP"]
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "no-referrer"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
    headers["X-Frame-Options"] = "DENY"
    headers["X-Robots-Tag"] = "noindex, nofollow"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
    if request.is_secure:
        headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
    if request.endpoint != "static":
        headers["Cache-Control"] = "no-store"
        headers["Pragma"] = "no-cache"
    return response


def error_page(status: int) -> tuple[str, int]:
    title, advice = ERRORS.get(status, ERRORS[500])
    return render_template("error.html", title=title, advice=advice, status=status), status


def register(app: Flask) -> None:
    app.config["CSP"] = content_security_policy(app.config["EXIT_URL"])
    for name in ("werkzeug", "gunicorn.access", "gunicorn.error"):
        logger = logging.getLogger(name)
        if not any(isinstance(existing, RedactSecretPaths) for existing in logger.filters):
            logger.addFilter(RedactSecretPaths())
    app.before_request(refuse_files)
    app.before_request(same_origin_only)
    app.before_request(require_sign_in)
    app.after_request(add_security_headers)

    @app.errorhandler(CSRFError)
    def form_expired(error: CSRFError) -> tuple[str, int]:
        log.info("CSRF failure on %s", request.endpoint)
        if hold_what_was_typed():
            return render_template("held.html", staff=request.blueprint == "staff"), 401
        return (
            render_template(
                "error.html",
                title="This page timed out",
                advice="For your safety, forms stop working after a while. Nothing was saved. "
                "Go back, reload the page and try again.",
                status=400,
            ),
            400,
        )

    @app.errorhandler(SecurityError)
    def unknown_host(error: SecurityError) -> tuple[str, int, dict[str, str]]:
        # Not TRUSTED_HOSTS: no page, since its links would name the host the request gave.
        log.warning("refused a request for a host this app does not serve")
        return "This address is not served here.", 400, {"Content-Type": "text/plain"}

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        return error_page(error.code or 500)

    @app.errorhandler(Exception)
    def server_error(error: Exception) -> tuple[str, int]:
        # Log the type and where, never the values: they may hold plan content.
        log.error("unhandled %s on %s", type(error).__name__, request.endpoint)
        return error_page(500)
