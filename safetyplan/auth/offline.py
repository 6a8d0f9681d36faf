"""Installable, and help with no signal: the web app manifest, a small service worker, and
the public offline page it keeps. Nothing personal is ever cached: the worker keeps only the
addresses in its list, which are the same for everyone."""

from __future__ import annotations

import hashlib
import json

from flask import current_app, make_response, render_template, url_for
from flask_babel import get_locale
from werkzeug.wrappers.response import Response

from ..core import help_now
from . import bp


@bp.route("/offline")
def offline() -> str:
    # Nothing of whoever is signed in: not even that they are (the idle warning's timer).
    return render_template(
        "offline/offline.html", services=help_now.services(current_app.config), idle_seconds=None
    )


@bp.route("/sw.js")
def service_worker() -> Response:
    kept = [
        # In the language of whoever installs it: kept and shown without cookies.
        url_for("auth.offline", language=str(get_locale())),
        *(url_for("static", filename=name) for name in ("app.css", "app.js", "icon.svg")),
    ]
    # Its version follows the files it keeps, the same on every instance.
    version = hashlib.sha256("\n".join(kept).encode()).hexdigest()[:12]
    response = make_response(render_template("offline/sw.js", kept=kept, version=version))
    response.headers["Content-Type"] = "text/javascript; charset=utf-8"
    return response


@bp.route("/manifest.webmanifest")
def manifest() -> Response:
    name = current_app.config["APP_NAME"]
    icons = [
        {"src": url_for("static", filename="icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        {
            "src": url_for("static", filename="icon-192.png"),
            "sizes": "192x192",
            "type": "image/png",
        },
        {
            "src": url_for("static", filename="icon-512.png"),
            "sizes": "512x512",
            "type": "image/png",
        },
    ]
    body = {
        "name": name,
        "short_name": name,
        "start_url": url_for("auth.sign_in"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#f6f4f0",
        "theme_color": "#1d5c63",
        "icons": icons,
    }
    response = make_response(json.dumps(body))
    response.headers["Content-Type"] = "application/manifest+json"
    return response
