"""After the run (this module runs last): nginx's and gunicorn's logs hold no secret and no
personal data that the journeys planted, and logging never failed."""

from __future__ import annotations

from .conftest import Stage


def test_logs_hold_no_secrets_and_no_logging_errors(stage: Stage) -> None:
    assert len(stage.planted) > 10, "run the whole stage: the journeys plant what is looked for"
    access_logs = [log for log in stage.logs if log.name.endswith("access.log")]
    assert len(access_logs) == 3
    for log in access_logs:  # both instances served, and nginx logged every request
        assert "/staff/sign-in" in log.read_text(), log.name
    problems = []
    for log in stage.logs:
        text = log.read_text() if log.exists() else ""
        problems += [f"{log.name}: {secret!r}" for secret in stage.planted if secret in text]
        for failure in ("Logging error", "Traceback", "?"):
            if failure in text:
                problems.append(f"{log.name}: {failure!r}")
    assert problems == []
