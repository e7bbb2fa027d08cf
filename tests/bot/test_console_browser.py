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
from selenium.common.exceptions import (  # noqa: E402
    NoSuchElementException,
    StaleElementReferenceException,
)
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
    """Waits, looking again when the page redrew under a look (a stale element)."""
    return WebDriverWait(
        driver,
        WAIT_SECONDS,
        poll_frequency=0.1,
        ignored_exceptions=(NoSuchElementException, StaleElementReferenceException),
    )


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


def test_a_reply_in_the_bots_thread_is_answered_there(page: WebDriver) -> None:
    type_message(page, "@ukraine-bot who met Witkoff")
    answer = wait_for_bot_message(page, "Steve Witkoff", ".reply")

    answer.find_element(By.CSS_SELECTOR, ".reply-in-thread").click()
    wait(page).until(lambda d: d.find_element(By.ID, "composer-replying").is_displayed())
    type_message(page, "and Putin?")

    follow = wait_for_bot_message(page, "Who met Vladimir Putin?", ".reply")
    assert "in thread" in follow.text
    mine = [m for m in shown_messages(page, ".message.from-you.reply") if "and Putin?" in m.text]
    assert len(mine) == 1  # the reply shows in the thread, not in the channel
    page.find_element(By.ID, "composer-replying-cancel").click()  # back to the channel
    assert not page.find_element(By.ID, "composer-replying").is_displayed()


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


# --- Issue 15: Show more, the modal, the Home tab, a picture ------------------------------------


@pytest.fixture
def quoted_page(
    browser: WebDriver, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[WebDriver]:
    """The console on a fact base with twelve quotes of Witkoff's: an answer of three pages."""
    from knowledge import consolidate
    from tests.factories import article, drones_facts, envoy_facts, quoted_fact_base

    db = str(tmp_path / "quoted.sqlite3")
    with monkeypatch.context() as patch, open_store(db) as store:
        patch.setattr(consolidate, "consolidate", lambda items: quoted_fact_base())
        store.add_articles([(article("envoy"), envoy_facts()), (article("drones"), drones_facts())])
    settings = Settings(_env_file=None, DATABASE_URL=db)  # type: ignore[call-arg]
    with open_store(db) as store, start_console(settings, store, port=0) as running:
        browser.get(running.url)
        wait(browser).until(lambda d: connection(d) == "connected")
        yield browser


def test_show_more_pages_the_answer_in_place(quoted_page: WebDriver) -> None:
    type_message(quoted_page, "/ukraine what did Witkoff say")
    answer = wait_for_bot_message(quoted_page, "Facts 1–5 of", ".ephemeral")
    assert "Point 0 of the plan" in answer.text

    answer.find_element(By.XPATH, ".//button[normalize-space()='Show 5 more']").click()

    page_two = wait_for_bot_message(quoted_page, "Facts 6–10 of", ".ephemeral")
    assert "Point 5 of the plan" in page_two.text and "Point 0 of the plan" not in page_two.text
    assert len(shown_messages(quoted_page, ".message.from-bot")) == 1  # replaced, not added


def test_show_more_in_a_dm_opens_a_modal_with_every_fact(quoted_page: WebDriver) -> None:
    quoted_page.find_element(By.CSS_SELECTOR, ".conversation[data-conversation='dm']").click()
    type_message(quoted_page, "what did Witkoff say")
    answer = wait_for_bot_message(quoted_page, "Point 0 of the plan")

    answer.find_element(By.XPATH, ".//button[starts-with(normalize-space(), 'Show ')]").click()

    modal = wait(quoted_page).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "#modal:not([hidden])")
    )
    assert "The whole answer" in modal.text and "Point 11 of the plan" in modal.text
    modal.find_element(By.XPATH, ".//button[normalize-space()='Close']").click()
    wait(quoted_page).until(lambda d: not d.find_element(By.ID, "modal").is_displayed())


def test_the_subscribe_modal_saves_a_schedule(page: WebDriver) -> None:
    type_message(page, "/ukraine subscribe")
    modal = wait(page).until(lambda d: d.find_element(By.CSS_SELECTOR, "#modal:not([hidden])"))
    assert "Digest schedule" in modal.text
    frequency = modal.find_element(By.CSS_SELECTOR, "[data-block-id='frequency'] select")
    frequency.find_element(By.CSS_SELECTOR, "option[value='weekdays']").click()

    modal.find_element(By.XPATH, ".//button[normalize-space()='Subscribe']").click()

    confirmed = wait_for_bot_message(page, "subscribed this channel")
    assert "every weekday at 09:00" in confirmed.text
    wait(page).until(lambda d: not d.find_element(By.ID, "modal").is_displayed())


def test_the_home_tab_shows_the_base_and_example_questions(page: WebDriver) -> None:
    page.find_element(By.CSS_SELECTOR, ".conversation[data-conversation='home']").click()

    wait(page).until(
        lambda d: "The peace-talks fact base" in d.find_element(By.ID, "messages").text
    )
    shown = page.find_element(By.ID, "messages").text
    assert "2 articles" in shown and "Try asking" in shown and "Your digest subscriptions" in shown
    example = page.find_element(By.CSS_SELECTOR, "#messages .bk-button")

    example.click()  # from the Home tab: the answer comes by DM

    page.find_element(By.CSS_SELECTOR, ".conversation[data-conversation='dm']").click()
    wait_for_bot_message(page, "")


def test_a_picture_is_shown_in_the_channel(page: WebDriver) -> None:
    type_message(page, "/ukraine map Witkoff")

    posted = wait_for_bot_message(page, "Who met Steve Witkoff", ":not(.ephemeral)")
    image = wait(page).until(lambda d: posted.find_element(By.CSS_SELECTOR, "img.bk-image"))
    wait(page).until(lambda d: d.execute_script("return arguments[0].naturalWidth", image) > 0)
    assert page.execute_script("return arguments[0].naturalWidth", image) == 1000
    assert "Vladimir Putin" in str(image.get_attribute("alt"))
    # The asker's "Drawing…" note was replaced in place, not left above the picture.
    wait_for_bot_message(page, "Posted the picture", ".ephemeral")
    assert bot_message_with(page, "Drawing", ".ephemeral") is None
    page.save_screenshot("/tmp/console-picture.png")
