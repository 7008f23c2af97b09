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
  a warning in Rasa's log and a `message_refused` event {"text": French reason} to the client,
  which the widget shows), so a client cannot write into a conversation it did not open. REST
  conversations are kept as `rest:<sender>` (GuardedRestInput), never a UUID4: neither channel
  can reach the other's conversations.
* Size. Engine.IO refuses a packet over MAX_REQUEST_BYTES (its own default is 1 MB) and closes
  that connection (the widget checks the size before sending); metadata over MAX_METADATA_BYTES
  is dropped by `guard`, the message still answered.
* Replies. A text is sent whole as one `bot_uttered` message (Rasa's output splits it at blank
  lines): the web widget shows long answers intact; splitting for length-limited channels is
  done elsewhere. Buttons go in `quick_replies` (title, payload), as Rasa's own channel sends them.

The rest (events user_uttered/bot_uttered, session persistence, JWT, metadata) is Rasa's.
python-socketio stays at 5.9.0: from 5.10 on `enter_room` is a coroutine (handled here anyway).
"""
from __future__ import annotations

import hmac
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

REFUSED_EVENT = "message_refused"  # socket.io: a message the server dropped, {"text": French reason}
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
        sio = OriginCheckingSocketIO(async_mode="sanic", cors_allowed_origins=self.allowed_origins,
                                     max_http_buffer_size=settings.MAX_REQUEST_BYTES)
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

        async def refuse(sid: Text, why: str) -> None:
            """A dropped message is logged and the client told (the widget shows the French line)."""
            logger.warning(f"socket.io : message ignoré, {why} ({sid})")
            await sio.emit(REFUSED_EVENT, {"text": templates.MESSAGE_REFUSED}, room=sid, namespace=namespace)

        @sio.on(self.user_message_evt, namespace=namespace)
        async def handle_message(sid: Text, data: Any) -> None:
            if not isinstance(data, dict) or not isinstance(data.get("message"), str):
                await refuse(sid, "format inattendu")
                return
            if self.session_persistence:
                bound = (await sio.get_session(sid, namespace=namespace)).get("session_id")
                if not bound:
                    await refuse(sid, "pas de session_request avant")
                    return
                claimed = data.get("session_id")
                if claimed and valid_session_id(claimed) != bound:
                    await refuse(sid, "session_id différent de la session de la connexion")
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


def json_size(value: Any) -> int:
    """Bytes of `value` as UTF-8 JSON."""
    return len(json.dumps(value, ensure_ascii=False, default=str).encode("utf-8"))


def _sent(output: Any) -> int:
    return len(output.messages) if hasattr(output, "messages") else getattr(output, "sent", 0)


def guard(on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Callable[[UserMessage], Awaitable[None]]:
    """Every turn gets an answer: empty or over-long messages a polite reply without NLU, control
    characters removed, metadata over MAX_METADATA_BYTES dropped (Rasa would store it in the event
    and send it to the action server on every later turn), and an apology when Rasa produced no message (a failed action, the action
    server down: Rasa alone would stay silent and the REST channel would answer [])."""

    async def guarded(message: UserMessage) -> None:
        if message.metadata:
            size = json_size(message.metadata)
            if size > settings.MAX_METADATA_BYTES:
                logger.warning(f"métadonnées de {message.sender_id} ignorées : {size} octets "
                               f"({settings.MAX_METADATA_BYTES} au plus), le message est traité sans elles")
                message.metadata = None
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


REST_SENDER_PREFIX = "rest:"  # REST conversations' tracker ids; socket.io ones are bare UUID4s


def rest_refusal(request: Request) -> Optional[HTTPResponse]:
    """401 unless the request carries `Authorization: Bearer REST_TOKEN`, or no token is set and
    Rasa listens on loopback only; None when the request may go on."""
    if settings.REST_TOKEN:
        scheme, _, token = (request.headers.get("authorization") or "").partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(token.strip().encode(), settings.REST_TOKEN.encode()):
            return None
        return _refusal(templates.REST_UNAUTHORIZED, 401, headers={"WWW-Authenticate": "Bearer"})
    if settings.listens_on_loopback_only():
        return None
    return _refusal(templates.REST_CLOSED, 401)


async def read_body(request: Request, limit: int) -> Optional[bytes]:
    """The streamed request body, or None as soon as it is known to exceed `limit` bytes (its
    Content-Length, or what has arrived): nothing larger is ever held or parsed."""
    declared = request.headers.get("content-length") or ""
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks, size = [], 0
    while (chunk := await request.stream.read()) is not None:
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _refusal(text: str, status: int, headers: Optional[Dict[str, str]] = None) -> HTTPResponse:
    """A refused REST request: the reply's usual shape, one message with the French reason."""
    return response.json([{"recipient_id": None, "text": text}], status=status, headers=headers)


def _french_number(value: int) -> str:
    return f"{value:,}".replace(",", " ")


class GuardedRestInput(RestInput):
    """Rasa's REST channel (same /webhooks/rest/webhook), behind `guard`, for trusted integrations:

    * the bearer token REST_TOKEN (`rest_refusal`), else 401 with a French reason;
    * a body over MAX_REQUEST_BYTES gets 413 before it is read whole or parsed;
    * a body that is not JSON or not UTF-8, or without a `sender`, gets 400 and a French reason
      (clients without a sender would all have shared one conversation, Rasa's « default »);
    * the conversation is kept as `rest:<sender>`, so a REST client cannot write into or read a
      widget's conversation (a bare UUID4), nor a widget a REST one; replies name the client's sender.
    """

    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("custom_webhook_GuardedRestInput", __name__)
        guarded = guard(on_new_message)
        if not settings.REST_TOKEN and not settings.listens_on_loopback_only():
            logger.warning(f"canal REST fermé : REST_TOKEN n'est pas défini et Rasa écoute sur {settings.BIND_HOST}")

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"], stream=True)
        async def receive(request: Request) -> HTTPResponse:
            refused = rest_refusal(request)
            if refused is not None:
                return refused
            body = await read_body(request, settings.MAX_REQUEST_BYTES)
            if body is None:
                return _refusal(templates.TOO_LARGE.format(limit=_french_number(settings.MAX_REQUEST_BYTES)), 413)
            try:
                payload = json.loads(body.decode("utf-8", errors="replace"))
            except ValueError:
                payload = None
            if not isinstance(payload, dict):
                return _refusal(templates.BAD_REQUEST, 400)
            sender = payload.get("sender")
            sender = str(sender).strip() if isinstance(sender, (str, int)) and not isinstance(sender, bool) else ""
            if not 0 < len(sender) <= 200:
                return _refusal(templates.NO_SENDER, 400)
            text = payload.get("message") if isinstance(payload.get("message"), str) else ""
            metadata = payload.get("metadata") if isinstance(payload.get("metadata"), dict) else None
            collector = CollectingOutputChannel()
            await guarded(UserMessage(text, collector, REST_SENDER_PREFIX + sender, input_channel=self.name(),
                                      metadata=metadata))
            return response.json([{**message, "recipient_id": sender} for message in collector.messages])

        return webhook
