"""Start everything `make run` (or `make run-scaled`) needs, keep it running, stop it all on Ctrl-C.

    python -m bot.launch [--rasa-port N] [--action-port N] [--web-port N] [-v]
    python -m bot.launch --scaled      # Rasa replicas on RASA_REPLICA_PORTS, endpoints.prod.yml

The conversation store (and Redis, RabbitMQ when the endpoints file names them) is checked first,
with a clear error when it does not answer (bot/endpoints.py); then Rasa (one process per replica,
REST and socket.io channels), the action server (after building the offer index) and the demo page
(bot/web_server.py) start side by side, and each must answer before the launcher says « prêt ».
From then on bot/supervisor.py restarts a part that stops and writes STATUS_FILE (`make status`).
Each part's output goes to LOG_DIR/<part>.log; the terminal gets a few French lines (`-v` or
LOG_LEVEL=DEBUG: every part's output instead).
Used by tests and benchmarks too (`Stack`; the page only with start_web=True).
Rasa's CORS (`--cors`) and its socket.io origin check allow the page's origins only
(WIDGET_ORIGINS, default http://localhost:WEB_PORT and http://127.0.0.1:WEB_PORT).
"""
from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from offers_index.config import PROJECT_ROOT

from . import endpoints as endpoints_file
from . import settings
from .prod_checks import role_is_superuser, scaled_setup_warning
from .rasa_server import check_api_secret
from .supervisor import Part, StartError, Supervisor, spawn, stop, wait_until_ready

__all__ = ["RASA", "Stack", "StartError", "main"]  # StartError: for the callers of Stack.start()

PYTHON = sys.executable
RASA = str(Path(sys.executable).with_name("rasa"))


