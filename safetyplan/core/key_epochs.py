"""Key-encryption keys in epochs, so that deleting a young person reaches the backups too.

A deleted young person's data key is gone from the live database at once, but a backup
taken before the deletion still holds it, wrapped by the key-encryption key of that time.
So after a deletion a new key-encryption key starts an epoch (`rotate`: every remaining data
key is re-wrapped under it) and, once the backup retention has passed, the old key is
retired (`retire`): from then on no backup from before the deletion can be opened. Each key
in the key file carries the moment it was added, which is all these steps need.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from . import crypto
from .db import db
from .encrypted import DataKey

ADDED = "# added "


@dataclass(frozen=True)
class Epoch:
    key: bytes
    added: datetime | None  # None for keys written before epochs were recorded


def read(key_file: Path) -> list[Epoch]:
    """The keys in the file, newest first, with when each was added."""
    epochs, added = [], None
    for line in key_file.read_text().splitlines():
        text = line.strip()
        if text.startswith(ADDED):
            added = datetime.fromisoformat(text.removeprefix(ADDED))
        elif text and not text.startswith("#"):
            for key in crypto.decode_keys(text):
                epochs.append(Epoch(key, added))
            added = None
    return epochs


def write(key_file: Path, epochs: list[Epoch]) -> None:
    """Replace the key file in one step (never half written), private to this user."""
    lines = ["# safetyplan key-encryption keys, newest first. Keep secret."]
    for epoch in epochs:
        if epoch.added:
            lines.append(ADDED + epoch.added.isoformat(timespec="seconds"))
        lines.append(crypto.encode_key(epoch.key))
    temporary = key_file.with_name(key_file.name + ".new")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write("\n".join(lines) + "\n")
    os.replace(temporary, key_file)


def rotate(key_file: Path, now: datetime) -> crypto.KeyRing:
    """Start a new epoch: a new key first in the file, and every data key re-wrapped under
    it (flushed; the caller commits). Older keys stay, so backups can still be restored
    until they are retired."""
    epochs = [Epoch(crypto.new_key(), now), *read(key_file)]
    ring = crypto.KeyRing([epoch.key for epoch in epochs])
    rewrap(ring)
    write(key_file, epochs)
    return ring


def rewrap(ring: crypto.KeyRing) -> int:
    """Re-wrap every data key not yet under the ring's newest key; how many were."""
    rewrapped = 0
    for row in db.session.scalars(select(DataKey)):
        if not ring.is_current(row.wrapped):
            row.wrapped = ring.wrap(ring.unwrap(row.wrapped, row.id), row.id)
            rewrapped += 1
    db.session.flush()
    return rewrapped


def _retirable(epochs: list[Epoch], now: datetime, retention: timedelta) -> list[bool]:
    """For each key, whether every backup taken while it was current has expired: it was
    superseded (the next newer key added) at least `retention` ago. Never the newest."""
    return [False] + [
        newer.added is not None and newer.added + retention <= now for newer in epochs[:-1]
    ]


def retire_after(key_file: Path, retention: timedelta) -> datetime | None:
    """When the next old key may be retired, or None when there is none left to retire."""
    epochs = read(key_file)
    due = [newer.added + retention for newer in epochs[:-1] if newer.added is not None]
    return min(due) if due else None


def retire(key_file: Path, now: datetime, retention: timedelta) -> int:
    """Remove the old keys whose backups have all expired; how many were removed. Every
    data key must already be under the newest key (rotate first)."""
    epochs = read(key_file)
    retirable = _retirable(epochs, now, retention)
    if not any(retirable):
        return 0
    ring = crypto.KeyRing([epochs[0].key])
    stale = sum(not ring.is_current(row.wrapped) for row in db.session.scalars(select(DataKey)))
    if stale:
        raise crypto.KeyConfigurationError(
            f"{stale} data keys are not under the newest key yet; run rotate-keys first."
        )
    write(key_file, [epoch for epoch, retire in zip(epochs, retirable, strict=True) if not retire])
    return sum(retirable)
