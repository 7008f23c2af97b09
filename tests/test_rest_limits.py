"""REST for trusted integrations, size limits on both channels, production warnings (issue 13).

A real bot (action server + `rasa run`, seed offers, BOT_TODAY=2025-08-05, its own SQLite tracker
database) started with REST_TOKEN set; REST requests through urllib and http.client, socket.io
through a real python-socketio client. What the tracker store holds is read from the database.
"""
from __future__ import annotations

import http.client
import json
import os
import secrets
import sqlite3
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest
import socketio

from actions import templates
from bot import settings
from bot.channels import REST_SENDER_PREFIX
from bot.launch import Stack
from bot.prod_checks import scaled_setup_warning

from .conftest import ROOT, SEEDS_DIR
from .network import free_port
from .test_socketio_channel import Chat, texts, wait_for

TOKEN = secrets.token_hex(16)
DEADLINE = "vendredi 8 août 2025"
REFERENCE = "25-58915/MPRH du 18 juillet 2025"
BIG_METADATA = {"notes": "x" * 100_000}


@pytest.fixture(scope="module")
def stack():
    work = Path(tempfile.mkdtemp(prefix="rest-limits-"))
    running = Stack(rasa_port=free_port(), action_port=free_port(), log_dir=work / "logs",
                    env={"REST_TOKEN": TOKEN, "TRACKER_DB": str(work / "tracker.db"), "OFFERS_DIR": str(SEEDS_DIR),
                         "OFFERS_INDEX": str(work / "index.json"), "BOT_TODAY": "2025-08-05"})
    running.start()
    running.work = work
    yield running
    running.stop()


def post(stack: Stack, body: bytes, token: str | None = TOKEN, scheme: str = "Bearer") -> tuple[int, list]:
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"{scheme} {token}"
    connection = http.client.HTTPConnection("127.0.0.1", stack.rasa_port, timeout=60)
    try:
        connection.request("POST", "/webhooks/rest/webhook", body=body, headers=headers)
        answer = connection.getresponse()
        return answer.status, json.loads(answer.read())
    finally:
        connection.close()


def say(stack: Stack, sender: str, message: str, **more) -> str:
    status, replies = post(stack, json.dumps({"sender": sender, "message": message, **more}).encode())
    assert status == 200 and replies, (status, replies)
    return texts(replies)


def user_events(stack: Stack, tracker_id: str) -> list[dict]:
    with sqlite3.connect(stack.work / "tracker.db") as database:
        rows = database.execute("SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id",
                                (tracker_id,)).fetchall()
    return [json.loads(data) for data, in rows]


def client_metadata(event: dict) -> dict:
    """An event's metadata without what Rasa adds itself."""
    return {key: value for key, value in (event.get("metadata") or {}).items()
            if key not in ("model_id", "assistant_id")}


def rasa_log(stack: Stack) -> str:
    return (stack.work / "logs" / "rasa.log").read_text(errors="replace")


def origin(stack: Stack) -> str:
    return f"http://127.0.0.1:{stack.web_port}"


# ---- REST: the token, the sender ----

@pytest.mark.parametrize("token, scheme", [(None, "Bearer"), ("faux", "Bearer"), (TOKEN, "Basic"), ("", "Bearer")])
def test_rest_without_the_token_is_refused(stack, token, scheme):
    status, replies = post(stack, json.dumps({"sender": "u", "message": "bonjour"}).encode(), token, scheme)
    assert status == 401
    assert replies == [{"recipient_id": None, "text": templates.REST_UNAUTHORIZED}]


def test_rest_with_the_token_is_answered_under_the_clients_sender(stack):
    status, replies = post(stack, json.dumps({"sender": "appli-rh", "message": "date limite pour le chef de service ?"})
                           .encode())
    assert status == 200 and DEADLINE in texts(replies)
    assert {reply["recipient_id"] for reply in replies} == {"appli-rh"}


@pytest.mark.parametrize("payload", [{"message": "bonjour"}, {"sender": "", "message": "bonjour"},
                                     {"sender": "  ", "message": "bonjour"}, {"sender": None, "message": "bonjour"},
                                     {"sender": "x" * 201, "message": "bonjour"}])
def test_rest_without_a_sender_is_refused(stack, payload):
    """Rasa would have put every such client in one conversation, « default »."""
    assert post(stack, json.dumps(payload).encode()) == (400, [{"recipient_id": None, "text": templates.NO_SENDER}])


