"""Key epochs with a nightly rotation: an old key goes only once every backup taken while it
was current has expired, however often new keys start."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from safetyplan.core import crypto, key_epochs

RETENTION = timedelta(days=35)


def test_keys_retire_one_by_one_as_their_backups_expire(tmp_path: Path) -> None:
    key_file = tmp_path / "keys"
    first = datetime(2026, 1, 1)
    epochs = [key_epochs.Epoch(crypto.new_key(), first + timedelta(days=day)) for day in (2, 1, 0)]
    key_epochs.write(key_file, epochs)
    assert key_epochs.read(key_file) == epochs
    assert key_file.stat().st_mode & 0o077 == 0
    # The oldest key was superseded on day 1, the next on day 2.
    assert key_epochs.retire_after(key_file, RETENTION) == first + timedelta(days=36)
    assert key_epochs._retirable(epochs, first + timedelta(days=36), RETENTION) == [
        False,
        False,
        True,
    ]
    assert key_epochs._retirable(epochs, first + timedelta(days=37), RETENTION) == [
        False,
        True,
        True,
    ]
    assert key_epochs._retirable(epochs, first + timedelta(days=35), RETENTION) == [False] * 3


def test_a_key_file_from_before_epochs_still_reads(tmp_path: Path) -> None:
    key_file = tmp_path / "keys"
    key = crypto.new_key()
    key_file.write_text(f"# safetyplan keys\n{crypto.encode_key(key)}\n")
    assert key_epochs.read(key_file) == [key_epochs.Epoch(key, None)]
    assert key_epochs.retire_after(key_file, RETENTION) is None
