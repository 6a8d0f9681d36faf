"""PDFs read only the app's own static files: nothing fetched, nothing outside static/."""

from __future__ import annotations

from pathlib import Path

import pytest

from safetyplan.web.pdf import OwnFilesOnly

STATIC = Path(__file__).resolve().parents[2] / "static"


def test_only_the_apps_own_files_are_read() -> None:
    fetcher = OwnFilesOnly(STATIC, "/static")
    stylesheet = fetcher.fetch("http://app.invalid/static/document.css?v=1")
    assert b"@page" in stylesheet.read()
    for elsewhere in (
        "http://127.0.0.1:9/other/document.css",
        "http://app.invalid/static/../requirements.txt",
        "file:///etc/passwd",
    ):
        with pytest.raises(ValueError, match="own files"):
            fetcher.fetch(elsewhere)
