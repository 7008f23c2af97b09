"""Start everything `make run` (or `make run-scaled`) needs and stop it all on Ctrl-C.

    python -m bot.launch [--rasa-port N] [--action-port N] [--web-port N]
    python -m bot.launch --scaled      # Rasa replicas on RASA_REPLICA_PORTS, endpoints.prod.yml

The conversation store (and Redis, RabbitMQ when the endpoints file names them) is checked first,
with a clear error when it does not answer; then the action server starts (it loads the offer
index), then Rasa with the REST and socket.io channels (one process per replica), then the demo
page with the chat widget (bot/web_server.py); each must answer before the launcher says it is
ready. Used by tests and benchmarks too (`Stack`; the page only with start_web=True).
Rasa's CORS (`--cors`) and its socket.io origin check allow the page's origins only
(WIDGET_ORIGINS, default http://localhost:WEB_PORT and http://127.0.0.1:WEB_PORT).
"""
from __future__ import annotations

import argparse
import os
import re
import signal
import socket
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
from .prod_checks import scaled_setup_warning
from .rasa_server import check_api_secret

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
    endpoints: str = settings.ENDPOINTS
    replica_ports: tuple[int, ...] = ()  # more Rasa servers beside rasa_port, sharing the stores
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

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

    def build_index(self) -> None:
        """`python -m offers_index build` for this run's OFFERS_DIR and OFFERS_INDEX (a bad offer
        file is skipped with a warning naming it)."""
        done = subprocess.run([PYTHON, "-m", "offers_index", "build"], cwd=PROJECT_ROOT, env=self._environment(),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode:
            raise StartError(f"index des offres non construit : {done.stderr.strip()}")

    def start_action_server(self) -> None:
        """The offer index is built first, as `make run` does: the action server alone refuses to
        start without one."""
        self.build_index()
        self._spawn("actions", [PYTHON, "-m", "bot.action_server", "--port", str(self.action_port)])
        self._wait("actions", f"{self.action_url}/health")

    def stop_action_server(self) -> None:
        self._stop("actions")

    def start_web_server(self) -> None:
        self._spawn("web", [PYTHON, "-m", "bot.web_server", "--port", str(self.web_port),
                            "--rasa-port", str(self.rasa_port)])
        self._wait("web", f"{self.web_url}/health")

    def _rasa_names(self) -> dict[str, int]:
        ports = (self.rasa_port, *self.replica_ports)
        return {("rasa" if i == 0 else f"rasa-{i + 1}"): port for i, port in enumerate(ports)}

    def start_rasa(self) -> None:
        """Every replica is spawned before any is waited for: they load their models side by side."""
        model = latest_model(settings.MODEL_DIR)
        api = ["--enable-api"] if settings.api_enabled(self._environment()) else []
        names = self._rasa_names()
        for name, port in names.items():
            self._spawn(name, [PYTHON, "-m", "bot.rasa_server", "--model", str(model),
                               "--interface", settings.BIND_HOST, "--port", str(port),
                               "--credentials", "credentials.yml", "--endpoints", str(self.write_endpoints(port)),
                               "--cors", *self.widget_origins, *api])
        for name, port in names.items():
            self._wait(name, f"http://127.0.0.1:{port}/")

    def stop_rasa(self) -> None:
        for name in self._rasa_names():
            self._stop(name)

    def restart_rasa(self) -> None:
        self.stop_rasa()
        self.start_rasa()

    def start(self) -> "Stack":
        try:
            self.check()
            if self.start_actions:
                self.start_action_server()
            self.start_rasa()
            if self.start_web:
                self.start_web_server()
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
        check_stores(self.endpoint_config(), env)

    def endpoint_config(self) -> dict:
        """The endpoints file with ${NAME:-default} filled from this run's environment, this run's
        action server URL and SQLite file, and the event broker only when EVENT_BROKER=rabbitmq."""
        env = self._environment()
        source = PROJECT_ROOT / self.endpoints
        try:
            endpoints = fill(yaml.safe_load(source.read_text(encoding="utf-8")) or {}, env)
        except (OSError, yaml.YAMLError) as error:
            raise StartError(f"{source} : fichier des endpoints illisible ({error})") from error
        except KeyError as error:
            raise StartError(f"{source} : la variable d'environnement {error.args[0]} n'est pas définie") from error
        endpoints.setdefault("action_endpoint", {})["url"] = env["ACTION_ENDPOINT_URL"]
        store = endpoints.get("tracker_store") or {}
        if store.get("type") == "SQL" and store.get("dialect") == "sqlite":
            store["db"] = env["TRACKER_DB"]
        if settings.event_broker(env) != "rabbitmq":
            endpoints.pop("event_broker", None)
        return endpoints

    def write_endpoints(self, rasa_port: int | None = None) -> Path:
        """The filled endpoints file for one Rasa server, in .cache/ (mode 600: it may hold passwords)."""
        target = PROJECT_ROOT / ".cache" / f"endpoints-{rasa_port or self.rasa_port}.yml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.touch(mode=0o600)
        target.chmod(0o600)
        target.write_text(yaml.safe_dump(self.endpoint_config(), allow_unicode=True), encoding="utf-8")
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


_PLACEHOLDER = re.compile(r"\$\{(\w+)(?::-([^}]*))?\}")


def fill(value, env: dict[str, str]):
    """${NAME} and ${NAME:-default} in every string of a loaded YAML tree; KeyError(NAME) for a
    variable that is unset and has no default. A string that is one placeholder becomes an int
    when it is digits and None when it is empty (Rasa wants numbers for ports, nothing for no password)."""
    if isinstance(value, dict):
        return {key: fill(item, env) for key, item in value.items()}
    if isinstance(value, list):
        return [fill(item, env) for item in value]
    if not isinstance(value, str) or "${" not in value:
        return value

    def one(match: re.Match) -> str:
        name, default = match.group(1), match.group(2)
        if env.get(name):
            return env[name]
        if default is None:
            raise KeyError(name)
        return default

    filled = _PLACEHOLDER.sub(one, value)
    if _PLACEHOLDER.fullmatch(value):
        return int(filled) if filled.isdigit() else (filled or None)
    return filled


def _reachable(host: str, port: int) -> str | None:
    """None when a TCP connection opens, else why not."""
    try:
        with socket.create_connection((host, port), timeout=3):
            return None
    except OSError as error:
        return error.strerror or str(error)


def check_stores(endpoints: dict, env: dict[str, str]) -> None:
    """A clear start-up error when the conversations cannot be stored or locked, or the event broker
    does not answer (Rasa itself logs and starts anyway, or retries for ever)."""
    store = endpoints.get("tracker_store") or {}
    if store.get("type") == "SQL" and store.get("dialect", "sqlite") == "sqlite":
        database = Path(store.get("db") or settings.TRACKER_DB)
        try:
            database.parent.mkdir(parents=True, exist_ok=True)
            with open(database, "ab"):
                pass
        except OSError as error:
            raise StartError(f"base des conversations inutilisable : {database} ({error.strerror})") from error
    elif store.get("type") == "SQL":
        import sqlalchemy
        where = f"{store['dialect']}://{store.get('username') or ''}@{store.get('url')}:{store.get('port')}/{store.get('db')}"
        url = sqlalchemy.engine.url.URL.create(store["dialect"], username=store.get("username"),
                                               password=store.get("password"), host=store.get("url"),
                                               port=store.get("port"), database=store.get("db"))
        engine = sqlalchemy.create_engine(url, connect_args={"connect_timeout": 5})
        try:
            with engine.connect() as connection:
                connection.execute(sqlalchemy.text("SELECT 1"))
        except sqlalchemy.exc.SQLAlchemyError as error:
            reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
            raise StartError(f"base des conversations injoignable : {where} ({reason})") from error
        finally:
            engine.dispose()
    for section, label in (("lock_store", "verrous (Redis)"), ("event_broker", "courtier d'événements (RabbitMQ)")):
        config = endpoints.get(section) or {}
        kind = str(config.get("type") or "").lower()
        if "redis" in kind or kind == "pika":
            host, port = config.get("url") or "127.0.0.1", int(config.get("port") or (5672 if kind == "pika" else 6379))
            reason = _reachable(host, port)
            if reason:
                raise StartError(f"{label} injoignable : {host}:{port} ({reason})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rasa-port", type=int, default=settings.RASA_PORT)
    parser.add_argument("--action-port", type=int, default=settings.ACTION_PORT)
    parser.add_argument("--web-port", type=int, default=settings.WEB_PORT)
    parser.add_argument("--scaled", action="store_true",
                        help="une instance de Rasa par port de RASA_REPLICA_PORTS, avec endpoints.prod.yml")
    args = parser.parse_args(argv)
    first, *more = settings.RASA_REPLICA_PORTS if args.scaled else (args.rasa_port,)
    stack = Stack(rasa_port=first, replica_ports=tuple(more), action_port=args.action_port, web_port=args.web_port,
                  start_web=True, endpoints=settings.SCALED_ENDPOINTS if args.scaled else settings.ENDPOINTS)
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
        print(f"démarrage du serveur d'actions, de Rasa ({len(stack.rasa_urls)} instance(s)) et de la page web "
              f"(environ 30 s)…", flush=True)
        stack.start()
    except StartError as error:
        print(f"erreur : {error}", file=sys.stderr)
        return 2
    if args.scaled and (warning := scaled_setup_warning(stack.endpoint_config())):
        print(warning, file=sys.stderr, flush=True)
    page_host = "127.0.0.1" if settings.BIND_HOST in ("0.0.0.0", "::", "") else settings.BIND_HOST
    rest = " ; ".join(f"{url}/webhooks/rest/webhook" for url in stack.rasa_urls)
    print(f"prêt : REST {rest} — socket.io sur le(s) même(s) port(s)\n"
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
