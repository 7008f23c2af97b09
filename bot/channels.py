"""Rasa's socket.io channel, hardened for the web chat widget (credentials.yml:
`bot.channels.SecureSocketIOInput:`).

Rasa 3.6's `SocketIOInput` creates its socket.io server with the origin check switched off
(`cors_allowed_origins=[]`), so any web site could open a conversation from a visitor's browser,
and it uses whatever `session_id` a client sends, with every message, as the conversation id
(the tracker's sender id and the socket.io room the replies go to). A guessable or copied id
would let a client read or continue someone else's conversation, and an id equal to another
client's socket id would put it in that client's private room.

`SecureSocketIOInput` changes only this:

* Origins. Only the pages listed in WIDGET_ORIGINS (bot/settings.py; default the demo page at
  http://localhost:WEB_PORT and http://127.0.0.1:WEB_PORT, never `*`) may connect. Engine.IO
  refuses a request whose Origin header is another site (HTTP 400, polling and WebSocket alike);
  the socket.io `connect` handler then refuses a connection whose Origin header is missing or not
  listed. A browser always sends Origin on these requests; a non-browser client (tests, tools)
  must send an allowed one. The CORS headers of the polling transport come from Rasa's own CORS
  layer, `rasa run --cors <the same origins>` (bot/launch.py passes it): Engine.IO writes none,
  since a second Access-Control-Allow-Origin header makes browsers refuse the response.
* Session ids. A `session_request` may carry a `session_id`; it is kept only if it is a UUID
  version 4 in its canonical form, as the widget makes with `crypto.randomUUID()` (122 random
  bits: not guessable). Anything else (missing, empty, another format, not a string) is
  *replaced*, not refused: the server draws a new UUID4 and returns it in `session_confirm`, and
  the client must use the confirmed id from then on (the widget stores it). Replacing rather than
  refusing keeps a visitor with a damaged localStorage talking, in a fresh conversation.
  The id is then bound to the socket: each `user_uttered` is handled as coming from the bound id;
  a message sent before any `session_request`, or carrying another `session_id`, is dropped (with
  a warning in Rasa's log), so a client cannot write into a conversation it did not open.
* Replies. A text is sent whole as one `bot_uttered` message (Rasa's output splits it at blank
  lines): the web widget shows long answers intact; splitting for length-limited channels is
  done elsewhere. Buttons go in `quick_replies` (title, payload), as Rasa's own channel sends them.

The rest (events user_uttered/bot_uttered, session persistence, JWT, metadata) is Rasa's.
python-socketio stays at 5.9.0: from 5.10 on `enter_room` is a coroutine (handled here anyway).
"""
from __future__ import annotations

import inspect
import json
import logging
import re
import uuid
from typing import Any, Awaitable, Callable, Dict, Iterable, List, Optional, Text

import engineio
import rasa.core.channels.channel
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer
from socketio.exceptions import ConnectionRefusedError

from actions import templates

from . import settings

logger = logging.getLogger(__name__)

UUID4 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def valid_session_id(value: Any) -> Optional[str]:
    """The id in canonical lower case when it is a UUID4 like crypto.randomUUID()'s, else None."""
    if isinstance(value, str) and UUID4.fullmatch(value.strip().lower()):
        return value.strip().lower()
    return None


class WholeTextSocketIOOutput(SocketIOOutput):
    """Rasa's socket.io output, except that a text is never split into several messages."""

    sent = 0  # messages sent through this output (the guard looks at it)

    async def _send_message(self, socket_id: Text, response: Any) -> None:
        self.sent += 1
        await super()._send_message(socket_id, response)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self._send_message(recipient_id, {"text": text})

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]],
                                     **kwargs: Any) -> None:
        quick_replies = [{"content_type": "text", "title": b["title"], "payload": b["payload"]} for b in buttons]
        await self._send_message(recipient_id, {"text": text, "quick_replies": quick_replies})


class OriginCheckingEngineIO(engineio.AsyncServer):
    """Engine.IO server that checks origins but leaves the CORS headers to Rasa's `--cors`."""

    def _cors_headers(self, environ: Dict) -> list:
        return []


class OriginCheckingSocketIO(AsyncServer):
    def _engineio_server_class(self) -> type:
        return OriginCheckingEngineIO