def test_make_ask_sends_the_token_from_the_environment(stack):
    def ask(token: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "bot.ask", "date limite pour le chef de service ?"], cwd=ROOT,
                              env={**os.environ, "RASA_URL": stack.rasa_url, "REST_TOKEN": token},
                              capture_output=True, text=True, timeout=180)

    answered = ask(TOKEN)
    assert answered.returncode == 0 and DEADLINE in answered.stdout, answered.stderr
    refused = ask("faux")
    assert refused.returncode == 1
    assert refused.stderr.strip() == (f"erreur : le bot de {stack.rasa_url} a répondu par l'erreur HTTP 401 : "
                                      f"{templates.REST_UNAUTHORIZED}")


def test_loopback_addresses():
    assert all(settings.listens_on_loopback_only(host) for host in ("127.0.0.1", "127.0.0.2", "::1", "[::1]",
                                                                    "localhost", "LOCALHOST"))
    assert not any(settings.listens_on_loopback_only(host) for host in ("0.0.0.0", "::", "", "10.0.0.5", "chat.nc"))


# ---- REST: the body's size ----

def too_large() -> tuple[int, list]:
    return 413, [{"recipient_id": None, "text": templates.TOO_LARGE.format(limit="131 072")}]


def test_a_2_mb_body_is_refused_with_413(stack):
    body = json.dumps({"sender": "gros", "message": "a" * 2_000_000}).encode()
    assert post(stack, body) == too_large()
    assert DEADLINE in say(stack, f"apres-{uuid.uuid4()}", "date limite pour le chef de service ?")


