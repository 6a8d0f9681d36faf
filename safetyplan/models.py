"""Database models. Personal fields are stored encrypted in private `_name` columns and read
and written through plain properties (`Encrypted` descriptors)."""

from __future__ import annotations

import json
import secrets
from datetime import UTC, date, datetime
from functools import cached_property
from typing import Any, Literal

from flask import current_app
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
    select,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from . import crypto
from .extensions import db

AuthorKind = Literal["young_person", "staff"]
LOOKUP_INDEX_KEY_ID = "lookup-index"


def new_id() -> str:
    """Random 128-bit ids: public, unguessable, never sequential, known before insert."""
    return secrets.token_hex(16)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def keyring() -> crypto.KeyRing:
    ring: crypto.KeyRing = current_app.extensions["safetyplan_keyring"]
    return ring


class Encrypted:
    """A plain attribute over the private column `_<name>`, sealed with the row's data key
    and bound to table, column and row id. `as_json` stores any JSON value."""

    def __init__(self, as_json: bool = False):
        self.as_json = as_json

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        self.column = "_" + name

    def _aad(self, row: Any) -> bytes:
        if row.id is None:
            row.id = new_id()
        return crypto.associated_data(row.__tablename__, self.name, row.id)

    def __get__(self, row: Any, owner: type | None = None) -> Any:
        if row is None:
            return self
        sealed = getattr(row, self.column)
        if sealed is None:
            return None
        plain = crypto.open_sealed([row.data_key()], sealed, self._aad(row)).decode()
        return json.loads(plain) if self.as_json else plain

    def __set__(self, row: Any, value: Any) -> None:
        if value is None:
            setattr(row, self.column, None)
            return
        plain = json.dumps(value, ensure_ascii=False) if self.as_json else str(value)
        setattr(row, self.column, crypto.seal(row.data_key(), plain.encode(), self._aad(row)))


class DataKey(db.Model):  # type: ignore[name-defined]
    """A data key, stored only wrapped by the key-encryption key. Deleting the row
    crypto-shreds everything sealed with it."""

    __tablename__ = "data_key"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    @classmethod
    def generate(cls, key_id: str | None = None) -> DataKey:
        row = cls(id=key_id or new_id())
        row.wrapped = keyring().wrap(crypto.new_key(), row.id)
        return row

    @cached_property
    def key(self) -> bytes:
        # Unwrapped once per loaded row: a request's session, then gone. Rewrapping under a
        # new key-encryption key leaves the data key itself unchanged.
        return keyring().unwrap(self.wrapped, self.id)


def ensure_lookup_index_key() -> DataKey:
    """The key for lookup hashes, created on first start. It also proves at start-up that
    the configured key-encryption key opens this database."""
    row = db.session.get(DataKey, LOOKUP_INDEX_KEY_ID)
    if row is None:
        row = DataKey.generate(LOOKUP_INDEX_KEY_ID)
        db.session.add(row)
        db.session.commit()
    return row


def lookup_index_key() -> bytes:
    row = db.session.get(DataKey, LOOKUP_INDEX_KEY_ID)
    if row is None:
        raise crypto.KeyConfigurationError("The lookup key is missing: was the app started?")
    return row.key


def lookup_hash(value: str) -> str:
    return crypto.lookup_hash(lookup_index_key(), value)


class Account:
    """What staff and young people share as flask-login users."""

    id: Mapped[str]
    active: Mapped[bool]
    password_hash: Mapped[str | None]
    failed_sign_ins: Mapped[int]
    throttled_until: Mapped[datetime | None]
    kind: str

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.kind}:{self.id}"


class StaffUser(Account, db.Model):  # type: ignore[name-defined]
    __tablename__ = "staff_user"
    kind = "staff"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    email_hash: Mapped[str] = mapped_column(String(64), unique=True)
    _email: Mapped[bytes] = mapped_column(LargeBinary)
    _name: Mapped[bytes] = mapped_column(LargeBinary)
    role: Mapped[str] = mapped_column(String(16), default="worker")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    throttled_until: Mapped[datetime | None] = mapped_column(DateTime)
    data_key_id: Mapped[str] = mapped_column(ForeignKey("data_key.id"))
    # Loaded with the account in one query: nearly every page decrypts something of it.
    data_key_row: Mapped[DataKey] = relationship(lazy="joined")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    email = Encrypted()
    name = Encrypted()

    def __init__(self, email: str, name: str, role: str = "worker"):
        super().__init__(id=new_id(), role=role, active=True, failed_sign_ins=0)
        self.data_key_row = DataKey.generate()
        self.email = email.strip()
        self.email_hash = lookup_hash(email)
        self.name = name.strip()

    def data_key(self) -> bytes:
        return self.data_key_row.key

    @property
    def is_manager(self) -> bool:
        return self.role == "manager"

    @classmethod
    def by_email(cls, email: str) -> StaffUser | None:
        return db.session.scalar(select(cls).where(cls.email_hash == lookup_hash(email)))


