"""The scaled setup (`make run-scaled`, endpoints.prod.yml) against the machine's real services:
two Rasa replicas sharing the PostgreSQL tracker store (127.0.0.1:5432, the bot's own role and
database « offres », never a superuser) and the Redis lock store, one action server, RabbitMQ as event broker; the HTTP API on, with a token.
Also the start-up checks and a database lost while the bot runs."""
from __future__ import annotations

import asyncio
import json
import secrets
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import aiohttp
import pytest
import sqlalchemy

from bot import settings
from bot.channels import REST_SENDER_PREFIX
from bot.dev_database import ensure_role
from bot.launch import Stack, StartError
from bot.prod_checks import role_is_superuser

from .conftest import ROOT, SEEDS_DIR
from .network import TcpRelay, free_port

PROD = "endpoints.prod.yml"
POSTGRES = "postgresql://offres@127.0.0.1:5432/offres"
TOKEN = secrets.token_hex(16)
QUEUE = f"offres-test-{uuid.uuid4().hex[:8]}"
# 20 different messages of one conversation, as a candidate could send them in a burst.
BURST = [
    "bonjour", "quelles offres avez-vous ?", "date limite pour le chef de service ?", "et sa référence ?",
    "où est le poste ?", "c'est encore ouvert ?", "comment postuler ?", "et pour le chargé de mission ?",
    "quelle est sa date limite ?", "sa référence svp", "quel corps ?", "combien d'offres ?",
    "des postes à Nouméa ?", "le 1", "quel est le service ?", "merci", "que peux-tu faire ?",
    "es-tu un robot ?", "des offres encore ouvertes ?", "au revoir",
]


def _env(work: Path, **more: str) -> dict[str, str]:
    return {"OFFERS_DIR": str(SEEDS_DIR), "OFFERS_INDEX": str(work / "index.json"), "BOT_TODAY": "2025-08-05",
            "RASA_ENABLE_API": "1", "RASA_API_TOKEN": TOKEN, **more}


@pytest.fixture(scope="module")
def scaled():
    ensure_role(Stack(endpoints=PROD).endpoint_config()["tracker_store"])  # what `make test` does first
    work = Path(tempfile.mkdtemp(prefix="scaled-"))
    stack = Stack(rasa_port=free_port(), replica_ports=(free_port(),), action_port=free_port(), endpoints=PROD,
                  log_dir=work / "logs", env=_env(work, EVENT_BROKER="rabbitmq", RABBITMQ_QUEUE=QUEUE))
    stack.start()
    yield stack
    stack.stop()


def say(url: str, sender: str, message: str) -> str:
    request = urllib.request.Request(f"{url}/webhooks/rest/webhook", headers=settings.rest_headers(),
                                     data=json.dumps({"sender": sender, "message": message}).encode())
    with urllib.request.urlopen(request, timeout=60) as answer:
        replies = json.loads(answer.read())
    assert replies, f"no answer to {message!r}"
    return "\n".join(r.get("text") or "" for r in replies)


def stored_events(sender: str) -> list[tuple[str, str]]:
    """(type, text) of the REST conversation's user and bot events, in the order PostgreSQL holds them."""
    engine = sqlalchemy.create_engine(POSTGRES)
    try:
        with engine.connect() as connection:
            rows = connection.execute(sqlalchemy.text(
                "SELECT type_name, data FROM events WHERE sender_id = :sender AND type_name IN ('user', 'bot') "
                "ORDER BY id"), {"sender": REST_SENDER_PREFIX + sender}).all()
    finally:
        engine.dispose()
    return [(kind, json.loads(data).get("text") or "") for kind, data in rows]


def test_the_conversations_are_kept_by_a_role_that_is_no_superuser(scaled):
    store = scaled.endpoint_config()["tracker_store"]
    assert (store["username"], store["db"]) == ("offres", "offres")
    assert not role_is_superuser(store)
    assert role_is_superuser({**store, "username": "postgres", "db": "test"})  # the check can say yes


def test_a_conversation_continues_on_the_other_replica(scaled):
    first, second = scaled.rasa_urls
    sender = f"scaled-{uuid.uuid4()}"
    assert "vendredi 8 août 2025" in say(first, sender, "date limite pour le chef de service ?")
    assert "25-58915/MPRH du 18 juillet 2025" in say(second, sender, "et sa référence ?")
    assert "Nouméa" in say(first, sender, "où est-ce ?")
    assert [kind for kind, _ in stored_events(sender)].count("user") == 3


@pytest.mark.parametrize("burst", range(3))  # a race shows in some bursts only: three of them
def test_a_burst_to_both_replicas_is_answered_and_stored_once(scaled, burst):
    sender = f"burst-{uuid.uuid4()}"

    async def send_all() -> list[tuple[int, list]]:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as session:
            async def send(index: int, message: str) -> tuple[int, list]:
                url = scaled.rasa_urls[index % 2]
                async with session.post(f"{url}/webhooks/rest/webhook", headers=settings.rest_headers(),
                                        json={"sender": sender, "message": message}) as answer:
                    return answer.status, await answer.json()
            return await asyncio.gather(*(send(i, m) for i, m in enumerate(BURST)))

    results = asyncio.run(send_all())
    assert all(status == 200 and replies and all(r.get("text") or r.get("buttons") for r in replies)
               for status, replies in results), results
    events = stored_events(sender)
    said = [text for kind, text in events if kind == "user"]
    assert sorted(said) == sorted(BURST)  # each message exactly once
    for position, (kind, _) in enumerate(events):  # and each followed by its reply
        if kind == "user":
            assert position + 1 < len(events) and events[position + 1][0] == "bot", events


