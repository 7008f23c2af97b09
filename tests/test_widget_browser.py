"""The demo page and its chat widget in headless Chromium, against the real bot.

Debian's Chromium (/usr/bin/chromium, installed by `make setup`) driven by Playwright for Python
(never `playwright install`). The bot, the action server and the page run as in `make run`, on
free ports, with BOT_TODAY=2025-08-05 and the seed offers (shared with test_socketio_channel.py).
Screenshots go to tests/artifacts/widget.png and tests/artifacts/widget-mobile.png.
"""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest

from bot.launch import Stack
from tests.network import TcpRelay, free_port
from tests.test_socketio_channel import ARTIFACTS, running_stack

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
REPLY_MS = 60_000

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (requirements.txt) manque : make setup")


@pytest.fixture(scope="module")
def stack(request: pytest.FixtureRequest):
    return running_stack(request.config)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} manque : `make setup` l'installe (apt-get install chromium chromium-driver)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Tab:
    """A page in a fresh browser context (its own localStorage), recording script errors and dialogs."""

    def __init__(self, browser, url: str, width: int = 1280, height: int = 800, prepare=None):
        self.context = browser.new_context(viewport={"width": width, "height": height}, locale="fr-FR",
                                           timezone_id="Pacific/Noumea")
        if prepare:
            prepare(self.context)
        self.page = self.context.new_page()
        self.url = url
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda message: self.console.append(f"{message.type}: {message.text}"))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.goto(url)

    @property
    def log(self):
        return self.page.locator(".ncchat-log")

    def open_widget(self) -> None:
        launcher = self.page.locator(".ncchat-launcher")
        if launcher.get_attribute("aria-expanded") != "true":
            launcher.click()
        sync_api.expect(self.page.locator("#ncchat-panel")).to_be_visible()

    def wait_online(self) -> None:
        try:
            sync_api.expect(self.page.locator(".ncchat-status")).to_have_text(re.compile("^En ligne"), timeout=REPLY_MS)
        except AssertionError as error:
            raise AssertionError(f"{error}\nconsole : {self.console[-10:]}") from None

    def bot_messages(self):
        return self.page.locator(".ncchat-message--bot:not(.ncchat-welcome) .ncchat-bubble")

    def ask(self, text: str) -> str:
        """Types and sends with Enter; returns the text of the bot's answer."""
        before = self.bot_messages().count()
        self.page.locator(".ncchat-input").fill(text)
        self.page.locator(".ncchat-input").press("Enter")
        return self.next_answer(before)

    def next_answer(self, before: int) -> str:
        sync_api.expect(self.bot_messages()).to_have_count(before + 1, timeout=REPLY_MS)
        self.page.wait_for_timeout(300)  # a turn may send several messages
        return "\n".join(self.bot_messages().all_inner_texts()[before:])

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tab(browser, stack):
    opened = Tab(browser, f"http://127.0.0.1:{stack.web_port}/")
    yield opened
    opened.close()
    assert not opened.errors, f"erreurs JavaScript : {opened.errors}"


def test_page_and_widget_are_accessible(tab: Tab):
    page = tab.page
    assert page.title() == "Offres d'emploi public — Nouvelle-Calédonie"
    sync_api.expect(page.locator("h1")).to_have_text("Offres d'emploi public — Nouvelle-Calédonie")
    launcher = page.locator(".ncchat-launcher")
    assert launcher.get_attribute("aria-label") == "Ouvrir l'assistant"
    assert launcher.get_attribute("aria-expanded") == "false"
    box = launcher.bounding_box()
    assert box["x"] > 1280 / 2 and box["y"] > 800 / 2, "le bouton de l'assistant est en bas à droite"
    tab.open_widget()
    assert launcher.get_attribute("aria-expanded") == "true"
    log = page.locator("[role=log]")
    assert log.get_attribute("aria-live") == "polite" and log.get_attribute("aria-label")
    assert page.locator(".ncchat-input").get_attribute("aria-label") == "Votre message"
    assert page.locator(".ncchat-send").get_attribute("aria-label") == "Envoyer"
    assert page.get_by_role("button", name="Fermer l'assistant").count() >= 1
    panel = page.locator("#ncchat-panel").bounding_box()
    assert panel["x"] + panel["width"] <= 1280 and panel["y"] + panel["height"] <= 800
    page.keyboard.press("Escape")
    sync_api.expect(page.locator("#ncchat-panel")).to_be_hidden()
    # only local files: the socket.io client is ours, no CDN
    scripts = page.eval_on_selector_all("script[src]", "nodes => nodes.map(n => n.getAttribute('src'))")
    assert scripts == ["/vendor/socket.io.min.js", "/widget.js"]
    assert page.evaluate("typeof window.io") == "function"


