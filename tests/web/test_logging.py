"""Request logs carry no secrets: werkzeug's (the development server) and gunicorn's access
log, built by gunicorn's own logger from a request as gunicorn records it."""

from __future__ import annotations

import logging
import runpy
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from flask import Flask
from gunicorn.config import Config
from gunicorn.glogging import Logger

from safetyplan.web.security import RedactSecretPaths

ROOT = Path(__file__).resolve().parents[2]
SHIPPED_FORMAT = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))["access_log_format"]
GUNICORN_DEFAULT_FORMAT = Config().access_log_format
SECRETS = ("SECRETTOKEN123", "ABCDE-FGHJK", "SESSIONID987", "NEWSESSION654", "Zephyrine")


def test_share_tokens_and_codes_are_redacted_from_request_logs() -> None:
    record = logging.LogRecord(
        "werkzeug",
        logging.INFO,
        __file__,
        1,
        '%s - - "%s" %s',
        ("127.0.0.1", "GET /s/SECRETTOKEN123?x=1 HTTP/1.1", "200"),
        None,
    )
    RedactSecretPaths().filter(record)
    assert "SECRETTOKEN123" not in record.getMessage()
    assert "/s/[redacted]" in record.getMessage()
    record = logging.LogRecord(
        "werkzeug", logging.INFO, __file__, 1, "GET /notes/start/ABCDEFGHJK HTTP/1.1", None, None
    )
    RedactSecretPaths().filter(record)
    assert "ABCDEFGHJK" not in record.getMessage()


def test_query_strings_are_redacted_from_request_logs() -> None:
    record = logging.LogRecord(
        "werkzeug",
        logging.INFO,
        __file__,
        1,
        '"%s" %s',
        ("GET /staff/?q=Zephyrine&page=2 HTTP/1.1", "200"),
        None,
    )
    RedactSecretPaths().filter(record)
    assert record.getMessage() == '"GET /staff/?[redacted] HTTP/1.1" 200'


def gunicorn_access_line(tmp_path: Path, access_log_format: str, path: str, query: str) -> str:
    """One request through gunicorn's own access logger, as its worker calls it, and the
    line it wrote to the access log file."""
    config = Config()
    config.set("accesslog", str(tmp_path / "access.log"))
    config.set("access_log_format", access_log_format)
    logger = Logger(config)
    request_headers = [
        ("HOST", "plan.example.org"),
        ("COOKIE", "__Host-session=SESSIONID987"),
        ("REFERER", "https://plan.example.org/notes/start/ABCDE-FGHJK"),
        ("USER-AGENT", "Mozilla/5.0 (Zephyrine's phone)"),
    ]
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"{path}?{query}" if query else path,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_COOKIE": "__Host-session=SESSIONID987",
        "HTTP_REFERER": "https://plan.example.org/notes/start/ABCDE-FGHJK",
        "HTTP_USER_AGENT": "Mozilla/5.0 (Zephyrine's phone)",
    }
    response = SimpleNamespace(
        status="200 OK", sent=5120, headers=[("Set-Cookie", "__Host-session=NEWSESSION654")]
    )
    request = SimpleNamespace(headers=request_headers)
    logger.access(response, request, environ, timedelta(milliseconds=12))
    for handler in logger.access_log.handlers:
        handler.flush()
    return (tmp_path / "access.log").read_text()


@pytest.mark.parametrize(
    "access_log_format",
    [SHIPPED_FORMAT, GUNICORN_DEFAULT_FORMAT],
    ids=["shipped-format", "gunicorn-default-format"],
)
@pytest.mark.parametrize(
    ("path", "query"),
    [("/s/SECRETTOKEN123", ""), ("/staff/", "q=Zephyrine")],
    ids=["share-link", "search"],
)
def test_gunicorn_access_log_works_and_holds_no_secrets(
    app: Flask,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    access_log_format: str,
    path: str,
    query: str,
) -> None:
    line = gunicorn_access_line(tmp_path, access_log_format, path, query)
    printed = capsys.readouterr()
    assert "Logging error" not in printed.err + printed.out
    assert '"GET /s/[redacted]' in line or '"GET /staff/' in line
    assert " 200 " in line
    for secret in SECRETS:
        assert secret not in line + printed.err + printed.out
