"""The web widget's socket.io channel (bot/channels.py) against the real bot.

A real python-socketio client talks to a real `rasa run` (started once per pytest session with
the action server and the demo page, on free ports, BOT_TODAY=2025-08-05, the seed offers and
a temporary tracker database). Checks: an answer over socket.io, the origin check, the session
id rules (UUID4 kept, anything else replaced; the id is bound to the connection), a
conversation continued by a second connection with the same id, and whole (unsplit) texts.
"""
from __future__ import annotations

import asyncio
import logging
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
import socketio

from bot.channels import WholeTextSocketIOOutput, valid_session_id
from bot.launch import Stack

from .network import free_port

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
TODAY = "2025-08-05"
REPLY_TIMEOUT = 60
# The client's background writer logs "packet queue is empty, aborting" when it idles out after a
# test closed it; the tests check what the client receives, not this log.
logging.getLogger("engineio.client").setLevel(logging.CRITICAL)


def running_stack(config: pytest.Config) -> Stack:
    """Action server + Rasa + demo page, started once per pytest session (shared by this module
    and tests/test_widget_browser.py) and stopped when pytest ends."""
    stack = getattr(config, "_web_stack", None)
    if stack is None:
        stack = Stack(rasa_port=free_port(), action_port=free_port(), web_port=free_port(), start_web=True,
                      log_dir=ARTIFACTS / "logs",
                      env={"OFFERS_DIR": "data/offers", "BOT_TODAY": TODAY, "OFFERS_RELOAD_SECONDS": "0",
                           "TRACKER_DB": str(Path(tempfile.mkdtemp(prefix="tracker-")) / "tracker.db")})
        stack.start()
        config._web_stack = stack
        config.add_cleanup(stack.stop)
    return stack


@pytest.fixture(scope="module")
def stack(request: pytest.FixtureRequest) -> Stack:
    return running_stack(request.config)


@pytest.fixture(scope="module")
def page_origin(stack: Stack) -> str:
    return f"http://127.0.0.1:{stack.web_port}"


class Chat:
    """A socket.io client that records the session confirmations and the bot's messages."""

    def __init__(self, stack: Stack, origin: str | None):
        self.client = socketio.Client(reconnection=False)
        self.confirmed: list[str] = []
        self.messages: list[dict] = []
        self.client.on("session_confirm", self.confirmed.append)
        self.client.on("bot_uttered", self.messages.append)
        try:
            self.client.connect(stack.rasa_url, headers={"Origin": origin} if origin else {}, wait_timeout=10)
        except socketio.exceptions.ConnectionError:
            self.client.disconnect()  # the Engine.IO connection may be open though the socket.io one was refused
            raise

    def start_session(self, session_id) -> str:
        self.client.emit("session_request", {"session_id": session_id})
        wait_for(lambda: self.confirmed, 10, "pas de session_confirm")
        return self.confirmed[-1]

    def ask(self, text: str, session_id: str, timeout: float = REPLY_TIMEOUT) -> list[dict]:
        before = len(self.messages)
        self.client.emit("user_uttered", {"message": text, "session_id": session_id})
        wait_for(lambda: len(self.messages) > before, timeout, f"pas de réponse à « {text} »")
        time.sleep(0.3)  # a turn may send several messages
        return self.messages[before:]

    def close(self) -> None:
        self.client.disconnect()


