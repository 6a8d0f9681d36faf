"""Sealed columns: the `Encrypted` descriptor, per-owner data keys, and keyed lookup hashes.

A personal value is stored only sealed (AES-256-GCM) with its owner's data key, bound to
table, column and row id; the data key is stored only wrapped by the key-encryption key,
which lives outside the database (see `crypto`).
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cached_property
from typing import Any

from sqlalchemy import DateTime, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from . import crypto
from .db import Base, db, new_id, utcnow

LOOKUP_INDEX_KEY_ID = "lookup-index"


class Encrypted:
    """A plain attribute over the private column `_<name>`, sealed with the row's data key
    and bound to table, column and row id. `as_json` stores any JSON value."""

    def __init__(self, as_json: bool = False):
        self.as_json = as_json

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        self.column = "_" + name
        self.table = str(getattr(owner, "__tablename__", ""))

    def _aad(self, row: Any) -> bytes:
        if row.id is None:
            row.id = new_id()
        return crypto.associated_data(row.__tablename__, self.name, row.id)

    def __get__(self, row: Any, owner: type | None = None) -> Any:
        if row is None:
            return self
        sealed = getattr(row, self.column)
        return None if sealed is None else self._open(row.data_key(), sealed, self._aad(row))

    def open_column(self, key: bytes, row_id: str, sealed: bytes | None) -> Any:
        """The value of this column read as a plain column, without loading its row as an
        object (a page reading many rows at once)."""
        if sealed is None:
            return None
        return self._open(key, sealed, crypto.associated_data(self.table, self.name, row_id))

    def _open(self, key: bytes, sealed: bytes, aad: bytes) -> Any:
        plain = crypto.open_sealed([key], sealed, aad).decode()
        return json.loads(plain) if self.as_json else plain

    def __set__(self, row: Any, value: Any) -> None:
        if value is None:
            setattr(row, self.column, None)
            return
        plain = json.dumps(value, ensure_ascii=False) if self.as_json else str(value)
        setattr(row, self.column, crypto.seal(row.data_key(), plain.encode(), self._aad(row)))


class DataKey(Base):
    """A data key, stored only wrapped by the key-encryption key. Deleting the row
    crypto-shreds everything sealed with it."""

    __tablename__ = "data_key"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    @classmethod
    def generate(cls, key_id: str | None = None) -> DataKey:
        row = cls(id=key_id or new_id())
        row.wrapped = db.keyring().wrap(crypto.new_key(), row.id)
        return row

    @cached_property
    def key(self) -> bytes:
        # Unwrapped once per loaded row: a request's session, then gone. Rewrapping under a
        # new key-encryption key leaves the data key itself unchanged.
        return db.keyring().unwrap(self.wrapped, self.id)


def ensure_lookup_index_key() -> DataKey:
    """The key for lookup hashes, created on first start. It also proves at start-up that
    the configured key-encryption key opens this database."""
    row = db.session.get(DataKey, LOOKUP_INDEX_KEY_ID)
    if row is None:
        row = DataKey.generate(LOOKUP_INDEX_KEY_ID)
        db.session.add(row)
        db.session.flush()
    return row


def lookup_index_key() -> bytes:
    row = db.session.get(DataKey, LOOKUP_INDEX_KEY_ID)
    if row is None:
        raise crypto.KeyConfigurationError("The lookup key is missing: was the app started?")
    return row.key


def lookup_hash(value: str) -> str:
    return crypto.lookup_hash(lookup_index_key(), value)