def test_conversation_buttons_and_reload(tab: Tab):
    page = tab.page
    tab.open_widget()
    tab.wait_online()
    # the typing indicator shows while the bot is answering
    page.evaluate("""() => {
        window.__typingSeen = false;
        const typing = document.querySelector('.ncchat-typing');
        new MutationObserver(() => { if (!typing.hidden) window.__typingSeen = true; })
            .observe(typing, {attributes: true, attributeFilter: ['hidden']});
    }""")
    assert "8 août 2025" in tab.ask("date limite pour le chef de service ?")
    assert page.evaluate("window.__typingSeen") is True
    sync_api.expect(page.locator(".ncchat-typing")).to_be_hidden()

    # a new conversation, where the question is ambiguous: the bot offers buttons
    page.get_by_role("button", name="Nouvelle conversation").click()
    sync_api.expect(page.locator(".ncchat-message:not(.ncchat-welcome)")).to_have_count(0)
    listed = tab.ask("quels postes d'attaché à Nouméa ?")
    assert "2 offres" in listed
    tab.ask("c'est quoi la date limite ?")  # which offer? the bot asks, with a button per offer
    chips = page.locator(".ncchat-message--bot .ncchat-chip")
    sync_api.expect(chips).to_have_count(2)
    assert chips.all_inner_texts() == ["1. Chef de service", "2. Chargé(e) de mission pour les relations multilatérales"]
    before = tab.bot_messages().count()
    chips.first.click()
    answer = tab.next_answer(before)
    assert "Chef de service" in answer and "8 août 2025" in answer
    users = page.locator(".ncchat-message--user .ncchat-bubble")
    assert users.last.inner_text() == "1. Chef de service", "le titre du bouton s'affiche, pas sa charge utile"
    assert "/choose" not in tab.log.inner_text()
    sync_api.expect(page.locator(".ncchat-message--bot .ncchat-chip")).to_have_count(0)
    times = page.locator(".ncchat-meta time").all_inner_texts()
    assert times and all(re.fullmatch(r"\d\d:\d\d", t) for t in times), times
    shown_before_reload = tab.log.inner_text()

    # a reload shows the conversation again, and the bot still knows which offer we talk about
    page.reload()
    tab.open_widget()
    assert tab.log.inner_text() == shown_before_reload
    tab.wait_online()
    assert "25-58915" in tab.ask("et sa référence ?")
    page.locator(".ncchat-input").fill("comment postuler ?")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "widget.png"))


def test_markup_and_script_links_show_as_text(tab: Tab):
    page = tab.page
    tab.open_widget()
    tab.wait_online()
    typed = '<script>alert(1)</script> <img src=x onerror=alert(2)> javascript:alert(3) [ici](javascript:alert(4))'
    tab.ask(typed)
    assert page.locator(".ncchat-message--user .ncchat-bubble").last.inner_text() == typed
    # a bot message with markup, a javascript: link, an http link and a button with markup
    page.evaluate("""() => window.NcChat.showBotMessage({
        text: 'Voir <script>alert(5)</script> <a href="javascript:alert(6)">ici</a> javascript:alert(7) '
              + 'ou https://example.org/offres?id=1&x=2.',
        quick_replies: [{title: '<b>gras</b>', payload: '/greet'}]})""")
    bubble = tab.bot_messages().last
    sync_api.expect(bubble).to_contain_text('<script>alert(5)</script> <a href="javascript:alert(6)">ici</a>')
    widget = page.locator(".ncchat")
    assert widget.locator("script, img, b, iframe").count() == 0
    assert widget.locator("a[href^='javascript' i]").count() == 0
    links = bubble.locator("a")
    assert links.count() == 1
    assert links.first.get_attribute("href") == "https://example.org/offres?id=1&x=2"
    assert links.first.inner_text() == "https://example.org/offres?id=1&x=2"
    assert "noopener" in links.first.get_attribute("rel")
    sync_api.expect(page.locator(".ncchat-chip")).to_have_text(["<b>gras</b>"])
    page.wait_for_timeout(300)
    assert tab.dialogs == []


