"""Start-up work that touches the outside world: the proxy in front, SQLite pragmas,
migrations, keys."""

from __future__ import annotations

import fcntl
import logging
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask
from sqlalchemy import event, func, inspect, select
from sqlalchemy.engine import Engine
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import BaseConverter

from ..core import crypto
from ..core.encrypted import LOOKUP_INDEX_KEY_ID, DataKey, ensure_lookup_index_key
from . import config
from .extensions import db

MIGRATIONS = Path(__file__).resolve().parent.parent.parent / "migrations"
# Any fixed number: PostgreSQL's advisory lock that lets one process at a time prepare the
# database, across every worker of every instance.
START_UP_LOCK = 7_402_115_093


class IdConverter(BaseConverter):
    """Record ids in URLs: 32 lowercase hex characters (`core.db.new_id`). Anything else is
    Not Found before any view or query sees it (a NUL byte would break PostgreSQL)."""

    regex = "[0-9a-f]{32}"


def configure(app: Flask, test_config: dict[str, Any]) -> None:
    """Settings from defaults, the environment, then the caller; the instance folder; the
    id converter the routes use."""
    app.url_map.converters["id"] = IdConverter
    # The instance folder holds the database, key file and secret: only this user may enter
    # or read them, even when the folder was made earlier (or copied) with looser modes.
    instance = Path(app.instance_path)
    instance.mkdir(mode=0o700, parents=True, exist_ok=True)
    instance.chmod(0o700)
    for path in instance.iterdir():
        # Another worker starting at the same moment may have removed a file it was writing
        # (a draft key file, SQLite's journal) since the folder was listed.
        with suppress(FileNotFoundError):
            if path.is_file() and not path.is_symlink():
                path.chmod(0o600)
    app.config.from_mapping(config.DEFAULTS)
    app.config.from_mapping(config.from_environment(Path(app.instance_path)))
    app.config.from_mapping(test_config)
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        # A database server can drop idle connections; check each one before use.
        app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"pool_pre_ping": True})
    app.config["SESSION_COOKIE_SECURE"] = app.config["HTTPS"]
    app.config["SESSION_COOKIE_NAME"] = "__Host-session" if app.config["HTTPS"] else "session"
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    behind_proxies(app)


def behind_proxies(app: Flask) -> None:
    """Scheme, host and client address from the trusted proxies in front (rate limits key on
    the client's address); links on the configured public address, never the Host header."""
    if proxies := app.config["PROXIES"]:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies
        )
    if base_url := app.config["BASE_URL"]:
        public = urlsplit(base_url)
        app.config["SERVER_NAME"] = public.netloc
        app.config["PREFERRED_URL_SCHEME"] = public.scheme
        if app.config["TRUSTED_HOSTS"] is None:
            app.config["TRUSTED_HOSTS"] = [public.hostname]


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    """Durable, private SQLite: an acknowledged save survives a crash; deleted bytes are
    overwritten; foreign keys (and so cascading deletes) are enforced."""
    if type(connection).__module__.startswith("sqlite3"):
        cursor = connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=FULL",
            "secure_delete=ON",
            "foreign_keys=ON",
            "busy_timeout=10000",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()


def prepare_database(app: Flask) -> None:
    """Run migrations, then load the keys and check they open this database's data.

    Any problem stops start-up with one plain sentence rather than a traceback, and never
    carries on with an empty or unreadable plan."""
    try:
        with one_process_at_a_time(app):
            if app.config["AUTO_MIGRATE"]:
                from flask_migrate import upgrade

                upgrade(directory=str(MIGRATIONS))
            _load_keys(app)
    except crypto.KeyConfigurationError as error:
        raise SystemExit(f"safetyplan cannot start: {error}") from None
    finally:
        db.session.remove()


def _load_keys(app: Flask) -> None:
    has_tables = inspect(db.engine).has_table("data_key")
    existing = db.session.get(DataKey, LOOKUP_INDEX_KEY_ID) if has_tables else None
    ring = crypto.load_keyring(
        app.config["SAFETYPLAN_KEYS"], Path(app.config["KEY_FILE"]), create=existing is None
    )
    app.extensions["safetyplan_keyring"] = ring
    if existing is not None:
        try:
            ring.unwrap(existing.wrapped, existing.id)
        except crypto.DecryptionError as error:
            raise crypto.KeyConfigurationError(
                "The encryption key does not match this database; set SAFETYPLAN_KEYS "
                "(newest first) to include the key it was created with."
            ) from error
    elif has_tables:
        ensure_lookup_index_key()
        db.session.commit()


@contextmanager
def one_process_at_a_time(app: Flask) -> Iterator[None]:
    """Workers starting together must not race to migrate, or to make the first keys: on
    PostgreSQL an advisory lock held for one transaction; on SQLite (one machine) a file lock."""
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as connection:
            connection.execute(select(func.pg_advisory_xact_lock(START_UP_LOCK)))
            yield
        return
    with (Path(app.instance_path) / "start-up.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield
