"""Start everything `make run` needs and stop it all on Ctrl-C.

    python -m bot.launch [--rasa-port N] [--action-port N] [--web-port N] [--no-action-server]

The action server starts first (it loads the offers), then Rasa with the REST and socket.io
channels, then the demo page with the chat widget (bot/web_server.py); each must answer before
the launcher says it is ready. Used by tests too (`Stack`; the page only with start_web=True).
Rasa's CORS (`--cors`) and its socket.io origin check allow the page's origins only
(WIDGET_ORIGINS, default http://localhost:WEB_PORT and http://127.0.0.1:WEB_PORT).
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from offers_index.config import PROJECT_ROOT

from . import settings

PYTHON = sys.executable
RASA = str(Path(sys.executable).with_name("rasa"))


class StartError(RuntimeError):
    pass


def answers(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status < 500
    except (urllib.error.URLError, OSError, ValueError):
        return False


def latest_model(model_dir: Path) -> Path:
    models = sorted(model_dir.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise StartError(f"aucun modèle dans {model_dir} : lancez `make train`")
    return models[-1]


@dataclass
class Stack:
    """The action server and the Rasa server, as child processes."""
    rasa_port: int = settings.RASA_PORT
    action_port: int = settings.ACTION_PORT
    env: dict[str, str] = field(default_factory=dict)
    log_dir: Path | None = None
    start_actions: bool = True
    web_port: int = settings.WEB_PORT
    start_web: bool = False
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

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

    def _spawn(self, name: str, command: list[str]) -> subprocess.Popen:
        output = None
        if self.log_dir:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            output = open(self.log_dir / f"{name}.log", "ab")
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=self._environment(), stdout=output,
                                   stderr=subprocess.STDOUT if output else None, start_new_session=True)
        self.processes[name] = process
        return process

    def _wait(self, name: str, url: str) -> None:
        deadline = time.monotonic() + settings.START_TIMEOUT
        process = self.processes[name]
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise StartError(f"{name} s'est arrêté au démarrage (code {process.returncode})"
                                 + (f" ; voir {self.log_dir / (name + '.log')}" if self.log_dir else ""))
            if answers(url):
                return
            time.sleep(0.5)
        raise StartError(f"{name} ne répond pas sur {url} après {settings.START_TIMEOUT} s")

    def start_action_server(self) -> None:
        self._spawn("actions", [PYTHON, "-m", "bot.action_server", "--port", str(self.action_port)])
        self._wait("actions", f"{self.action_url}/health")

    def stop_action_server(self) -> None:
        self._stop("actions")

    def start_web_server(self) -> None:
        self._spawn("web", [PYTHON, "-m", "bot.web_server", "--port", str(self.web_port),
                            "--rasa-port", str(self.rasa_port)])
        self._wait("web", f"{self.web_url}/health")

    def start_rasa(self) -> None:
        model = latest_model(settings.MODEL_DIR)
        self._spawn("rasa", [RASA, "run", "--model", str(model), "--interface", settings.BIND_HOST,
                             "--port", str(self.rasa_port), "--credentials", "credentials.yml",
                             "--endpoints", str(self.write_endpoints()), "--cors", *self.widget_origins])
        self._wait("rasa", f"{self.rasa_url}/")

    def restart_rasa(self) -> None:
        self._stop("rasa")
        self.start_rasa()

    def start(self) -> "Stack":
        try:
            check_tracker_store(self._environment())
            if self.start_actions:
                self.start_action_server()
            self.start_rasa()
            if self.start_web:
                self.start_web_server()
        except BaseException:
            self.stop()
            raise
        return self

    def write_endpoints(self) -> Path:
        """endpoints.yml (or ENDPOINTS) with this run's action server URL and SQLite file."""
        env = self._environment()
        endpoints = yaml.safe_load((PROJECT_ROOT / settings.ENDPOINTS).read_text(encoding="utf-8"))
        endpoints.setdefault("action_endpoint", {})["url"] = env["ACTION_ENDPOINT_URL"]
        store = endpoints.get("tracker_store") or {}
        if store.get("type") == "SQL" and store.get("dialect") == "sqlite":
            store["db"] = env["TRACKER_DB"]
        target = PROJECT_ROOT / ".cache" / f"endpoints-{self.rasa_port}.yml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(yaml.safe_dump(endpoints, allow_unicode=True), encoding="utf-8")
        return target

    def _stop(self, name: str) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def stop(self) -> None:
        for name in list(self.processes)[::-1]:
            self._stop(name)


def check_tracker_store(env: dict[str, str]) -> None:
    """A clear start-up error when the conversations cannot be stored (Rasa itself starts anyway)."""
    database = Path(env.get("TRACKER_DB") or settings.TRACKER_DB)
    try:
        database.parent.mkdir(parents=True, exist_ok=True)
        with open(database, "ab"):
            pass
    except OSError as error:
        raise StartError(f"base des conversations inutilisable : {database} ({error.strerror})") from error


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rasa-port", type=int, default=settings.RASA_PORT)
    parser.add_argument("--action-port", type=int, default=settings.ACTION_PORT)
    parser.add_argument("--web-port", type=int, default=settings.WEB_PORT)
    args = parser.parse_args(argv)
    stack = Stack(rasa_port=args.rasa_port, action_port=args.action_port, web_port=args.web_port, start_web=True)
    stopping = False

    def stop(*_):
        nonlocal stopping
        if not stopping:
            stopping = True
            print("\narrêt…", flush=True)
            stack.stop()
            sys.exit(0)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        print("démarrage du serveur d'actions, de Rasa et de la page web (environ 30 s)…", flush=True)
        stack.start()
    except StartError as error:
        print(f"erreur : {error}", file=sys.stderr)
        return 2
    page_host = "127.0.0.1" if settings.BIND_HOST in ("0.0.0.0", "::", "") else settings.BIND_HOST
    print(f"prêt : REST http://127.0.0.1:{args.rasa_port}/webhooks/rest/webhook — socket.io sur le même port\n"
          f"page de démonstration avec l'assistant : http://{page_host}:{args.web_port}/ "
          f"— Ctrl-C pour tout arrêter", flush=True)
    while True:
        for name, process in list(stack.processes.items()):
            if process.poll() is not None:
                print(f"erreur : {name} s'est arrêté (code {process.returncode})", file=sys.stderr)
                stack.stop()
                return 1
        time.sleep(1)


if __name__ == "__main__":
    sys.exit(main())
