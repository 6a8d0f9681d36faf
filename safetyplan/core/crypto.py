"""Encryption at rest: one envelope format, AES-256-GCM, no Flask.

Envelope (bytes): version (1 byte) | key id (8 bytes) | nonce (12 bytes) | ciphertext+tag.
The key id is a fingerprint of the key that sealed it, so a reader holding several keys (key
rotation) knows which one to use. The associated data binds a ciphertext to its place
(table, column, row id), so a value copied to another row or column will not open.

Personal fields are sealed with a per-owner data key; data keys are sealed ("wrapped") with a
key-encryption key that lives outside the database.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import secrets
import stat
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

VERSION = 1
KEY_BYTES = 32
NONCE_BYTES = 12
KEY_ID_BYTES = 8
_HEADER_BYTES = 1 + KEY_ID_BYTES + NONCE_BYTES


class DecryptionError(Exception):
    """A ciphertext could not be opened: wrong key, wrong place, or tampered with."""


class KeyConfigurationError(Exception):
    """The key-encryption keys are missing or unusable. The message is one plain sentence."""


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def key_id(key: bytes) -> bytes:
    return hashlib.sha256(b"safetyplan key id" + key).digest()[:KEY_ID_BYTES]


def associated_data(table: str, column: str, row_id: str) -> bytes:
    return f"{table}\x1f{column}\x1f{row_id}".encode()


def seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = secrets.token_bytes(NONCE_BYTES)
    header = bytes([VERSION]) + key_id(key) + nonce
    return header + AESGCM(key).encrypt(nonce, plaintext, header + aad)


def open_sealed(keys: Iterable[bytes], envelope: bytes, aad: bytes) -> bytes:
    """Open an envelope with whichever of `keys` sealed it; raise DecryptionError otherwise."""
    if len(envelope) < _HEADER_BYTES + 16 or envelope[0] != VERSION:
        raise DecryptionError("not a safetyplan envelope")
    header, wanted_id = envelope[:_HEADER_BYTES], envelope[1 : 1 + KEY_ID_BYTES]
    nonce = envelope[1 + KEY_ID_BYTES : _HEADER_BYTES]
    for key in keys:
        if hmac.compare_digest(key_id(key), wanted_id):
            try:
                return AESGCM(key).decrypt(nonce, envelope[_HEADER_BYTES:], header + aad)
            except InvalidTag as error:
                raise DecryptionError("ciphertext does not verify") from error
    raise DecryptionError("no key for this envelope")


def wrap_aad(data_key_id: str) -> bytes:
    return associated_data("data_key", "wrapped", data_key_id)


class KeyRing:
    """Key-encryption keys, newest first. Wraps data keys with the newest, unwraps with any."""

    def __init__(self, keys: list[bytes]):
        if not keys:
            raise KeyConfigurationError("No encryption key is configured.")
        if any(len(key) != KEY_BYTES for key in keys):
            raise KeyConfigurationError("Each encryption key must be 32 bytes, base64 encoded.")
        self.keys = tuple(keys)

    @property
    def newest(self) -> bytes:
        return self.keys[0]

    def wrap(self, data_key: bytes, data_key_id: str) -> bytes:
        return seal(self.newest, data_key, wrap_aad(data_key_id))

    def unwrap(self, wrapped: bytes, data_key_id: str) -> bytes:
        # Never cached here: a deleted young person's key must not outlive their row.
        return open_sealed(self.keys, wrapped, wrap_aad(data_key_id))

    def is_current(self, wrapped: bytes) -> bool:
        return wrapped[1 : 1 + KEY_ID_BYTES] == key_id(self.newest)


def encode_key(key: bytes) -> str:
    return base64.urlsafe_b64encode(key).decode()


def decode_keys(text: str) -> list[bytes]:
    """Parse keys written newest first, separated by commas, spaces or new lines."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    parts = " ".join(lines).replace(",", " ").split()
    try:
        return [base64.urlsafe_b64decode(part) for part in parts]
    except (binascii.Error, ValueError) as error:
        raise KeyConfigurationError("An encryption key is not valid base64.") from error


def load_keyring(env_value: str | None, key_file: Path, create: bool) -> KeyRing:
    """Keys come from SAFETYPLAN_KEYS when set, otherwise from the instance key file.

    The key file is created (mode 0600) only when `create` is true, that is when the database
    holds no encrypted data yet; otherwise a missing file must stop the app, not start afresh.
    """
    if env_value:
        return KeyRing(decode_keys(env_value))
    if not key_file.exists():
        if not create:
            raise KeyConfigurationError(
                f"The key file {key_file} is missing, so existing data cannot be read; "
                "restore it or set SAFETYPLAN_KEYS."
            )
        key_file.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write("# safetyplan key-encryption keys, newest first. Keep secret.\n")
            # When each key was added: retiring old keys depends on it (core/key_epochs.py).
            added = datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds")
            handle.write(f"# added {added}\n")
            handle.write(encode_key(new_key()) + "\n")
    if key_file.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyConfigurationError(
            f"The key file {key_file} can be read by other users; run: chmod 600 {key_file}"
        )
    return KeyRing(decode_keys(key_file.read_text()))


def lookup_hash(index_key: bytes, value: str) -> str:
    """A keyed hash for finding a row by an encrypted value (email, username) without
    decrypting every row. Normalised so that case and outer spaces do not matter."""
    normalised = " ".join(value.split()).casefold()
    return hmac.new(index_key, normalised.encode(), hashlib.sha256).hexdigest()


def token_hash(token: str) -> str:
    """Hash of a high-entropy secret (session id, share token, sign-in code) for storage."""
    return hashlib.sha256(token.encode()).hexdigest()
