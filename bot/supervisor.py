"""Child processes of the launcher: start them, wait until they answer, keep them running, stop them.

`Supervisor` watches a started stack (`make run`): a part that stops is started again after
1 s, 2 s, 4 s… (at most RESTART_DELAY_MAX), with one French line on the terminal, while the
others keep running; after RESTART_LIMIT restarts in a row that each stopped again within
RESTART_WINDOW seconds of answering, it gives up and says which part and where its log is.
Each change is written to STATUS_FILE for `make status` (bot/status.py).
"""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from offers_index.config import PROJECT_ROOT

from . import settings

if TYPE_CHECKING:
    from .launch import Stack


class StartError(RuntimeError):
    pass


def answers(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status < 500
    except (urllib.error.URLError, OSError, ValueError):
        return False


@dataclass
class Part:
    """One server of the stack: how to start it and how to know it answers."""
    name: str                # "actions", "rasa", "rasa-2", "web": also its log file's name
    label: str               # French, for the terminal
    command: list[str]
    health_url: str
    log_file: Path | None    # None: the output goes to the terminal

    @property
    def address(self) -> str:
        url = urlsplit(self.health_url)
        return f"{url.scheme}://{url.netloc}"

    def where_logged(self) -> str:
        """« journal : .cache/logs/actions.log », or nothing when the output goes to the terminal."""
        if not self.log_file:
            return ""
        try:
            shown = self.log_file.relative_to(PROJECT_ROOT)
        except ValueError:
            shown = self.log_file
        return f"journal : {shown}"


def spawn(part: Part, env: dict[str, str]) -> subprocess.Popen:
    """The part's process in its own session (Ctrl-C reaches the launcher only); its log file gets
    a dated line first, so each start and restart can be found in it."""
    output = None
    if part.log_file:
        part.log_file.parent.mkdir(parents=True, exist_ok=True)
        output = open(part.log_file, "ab")
        output.write(f"\n===== {datetime.now():%Y-%m-%d %H:%M:%S} démarrage de {part.label} =====\n".encode())
        output.flush()
    try:
        return subprocess.Popen(part.command, cwd=PROJECT_ROOT, env=env, stdout=output,
                                stderr=subprocess.STDOUT if output else None, start_new_session=True)
    finally:
        if output:
            output.close()


_ERROR_LINE = re.compile(r"^(erreur\b|\w*(Error|Exception)\b)", re.IGNORECASE)


def last_error(part: Part) -> str:
    """The last line of the part's log that reads as an error (« erreur : … », « ValueError: … »), or ""."""
    if not part.log_file:
        return ""
    try:
        with open(part.log_file, "rb") as log:
            log.seek(max(0, log.seek(0, os.SEEK_END) - 20_000))
            lines = log.read().decode("utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    return next((line.strip()[:300] for line in reversed(lines) if _ERROR_LINE.match(line.strip())), "")


def how_it_stopped(returncode: int) -> str:
    if returncode < 0:
        try:
            return f"tué par le signal {signal.Signals(-returncode).name}"
        except ValueError:
            return f"tué par le signal {-returncode}"
    return f"code de sortie {returncode}"


def _stopped_at_start(part: Part, returncode: int) -> StartError:
    details = [f"{part.label} s'est arrêté au démarrage ({how_it_stopped(returncode)})", last_error(part),
               part.where_logged()]
    return StartError(" ; ".join(detail for detail in details if detail))


def wait_until_ready(parts: list[tuple[Part, subprocess.Popen]],
                     on_ready: Callable[[Part], None] = lambda part: None) -> None:
    """Until every part answers (`on_ready` is told as each does, in the order they do); StartError
    when one stops or stays silent START_TIMEOUT seconds."""
    deadline = time.monotonic() + settings.START_TIMEOUT
    waiting = list(parts)
    while waiting:
        for part, process in list(waiting):
            if process.poll() is not None:
                raise _stopped_at_start(part, process.returncode)
            if answers(part.health_url):
                waiting.remove((part, process))
                on_ready(part)
        if waiting and time.monotonic() > deadline:
            part = waiting[0][0]
            raise StartError(f"{part.label} ne répond pas sur {part.health_url} après {settings.START_TIMEOUT} s"
                             + (f" ; {part.where_logged()}" if part.log_file else ""))
        if waiting:
            time.sleep(0.3)


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the process's group, SIGKILL after 15 s."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


RUNNING, WAITING, STARTING = "en marche", "arrêté, redémarrage prévu", "en redémarrage"


@dataclass
class _Watched:
    part: Part
    state: str = RUNNING
    since: float = 0.0                # time.time() of the last change of state, for the status
    ready_at: float | None = None     # time.monotonic() when it last answered; None since it stopped
    restarts: int = 0
    quick_stops: int = 0              # stops in a row, each within RESTART_WINDOW s of answering
    restart_at: float = 0.0           # time.monotonic() of the planned restart
    started_at: float = 0.0           # time.monotonic() of the last restart


class Supervisor:
    """Keeps a started stack's parts running (see the module's docstring)."""

    def __init__(self, stack: "Stack", say: Callable[[str], None], status_file: Path | None):
        self.stack, self.say, self.status_file = stack, say, status_file
        now, wall = time.monotonic(), time.time()
        self.watched = [_Watched(part, since=wall, ready_at=now) for part in stack.parts.values()]
        self.started = wall

    def watch(self) -> str:
        """Runs until a part is in a crash loop; returns the French line that says so."""
        self.write_status()
        while True:
            for watched in self.watched:
                failure = self._check(watched)
                if failure:
                    return failure
            time.sleep(0.5)

    def _check(self, watched: _Watched) -> str | None:
        part, now = watched.part, time.monotonic()
        process = self.stack.processes.get(part.name)
        if watched.state == WAITING:
            if now >= watched.restart_at:
                self.stack.respawn(part.name)
                watched.restarts += 1
                self._change(watched, STARTING)
                watched.started_at = now
            return None
        if process is None or process.poll() is not None:
            return self._stopped(watched, how_it_stopped(process.returncode) if process else "absent")
        if watched.state == STARTING:
            if answers(part.health_url):
                watched.ready_at = now
                self._change(watched, RUNNING)
                self.say(f"{part.label} de nouveau prêt ({watched.restarts} redémarrage(s) depuis le lancement)")
            elif now - watched.started_at > settings.START_TIMEOUT:
                stop(process)
                return self._stopped(watched, f"pas de réponse après {settings.START_TIMEOUT} s")
        return None

    def _stopped(self, watched: _Watched, how: str) -> str | None:
        part, now = watched.part, time.monotonic()
        quick = watched.ready_at is None or now - watched.ready_at < settings.RESTART_WINDOW
        watched.quick_stops = watched.quick_stops + 1 if quick else 1
        watched.ready_at = None
        where = part.where_logged()
        if watched.quick_stops > settings.RESTART_LIMIT:
            self._change(watched, "arrêté")
            details = [f"erreur : {part.label} s'est arrêté {watched.quick_stops} fois de suite moins de "
                       f"{settings.RESTART_WINDOW} s après son démarrage ({how}) : tout est arrêté",
                       last_error(part), where]
            return " ; ".join(detail for detail in details if detail)
        delay = min(2 ** (watched.quick_stops - 1), settings.RESTART_DELAY_MAX)
        watched.restart_at = now + delay
        self._change(watched, WAITING)
        self.say(f"{part.label} arrêté ({how}) : redémarrage dans {delay} s" + (f" — {where}" if where else ""))
        return None

    def _change(self, watched: _Watched, state: str) -> None:
        watched.state, watched.since = state, time.time()
        self.write_status()

    def write_status(self, stopped_because: str | None = None) -> None:
        """STATUS_FILE: the launcher's pid, and each part's state, since when, restarts, address, log."""
        if self.status_file is None:
            return
        parts, now = [], time.time()
        for watched in self.watched:
            process = self.stack.processes.get(watched.part.name)
            parts.append({"name": watched.part.name, "label": watched.part.label,
                          "state": "arrêté" if stopped_because else watched.state,
                          "since": datetime.fromtimestamp(now if stopped_because else watched.since
                                                          ).isoformat(timespec="seconds"),
                          "restarts": watched.restarts, "pid": process.pid if process else None,
                          "address": watched.part.address, "health": watched.part.health_url,
                          "log": str(watched.part.log_file) if watched.part.log_file else None})
        status = {"launcher_pid": os.getpid(),
                  "started": datetime.fromtimestamp(self.started).isoformat(timespec="seconds"),
                  "stopped": datetime.now().isoformat(timespec="seconds") if stopped_because else None,
                  "stopped_because": stopped_because, "parts": parts}
        self.status_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.status_file.with_suffix(".tmp")
        temporary.write_text(json.dumps(status, ensure_ascii=False, indent=1), encoding="utf-8")
        temporary.replace(self.status_file)
