"""Flask extensions, created unbound here and bound to the app in the factory."""

from collections.abc import Callable

from flask import Flask, current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from ..core import db as core

# Objects stay usable after a commit without a fresh query for each (pages commit an
# audit entry before they render).
db = SQLAlchemy(model_class=core.Base, session_options={"expire_on_commit": False})
# Core reaches the database and the key ring only through this one seam.
core.db.bind(db.session, keyring=lambda: current_app.extensions["safetyplan_keyring"])
migrate = Migrate()
csrf = CSRFProtect()
login_manager = LoginManager()
# No address-and-browser fingerprint in the session: the server-side session (new id at
# sign-in, idle and absolute limits) is the protection, and the fingerprint is personal.
login_manager.session_protection = None
# Limits count per client address: behind trusted proxies, the one the proxy saw (ProxyFix,
# see startup.behind_proxies). Counts are kept in RATELIMIT_STORAGE_URI: Redis when several
# workers or instances serve, so that each limit is counted once across all of them.
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def init_limiter(app: Flask) -> None:
    """Every limit sits on the view it guards, whose decorator checks it. Flask-Limiter also
    checks before every request, for default and blueprint limits; with none, that check
    finds nothing to do on every page, so it is taken out."""
    limiter.init_app(app)
    app.before_request_funcs[None].remove(limiter._check_request_limit)


def configured_limit(name: str) -> Callable[[], str]:
    """A rate limit read from the app's config when a request arrives, so it can be set per
    deployment (and raised for benchmarks)."""
    return lambda: str(current_app.config[name])