class SecureSocketIOInput(SocketIOInput):
    """socket.io for the web widget: allowed origins only, server-checked UUID4 session ids."""

    def __init__(self, *args: Any, allowed_origins: Iterable[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.allowed_origins = list(allowed_origins if allowed_origins is not None else settings.WIDGET_ORIGINS)
        if not self.allowed_origins or any("*" in origin for origin in self.allowed_origins):
            raise ValueError("SecureSocketIOInput : WIDGET_ORIGINS doit lister des origines précises (pas de *)")

    def get_output_channel(self) -> Optional[SocketIOOutput]:
        return WholeTextSocketIOOutput(self.sio, self.bot_message_evt) if self.sio is not None else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        sio = OriginCheckingSocketIO(async_mode="sanic", cors_allowed_origins=self.allowed_origins)
        socketio_webhook = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio
        namespace = self.namespace

        @socketio_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=namespace)
        async def connect(sid: Text, environ: Dict, auth: Optional[Dict]) -> bool:
            origin = (environ.get("HTTP_ORIGIN") or "").rstrip("/").lower()
            if origin not in self.allowed_origins:
                logger.warning(f"socket.io : connexion refusée, origine {origin or '(absente)'} non autorisée")
                raise ConnectionRefusedError("origine non autorisée")
            if self.jwt_key:
                token = auth.get("token") if isinstance(auth, dict) else None
                payload = (rasa.core.channels.channel.decode_bearer_token(token, self.jwt_key, self.jwt_algorithm)
                           if token else None)
                if not payload:
                    return False
            logger.debug(f"User {sid} connected to socketIO endpoint.")
            return True

        @sio.on("disconnect", namespace=namespace)
        async def disconnect(sid: Text) -> None:
            logger.debug(f"User {sid} disconnected from socketIO endpoint.")

        @sio.on("session_request", namespace=namespace)
        async def session_request(sid: Text, data: Any) -> None:
            asked = data.get("session_id") if isinstance(data, dict) else None
            session_id = valid_session_id(asked)
            if session_id is None:
                session_id = str(uuid.uuid4())
                if asked:
                    logger.info(f"socket.io : identifiant de session mal formé remplacé par {session_id}")
            session = await sio.get_session(sid, namespace=namespace)
            previous = session.get("session_id")
            if self.session_persistence:
                if previous and previous != session_id:
                    await _maybe_await(sio.leave_room(sid, previous, namespace=namespace))
                await _maybe_await(sio.enter_room(sid, session_id, namespace=namespace))
            session["session_id"] = session_id
            await sio.save_session(sid, session, namespace=namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=namespace)

        @sio.on(self.user_message_evt, namespace=namespace)
        async def handle_message(sid: Text, data: Any) -> None:
            if not isinstance(data, dict) or not isinstance(data.get("message"), str):
                logger.warning(f"socket.io : message ignoré (format inattendu) de {sid}")
                return
            if self.session_persistence:
                bound = (await sio.get_session(sid, namespace=namespace)).get("session_id")
                if not bound:
                    logger.warning(f"socket.io : message ignoré, pas de session_request avant ({sid})")
                    return
                claimed = data.get("session_id")
                if claimed and valid_session_id(claimed) != bound:
                    logger.warning(f"socket.io : message ignoré, session_id différent de la session de {sid}")
                    return
                sender_id = bound
            else:
                sender_id = sid
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            message = UserMessage(data["message"],
                                  WholeTextSocketIOOutput(sio, self.bot_message_evt), sender_id,
                                  input_channel=self.name(), metadata=metadata if isinstance(metadata, dict) else {})
            await guard(on_new_message)(message)

        return socketio_webhook


async def _maybe_await(result: Any) -> None:
    """python-socketio 5.9's enter_room/leave_room return None; 5.10+'s must be awaited."""
    if inspect.isawaitable(result):
        await result



_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")


def _sent(output: Any) -> int:
    return len(output.messages) if hasattr(output, "messages") else getattr(output, "sent", 0)


def guard(on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Callable[[UserMessage], Awaitable[None]]:
    """Every turn gets an answer: empty or over-long messages a polite reply without NLU, control
    characters removed, and an apology when Rasa produced no message (a failed action, the action
    server down: Rasa alone would stay silent and the REST channel would answer [])."""

    async def guarded(message: UserMessage) -> None:
        text = _CONTROL.sub(" ", message.text or "").strip()
        output = message.output_channel
        if not text:
            await output.send_text_message(message.sender_id, templates.EMPTY_MESSAGE)
            return
        if len(text) > settings.MAX_MESSAGE_CHARS:
            await output.send_text_message(message.sender_id, templates.TOO_LONG.format(
                length=len(text), limit=settings.MAX_MESSAGE_CHARS))
            return
        if not re.search(r"\w", text):  # only emoji or punctuation
            await output.send_text_message(message.sender_id, templates.NO_WORDS)
            return
        message.text = text
        before = _sent(output)
        try:
            await on_new_message(message)
        except Exception:  # noqa: BLE001 - the candidate gets an apology, the log the details
            logger.exception("tour de conversation en échec pour %s", message.sender_id)
        if _sent(output) == before:
            logger.error("aucune réponse produite pour %r : excuse envoyée", text[:80])
            await output.send_text_message(message.sender_id, templates.ERROR)

    return guarded


class GuardedRestInput(RestInput):
    """Rasa's REST channel (same /webhooks/rest/webhook), behind `guard`; a body that is not JSON
    or not UTF-8 gets a French error instead of a server error page."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("custom_webhook_GuardedRestInput", __name__)
        guarded = guard(on_new_message)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                payload = json.loads(request.body.decode("utf-8", errors="replace"))
            except ValueError:
                payload = None
            if not isinstance(payload, dict):
                return response.json([{"recipient_id": None, "text": templates.BAD_REQUEST}], status=400)
            sender = str(payload.get("sender") or "default")[:200]
            text = payload.get("message") if isinstance(payload.get("message"), str) else ""
            metadata = payload.get("metadata") if isinstance(payload.get("metadata"), dict) else None
            collector = CollectingOutputChannel()
            await guarded(UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata))
            return response.json(collector.messages)

        return webhook
