"""Bad input and a failing action server, through the REST channel of a real bot."""
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
import uuid

import pytest

from bot import settings

from .conftest import ROOT, SEEDS_DIR, seeds_stack
from .network import free_port

FRENCH_HINTS = ("texte", "offre", "désolé", "message", "question", "bonjour", "pas compris", "domaine", "aider")


@pytest.fixture(scope="module")
def stack():
    with seeds_stack("robustness-") as running:
        yield running


def post(stack, body: bytes) -> tuple[int, list]:
    request = urllib.request.Request(f"{stack.rasa_url}/webhooks/rest/webhook", data=body,
                                     headers=settings.rest_headers())
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def say(stack, sender: str, message) -> str:
    status, replies = post(stack, json.dumps({"sender": sender, "message": message}).encode())
    assert status == 200 and replies, f"no answer to {message!r:.80}"
    return "\n".join(r.get("text") or "" for r in replies)


@pytest.mark.parametrize("message", [
    "🙂🙂🙂", "<script>alert('x')</script>", "[cliquez ici](javascript:alert(1))", "'; DROP TABLE events; --",
    "hello, what jobs do you have?", "¿Hay ofertas de trabajo?", "bonjour\x00\x07\x1b[31m", "a" * 900,
])
def test_strange_messages_get_a_polite_french_answer(stack, message):
    reply = say(stack, f"bad-{uuid.uuid4()}", message)
    assert any(hint in reply.lower() for hint in FRENCH_HINTS), reply
    assert "Traceback" not in reply and "<script>" not in reply


@pytest.mark.parametrize("message", ["", "   \n\t  "])
def test_empty_messages(stack, message):
    assert say(stack, f"empty-{uuid.uuid4()}", message).startswith("Votre message est vide.")


def test_long_messages_are_capped_with_a_clear_reply(stack):
    assert say(stack, f"long-{uuid.uuid4()}", "x" * 10_000) == (
        "Votre message est trop long (10000 caractères ; 1000 au plus). Posez une question courte, "
        "par exemple « date limite pour le chef de service ? ».")


def test_invalid_utf8_and_not_json(stack):
    status, replies = post(stack, b'{"sender": "u", "message": "caf\xe9 \xff"}')
    assert status == 200 and replies
    status, replies = post(stack, b"pas du json")
    assert status == 400 and replies[0]["text"].startswith("Requête illisible")


def test_the_same_message_100_times(stack):
    sender = f"repeat-{uuid.uuid4()}"
    for _ in range(100):
        assert "vendredi 8 août 2025" in say(stack, sender, "date limite pour le chef de service ?")


def test_action_server_down_then_back(stack):
    sender = f"fault-{uuid.uuid4()}"
    assert "vendredi 8 août 2025" in say(stack, sender, "date limite pour le chef de service ?")
    stack.stop_action_server()
    try:
        assert say(stack, sender, "et sa référence ?").startswith("Désolé, un problème technique")
        assert say(stack, sender, "d'accord").startswith("Très bien")  # what needs no action still works
    finally:
        stack.start_action_server()
    assert "25-58915/MPRH du 18 juillet 2025" in say(stack, sender, "et sa référence ?")


def test_a_restarted_server_continues_the_conversation(stack):
    sender = f"restart-{uuid.uuid4()}"
    assert "vendredi 8 août 2025" in say(stack, sender, "date limite pour le chef de service ?")
    stack.restart_rasa()  # the conversation lives in the SQLite tracker store, not in the process
    assert "25-58915/MPRH du 18 juillet 2025" in say(stack, sender, "et sa référence ?")


def test_the_http_api_is_off_by_default(stack):
    for method, path in (("GET", "/status"), ("PUT", "/model"), ("POST", "/model/train"),
                         ("GET", "/conversations/x/tracker")):
        request = urllib.request.Request(f"{stack.rasa_url}{path}", method=method,
                                         data=b"{}" if method != "GET" else None)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code in (404, 405), (method, path, refused.value.code)


@pytest.mark.parametrize("content, reason", [(None, "fichier d'index introuvable"),
                                             ("{pas du json", "fichier d'index illisible ou corrompu")])
def test_the_action_server_refuses_a_missing_or_corrupt_index(tmp_path, content, reason):
    index = tmp_path / "index.json"
    if content is not None:
        index.write_text(content)
    done = subprocess.run([sys.executable, "-m", "bot.action_server", "--port", str(free_port())], cwd=ROOT,
                          env={**os.environ, "OFFERS_DIR": str(SEEDS_DIR), "OFFERS_INDEX": str(index)},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert f"impossible de charger les offres : {index}: {reason}" in done.stderr
