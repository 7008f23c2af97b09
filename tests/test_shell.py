"""`make shell` (bot/shell.py) driven through its stdin, against the real bot.

The shell runs as `python -m bot.shell` on free ports with BOT_TODAY=2025-08-05 and the seed
offers; a stand-in action server already answers on ACTION_PORT for other offers and another day,
so the shell must start its own. Checks: the French start line, an offer list as a plain numbered
list (no payload, no arrow-key menu), « le 2 » picking the second listed offer, a clean exit.
"""
from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS_DIR
from .network import free_port

START_TIMEOUT = 300  # the action server, then Rasa (about a minute on 2 cores)
REPLY_TIMEOUT = 90
REFERENCES = {"25-58915", "25-57038"}  # « Chef de service », « Chargé(e) de mission … relations multilatérales »


class OtherActionServer(BaseHTTPRequestHandler):
    """An action server for other offers and another day: the shell must not reuse it."""

    def do_GET(self):  # noqa: N802 - http.server's name
        body = {"/health": {"status": "ok"}, "/settings": {"offers_dir": "/ailleurs", "today": "2024-01-01"}}
        data = json.dumps(body.get(self.path, {})).encode()
        self.send_response(200 if self.path in body else 404)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_):
        pass


class Shell:
    """`python -m bot.shell` with a pipe on stdin; everything it prints is kept in `output`."""

    def __init__(self, env: dict[str, str]):
        self.process = subprocess.Popen([sys.executable, "-m", "bot.shell"], cwd=ROOT, env=env, text=True,
                                        encoding="utf-8", stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT)
        self.output = ""
        self._chunks: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while chunk := self.process.stdout.read(1):
            self._chunks.put(chunk)

    def wait_for(self, pattern: str, timeout: float, start: int = 0) -> str:
        """The output from `start` once it matches `pattern`; fails with what was printed otherwise."""
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.output[start:]):
            if time.monotonic() > deadline or (self.process.poll() is not None and self._chunks.empty()):
                pytest.fail(f"« {pattern} » attendu ; le shell a écrit :\n{self.output}")
            try:
                self.output += self._chunks.get(timeout=0.5)
            except queue.Empty:
                pass
        return self.output[start:]

    def say(self, line: str) -> int:
        """Types `line`; returns where its answer starts in `output`."""
        self.wait_for(r"vous › $", REPLY_TIMEOUT, len(self.output) - 10)
        start = len(self.output)
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        return start


@pytest.fixture
def other_action_server():
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), OtherActionServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_shell_lists_offers_as_text_and_takes_le_2(other_action_server: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="shell-"))
    env = {**os.environ, "SHELL_PORT": str(free_port()), "ACTION_PORT": str(other_action_server),
           "BOT_TODAY": "2025-08-05", "OFFERS_DIR": str(SEEDS_DIR), "OFFERS_INDEX": str(work / "index.json"),
           "TRACKER_DB": str(work / "tracker.db"), "OFFERS_RELOAD_SECONDS": "0", "PYTHONIOENCODING": "utf-8"}
    env.pop("ACTION_ENDPOINT_URL", None)
    shell = Shell(env)
    try:
        started = shell.wait_for(r"vous › $", START_TIMEOUT)
        assert "ne sert pas les offres" in started
        assert "Tapez votre question ; « /quitter » ou Ctrl-D pour sortir." in started

        shell.wait_for(r"^vous › $", 10, shell.say(""))  # ignored: the next prompt, no answer
        listing = shell.wait_for(r"assistant ›.*?\n(?:.*\n)*?vous › $", REPLY_TIMEOUT, shell.say("quels postes à Nouméa ?"))
        offers = re.findall(r"^\d\. (.+?) \(réf\. ([\d-]+)", listing, re.MULTILINE)  # (title, reference)
        assert len(offers) == 2 and {ref for _, ref in offers} == REFERENCES, listing
        assert "/choose" not in listing and "Use arrow keys" not in listing and "payload" not in listing

        answer = shell.wait_for(r"assistant ›.*?\n(?:.*\n)*?vous › $", REPLY_TIMEOUT, shell.say("le 2"))
        title, reference = offers[1]
        assert title in answer and reference in answer, answer

        shell.say("/quitter")
        assert shell.process.wait(timeout=60) == 0
        assert "Traceback" not in shell.output
    finally:
        if shell.process.poll() is None:
            shell.process.terminate()  # the shell stops the servers it started on SIGTERM
            shell.process.wait(timeout=60)
        print(shell.output)
