"""The deployment stage (`make deploy-test`): the app as a council runs it, started once for
the session by deploy/stage.py (nginx with TLS before two gunicorn instances, PostgreSQL and
redis-server) and stopped at the end."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from deploy import stage as deployed
from deploy.stage import Answer, Stage

from ..browser.conftest import (
    ARTIFACTS,
    NEUTRAL_URL,
    PHONE,
    answer_neutral_site,
    browser,
)

__all__ = ["Answer", "Stage", "browser"]  # browser: the browser tests' one Chromium
HTTPS_PORT = int(os.environ.get("DEPLOY_HTTPS_PORT", "8443"))
PUBLIC_HOST = f"127.0.0.1:{HTTPS_PORT}"
# Per hour, per client address, for the whole service. The journeys sign in from 127.0.0.1
# through nginx a few times; the rate-limit test uses addresses of its own.
SIGN_IN_LIMIT = 10
STAFF = {
    "manager": ("manager@example.org", "Morgan Manager", "manager passphrase for the stage"),
    "worker": ("worker@example.org", "Sam Worker", "worker passphrase for the stage"),
    "leaver": ("leaver@example.org", "Robin Leaver", "leaver passphrase for the stage"),
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the stage's tests; skip them unless `-m` asks for them (they start servers);
    and check the logs last, after everything else has written to them."""
    chosen = "deploy" in (config.getoption("markexpr") or "")
    for item in items:
        if "tests/deploy" in str(item.fspath):
            item.add_marker(pytest.mark.deploy)
            if not chosen:
                item.add_marker(pytest.mark.skip(reason="the deployment stage: make deploy-test"))
    items.sort(key=lambda item: item.fspath.basename == "test_logs.py")


@pytest.fixture(scope="session")
def stage() -> Iterator[Stage]:
    with deployed.running(
        https_port=HTTPS_PORT,
        redis_port=int(os.environ.get("DEPLOY_REDIS_PORT", "6390")),
        pgport=os.environ.get("DEPLOY_PGPORT", "54355"),
        settings={
            "SAFETYPLAN_EXIT_URL": NEUTRAL_URL,
            "SAFETYPLAN_SIGN_IN_RATE_LIMIT": f"{SIGN_IN_LIMIT} per hour",
        },
        staff=STAFF,
        keep_logs_in=ARTIFACTS / "deploy",
    ) as running:
        yield running


@pytest.fixture
def new_phone(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Another person's browser, trusting the stage's throw-away certificate."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> Page:
        context = browser.new_context(
            viewport=options.pop("viewport", PHONE), ignore_https_errors=True, **options
        )
        answer_neutral_site(context)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
