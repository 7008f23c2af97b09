"""`make run`'s launcher (python -m bot.launch) as a real process, with its real children: its short
French start, a killed action server restarted without a human (the candidate gets the apology
meanwhile, never silence), `make status`, and a crash loop that stops everything with a clear line."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS_DIR
from .network import free_port

START_TIMEOUT = 240
RECOVERY_TIMEOUT = 60
APOLOGY = "Désolé, un problème technique"
ENGLISH = re.compile(r"\b(the|is|are|loading|loaded|started|starting|ready|server|info|warning|debug|"
                     r"registered|sanic|tensorflow|goin' fast)\b", re.IGNORECASE)


class Launcher:
    """`python -m bot.launch` on free ports; every line it prints is kept in `lines`."""

    def __init__(self, work: Path, scaled: bool = False, **env: str):
        self.rasa_port, self.action_port, self.web_port = free_port(), free_port(), free_port()
        self.replica_ports = (self.rasa_port, free_port()) if scaled else (self.rasa_port,)
        self.status_file = work / "status.json"
        self.env = {**os.environ, "LOG_DIR": str(work / "logs"), "STATUS_FILE": str(self.status_file),
                    "TRACKER_DB": str(work / "tracker.db"), "OFFERS_DIR": str(SEEDS_DIR),
                    "OFFERS_INDEX": str(work / "index.json"), "BOT_TODAY": "2025-08-05",
                    "RASA_REPLICA_PORTS": ",".join(map(str, self.replica_ports)), **env}
        self.env.pop("LOG_LEVEL", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.launch", "--rasa-port", str(self.rasa_port),
             "--action-port", str(self.action_port), "--web-port", str(self.web_port), *(["--scaled"] if scaled else [])],
            cwd=ROOT, env=self.env, text=True, encoding="utf-8", stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for_line(self, pattern: str, timeout: float) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for position, line in enumerate(self.lines):
                if re.search(pattern, line):
                    return position
            if self.process.poll() is not None:
                time.sleep(0.5)  # the last lines
                if not any(re.search(pattern, line) for line in self.lines):
                    break
            time.sleep(0.2)
        pytest.fail(f"« {pattern} » attendu ; le lanceur a écrit :\n" + "\n".join(self.lines))

    def say(self, sender: str, message: str, port: int | None = None) -> str:
        request = urllib.request.Request(f"http://127.0.0.1:{port or self.rasa_port}/webhooks/rest/webhook",
                                         data=json.dumps({"sender": sender, "message": message}).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            replies = json.loads(answer.read())
        assert replies, f"aucune réponse (liste vide) à « {message} »"
        return "\n".join(reply.get("text") or "" for reply in replies)

    def part(self, name: str) -> dict:
        return next(p for p in json.loads(self.status_file.read_text(encoding="utf-8"))["parts"] if p["name"] == name)

    def kill(self, name: str) -> None:
        os.killpg(self.part(name)["pid"], signal.SIGKILL)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()


@pytest.fixture(scope="module")
def launcher():
    # RESTART_WINDOW: every stop in this module counts as « soon after the start »; RESTART_LIMIT 2:
    # the third such stop in a row is a crash loop (the last test).
    running = Launcher(Path(tempfile.mkdtemp(prefix="supervision-")), RESTART_LIMIT="2", RESTART_WINDOW="3600")
    running.wait_for_line(r"^prêt en \d+ s", START_TIMEOUT)
    yield running
    running.stop()


def test_the_start_is_at_most_15_french_lines(launcher):
    before_answer = launcher.lines[:launcher.wait_for_line(r"Ctrl-C pour tout arrêter", 10) + 1]
    assert len(before_answer) <= 15, before_answer
    for line in before_answer:
        assert not ENGLISH.search(line.replace("LOG_LEVEL=DEBUG", "")), line  # the variable's name is no English
        assert re.search(r"\b(de|du|des|le|la|les|sur|dans|en|prêt|état|offres?)\b", line), line
    assert any("journaux dans" in line for line in before_answer)
    assert any(f"http://127.0.0.1:{launcher.rasa_port}/webhooks/rest/webhook" in line for line in before_answer)


def test_a_killed_action_server_is_restarted_while_the_candidate_gets_an_apology(launcher):
    sender = f"supervision-{uuid.uuid4()}"
    assert "vendredi 8 août 2025" in launcher.say(sender, "date limite pour le chef de service ?")
    launcher.kill("actions")
    assert launcher.say(sender, "et sa référence ?").startswith(APOLOGY)  # not silence, not []
    deadline, reply = time.monotonic() + RECOVERY_TIMEOUT, ""
    while time.monotonic() < deadline:
        reply = launcher.say(sender, "et sa référence ?")
        if "25-58915/MPRH du 18 juillet 2025" in reply:
            break
        assert reply.startswith(APOLOGY), reply
        time.sleep(1)
    assert "25-58915/MPRH du 18 juillet 2025" in reply, reply
    assert launcher.process.poll() is None  # Rasa and the page kept running, so did the launcher
    assert any(re.fullmatch(r"serveur d'actions arrêté \(tué par le signal SIGKILL\) : redémarrage dans 1 s — "
                            r"journal : .*actions\.log", line) for line in launcher.lines), launcher.lines
    launcher.wait_for_line(r"^serveur d'actions de nouveau prêt", 10)
    assert launcher.part("actions")["restarts"] == 1 and launcher.part("actions")["state"] == "en marche"
    assert launcher.part("rasa")["restarts"] == 0


def test_make_status_says_what_runs_since_when_and_the_restarts(launcher):
    done = subprocess.run([sys.executable, "-m", "bot.status"], cwd=ROOT, env=launcher.env, capture_output=True,
                          text=True, timeout=30)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("lancé le ")
    actions = next(line for line in lines if line.startswith("  serveur d'actions : "))
    assert re.search(r"en marche depuis le \d\d/\d\d à \d\d:\d\d:\d\d .*, 1 redémarrage — http://127\.0\.0\.1:", actions)
    assert f"Rasa (port {launcher.rasa_port}) : en marche" in done.stdout and "0 redémarrage" in done.stdout


def test_a_crash_loop_stops_everything_and_names_the_part_and_its_log(launcher):
    launcher.kill("actions")  # second stop soon after its start: restarted after 2 s
    launcher.wait_for_line(r"redémarrage dans 2 s", 10)
    deadline = time.monotonic() + RECOVERY_TIMEOUT
    while launcher.part("actions")["state"] != "en marche" and time.monotonic() < deadline:
        time.sleep(0.5)
    launcher.kill("actions")  # the third: over RESTART_LIMIT
    assert launcher.process.wait(timeout=60) == 1
    time.sleep(0.5)
    last = launcher.lines[-1]
    assert re.fullmatch(r"erreur : serveur d'actions s'est arrêté 3 fois de suite moins de 3600 s après son "
                        r"démarrage \(tué par le signal SIGKILL\) : tout est arrêté ; journal : .*actions\.log", last), last
    with pytest.raises(OSError):
        launcher.say("after", "bonjour")  # Rasa was stopped too
    done = subprocess.run([sys.executable, "-m", "bot.status"], cwd=ROOT, env=launcher.env, capture_output=True,
                          text=True, timeout=30)
    assert done.returncode == 1 and done.stdout.startswith("rien ne tourne : le dernier lancement s'est arrêté le ")


def test_a_killed_rasa_replica_restarts_and_continues_its_conversations_from_postgresql(tmp_path):
    """`make run-scaled`: the other replica keeps answering while the killed one restarts; once back,
    it continues the conversation from the shared PostgreSQL store."""
    scaled = Launcher(tmp_path, scaled=True)
    try:
        scaled.wait_for_line(r"^prêt en \d+ s", START_TIMEOUT)
        first, second = scaled.replica_ports
        sender = f"replica-{uuid.uuid4()}"
        assert "vendredi 8 août 2025" in scaled.say(sender, "date limite pour le chef de service ?", second)
        scaled.kill("rasa-2")
        assert "25-58915/MPRH du 18 juillet 2025" in scaled.say(sender, "et sa référence ?", first)
        scaled.wait_for_line(rf"^Rasa \(port {second}\) arrêté \(tué par le signal SIGKILL\) : redémarrage dans 1 s", 10)
        scaled.wait_for_line(rf"^Rasa \(port {second}\) de nouveau prêt", START_TIMEOUT)
        assert "Nouméa" in scaled.say(sender, "où est-ce ?", second)
        assert scaled.part("rasa-2")["restarts"] == 1 and scaled.part("rasa")["restarts"] == 0
    finally:
        scaled.stop()