# Caseload order: soonest review first (so overdue ones lead), people with no date last.
# An expression index matches it exactly, so a page costs the same with 10 or 10,000 people.
REVIEW_ORDER = "coalesce(next_review_on, '9999-12-31')"


class YoungPerson(Account, db.Model):  # type: ignore[name-defined]
    __tablename__ = "young_person"
    __table_args__ = (
        Index("ix_young_person_caseload", "worker_id", text(REVIEW_ORDER), text("created_at DESC")),
        Index("ix_young_person_all_cases", text(REVIEW_ORDER), text("created_at DESC")),
    )
    kind = "young_person"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    data_key_id: Mapped[str] = mapped_column(ForeignKey("data_key.id"))
    # Loaded with the account in one query: nearly every page decrypts something of it.
    data_key_row: Mapped[DataKey] = relationship(lazy="joined")
    worker_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    worker: Mapped[StaffUser | None] = relationship()
    username_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    _username: Mapped[bytes | None] = mapped_column(LargeBinary)
    _preferred_name: Mapped[bytes] = mapped_column(LargeBinary)
    _date_of_birth: Mapped[bytes | None] = mapped_column(LargeBinary)
    _case_reference: Mapped[bytes | None] = mapped_column(LargeBinary)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    throttled_until: Mapped[datetime | None] = mapped_column(DateTime)
    sign_in_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    sign_in_code_expires_at: Mapped[datetime | None] = mapped_column(DateTime)
    next_review_on: Mapped[date | None] = mapped_column(Date, index=True)
    last_change_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_change_by: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    username = Encrypted()
    preferred_name = Encrypted()
    date_of_birth = Encrypted()
    case_reference = Encrypted()

    name_tokens: Mapped[list[NameToken]] = relationship(cascade="all, delete-orphan")

    def __init__(self, preferred_name: str, worker: StaffUser | None = None):
        super().__init__(id=new_id(), active=True, failed_sign_ins=0)
        self.data_key_row = DataKey.generate()
        self.set_preferred_name(preferred_name)
        self.worker = worker

    def data_key(self) -> bytes:
        return self.data_key_row.key

    def set_preferred_name(self, name: str) -> None:
        """Set the name, and the keyed hashes of its words that caseload search matches."""
        self.preferred_name = name.strip()
        self.name_tokens = [
            NameToken(token=token) for token in sorted({lookup_hash(word) for word in name.split()})
        ]

    def set_username(self, username: str) -> None:
        self.username = username.strip()
        self.username_hash = lookup_hash(username)

    @classmethod
    def by_username(cls, username: str) -> YoungPerson | None:
        return db.session.scalar(select(cls).where(cls.username_hash == lookup_hash(username)))


class NameToken(db.Model):  # type: ignore[name-defined]
    """A keyed hash of one word of a young person's name, so staff can search by name
    with an indexed match instead of decrypting every record."""

    __tablename__ = "name_token"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    young_person_id: Mapped[str] = mapped_column(
        ForeignKey("young_person.id", ondelete="CASCADE"), index=True
    )
    token: Mapped[str] = mapped_column(String(64), index=True)


class OwnedByYoungPerson:
    """Rows sealed with their young person's data key."""

    young_person: Mapped[YoungPerson]

    def data_key(self) -> bytes:
        return self.young_person.data_key()


def _young_person_fk() -> Mapped[str]:
    return mapped_column(ForeignKey("young_person.id", ondelete="CASCADE"), index=True)


class SectionRevision(OwnedByYoungPerson, db.Model):  # type: ignore[name-defined]
    """One saved version of one section's answers. Never updated or deleted on its own."""

    __tablename__ = "section_revision"
    __table_args__ = (
        UniqueConstraint("young_person_id", "section_number", "version"),
        # The history page reads newest first, a page at a time, straight off this index.
        Index("ix_section_revision_history", "young_person_id", "created_at", "version"),
    )
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    young_person_id: Mapped[str] = _young_person_fk()
    young_person: Mapped[YoungPerson] = relationship()
    section_number: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    _answers: Mapped[bytes] = mapped_column(LargeBinary)
    author_kind: Mapped[str] = mapped_column(String(16))
    author_staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"))
    author_staff: Mapped[StaffUser | None] = relationship()
    planning_session_id: Mapped[str | None] = mapped_column(
        ForeignKey("planning_session.id", ondelete="SET NULL")
    )
    restored_from_id: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)

    answers = Encrypted(as_json=True)


