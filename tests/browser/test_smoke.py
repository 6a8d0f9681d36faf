from playwright.sync_api import Page

from .conftest import LiveServer, axe_violations, screenshot


def test_sign_in_page_renders_accessibly(live_server: LiveServer, page: Page) -> None:
    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", name="Sign in").is_visible()
    screenshot(page, "sign-in")
    assert axe_violations(page) == []
