"""Server-side sessions: the cookie carries only a random id; the data stays in the database.

A new id at sign-in (`regenerate`), the row deleted at sign-out (`end`), every row of an
account deleted on deactivation or password change (`accounts.end_all_sessions`), and idle
and absolute limits.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from datetime import timedelta
from typing import Any

from flask import Flask, Request, Response, session
from flask.sessions import SessionInterface, SessionMixin
from sqlalchemy import Select, bindparam, delete, func, insert, or_, select, update
from werkzeug.datastructures import CallbackDict

from ..core import crypto
from ..core.accounts import ACCOUNT_KINDS
from ..core.crypto import token_hash
from ..core.db import utcnow
from ..core.models import WebSession
from . import changes
from .extensions import db

TOUCH_EVERY = timedelta(minutes=1)  # refresh last-seen at most this often (fewer writes)
# Set in a session signed in with the safe-word passphrase: it may open the notes only.
NOTES_ONLY = "notes_only"


class ServerSession(CallbackDict[str, Any], SessionMixin):
    def __init__(self, initial: dict[str, Any] | None = None, sid: str | None = None):
        def on_update(_: Any) -> None:
            self.modified = True

        super().__init__(initial or {}, on_update)
        self.sid = sid
        self.replaced_sid: str | None = None
        self.modified = False
        self.needs_touch = False
        # The signed-in account, read with the session row. Held here because the database
        # session keeps only weak references: Flask-Login's user loader finds it there by id.
        self.account: object | None = None


def _server_session(value: object) -> ServerSession:
    if not isinstance(value, ServerSession):
        raise TypeError("the app must use ServerSessionInterface")
    return value


def _kind(user_id: str | None) -> str:
    return user_id.split(":", 1)[0] if user_id else "anonymous"


def _session_with_account() -> Select[*tuple[Any, ...]]:
    """The session row and, in the same query, the account it is signed in to (an outer join
    per kind of account on the id after "kind:"). Built once: building costs as much as
    running it. Run through the request's own database session, so the whole request uses
    one connection and one transaction."""
    fields = (WebSession.id_hash, WebSession.user_id, WebSession.data, WebSession.created_at)
    query = select(*fields, WebSession.last_seen_at, *ACCOUNT_KINDS.values())
    for kind, model in ACCOUNT_KINDS.items():
        prefix = kind + ":"
        query = query.outerjoin(
            model,
            (func.substr(WebSession.user_id, 1, len(prefix)) == prefix)
            & (model.id == func.substr(WebSession.user_id, len(prefix) + 1)),
        )
    return query.where(WebSession.id_hash == bindparam("id_hash"))


SESSION_WITH_ACCOUNT = _session_with_account()


class ServerSessionInterface(SessionInterface):
    def open_session(self, app: Flask, request: Request) -> ServerSession:
        sid = request.cookies.get(self.get_cookie_name(app))
        if not sid or len(sid) > 100:
            return ServerSession()
        row = db.session.execute(SESSION_WITH_ACCOUNT, {"id_hash": token_hash(sid)}).first()
        if row is None:
            return ServerSession()
        now = utcnow()
        limits = app.config["IDLE_TIMEOUT"]
        idle = limits.get(_kind(row.user_id), min(limits.values()))
        if now - row.last_seen_at > idle or now - row.created_at > app.config["ABSOLUTE_TIMEOUT"]:
            db.session.rollback()  # the read ends; the deletion commits on its own
            with db.engine.begin() as connection:
                connection.execute(delete(WebSession).where(WebSession.id_hash == row.id_hash))
            # Remember whose it was for this request only: a form sent now can be kept
            # for them (security.form_expired). Never stored: see save_session.
            return ServerSession({"_expired": True, "_expired_account": row.user_id})
        try:
            data = json.loads(_open(app, row.id_hash, row.data))
        except (crypto.DecryptionError, ValueError):  # the key changed: sign in again
            return ServerSession()
        current = ServerSession(data, sid)
        current.needs_touch = now - row.last_seen_at > TOUCH_EVERY
        current.account = next((account for account in row[5:] if account is not None), None)
        return current

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        session = _server_session(session)
        name = self.get_cookie_name(app)
        # Flask-Login's "_id" (a hash of address and browser) is never stored: protection
        # is off (extensions.py) since the server-side session itself is the protection.
        data = {
            key: value
            for key, value in session.items()
            if not key.startswith("_expired") and key != "_id"
        }
        new = session.sid is None and bool(data)
        if not (new or session.replaced_sid or session.modified or session.needs_touch):
            return  # most requests: nothing to write, so no database round trip
        # Views commit their own work; the request's transaction ends here, before this
        # write, so it holds no lock the write would wait for.
        changes.drop_uncommitted()
        with db.engine.begin() as connection:
            if session.replaced_sid:
                connection.execute(
                    delete(WebSession).where(WebSession.id_hash == token_hash(session.replaced_sid))
                )
            if not data:
                if session.sid:
                    connection.execute(
                        delete(WebSession).where(WebSession.id_hash == token_hash(session.sid))
                    )
                    response.delete_cookie(
                        name, path="/", secure=self.get_cookie_secure(app), httponly=True
                    )
                return
            now = utcnow()
            new_row = session.sid is None
            sid = session.sid = session.sid or secrets.token_urlsafe(32)
            id_hash = token_hash(sid)
            values = {
                # Sealed: flash messages can carry names and share labels.
                "data": _seal(app, id_hash, json.dumps(data)),
                "user_id": data.get("_user_id"),
                "last_seen_at": now,
            }
            if new_row:
                _purge_expired(connection, app, now)
                connection.execute(
                    insert(WebSession).values(id_hash=id_hash, created_at=now, **values)
                )
            elif session.modified or session.needs_touch:
                connection.execute(
                    update(WebSession).where(WebSession.id_hash == id_hash).values(**values)
                )
            else:
                return
        response.set_cookie(
            name,
            sid,
            httponly=True,
            secure=self.get_cookie_secure(app),
            samesite="Lax",
            path="/",
        )
        response.vary.add("Cookie")


def _sealing_key(app: Flask) -> bytes:
    """A key for session data, derived from the newest key-encryption key (kept outside the
    database). Rotating that key signs everyone out, which is fine."""
    key: bytes | None = app.extensions.get("safetyplan_session_key")
    if key is None:
        newest = app.extensions["safetyplan_keyring"].newest
        key = hmac.new(newest, b"safetyplan web session data", hashlib.sha256).digest()
        app.extensions["safetyplan_session_key"] = key
    return key


def _seal(app: Flask, id_hash: str, data: str) -> str:
    aad = crypto.associated_data("web_session", "data", id_hash)
    return base64.b64encode(crypto.seal(_sealing_key(app), data.encode(), aad)).decode()


def _open(app: Flask, id_hash: str, sealed: str) -> str:
    aad = crypto.associated_data("web_session", "data", id_hash)
    return crypto.open_sealed([_sealing_key(app)], base64.b64decode(sealed), aad).decode()


def _purge_expired(connection: Any, app: Flask, now: Any) -> None:
    """Before a new session is stored: drop expired ones, and keep at most
    MAX_ANONYMOUS_SESSIONS of those nobody has signed in to (a sign-in page's form token),
    so a flood of page loads cannot fill the table. The oldest go first."""
    longest_idle = max(app.config["IDLE_TIMEOUT"].values())
    connection.execute(
        delete(WebSession).where(
            or_(
                WebSession.last_seen_at < now - longest_idle,
                WebSession.created_at < now - app.config["ABSOLUTE_TIMEOUT"],
            )
        )
    )
    beyond_the_cap = (
        select(WebSession.id_hash)
        .where(WebSession.user_id.is_(None))
        .order_by(WebSession.last_seen_at.desc())
        .offset(app.config["MAX_ANONYMOUS_SESSIONS"] - 1)
    )
    connection.execute(delete(WebSession).where(WebSession.id_hash.in_(beyond_the_cap)))


def regenerate() -> None:
    """Give the current session a new id (at sign-in), dropping the old one and its form
    token, so neither a planted session id nor a token seen before sign-in works after."""
    current = _server_session(session)
    current.pop("csrf_token", None)
    if current.sid:
        current.replaced_sid = current.sid
    current.sid = None
    current.modified = True


def keep_alive() -> None:
    """Start the idle limit again now, however recently it was renewed (Stay signed in)."""
    _server_session(session).needs_touch = True


def end() -> None:
    """Forget everything in the current session (sign-out, quick exit)."""
    session.clear()
