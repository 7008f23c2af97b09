"""The endpoints file of one run: `${NAME:-default}` filled from the environment, written to .cache/
for Rasa, and the stores it names checked before anything starts (bot/launch.py uses these)."""
from __future__ import annotations

import re
import socket
from pathlib import Path

import yaml

from . import settings
from .supervisor import StartError

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


def for_run(source: Path, env: dict[str, str]) -> dict:
    """The endpoints file with ${NAME:-default} filled from the run's environment, the run's action
    server URL (ACTION_ENDPOINT_URL) and SQLite file (TRACKER_DB), and the event broker only when
    EVENT_BROKER=rabbitmq."""
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


def write(endpoints: dict, target: Path) -> Path:
    """The filled endpoints file for one Rasa server (mode 600: it may hold passwords)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.touch(mode=0o600)
    target.chmod(0o600)
    target.write_text(yaml.safe_dump(endpoints, allow_unicode=True), encoding="utf-8")
    return target


def _reachable(host: str, port: int) -> str | None:
    """None when a TCP connection opens, else why not."""
    try:
        with socket.create_connection((host, port), timeout=3):
            return None
    except OSError as error:
        return error.strerror or str(error)


def check_stores(endpoints: dict) -> None:
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