def test_the_api_needs_the_token(scaled):
    url = scaled.rasa_urls[1]

    def status(method: str, path: str, body: bytes | None = None) -> int:
        request = urllib.request.Request(f"{url}{path}", data=body, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return answer.status
        except urllib.error.HTTPError as error:
            return error.code

    assert status("PUT", "/model", b'{"model_file": "/tmp/x.tar.gz"}') == 401
    assert status("POST", "/model/train", b"{}") == 401
    assert status("GET", "/status") == 401
    assert status("GET", "/status?token=wrong") == 401
    assert status("PUT", "/model?token=wrong", b'{"model_file": "/tmp/x.tar.gz"}') == 401
    assert status("GET", f"/status?token={TOKEN}") == 200
    assert status("GET", "/webhooks/rest/") == 200  # the channels need no token


def test_events_reach_rabbitmq(scaled):
    import aio_pika

    sender = f"broker-{uuid.uuid4()}"
    say(scaled.rasa_urls[0], sender, "date limite pour le chef de service ?")

    async def events_of_sender() -> list[str]:
        connection = await aio_pika.connect_robust("amqp://guest:guest@127.0.0.1:5672/")
        async with connection:
            channel = await connection.channel()
            queue = await channel.declare_queue(QUEUE, durable=True)
            seen = []
            while (message := await queue.get(no_ack=True, fail=False)) is not None:
                event = json.loads(message.body)
                if event.get("sender_id") == REST_SENDER_PREFIX + sender:
                    seen.append(event.get("event"))
            await queue.delete(if_unused=False, if_empty=False)
            return seen

    assert {"user", "bot"} <= set(asyncio.run(events_of_sender()))


def test_a_lost_database_is_logged_the_bot_answers_and_recovers(scaled):
    """A third replica reaches PostgreSQL through a relay that the test cuts between two turns.
    Rasa's fail-safe tracker store then answers from memory (without the conversation so far:
    the bot asks which offer) and logs the error; once the database is back, the conversation
    goes on from what PostgreSQL holds."""
    work = Path(tempfile.mkdtemp(prefix="db-lost-"))
    relay = TcpRelay(5432).start()
    replica = Stack(rasa_port=free_port(), action_port=scaled.action_port, start_actions=False, endpoints=PROD,
                    log_dir=work / "logs", env=_env(work, POSTGRES_PORT=str(relay.port)))
    replica.start()
    try:
        url = replica.rasa_url
        sender = f"db-lost-{uuid.uuid4()}"
        assert "vendredi 8 août 2025" in say(url, sender, "date limite pour le chef de service ?")
        relay.cut()
        during = say(url, sender, "et sa référence ?")
        assert "Pour quelle offre" in during or during.startswith("Désolé, un problème technique"), during
        assert replica.processes["rasa"].poll() is None  # still running
        log = (work / "logs" / "rasa.log").read_text(errors="replace")
        assert "Error happened when trying to retrieve conversation tracker" in log
        relay.restore()
        replies = [say(url, sender, "et sa référence ?") for _ in range(3)]
        assert any("25-58915/MPRH du 18 juillet 2025" in reply for reply in replies), replies
    finally:
        replica.stop()
        relay.cut()


@pytest.mark.parametrize("variable, expected", [
    ("POSTGRES_PORT", "base des conversations injoignable : postgresql://offres@127.0.0.1:{port}/offres"),
    ("REDIS_PORT", "verrous (Redis) injoignable : 127.0.0.1:{port}"),
])
def test_an_unreachable_store_stops_the_start_with_a_clear_error(tmp_path, variable, expected):
    closed = free_port()
    stack = Stack(rasa_port=free_port(), action_port=free_port(), endpoints=PROD, env={variable: str(closed)})
    with pytest.raises(StartError) as error:
        stack.start()
    assert expected.format(port=closed) in str(error.value)
    assert not stack.processes


def test_the_api_is_never_on_without_a_secret(tmp_path):
    stack = Stack(rasa_port=free_port(), action_port=free_port(), env={"RASA_ENABLE_API": "1", "RASA_API_TOKEN": "",
                                                                       "RASA_JWT_SECRET": ""})
    with pytest.raises(StartError, match="RASA_API_TOKEN ou RASA_JWT_SECRET"):
        stack.start()
    done = subprocess.run([sys.executable, "-m", "bot.rasa_server", "--enable-api"], cwd=ROOT, capture_output=True,
                          text=True, env={"PATH": "/usr/bin:/bin"}, timeout=60)
    assert done.returncode == 2 and "RASA_API_TOKEN ou RASA_JWT_SECRET" in done.stderr


def test_a_missing_variable_in_the_endpoints_file_is_named(tmp_path):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text('tracker_store:\n  type: SQL\n  dialect: postgresql\n  password: "${NO_SUCH_SECRET}"\n')
    stack = Stack(endpoints=str(endpoints))
    with pytest.raises(StartError, match="NO_SUCH_SECRET"):
        stack.endpoint_config()
