"""A trusted adult's read-only view of shared sections (issue 5)."""

from . import bp  # noqa: F401
