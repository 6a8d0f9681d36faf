"""Static files are fetched once and kept: their URLs carry a fingerprint of their content,
so a year's caching never serves an old stylesheet or script after a release."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from flask.testing import FlaskClient

STATIC = Path(__file__).resolve().parents[2] / "static"


def test_pages_link_fingerprinted_static_files_cached_for_a_year(client: FlaskClient) -> None:
    page = client.get("/").text
    links = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)
    assert {link.split("?")[0] for link in links} >= {
        "/static/app.css",
        "/static/app.js",
        "/static/icon.svg",
    }
    for link in links:
        path, _, query = link.partition("?")
        content = (STATIC / path.removeprefix("/static/")).read_bytes()
        assert query == "v=" + hashlib.sha256(content).hexdigest()[:12]
        response = client.get(link)
        assert response.status_code == 200
        assert "max-age=31536000" in response.headers["Cache-Control"]
        assert "no-store" not in response.headers["Cache-Control"]
