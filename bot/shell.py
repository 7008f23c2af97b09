"""`make shell`: talk to the bot in the terminal (for HR), as a candidate does in the web chat.

Starts what it needs and stops it on exit: the action server (the one on ACTION_PORT is reused
only when it answers from the same OFFERS_DIR and BOT_TODAY, else the shell starts its own on a
free port) and a Rasa server on SHELL_PORT, beside `make run`'s. Each line typed goes to Rasa's
REST webhook under one sender id for the session; an offer list is shown as text, its numbered
buttons without their payloads, and a choice is typed as in the chat (« le 2 »). The servers'
logs go to .cache/logs/shell/.
"""
from __future__ import annotations

import json
import readline  # noqa: F401 - line editing and history for input() in a terminal
import signal
import socket
import sys
import urllib.error
import urllib.request
import uuid

from offers_index import config
from offers_index.config import PROJECT_ROOT

from . import settings
from .launch import Stack
from .supervisor import StartError, answers

QUIT = "/quitter"
REPLY_TIMEOUT = 120  # seconds for one answer (the first one loads the NLU pipeline)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answering_from(action_url: str) -> dict | None:
    """What the action server at `action_url` answers from (its /settings), or None when it does not say."""
    try:
        with urllib.request.urlopen(f"{action_url}/settings", timeout=2) as response:
            return json.load(response)
    except (urllib.error.URLError, OSError, ValueError):
        return None


def start(stack: Stack) -> None:
    stack.check()
    if answers(f"{stack.rasa_url}/"):
        raise StartError(f"le port {stack.rasa_port} est déjà pris (un autre `make shell` ?) : "
                         f"choisissez-en un autre avec SHELL_PORT=…")
    ours = {"offers_dir": str(config.offers_dir().resolve()), "today": config.bot_today()}
    running = answers(f"{stack.action_url}/health")
    if running and _answering_from(stack.action_url) == ours:
        print(f"serveur d'actions déjà en marche sur le port {stack.action_port} : réutilisé", flush=True)
    else:
        if running:
            print(f"le serveur d'actions du port {stack.action_port} ne sert pas les offres ({ours['offers_dir']}) "
                  f"ou la date (BOT_TODAY={ours['today'] or 'aujourd’hui'}) de ce shell : il n'est pas utilisé",
                  flush=True)
            stack.action_port = _free_port()
        print(f"démarrage du serveur d'actions (port {stack.action_port})…", flush=True)
        stack.start_action_server()
    stack.env["ACTION_ENDPOINT_URL"] = f"{stack.action_url}/webhook"
    print(f"démarrage de Rasa (port {stack.rasa_port}, environ 20 s)…", flush=True)
    stack.start_rasa()


def ask(rasa_url: str, sender: str, text: str) -> list[dict]:
    """The bot's messages for one line; OSError (a French message) when Rasa does not answer."""
    request = urllib.request.Request(f"{rasa_url}/webhooks/rest/webhook", method="POST",
                                     data=json.dumps({"sender": sender, "message": text}).encode("utf-8"),
                                     headers=settings.rest_headers())
    try:
        with urllib.request.urlopen(request, timeout=REPLY_TIMEOUT) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        raise OSError(f"Rasa a répondu par l'erreur HTTP {error.code}") from error
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise OSError(f"Rasa ne répond pas ({getattr(error, 'reason', error)})") from error


def render(message: dict) -> str:
    """A message as plain text: its buttons as a numbered list, unless the text already lists them."""
    text = (message.get("text") or "").strip()
    lines = text.splitlines()
    for rank, button in enumerate(message.get("buttons") or [], start=1):
        title = str(button.get("title") or "").strip()
        if not title.startswith(f"{rank}."):
            title = f"{rank}. {title}"
        if not any(line.startswith(title) for line in lines):
            text += f"\n{title}"
    return text.strip()


def stopped(stack: Stack) -> bool:
    """True, with a French line each, when a server the shell started has stopped."""
    dead = {name: process.returncode for name, process in stack.processes.items() if process.poll() is not None}
    for name, code in dead.items():
        print(f"erreur : {name} s'est arrêté (code {code}) ; voir {stack.log_dir / (name + '.log')}", flush=True)
    return bool(dead)


def converse(stack: Stack) -> int:
    sender = uuid.uuid4().hex
    print(f"\nPrêt. Tapez votre question ; « {QUIT} » ou Ctrl-D pour sortir.\n", flush=True)
    while True:
        try:
            line = input("vous › ").strip()
        except EOFError:
            print(flush=True)
            return 0
        if not line:
            continue
        if line.lower() == QUIT:
            return 0
        try:
            for message in ask(stack.rasa_url, sender, line):
                print(f"assistant › {render(message)}\n", flush=True)
        except OSError as error:
            print(f"erreur : {error}", flush=True)
        if stopped(stack):
            return 1


def main() -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # through `finally`: the servers stop too
    stack = Stack(rasa_port=settings.SHELL_PORT, action_port=settings.ACTION_PORT,
                  log_dir=PROJECT_ROOT / ".cache" / "logs" / "shell")
    try:
        start(stack)
        return converse(stack)
    except StartError as error:
        print(f"erreur : {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(flush=True)
        return 0
    finally:
        print("arrêt…", flush=True)
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
