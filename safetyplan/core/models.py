"""Database models. Personal fields are stored encrypted in private `_name` columns and read
and written through plain properties (`Encrypted` descriptors)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TypeVar

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

from .db import Base, db, is_id, new_id, utcnow
from .encrypted import DataKey, Encrypted, lookup_hash
from .search import NameToken, search_tokens


class Account:
    """What staff and young people share as flask-login users."""

    id: Mapped[str]
    active: Mapped[bool]
    password_hash: Mapped[str | None]
    failed_sign_ins: Mapped[int]
    throttled_until: Mapped[datetime | None]
    device_failed_sign_ins: Mapped[int]
    device_throttled_until: Mapped[datetime | None]
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


class StaffUser(Account, Base):
    __tablename__ = "staff_user"
    kind = "staff"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    email_hash: Mapped[str] = mapped_column(String(64), unique=True)
    _email: Mapped[bytes] = mapped_column(LargeBinary)
    _name: Mapped[bytes] = mapped_column(LargeBinary)
    # A work phone number: meeting letters and the young person's meeting page give the
    # allocated worker's, so they follow the young person to a new worker.
    _phone: Mapped[bytes | None] = mapped_column(LargeBinary)
    role: Mapped[str] = mapped_column(String(16), default="worker")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    throttled_until: Mapped[datetime | None] = mapped_column(DateTime)
    # The same, for tries from a browser this account signed in on before (accounts.py).
    device_failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    device_throttled_until: Mapped[datetime | None] = mapped_column(DateTime)
    # Set when a manager gives a temporary password: the next sign-in must change it.
    must_change_password: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    data_key_id: Mapped[str] = mapped_column(ForeignKey("data_key.id"))
    # Loaded with the account in one query: nearly every page decrypts something of it.
    data_key_row: Mapped[DataKey] = relationship(lazy="joined")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    email = Encrypted()
    name = Encrypted()
    phone = Encrypted()

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

    @property
    def contact(self) -> str:
        """Name and work phone, as letters and the young person's meeting page give them."""
        return ", ".join(part for part in (self.name, self.phone) if part)

    @classmethod
    def by_email(cls, email: str) -> StaffUser | None:
        return db.session.scalar(select(cls).where(cls.email_hash == lookup_hash(email)))


# Caseload order: soonest review first (so overdue ones lead), people with no date last.
# An expression index matches it exactly, so a page costs the same with 10 or 10,000 people.
REVIEW_ORDER = "coalesce(next_review_on, '9999-12-31')"


class YoungPerson(Account, Base):
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
    # The same, for tries from a browser this account signed in on before (accounts.py).
    device_failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    device_throttled_until: Mapped[datetime | None] = mapped_column(DateTime)
    sign_in_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    sign_in_code_expires_at: Mapped[datetime | None] = mapped_column(DateTime)
    next_review_on: Mapped[date | None] = mapped_column(Date, index=True)
    # A second passphrase that opens only ordinary notes (core/safe_word.py).
    safe_word_hash: Mapped[str | None] = mapped_column(String(255))
    safe_word_tells_worker: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    _decoy_notes: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Their choices for reading the plan: a language code (web/i18n.py), the easy-read intros.
    language: Mapped[str | None] = mapped_column(String(8))
    easy_read: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    last_change_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_change_by: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    username = Encrypted()
    preferred_name = Encrypted()
    date_of_birth = Encrypted()
    case_reference = Encrypted()
    decoy_notes = Encrypted()

    name_tokens: Mapped[list[NameToken]] = relationship(cascade="all, delete-orphan")

    def __init__(self, preferred_name: str, worker: StaffUser | None = None):
        super().__init__(id=new_id(), active=True, failed_sign_ins=0)
        self.data_key_row = DataKey.generate()
        self.set_preferred_name(preferred_name)
        self.worker = worker

    def data_key(self) -> bytes:
        return self.data_key_row.key

    def set_preferred_name(self, name: str) -> None:
        self.preferred_name = name.strip()
        self.index_for_search()

    def set_case_reference(self, reference: str | None) -> None:
        self.case_reference = (reference or "").strip() or None
        self.index_for_search()

    def index_for_search(self) -> None:
        tokens = search_tokens(self.preferred_name, self.case_reference)
        self.name_tokens = [NameToken(token=token) for token in tokens]

    def set_username(self, username: str) -> None:
        self.username = username.strip()
        self.username_hash = lookup_hash(username)

    @classmethod
    def by_username(cls, username: str) -> YoungPerson | None:
        return db.session.scalar(select(cls).where(cls.username_hash == lookup_hash(username)))


Owned = TypeVar("Owned", bound="OwnedByYoungPerson")


class OwnedByYoungPerson:
    """Rows sealed with their young person's data key."""

    young_person_id: Mapped[str]
    young_person: Mapped[YoungPerson]

    def data_key(self) -> bytes:
        return self.young_person.data_key()

    @classmethod
    def of(cls: type[Owned], person: YoungPerson, row_id: str) -> Owned | None:
        """The row with this id if it belongs to this young person; otherwise None, so
        someone else's id and a forged one look the same."""
        row = db.session.get(cls, row_id) if is_id(row_id) else None
        return row if row is not None and row.young_person_id == person.id else None


def young_person_fk() -> Mapped[str]:
    return mapped_column(ForeignKey("young_person.id", ondelete="CASCADE"), index=True)


