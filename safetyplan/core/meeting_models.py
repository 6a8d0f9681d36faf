"""Meetings: the meeting itself, the young person's views for it, and its invitation list
and preparation checklist (one row per person and per ticked item, so two staff working on
one meeting at once never overwrite each other)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .db import Base, new_id, utcnow
from .encrypted import Encrypted
from .models import OwnedByYoungPerson, StaffUser, YoungPerson, young_person_fk


class Meeting(OwnedByYoungPerson, Base):
    """A multi-agency meeting. Its details (kind, dates, venue, chair, contact) are sealed."""

    __tablename__ = "meeting"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    young_person_id: Mapped[str] = young_person_fk()
    young_person: Mapped[YoungPerson] = relationship()
    _details: Mapped[bytes] = mapped_column(LargeBinary)
    # A review's previous meeting (one of the same young person's): its date starts the
    # review's 3 months, so moving that meeting moves the review's deadlines with it. A plain
    # id: meetings are only ever deleted with their young person, all together.
    reviews_id: Mapped[str | None] = mapped_column(String(32), index=True)
    state: Mapped[str] = mapped_column(String(16), default="planned", server_default="planned")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    details = Encrypted(as_json=True)


class MeetingViews(OwnedByYoungPerson, Base):
    """What the young person wants the meeting to hear, and their getting-ready checklist.
    `views` is their draft; `sent_views` is what they last chose to send, all the worker sees."""

    __tablename__ = "meeting_views"
    __table_args__ = (
        Index("ix_meeting_views_one_per_meeting", "young_person_id", "meeting_id", unique=True),
    )
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    young_person_id: Mapped[str] = young_person_fk()
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


class MeetingInvitee(OwnedByYoungPerson, Base):
    """One person on a meeting's invitation list: `slot` says which of the guide's people
    (or "other-2"); who they are, and their invitation, reply and report, are sealed."""

    __tablename__ = "meeting_invitee"
    __table_args__ = (UniqueConstraint("meeting_id", "slot"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    young_person_id: Mapped[str] = young_person_fk()
    young_person: Mapped[YoungPerson] = relationship()
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    slot: Mapped[str] = mapped_column(String(24))
    _details: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    details = Encrypted(as_json=True)


class MeetingTask(OwnedByYoungPerson, Base):
    """One ticked item of a meeting's preparation checklist: who ticked it and when, and
    for some items a sealed note (how the young person's views will be heard)."""

    __tablename__ = "meeting_task"
    __table_args__ = (UniqueConstraint("meeting_id", "task"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    young_person_id: Mapped[str] = young_person_fk()
    young_person: Mapped[YoungPerson] = relationship()
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    task: Mapped[str] = mapped_column(String(24))
    done_at: Mapped[datetime | None] = mapped_column(DateTime)
    done_by_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    done_by: Mapped[StaffUser | None] = relationship()
    _note: Mapped[bytes | None] = mapped_column(LargeBinary)

    note = Encrypted()