def test_a_chunked_body_is_refused_once_over_the_limit(stack):
    """No Content-Length: the channel counts what arrives and stops reading at the limit."""
    chunks = (b'{"sender": "morceaux", "message": "', *[b"a" * 65536] * 32, b'"}')
    connection = http.client.HTTPConnection("127.0.0.1", stack.rasa_port, timeout=60)
    try:
        connection.request("POST", "/webhooks/rest/webhook", body=iter(chunks), encode_chunked=True,
                           headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"})
        answer = connection.getresponse()
        assert (answer.status, json.loads(answer.read())) == too_large()
    finally:
        connection.close()


def test_the_token_is_checked_before_the_size(stack):
    status, replies = post(stack, b"x" * 2_000_000, token=None)
    assert status == 401 and replies[0]["text"] == templates.REST_UNAUTHORIZED


# ---- metadata, both channels ----

def test_large_rest_metadata_is_dropped_and_the_message_answered(stack):
    sender = f"meta-{uuid.uuid4()}"
    assert DEADLINE in say(stack, sender, "date limite pour le chef de service ?", metadata=BIG_METADATA)
    assert REFERENCE in say(stack, sender, "et sa référence ?", metadata={"page": "/offres"})
    stored = user_events(stack, REST_SENDER_PREFIX + sender)
    assert [client_metadata(event) for event in stored] == [{}, {"page": "/offres"}]
    assert rasa_log(stack).count(f"métadonnées de {REST_SENDER_PREFIX}{sender} ignorées : 100013 octets") == 1


def test_large_socketio_metadata_is_dropped_and_the_message_answered(stack):
    chat = Chat(stack, origin(stack))
    try:
        session_id = chat.start_session(str(uuid.uuid4()))
        before = len(chat.messages)
        chat.client.emit("user_uttered", {"message": "date limite pour le chef de service ?",
                                          "session_id": session_id, "metadata": BIG_METADATA})
        wait_for(lambda: len(chat.messages) > before, 60, "pas de réponse")
        assert DEADLINE in texts(chat.messages[before:])
        before = len(chat.messages)
        chat.client.emit("user_uttered", {"message": "et sa référence ?", "session_id": session_id,
                                          "metadata": {"page": "/offres"}})
        wait_for(lambda: len(chat.messages) > before, 60, "pas de réponse")
        assert REFERENCE in texts(chat.messages[before:])
    finally:
        chat.close()
    assert [client_metadata(event) for event in user_events(stack, session_id)] == [{}, {"page": "/offres"}]
    assert rasa_log(stack).count(f"métadonnées de {session_id} ignorées") == 1


def test_a_socketio_packet_over_the_limit_is_refused_and_the_server_goes_on(stack):
    """Engine.IO closes a connection that sends more than MAX_REQUEST_BYTES at once."""
    chat = Chat(stack, origin(stack))
    try:
        session_id = chat.start_session(str(uuid.uuid4()))
        chat.client.emit("user_uttered", {"message": "a" * 200_000, "session_id": session_id})
        wait_for(lambda: not chat.client.connected, 30, "connexion toujours ouverte")
        assert chat.messages == []
    finally:
        chat.close()
    again = Chat(stack, origin(stack))
    try:
        assert DEADLINE in texts(again.ask("date limite pour le chef de service ?", again.start_session(session_id)))
    finally:
        again.close()


def test_a_dropped_socketio_message_is_told_to_the_client(stack):
    chat = Chat(stack, origin(stack))
    refused: list[dict] = []
    chat.client.on("message_refused", refused.append)
    try:
        chat.client.emit("user_uttered", {"message": "bonjour", "session_id": str(uuid.uuid4())})
        wait_for(lambda: refused, 10, "pas de message_refused")
        assert refused == [{"text": templates.MESSAGE_REFUSED}] and chat.messages == []
    finally:
        chat.close()


# ---- the two channels' conversations are apart ----

def test_a_rest_conversation_cannot_be_continued_from_socketio(stack):
    conversation = str(uuid.uuid4())  # what a widget's id looks like
    assert DEADLINE in say(stack, conversation, "date limite pour le chef de service ?")
    chat = Chat(stack, origin(stack))
    try:
        assert chat.start_session(conversation) == conversation
        reply = texts(chat.ask("et sa référence ?", conversation))
    finally:
        chat.close()
    assert REFERENCE not in reply and "Pour quelle offre" in reply
    assert REFERENCE in say(stack, conversation, "et sa référence ?")  # the REST one still knows its offer


def test_a_socketio_conversation_cannot_be_continued_over_rest(stack):
    chat = Chat(stack, origin(stack))
    try:
        conversation = chat.start_session(str(uuid.uuid4()))
        assert DEADLINE in texts(chat.ask("date limite pour le chef de service ?", conversation))
    finally:
        chat.close()
    reply = say(stack, conversation, "et sa référence ?")
    assert REFERENCE not in reply and "Pour quelle offre" in reply
    assert user_events(stack, conversation)[-1]["text"] == "date limite pour le chef de service ?"


# ---- production defaults ----

def test_the_scaled_setup_warns_about_development_credentials():
    defaults = Stack(endpoints="endpoints.prod.yml", env={"EVENT_BROKER": "rabbitmq"}).endpoint_config()
    assert scaled_setup_warning(defaults) == (
        "attention : identifiants de développement — PostgreSQL : sans mot de passe ; "
        "Redis : sans mot de passe ; RabbitMQ : compte « guest », mot de passe vide ou par défaut (en production : "
        "un rôle dédié et POSTGRES_PASSWORD, REDIS_PASSWORD, RABBITMQ_PASSWORD dans l'environnement, voir le "
        "README, « Production »)")
    dedicated = {"EVENT_BROKER": "rabbitmq", "POSTGRES_USER": "offres", "POSTGRES_PASSWORD": "s3cret",
                 "REDIS_PASSWORD": "r3dis", "RABBITMQ_USER": "offres", "RABBITMQ_PASSWORD": "r4bbit"}
    assert scaled_setup_warning(Stack(endpoints="endpoints.prod.yml", env=dedicated).endpoint_config()) is None
    only_redis = {**dedicated, "REDIS_PASSWORD": "", "EVENT_BROKER": ""}
    warning = scaled_setup_warning(Stack(endpoints="endpoints.prod.yml", env=only_redis).endpoint_config())
    assert warning.startswith("attention : identifiants de développement — Redis : sans mot de passe (")
    assert "\n" not in warning
    assert scaled_setup_warning(Stack(endpoints="endpoints.yml").endpoint_config()) is None  # SQLite, no service
    as_postgres = Stack(endpoints="endpoints.prod.yml", env={**dedicated, "POSTGRES_USER": "postgres"}).endpoint_config()
    assert scaled_setup_warning(as_postgres).startswith(
        "attention : identifiants de développement — PostgreSQL : superutilisateur « postgres » (")
    assert scaled_setup_warning(Stack(endpoints="endpoints.prod.yml", env=dedicated).endpoint_config(), superuser=True) \
        .startswith("attention : identifiants de développement — PostgreSQL : superutilisateur « offres » (")
