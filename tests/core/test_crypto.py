"""The envelope: known-answer vector, round trips, and every way a ciphertext can be wrong."""

from __future__ import annotations

import secrets
import stat

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetyplan.core import crypto

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
AAD = crypto.associated_data("t", "c", "r1")
# Sealed once with KEY and the nonce 100..111; the format must keep opening it.
KNOWN_ENVELOPE = bytes.fromhex(
    "0177c3c0584fa75e876465666768696a6b6c6d6e6f207eb20a16c926f25f0ce32164d5f23a9c3537822b279f7c6063"
)


def test_known_answer_vector_opens() -> None:
    assert crypto.open_sealed([KEY], KNOWN_ENVELOPE, AAD) == b"hello plan"


def test_envelope_layout_is_version_key_id_nonce_ciphertext() -> None:
    sealed = crypto.seal(KEY, b"x", AAD)
    assert sealed[0] == crypto.VERSION
    assert sealed[1:9] == crypto.key_id(KEY)
    assert len(sealed) == 1 + 8 + 12 + 1 + 16


def test_nonces_are_fresh_each_time() -> None:
    assert crypto.seal(KEY, b"same", AAD) != crypto.seal(KEY, b"same", AAD)


@given(st.binary(max_size=2000), st.text(max_size=50))
def test_round_trip(plaintext: bytes, row_id: str) -> None:
    aad = crypto.associated_data("table", "column", row_id)
    assert crypto.open_sealed([OTHER_KEY, KEY], crypto.seal(KEY, plaintext, aad), aad) == plaintext


@given(st.binary(min_size=1, max_size=200), st.data())
def test_any_flipped_bit_is_refused(plaintext: bytes, data: st.DataObject) -> None:
    sealed = bytearray(crypto.seal(KEY, plaintext, AAD))
    bit = data.draw(st.integers(0, len(sealed) * 8 - 1))
    sealed[bit // 8] ^= 1 << (bit % 8)
    with pytest.raises(crypto.DecryptionError):
        crypto.open_sealed([KEY], bytes(sealed), AAD)


@given(st.binary(max_size=200), st.data())
def test_truncated_input_is_refused(plaintext: bytes, data: st.DataObject) -> None:
    sealed = crypto.seal(KEY, plaintext, AAD)
    cut = data.draw(st.integers(0, len(sealed) - 1))
    with pytest.raises(crypto.DecryptionError):
        crypto.open_sealed([KEY], sealed[:cut], AAD)


@pytest.mark.parametrize(
    "aad",
    [
        crypto.associated_data("t", "c", "r2"),  # another row
        crypto.associated_data("t", "d", "r1"),  # another column
        crypto.associated_data("u", "c", "r1"),  # another table
    ],
)
def test_wrong_place_is_refused(aad: bytes) -> None:
    with pytest.raises(crypto.DecryptionError):
        crypto.open_sealed([KEY], crypto.seal(KEY, b"secret", AAD), aad)


def test_wrong_key_is_refused() -> None:
    with pytest.raises(crypto.DecryptionError):
        crypto.open_sealed([OTHER_KEY], crypto.seal(KEY, b"secret", AAD), AAD)


def test_keyring_wraps_with_newest_and_unwraps_with_older() -> None:
    old = crypto.KeyRing([KEY])
    wrapped = old.wrap(b"k" * 32, "dk1")
    rotated = crypto.KeyRing([OTHER_KEY, KEY])
    assert rotated.unwrap(wrapped, "dk1") == b"k" * 32
    assert not rotated.is_current(wrapped)
    assert rotated.is_current(rotated.wrap(b"k" * 32, "dk1"))
    with pytest.raises(crypto.DecryptionError):
        rotated.unwrap(wrapped, "dk2")


def test_keyring_keeps_no_unwrapped_data_keys() -> None:
    """A shredded young person's data key must not live on in the process-wide key ring,
    whatever form a cache might take: nothing reachable from the ring holds it."""
    data_key = secrets.token_bytes(32)
    ring = crypto.KeyRing([KEY])
    assert ring.unwrap(ring.wrap(data_key, "dk1"), "dk1") == data_key
    seen: set[int] = set()

    def holds_the_key(value: object, depth: int = 0) -> bool:
        if id(value) in seen or depth > 6:
            return False
        seen.add(id(value))
        if isinstance(value, bytes | bytearray | memoryview):
            return data_key in bytes(value)
        if isinstance(value, dict):
            return any(holds_the_key(item, depth + 1) for pair in value.items() for item in pair)
        if isinstance(value, list | tuple | set | frozenset):
            return any(holds_the_key(item, depth + 1) for item in value)
        inner = getattr(value, "__dict__", None)
        wrapped = getattr(value, "__wrapped__", None)
        return bool(inner and holds_the_key(inner, depth + 1)) or bool(
            wrapped and holds_the_key(getattr(wrapped, "__dict__", {}), depth + 1)
        )

    assert not holds_the_key(ring)
    assert not holds_the_key(type(ring).__dict__)


def test_key_file_is_created_private_and_reused(tmp_path) -> None:
    path = tmp_path / "instance" / "keys"
    ring = crypto.load_keyring(None, path, create=True)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert crypto.load_keyring(None, path, create=False).keys == ring.keys


def test_missing_key_file_for_existing_data_is_an_error(tmp_path) -> None:
    with pytest.raises(crypto.KeyConfigurationError, match="missing"):
        crypto.load_keyring(None, tmp_path / "keys", create=False)


def test_readable_key_file_is_refused(tmp_path) -> None:
    path = tmp_path / "keys"
    crypto.load_keyring(None, path, create=True)
    path.chmod(0o644)
    with pytest.raises(crypto.KeyConfigurationError, match="chmod 600"):
        crypto.load_keyring(None, path, create=False)


@pytest.mark.parametrize("value", ["not-base64!!", crypto.encode_key(b"short")])
def test_bad_keys_in_environment_are_refused(value: str, tmp_path) -> None:
    with pytest.raises(crypto.KeyConfigurationError):
        crypto.load_keyring(value, tmp_path / "keys", create=True)


def test_lookup_hash_ignores_case_and_spacing() -> None:
    assert crypto.lookup_hash(KEY, " Sam@Example.org ") == crypto.lookup_hash(
        KEY, "sam@example.org"
    )
    assert crypto.lookup_hash(KEY, "a") != crypto.lookup_hash(OTHER_KEY, "a")
