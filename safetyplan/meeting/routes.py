"""Plain-language pages about the multi-agency meeting (issue 6)."""

from . import bp  # noqa: F401