def wait_for(condition, timeout: float, message: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(message)


def texts(messages: list[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


@pytest.fixture
def chat(stack: Stack, page_origin: str):
    client = Chat(stack, page_origin)
    yield client
    client.close()


def test_answer_over_socketio(chat: Chat):
    session_id = str(uuid.uuid4())
    assert chat.start_session(session_id) == session_id
    reply = chat.ask("date limite pour le chef de service ?", session_id)
    assert "8 août 2025" in texts(reply)


def test_both_default_page_origins_are_accepted(stack: Stack):
    for origin in (f"http://localhost:{stack.web_port}", f"http://127.0.0.1:{stack.web_port}"):
        client = Chat(stack, origin)
        try:
            assert client.client.connected
        finally:
            client.close()


@pytest.mark.parametrize("origin", ["http://evil.example", "null", None])
def test_other_origins_are_refused(stack: Stack, origin: str | None):
    """Another site (Engine.IO answers 400) and no Origin at all (the connect handler refuses)."""
    with pytest.raises(socketio.exceptions.ConnectionError):
        client = Chat(stack, origin)
        client.close()


def test_other_origin_refused_on_websocket_too(stack: Stack, page_origin: str):
    """The WebSocket transport (what browsers upgrade to) checks the Origin header as well."""
    import websockets

    async def opens(origin: str) -> bool:
        url = f"ws://127.0.0.1:{stack.rasa_port}/socket.io/?EIO=4&transport=websocket"
        try:
            async with websockets.connect(url, origin=origin, open_timeout=10) as connection:
                return (await asyncio.wait_for(connection.recv(), 10)).startswith("0{")  # Engine.IO "open"
        except websockets.exceptions.InvalidStatusCode as error:
            assert error.status_code == 400
            return False

    assert asyncio.run(opens(page_origin)) is True
    assert asyncio.run(opens("http://evil.example")) is False


def test_cors_headers_name_the_page_only(stack: Stack, page_origin: str):
    """One Access-Control-Allow-Origin (Rasa's --cors) on the polling transport, for the page only."""
    def allow_origin(origin: str) -> tuple[int, list[str]]:
        request = urllib.request.Request(f"{stack.rasa_url}/socket.io/?EIO=4&transport=polling",
                                         headers={"Origin": origin})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.headers.get_all("Access-Control-Allow-Origin") or []
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get_all("Access-Control-Allow-Origin") or []

    assert allow_origin(page_origin) == (200, [page_origin])
    status, headers = allow_origin("http://evil.example")
    assert status == 400 and headers == []


@pytest.mark.parametrize("bad_id", ["", "1", "admin", "not-a-uuid", "../../etc/passwd",
                                    "12345678-1234-1234-1234-123456789abc",  # not version 4
                                    uuid.uuid4().hex, 42, None])
def test_malformed_session_id_is_replaced(chat: Chat, bad_id):
    confirmed = chat.start_session(bad_id)
    assert confirmed != bad_id and valid_session_id(confirmed) == confirmed
    assert uuid.UUID(confirmed).version == 4


def test_replaced_session_id_is_the_one_that_talks(chat: Chat):
    confirmed = chat.start_session("bonjour")
    with pytest.raises(AssertionError):
        chat.ask("date limite pour le chef de service ?", "bonjour", timeout=3)
    assert "8 août 2025" in texts(chat.ask("date limite pour le chef de service ?", confirmed))


def test_messages_need_the_sessions_own_id(stack: Stack, chat: Chat, page_origin: str):
    """Before session_request, or with another conversation's id: dropped, no reply."""
    someone_else = str(uuid.uuid4())
    with pytest.raises(AssertionError):
        chat.ask("date limite pour le chef de service ?", someone_else, timeout=3)
    mine = chat.start_session(str(uuid.uuid4()))
    with pytest.raises(AssertionError):
        chat.ask("date limite pour le chef de service ?", someone_else, timeout=3)
    assert "8 août 2025" in texts(chat.ask("date limite pour le chef de service ?", mine))


def test_same_session_id_continues_the_conversation(stack: Stack, page_origin: str):
    """What a page reload does: a new connection with the stored id; Rasa remembers the offer."""
    session_id = str(uuid.uuid4())
    first = Chat(stack, page_origin)
    try:
        first.start_session(session_id)
        listed = first.ask("quels postes d'attaché à Nouméa ?", session_id)
        buttons = [b for m in listed for b in m.get("quick_replies") or []]
        assert [b["title"] for b in buttons][:2] == ["1. Chef de service",
                                                     "2. Chargé(e) de mission pour les relations multilatérales"]
        assert "8 août 2025" in texts(first.ask(buttons[0]["payload"], session_id))
    finally:
        first.close()
    second = Chat(stack, page_origin)
    try:
        assert second.start_session(session_id) == session_id
        assert "25-58915" in texts(second.ask("et sa référence ?", session_id))
    finally:
        second.close()


def test_action_server_down_gives_the_apology_over_socketio_then_the_answer(stack: Stack, chat: Chat):
    """What a widget user sees while the action server is down: the French apology, never silence."""
    session_id = chat.start_session(str(uuid.uuid4()))
    assert "8 août 2025" in texts(chat.ask("date limite pour le chef de service ?", session_id))
    stack.stop_action_server()
    try:
        assert texts(chat.ask("et sa référence ?", session_id)).startswith("Désolé, un problème technique")
    finally:
        stack.start_action_server()
    assert "25-58915" in texts(chat.ask("et sa référence ?", session_id))


def test_valid_session_ids():
    made = str(uuid.uuid4())
    assert valid_session_id(made) == made
    assert valid_session_id(made.upper()) == made
    for bad in ("", made + "0", made.replace("-", ""), "g" * 8 + made[8:], None, 7, ["x"]):
        assert valid_session_id(bad) is None


def test_long_texts_are_sent_whole():
    """Rasa's socket.io output splits at blank lines; ours sends one message, buttons included."""
    class Recorder:
        def __init__(self):
            self.emitted = []

        async def emit(self, event, data=None, room=None, **kwargs):
            self.emitted.append((event, data, room))

    recorder = Recorder()
    output = WholeTextSocketIOOutput(recorder, "bot_uttered")
    long_text = "Première partie.\n\nDeuxième partie :\n- un\n- deux\n\n" + "suite " * 400
    buttons = [{"title": "1. Chef de service", "payload": '/choose{"ordinal": "1"}'}]
    asyncio.run(output.send_text_message("room", long_text))
    asyncio.run(output.send_text_with_buttons("room", long_text, buttons))
    assert recorder.emitted == [
        ("bot_uttered", {"text": long_text}, "room"),
        ("bot_uttered", {"text": long_text, "quick_replies": [{"content_type": "text", **buttons[0]}]}, "room"),
    ]
