"""PDFs made on the server with WeasyPrint (a maintained HTML-to-PDF library), for the case
record. It reads only this app's own static files from disk: it fetches nothing, so a page
can't make the server request another address."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import current_app
from weasyprint import HTML
from weasyprint.urls import URLFetcher


class OwnFilesOnly(URLFetcher):  # type: ignore[misc]
    def __init__(self, folder: Path, url_path: str):
        super().__init__(allowed_protocols=("file",))
        self.folder = folder.resolve()
        self.prefix = url_path.rstrip("/") + "/"

    def fetch(self, url: str, headers: Any = None) -> Any:
        path = urlsplit(url).path
        file = (self.folder / path.removeprefix(self.prefix)).resolve()
        if not path.startswith(self.prefix) or self.folder not in file.parents:
            raise ValueError(f"a PDF may only use the app's own files, not {url}")
        return super().fetch(file.as_uri(), headers)


def pdf_from_html(html: str) -> bytes:
    fetcher = OwnFilesOnly(
        Path(current_app.static_folder or "static"), current_app.static_url_path or "/static"
    )
    pdf: bytes = HTML(string=html, base_url="http://app.invalid/", url_fetcher=fetcher).write_pdf()
    return pdf