def latest_model(model_dir: Path) -> Path:
    models = sorted(model_dir.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise StartError(f"aucun modèle dans {model_dir} : lancez `make train`")
    return models[-1]


@dataclass
class Stack:
    """The action server, the Rasa server(s) and the demo page, as child processes."""
    rasa_port: int = settings.RASA_PORT
    action_port: int = settings.ACTION_PORT
    env: dict[str, str] = field(default_factory=dict)
    log_dir: Path | None = None
    start_actions: bool = True
    web_port: int = settings.WEB_PORT
    start_web: bool = False
    endpoints: str = settings.ENDPOINTS
    replica_ports: tuple[int, ...] = ()  # more Rasa servers beside rasa_port, sharing the stores
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    parts: dict[str, Part] = field(default_factory=dict)  # what was started, by name, to restart it
    report: Callable[[str], None] = field(default=lambda line: None, repr=False)  # French progress lines

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def rasa_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{port}" for port in (self.rasa_port, *self.replica_ports)]

    @property
    def action_url(self) -> str:
        return f"http://127.0.0.1:{self.action_port}"

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    @property
    def widget_origins(self) -> tuple[str, ...]:
        """WIDGET_ORIGINS when set (in env or the environment), else this run's page origins."""
        value = self.env.get("WIDGET_ORIGINS") or os.environ.get("WIDGET_ORIGINS")
        return settings.parse_origins(value or settings.default_widget_origins(self.web_port))

    def _environment(self) -> dict[str, str]:
        env = {**os.environ, **self.env}
        env.setdefault("ACTION_ENDPOINT_URL", f"{self.action_url}/webhook")
        env.setdefault("TRACKER_DB", str(settings.TRACKER_DB))
        env.update({"WIDGET_ORIGINS": ",".join(self.widget_origins), "WEB_PORT": str(self.web_port),
                    "RASA_PORT": str(self.rasa_port)})
        env["PYTHONPATH"] = str(PROJECT_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        return env

    def _spawn(self, name: str, label: str, command: list[str], health_url: str) -> None:
        part = Part(name, label, command, health_url, self.log_dir / f"{name}.log" if self.log_dir else None)
        self.parts[name] = part
        self.processes[name] = spawn(part, self._environment())

    def respawn(self, name: str) -> subprocess.Popen:
        """The part started again with the same command (the supervisor's restart)."""
        self.processes[name] = spawn(self.parts[name], self._environment())
        return self.processes[name]

    def _wait(self, *names: str) -> None:
        started = time.monotonic()

        def ready(part: Part) -> None:
            self.report(f"{part.label} : prêt sur {part.address} ({time.monotonic() - started:.0f} s)")

        wait_until_ready([(self.parts[name], self.processes[name]) for name in names], ready)

    def build_index(self) -> None:
        """`python -m offers_index build` for this run's OFFERS_DIR and OFFERS_INDEX (a bad offer
        file is skipped with a warning naming it); its summary line is reported without the file's path."""
        done = subprocess.run([PYTHON, "-m", "offers_index", "build"], cwd=PROJECT_ROOT, env=self._environment(),
                              capture_output=True, text=True)
        if done.returncode:
            raise StartError(f"index des offres non construit : {done.stderr.strip()}")
        summary = (done.stdout.strip().splitlines() or [""])[-1]
        self.report("index des offres : " + re.sub(r" dans \S+", "", summary, count=1))

    def _spawn_action_server(self) -> None:
        """The offer index is built first, as `make run` does: the action server alone refuses to
        start without one."""
        self.build_index()
        self._spawn("actions", "serveur d'actions", [PYTHON, "-m", "bot.action_server", "--port", str(self.action_port)],
                    f"{self.action_url}/health")

    def start_action_server(self) -> None:
        self._spawn_action_server()
        self._wait("actions")

    def stop_action_server(self) -> None:
        self._stop("actions")

    def _spawn_web_server(self) -> None:
        self._spawn("web", "page web", [PYTHON, "-m", "bot.web_server", "--port", str(self.web_port),
                                        "--rasa-port", str(self.rasa_port)], f"{self.web_url}/health")

    def start_web_server(self) -> None:
        self._spawn_web_server()
        self._wait("web")

    def _rasa_names(self) -> dict[str, int]:
        ports = (self.rasa_port, *self.replica_ports)
        return {("rasa" if i == 0 else f"rasa-{i + 1}"): port for i, port in enumerate(ports)}

    def _spawn_rasa(self) -> None:
        model = latest_model(settings.MODEL_DIR)
        api = ["--enable-api"] if settings.api_enabled(self._environment()) else []
        names = self._rasa_names()
        for name, port in names.items():
            self._spawn(name, f"Rasa (port {port})",
                        [PYTHON, "-m", "bot.rasa_server", "--model", str(model),
                         "--interface", settings.BIND_HOST, "--port", str(port),
                         "--credentials", "credentials.yml", "--endpoints", str(self.write_endpoints(port)),
                         "--cors", *self.widget_origins, *api], f"http://127.0.0.1:{port}/")

    def start_rasa(self) -> None:
        """Every replica is spawned before any is waited for: they load their models side by side."""
        self._spawn_rasa()
        self._wait(*self._rasa_names())

    def stop_rasa(self) -> None:
        for name in self._rasa_names():
            self._stop(name)

    def restart_rasa(self) -> None:
        self.stop_rasa()
        self.start_rasa()

    def start(self) -> "Stack":
        """Everything at once, Rasa first (loading its model is the longest part); then until each answers."""
        try:
            self.check()
            self._spawn_rasa()
            if self.start_actions:
                self._spawn_action_server()
            if self.start_web:
                self._spawn_web_server()
            self._wait(*self.processes)
        except BaseException:
            self.stop()
            raise
        return self

    def check(self) -> None:
        """What must hold before anything starts: an API secret when the API is on, and stores
        that answer (Rasa itself would start anyway and fail at the first message)."""
        env = self._environment()
        if settings.api_enabled(env):
            try:
                check_api_secret(env)
            except ValueError as error:
                raise StartError(str(error)) from error
        endpoints_file.check_stores(self.endpoint_config())

    def endpoint_config(self) -> dict:
        """The endpoints file filled for this run (bot/endpoints.py)."""
        return endpoints_file.for_run(PROJECT_ROOT / self.endpoints, self._environment())

    def write_endpoints(self, rasa_port: int | None = None) -> Path:
        """The filled endpoints file for one Rasa server, in .cache/ (mode 600: it may hold passwords)."""
        target = PROJECT_ROOT / ".cache" / f"endpoints-{rasa_port or self.rasa_port}.yml"
        return endpoints_file.write(self.endpoint_config(), target)

    def _stop(self, name: str) -> None:
        process = self.processes.pop(name, None)
        if process is not None:
            stop(process)

    def stop(self) -> None:
        for name in list(self.processes)[::-1]:
            self._stop(name)


def _say(line: str, error: bool = False) -> None:
    print(line, file=sys.stderr if error else sys.stdout, flush=True)


def _interrupted(*_) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rasa-port", type=int, default=settings.RASA_PORT)
    parser.add_argument("--action-port", type=int, default=settings.ACTION_PORT)
    parser.add_argument("--web-port", type=int, default=settings.WEB_PORT)
    parser.add_argument("--scaled", action="store_true",
                        help="une instance de Rasa par port de RASA_REPLICA_PORTS, avec endpoints.prod.yml")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="la sortie de chaque serveur dans le terminal plutôt que dans LOG_DIR")
    args = parser.parse_args(argv)
    verbose = args.verbose or settings.LOG_LEVEL == "DEBUG"
    first, *more = settings.RASA_REPLICA_PORTS if args.scaled else (args.rasa_port,)
    stack = Stack(rasa_port=first, replica_ports=tuple(more), action_port=args.action_port, web_port=args.web_port,
                  start_web=True, endpoints=settings.SCALED_ENDPOINTS if args.scaled else settings.ENDPOINTS,
                  log_dir=None if verbose else settings.LOG_DIR, report=_say)
    signal.signal(signal.SIGINT, _interrupted)
    signal.signal(signal.SIGTERM, _interrupted)
    launched = time.monotonic()
    supervisor = None
    try:
        logs = "dans le terminal" if verbose else f"dans {_shown(settings.LOG_DIR)}/ (détail : -v ou LOG_LEVEL=DEBUG)"
        _say(f"démarrage de Rasa ({len(stack.rasa_urls)} instance(s)), du serveur d'actions et de la page web ; "
             f"journaux {logs}")
        stack.start()
        config = stack.endpoint_config()
        superuser = args.scaled and role_is_superuser(config.get("tracker_store") or {})
        if args.scaled and (warning := scaled_setup_warning(config, superuser)):
            _say(warning, error=True)
        page_host = "localhost" if settings.BIND_HOST in ("0.0.0.0", "::", "", "127.0.0.1") else settings.BIND_HOST
        _say(f"prêt en {time.monotonic() - launched:.0f} s — page de discussion : http://{page_host}:{args.web_port}/")
        for url in stack.rasa_urls:
            _say(f"  REST : {url}/webhooks/rest/webhook (socket.io sur le même port)")
        _say("état : make status — Ctrl-C pour tout arrêter")
        supervisor = Supervisor(stack, _say, settings.STATUS_FILE)
        failure = supervisor.watch()
        supervisor.write_status(stopped_because=failure)
        _say(failure, error=True)
        return 1
    except StartError as error:
        _say(f"erreur : {error}", error=True)
        return 2
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _say("\narrêt…")
        if supervisor:
            supervisor.write_status(stopped_because="arrêté par Ctrl-C")
        return 0
    finally:
        stack.stop()


def _shown(path: Path) -> Path:
    try:
        return path.relative_to(PROJECT_ROOT)
    except ValueError:
        return path


if __name__ == "__main__":
    sys.exit(main())
