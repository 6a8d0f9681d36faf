import logging

from safetyplan.web.security import RedactSecretPaths


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