class SectionState(db.Model):  # type: ignore[name-defined]
    """The current version of each section, so the plan loads without scanning history."""

    __tablename__ = "section_state"
    __table_args__ = (UniqueConstraint("young_person_id", "section_number"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    young_person_id: Mapped[str] = _young_person_fk()
    section_number: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer, default=0)
    revision_id: Mapped[str | None] = mapped_column(ForeignKey("section_revision.id"))
    revision: Mapped[SectionRevision | None] = relationship()
    # Whether the current answers hold anything: lets the plan home and caseload show
    # progress without decrypting. It says no more than "started", which staff see anyway.
    has_answers: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_by: Mapped[str | None] = mapped_column(String(16))


class PlanningSession(OwnedByYoungPerson, db.Model):  # type: ignore[name-defined]
    """A worker's session with a young person (not a web session)."""

    __tablename__ = "planning_session"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    young_person_id: Mapped[str] = _young_person_fk()
    young_person: Mapped[YoungPerson] = relationship()
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff_user.id"))
    staff: Mapped[StaffUser] = relationship()
    held_on: Mapped[date] = mapped_column(Date)
    _present: Mapped[bytes | None] = mapped_column(LargeBinary)
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    reviewed_sections: Mapped[list[int]] = mapped_column(JSON, default=list)

    present = Encrypted()


class SessionNote(OwnedByYoungPerson, db.Model):  # type: ignore[name-defined]
    """A worker's private note: never shown to the young person or a trusted adult."""

    __tablename__ = "session_note"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    young_person_id: Mapped[str] = _young_person_fk()
    young_person: Mapped[YoungPerson] = relationship()
    planning_session_id: Mapped[str | None] = mapped_column(
        ForeignKey("planning_session.id", ondelete="CASCADE"), index=True
    )
    author_staff_id: Mapped[str] = mapped_column(ForeignKey("staff_user.id"))
    author_staff: Mapped[StaffUser] = relationship()
    _text: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    text = Encrypted()


class Share(OwnedByYoungPerson, db.Model):  # type: ignore[name-defined]
    """Read-only access for a trusted adult to chosen sections. The token is stored hashed."""

    __tablename__ = "share"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    young_person_id: Mapped[str] = _young_person_fk()
    young_person: Mapped[YoungPerson] = relationship()
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    _label: Mapped[bytes] = mapped_column(LargeBinary)
    sections: Mapped[list[int]] = mapped_column(JSON, default=list)
    access_code_hash: Mapped[str | None] = mapped_column(String(255))
    failed_codes: Mapped[int] = mapped_column(Integer, default=0)
    locked_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_opened_at: Mapped[datetime | None] = mapped_column(DateTime)
    open_count: Mapped[int] = mapped_column(Integer, default=0)

    label = Encrypted()


class Meeting(OwnedByYoungPerson, db.Model):  # type: ignore[name-defined]
    """A multi-agency meeting. Its details (kind, dates, venue, chair, contact) are sealed."""

    __tablename__ = "meeting"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    young_person_id: Mapped[str] = _young_person_fk()
    young_person: Mapped[YoungPerson] = relationship()
    _details: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    details = Encrypted(as_json=True)


class MeetingViews(OwnedByYoungPerson, db.Model):  # type: ignore[name-defined]
    """What the young person wants the meeting to hear, and their getting-ready checklist.
    `views` is their draft; `sent_views` is what they last chose to send, all the worker sees."""

    __tablename__ = "meeting_views"
    __table_args__ = (
        Index("ix_meeting_views_one_per_meeting", "young_person_id", "meeting_id", unique=True),
    )
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    young_person_id: Mapped[str] = _young_person_fk()
    young_person: Mapped[YoungPerson] = relationship()
    meeting_id: Mapped[str | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    _views: Mapped[bytes] = mapped_column(LargeBinary)
    _sent_views: Mapped[bytes | None] = mapped_column(LargeBinary)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    views = Encrypted(as_json=True)
    sent_views = Encrypted(as_json=True)


class AuditEvent(db.Model):  # type: ignore[name-defined]
    """Who viewed or changed what. Holds ids and action names only, never plan content, and
    outlives a deleted young person."""

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor_kind: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[str | None] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(40))
    young_person_id: Mapped[str | None] = mapped_column(String(32), index=True)
    detail: Mapped[str | None] = mapped_column(String(200))


class WebSession(db.Model):  # type: ignore[name-defined]
    """A server-side browser session. The cookie holds only the random id; we store its hash."""

    __tablename__ = "web_session"
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str | None] = mapped_column(String(64), index=True)
    data: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
