"""Settings, read from environment variables (and `.env` when present). No secrets live here."""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from dotenv import load_dotenv

from ..core.invitations import DEFAULT_QUORUM
from ..core.meeting_letters import DEFAULT_PARENT_SUPPORT
from ..core.words import N_


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def _flag(name: str, default: bool) -> bool:
    value = _env(name)
    return default if not value else value.lower() in {"1", "true", "yes", "on"}


def _names(name: str) -> list[str] | None:
    """A comma-separated list, or None when the variable is not set."""
    names = [item.strip() for item in _env(name).split(",") if item.strip()]
    return names or None


def _secret_key(instance_path: Path) -> str:
    """Flask signs CSRF tokens with this. From the environment, or a per-install random file."""
    if value := _env("SECRET_KEY"):
        return value
    path = instance_path / "secret_key"
    if not path.exists():
        # Written whole, then linked into place only if still absent: of several workers
        # starting together, one key wins and every worker reads that one.
        descriptor, draft = tempfile.mkstemp(dir=instance_path)
        try:
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_urlsafe(48))
            with contextlib.suppress(FileExistsError):
                os.link(draft, path)
        finally:
            os.unlink(draft)
    return path.read_text().strip()


def _database_url(instance_path: Path) -> str:
    url = _env("DATABASE_URL")
    if url.startswith("postgres://"):  # the old scheme some hosts still hand out
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url or f"sqlite:///{instance_path / 'safetyplan.sqlite'}"


def from_environment(instance_path: Path) -> dict[str, Any]:
    load_dotenv(override=False)
    base_url = _env("SAFETYPLAN_BASE_URL").rstrip("/")
    return {
        "SECRET_KEY": _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        "SAFETYPLAN_KEYS": _env("SAFETYPLAN_KEYS"),
        # How long backups are kept: old key-encryption keys are retired after it, and
        # with them every backup from before a deletion (core/key_epochs.py).
        "BACKUP_RETENTION_DAYS": int(_env("SAFETYPLAN_BACKUP_RETENTION_DAYS", "35")),
        "KEY_FILE": Path(_env("SAFETYPLAN_KEY_FILE") or instance_path / "keys"),
        "AUTO_MIGRATE": _flag("SAFETYPLAN_AUTO_MIGRATE", True),
        "HTTPS": _flag("SAFETYPLAN_HTTPS", base_url.startswith("https://")),
        "BASE_URL": base_url,
        "TRUSTED_HOSTS": _names("SAFETYPLAN_TRUSTED_HOSTS"),
        "PROXIES": int(_env("SAFETYPLAN_PROXIES", "0")),
        "RATELIMIT_STORAGE_URI": _env("RATELIMIT_STORAGE_URI", "memory://"),
        "APP_NAME": _env("SAFETYPLAN_APP_NAME", "My notes"),
        "EXIT_URL": _env("SAFETYPLAN_EXIT_URL", "https://www.bbc.co.uk/weather"),
        "LOCAL_PROJECT_NAME": _env("SAFETYPLAN_LOCAL_PROJECT_NAME", "New Futures Project"),
        "LOCAL_PROJECT_PHONE": _env("SAFETYPLAN_LOCAL_PROJECT_PHONE", "0116 251 0803"),
        # When a worker will see "Tell my worker", in words a young person reads.
        "WORKER_HOURS": _env("SAFETYPLAN_WORKER_HOURS", N_("Monday to Friday, 9am to 5pm")),
        # Who must be coming for a meeting to go ahead (core/invitations.py explains the form).
        "MEETING_QUORUM": _env("SAFETYPLAN_MEETING_QUORUM", DEFAULT_QUORUM),
        # Support for parents and local resources, in the parents' letter and on their page
        # (core/meeting_letters.py explains the form).
        "PARENT_SUPPORT": _env("SAFETYPLAN_PARENT_SUPPORT", DEFAULT_PARENT_SUPPORT),
        # Translations a native speaker has checked, like "pl,ur"; the others are marked
        # as drafts in the language switch and on the staff account page.
        "CHECKED_LANGUAGES": _names("SAFETYPLAN_CHECKED_LANGUAGES") or [],
        "PASSWORD_HASH_PROFILE": _env("SAFETYPLAN_PASSWORD_HASH_PROFILE", "strong"),
        "SIGN_IN_RATE_LIMIT": _env("SAFETYPLAN_SIGN_IN_RATE_LIMIT", "20 per minute"),
        "SHARE_RATE_LIMIT": _env("SAFETYPLAN_SHARE_RATE_LIMIT", "30 per minute"),
    }


DEFAULTS: dict[str, Any] = {
    "MAX_CONTENT_LENGTH": 256 * 1024,
    "MAX_FORM_MEMORY_SIZE": 256 * 1024,
    "MAX_FORM_PARTS": 2000,
    "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the server-side session
    # Flask-WTF's https check wants a Referer, which this app never sends; the app checks the
    # request's origin instead (security.same_origin_only).
    "WTF_CSRF_SSL_STRICT": False,
    "IDLE_TIMEOUT": {
        "young_person": timedelta(minutes=15),
        "staff": timedelta(minutes=30),
        "anonymous": timedelta(minutes=30),
    },
    "ABSOLUTE_TIMEOUT": timedelta(hours=12),
    "MAX_ANONYMOUS_SESSIONS": 10_000,  # sign-in pages' form tokens kept at once
    "LOGIN_THROTTLE_AFTER": 5,
    "LOGIN_THROTTLE_MAX": timedelta(minutes=15),
    "RATELIMIT_HEADERS_ENABLED": False,
    # A limit means the same at any moment: no double burst either side of a window's edge.
    "RATELIMIT_STRATEGY": "moving-window",
    # If Redis is unreachable, each process counts on its own rather than refusing sign-ins.
    "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
}
