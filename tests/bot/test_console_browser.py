"""The local console's page in a real headless Chromium: what a person sees and clicks.

Skipped when Debian's chromium or chromedriver is missing, unless REQUIRE_BROWSER=1, which
makes their absence a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SCREENSHOT = Path("/tmp/console.png")

_missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
if _missing:
    reason = f"no headless browser: {', '.join(_missing)} missing (apt-get install chromium "
    reason += "chromium-driver)"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.remote.webelement import WebElement  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from bot.console import start_console  # noqa: E402
from bot.settings import Settings  # noqa: E402
from knowledge.store import open_store  # noqa: E402

WAIT_SECONDS = 10


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-proxy-server",
        "--window-size=1280,900",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def page(browser: WebDriver, hand_built_db: str) -> Iterator[WebDriver]:
    """The console's page, open in the browser, on a console of its own."""
    settings = Settings(_env_file=None, DATABASE_URL=hand_built_db)  # type: ignore[call-arg]
    with open_store(hand_built_db) as store, start_console(settings, store, port=0) as running:
        browser.get(running.url)
        wait(browser).until(lambda d: connection(d) == "connected")
        yield browser


def wait(driver: WebDriver) -> WebDriverWait[WebDriver]:
    return WebDriverWait(driver, WAIT_SECONDS, poll_frequency=0.1)


def connection(driver: WebDriver) -> str:
    return str(driver.find_element(By.ID, "connection").text)


def type_message(driver: WebDriver, text: str) -> None:
    composer = driver.find_element(By.ID, "composer-input")
    composer.send_keys(text, Keys.ENTER)


def shown_messages(driver: WebDriver, selector: str = ".message") -> list[WebElement]:
    return list(driver.find_elements(By.CSS_SELECTOR, f"#messages {selector}"))


def bot_message_with(driver: WebDriver, text: str, selector: str = "") -> WebElement | None:
    return next(
        (m for m in shown_messages(driver, f".message.from-bot{selector}") if text in m.text),
        None,
    )


def wait_for_bot_message(driver: WebDriver, text: str, selector: str = "") -> WebElement:
    """The bot's message containing `text` (and matching `selector`), once it is shown."""
    found = wait(driver).until(lambda d: bot_message_with(d, text, selector))
    assert found is not None
    return found


def test_slash_command_answer_can_be_shared_in_the_channel(page: WebDriver) -> None:
    type_message(page, "/ukraine who met Witkoff")

    answer = wait_for_bot_message(page, "Steve Witkoff", ".ephemeral")
    assert "Only visible to you" in answer.text
    share = answer.find_element(By.XPATH, ".//button[normalize-space()='Share in channel']")

    share.click()

    shared = wait_for_bot_message(page, "Shared by", ":not(.ephemeral)")
    assert "Steve Witkoff" in shared.text
    assert "Shared by @you" in shared.text
    assert "Only visible to you" not in shared.text
    wait(page).until(lambda d: not shown_messages(d, ".message.from-bot.ephemeral"))
    page.save_screenshot(str(SCREENSHOT))  # for people to look at, not an assertion


def test_mention_is_answered_in_the_thread(page: WebDriver) -> None:
    type_message(page, "@ukraine-bot who is Umerov")

    reply = wait_for_bot_message(page, "Umerov", ".reply")

    assert "in thread" in reply.text
    question = reply.find_element(By.XPATH, "preceding-sibling::div[contains(@class, 'message')]")
    assert "@ukraine-bot who is Umerov" in question.text
    assert "reply" not in str(question.get_attribute("class"))


def test_direct_message_is_answered_in_the_dm(page: WebDriver) -> None:
    page.find_element(By.CSS_SELECTOR, ".conversation[data-conversation='dm']").click()
    type_message(page, "who met Witkoff")

    reply = wait_for_bot_message(page, "Steve Witkoff")

    assert "in thread" not in reply.text
    assert page.find_element(By.ID, "conversation-title").text == "ukraine-bot"


def test_markup_in_a_question_shows_literally(page: WebDriver) -> None:
    type_message(page, "@ukraine-bot <b>x</b> <!channel> who met Witkoff")

    wait_for_bot_message(page, "Witkoff", ".reply")

    question = next(m for m in shown_messages(page, ".message.from-you") if "<b>x</b>" in m.text)
    assert "<b>x</b> <!channel> who met Witkoff" in question.text
    assert page.find_elements(By.CSS_SELECTOR, "#messages b") == []
    assert page.find_elements(By.CSS_SELECTOR, "#messages .broadcast") == []