def test_phone_screen(browser, stack):
    phone = Tab(browser, f"http://127.0.0.1:{stack.web_port}/", width=360, height=740)
    try:
        page = phone.page
        phone.open_widget()
        phone.wait_online()
        assert "8 août 2025" in phone.ask("date limite pour le chef de service ?")
        phone.ask("quels postes d'attaché à Nouméa ?")
        panel = page.locator("#ncchat-panel").bounding_box()
        assert panel["x"] >= 0 and panel["x"] + panel["width"] <= 360 and panel["y"] + panel["height"] <= 740
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, "pas de défilement horizontal"
        chips = page.locator(".ncchat-chip")
        sync_api.expect(chips.last).to_be_in_viewport()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "widget-mobile.png"))
        assert not phone.errors
    finally:
        phone.close()


def test_lost_connection_shows_notice_and_reconnects(browser, stack):
    """The page is served as usual, but its socket.io URL (and CSP) point at a proxy we can cut."""
    proxy = TcpRelay(stack.rasa_port).start()
    rasa = f"127.0.0.1:{stack.rasa_port}"

    def through_proxy(route):
        response = route.fetch()
        body = response.text().replace(f"http://{rasa}", f"http://127.0.0.1:{proxy.port}")
        headers = {name: value.replace(rasa, f"127.0.0.1:{proxy.port}") for name, value in response.headers.items()
                   if name.lower() != "content-length"}
        route.fulfill(response=response, body=body, headers=headers)

    def prepare(context) -> None:
        context.route(re.compile(r"/(index\.html)?$"), through_proxy)
        # a page fulfilled by the test counts as a public one for Chromium's local network access
        # checks; the page served by bot/web_server.py is on the loopback address like Rasa
        context.grant_permissions(["local-network-access"])

    tab = Tab(browser, f"http://127.0.0.1:{stack.web_port}/", prepare=prepare)
    try:
        assert f"127.0.0.1:{proxy.port}" in tab.page.locator('meta[name="chat-socket-url"]').get_attribute("content")
        tab.open_widget()
        tab.wait_online()
        assert "8 août 2025" in tab.ask("date limite pour le chef de service ?")
        notice = tab.page.locator(".ncchat-offline")
        sync_api.expect(notice).to_be_hidden()

        proxy.cut()
        sync_api.expect(notice).to_be_visible(timeout=30_000)
        sync_api.expect(notice).to_have_text("Hors ligne — reconnexion…")
        # typed while offline: sent once the connection is back
        tab.page.locator(".ncchat-input").fill("et sa référence ?")
        tab.page.locator(".ncchat-input").press("Enter")
        before = tab.bot_messages().count()
        proxy.restore()
        sync_api.expect(notice).to_be_hidden(timeout=30_000)
        assert "25-58915" in tab.next_answer(before)
        assert not tab.errors
    finally:
        tab.close()
        proxy.cut()


def test_a_message_too_large_to_send_shows_a_french_line(browser):
    """A bot run with MAX_REQUEST_BYTES=600: the page says so (its meta tag), and the widget shows a
    notice instead of sending a packet Engine.IO would answer by closing the connection."""
    work = Path(tempfile.mkdtemp(prefix="widget-limit-"))
    small = Stack(rasa_port=free_port(), action_port=free_port(), web_port=free_port(), start_web=True,
                  log_dir=work / "logs",
                  env={"OFFERS_DIR": "data/offers", "BOT_TODAY": "2025-08-05", "MAX_REQUEST_BYTES": "600",
                       "OFFERS_INDEX": str(work / "index.json"), "TRACKER_DB": str(work / "tracker.db")})
    small.start()
    tab = None
    try:
        tab = Tab(browser, f"http://127.0.0.1:{small.web_port}/")
        assert tab.page.locator('meta[name="chat-max-bytes"]').get_attribute("content") == "600"
        tab.open_widget()
        tab.wait_online()
        tab.page.locator(".ncchat-input").fill("é" * 300)
        tab.page.locator(".ncchat-input").press("Enter")
        notice = tab.page.locator(".ncchat-notice")
        sync_api.expect(notice).to_have_text("Votre message est trop volumineux pour être envoyé : raccourcissez-le.")
        assert notice.get_attribute("role") == "alert"
        sync_api.expect(tab.page.locator(".ncchat-status")).to_have_text(re.compile("^En ligne"))
        assert "8 août 2025" in tab.ask("date limite pour le chef de service ?")
        assert not tab.errors
    finally:
        if tab:
            tab.close()
        small.stop()