class SectionRevision(OwnedByYoungPerson, Base):
    """One saved version of one section's answers. Never updated or deleted on its own."""

    __tablename__ = "section_revision"
    __table_args__ = (
        UniqueConstraint("young_person_id", "section_number", "version"),
        # The history page reads newest first, a page at a time, straight off this index.
        Index("ix_section_revision_history", "young_person_id", "created_at", "version"),
    )
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    young_person_id: Mapped[str] = young_person_fk()
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


class SectionState(Base):
    """The current version of each section, so the plan loads without scanning history."""

    __tablename__ = "section_state"
    __table_args__ = (UniqueConstraint("young_person_id", "section_number"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    young_person_id: Mapped[str] = young_person_fk()
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
    # The worker who made the last change, if a worker did: ticking "done" is a change that
    # makes no new revision, so the current revision's author is not always the one.
    updated_by_staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"))
    # The fields a worker put back from an earlier revision, if that was the last change:
    # names only (no content), so the plan home can tell the young person without decrypting.
    restored_fields: Mapped[list[str] | None] = mapped_column(JSON)


class PlanningSession(OwnedByYoungPerson, Base):
    """A worker's session with a young person (not a web session)."""

    __tablename__ = "planning_session"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    young_person_id: Mapped[str] = young_person_fk()
    young_person: Mapped[YoungPerson] = relationship()
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff_user.id"))
    staff: Mapped[StaffUser] = relationship()
    held_on: Mapped[date] = mapped_column(Date)
    _present: Mapped[bytes | None] = mapped_column(LargeBinary)
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    reviewed_sections: Mapped[list[int]] = mapped_column(JSON, default=list)

    present = Encrypted()


class SessionNote(OwnedByYoungPerson, Base):
    """A worker's private note: never shown to the young person or a trusted adult."""

    __tablename__ = "session_note"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    young_person_id: Mapped[str] = young_person_fk()
    young_person: Mapped[YoungPerson] = relationship()
    # None for a note that belongs to no session, like a handover note.
    planning_session_id: Mapped[str | None] = mapped_column(
        ForeignKey("planning_session.id", ondelete="CASCADE"), index=True
    )
    planning_session: Mapped[PlanningSession | None] = relationship()
    author_staff_id: Mapped[str] = mapped_column(ForeignKey("staff_user.id"))
    author_staff: Mapped[StaffUser] = relationship()
    _text: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    text = Encrypted()


class Share(OwnedByYoungPerson, Base):
    """Read-only access for a trusted adult to chosen sections. The token is stored hashed."""

    __tablename__ = "share"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    young_person_id: Mapped[str] = young_person_fk()
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
    # What the trusted adult said on the shared page: "ready" to act on the code word, or
    # "cannot"; and when the worker last spoke with them.
    adult_answer: Mapped[str | None] = mapped_column(String(16))
    adult_answered_at: Mapped[datetime | None] = mapped_column(DateTime)
    worker_spoke_at: Mapped[datetime | None] = mapped_column(DateTime)

    label = Encrypted()


class WorkerAlert(OwnedByYoungPerson, Base):
    """Something that happened, told by the young person to their worker ("Tell my worker").
    Its kind is one of worker_alerts.KINDS; what they wrote is sealed."""

    __tablename__ = "worker_alert"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    young_person_id: Mapped[str] = young_person_fk()
    young_person: Mapped[YoungPerson] = relationship(lazy="joined")
    kind: Mapped[str] = mapped_column(String(32))
    _message: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    followed_up_at: Mapped[datetime | None] = mapped_column(DateTime)
    followed_up_by: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"))
    # When telling brought the plan's review forward: the day it moved to, and the date it
    # had before (None if it had none), so the worker sees what changed and can put it back.
    review_moved_to: Mapped[date | None] = mapped_column(Date)
    review_moved_from: Mapped[date | None] = mapped_column(Date)

    message = Encrypted()


class AuditEvent(Base):
    """Who viewed or changed what. Holds ids and action names only, never plan content, and
    outlives a deleted young person."""

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor_kind: Mapped[str] = mapped_column(String(16))
    # Indexed: a manager filters the log by staff member.
    actor_id: Mapped[str | None] = mapped_column(String(32), index=True)
    action: Mapped[str] = mapped_column(String(40))
    young_person_id: Mapped[str | None] = mapped_column(String(32), index=True)
    detail: Mapped[str | None] = mapped_column(String(200))


class WebSession(Base):
    """A server-side browser session. The cookie holds only the random id; we store its hash."""

    __tablename__ = "web_session"
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str | None] = mapped_column(String(64), index=True)
    data: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class HeldForm(Base):
    """What someone typed and sent after the idle limit had signed them out: kept sealed
    with their own data key until they sign in again and see it back in the form."""

    __tablename__ = "held_form"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    account_id: Mapped[str] = mapped_column(String(64), index=True)  # "young_person:<id>"
    path: Mapped[str] = mapped_column(String(200))
    data_key_id: Mapped[str] = mapped_column(ForeignKey("data_key.id", ondelete="CASCADE"))
    data_key_row: Mapped[DataKey] = relationship()
    _fields: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)

    fields = Encrypted(as_json=True)

    def data_key(self) -> bytes:
        return self.data_key_row.key
