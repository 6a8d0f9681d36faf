"""The one clock. Times are stored as naive UTC (`db.utcnow`); people live in UK time, so
"today" and every date or time shown is in Europe/London, whatever the server's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def today() -> date:
    """Today's date in the UK (not the server's zone: just after midnight in summer, UTC
    is still yesterday)."""
    return datetime.now(LONDON).date()


def in_london(moment: datetime) -> datetime:
    """A stored (naive UTC) time as UK local time."""
    return moment.replace(tzinfo=UTC).astimezone(LONDON)
