"""Forms that edit a record two people, or two phones, may have open at once carry the
version they were opened at. A save from an older version is not applied: the page shows
what was typed with a note to check it against the latest and save again (as a section's
conflict page does), so no one silently undoes someone else's change (the note: `_forms.html`,
changed_meanwhile)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable


def version_of(parts: Iterable[object]) -> str:
    """A short token that changes whenever any of the parts (values or a last-saved time)
    changes."""
    text = "\x1f".join("" if part is None else str(part) for part in parts)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def changed_meanwhile(posted: str | None, current: str) -> bool:
    # As bytes: compare_digest refuses a str with non-ASCII characters (a forged version).
    return not hmac.compare_digest((posted or "").encode(), current.encode())
