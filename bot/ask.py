"""`make ask Q="date limite pour le poste d'acheteur ?"`: one question to the running bot, its answer
printed as plain French text (a list of offers as a numbered list, as `make shell` shows it).

    python -m bot.ask "question"

It asks Rasa's REST webhook at RASA_URL (default http://localhost:RASA_PORT, the bot `make run`
starts) under a new sender id, with `Authorization: Bearer REST_TOKEN` when that is set. It starts
nothing: when no bot answers it says so and how to start one. Exit 0: answered; 1: no bot, or
it failed; 2: no question given.
"""
from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
import uuid

from . import settings
from .shell import render

USAGE = 'usage : make ask Q="date limite pour le chef de service ?"   (ou : python -m bot.ask "question")'
REPLY_TIMEOUT = 120  # seconds for the answer (the first question after a start loads the NLU pipeline)


class NoBot(OSError):
    """No bot listens at the address."""


def rasa_url() -> str:
    return (os.environ.get("RASA_URL") or f"http://localhost:{settings.RASA_PORT}").rstrip("/")


def ask(url: str, text: str, sender: str | None = None) -> list[dict]:
    """The bot's messages for `text`; NoBot when nothing listens at `url`, OSError (French) when it fails."""
    request = urllib.request.Request(f"{url}/webhooks/rest/webhook", method="POST", headers=settings.rest_headers(),
                                     data=json.dumps({"sender": sender or f"ask-{uuid.uuid4().hex}",
                                                      "message": text}).encode("utf-8"))
    try:
        with urllib.request.urlopen(request, timeout=REPLY_TIMEOUT) as response:
            messages = json.load(response)
    except urllib.error.HTTPError as error:
        raise OSError(f"le bot de {url} a répondu par l'erreur HTTP {error.code}{_reason(error)}") from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, (ConnectionRefusedError, ConnectionResetError)) or "refused" in str(error.reason):
            raise NoBot(url) from error
        raise OSError(f"le bot de {url} ne répond pas ({error.reason})") from error
    except TimeoutError as error:
        raise OSError(f"le bot de {url} n'a pas répondu en {REPLY_TIMEOUT} s") from error
    except (OSError, ValueError) as error:
        raise OSError(f"réponse illisible du bot de {url} ({error})") from error
    if not isinstance(messages, list):
        raise OSError(f"réponse inattendue du bot de {url}")
    return [message for message in messages if isinstance(message, dict)]


def _reason(error: urllib.error.HTTPError) -> str:
    """« : <the channel's French reason> » when the refusal carries one (REST 400, 401, 413)."""
    try:
        text = json.loads(error.read())[0]["text"]
    except (OSError, ValueError, LookupError, TypeError):
        return ""
    return f" : {text}" if isinstance(text, str) and text else ""


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    question = " ".join(args).strip()
    if not question:
        print(USAGE, file=sys.stderr)
        return 2
    url = rasa_url()
    try:
        messages = ask(url, question)
    except NoBot:
        print(f"Aucun bot ne répond sur {url} : lancez-le d'abord avec `make run` (dans un autre terminal), "
              f"ou indiquez son adresse avec RASA_URL=…", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"erreur : {error}", file=sys.stderr)
        return 1
    texts = [render(message) for message in messages]
    texts = [text for text in texts if text]
    if not texts:
        print("(le bot n'a rien répondu)")
        return 1
    print("\n\n".join(texts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
