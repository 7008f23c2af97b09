"""Run-time settings, from environment variables with defaults (all documented in the README,
beside the offer index's own settings in offers_index/config.py)."""
from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from pathlib import Path

from offers_index.config import PROJECT_ROOT


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def _path(name: str, default: str) -> Path:
    value = Path(os.environ.get(name) or default)
    return value if value.is_absolute() else PROJECT_ROOT / value


BIND_HOST = os.environ.get("BIND_HOST", "127.0.0.1")  # Rasa, actions and the page listen here only
RASA_PORT = _int("RASA_PORT", 5005)
ACTION_PORT = _int("ACTION_PORT", 5055)
SHELL_PORT = _int("SHELL_PORT", 5006)  # `make shell`'s own Rasa server, beside `make run`
WEB_PORT = _int("WEB_PORT", 8080)
MODEL_DIR = _path("MODEL_DIR", "models")
TRACKER_DB = _path("TRACKER_DB", ".cache/tracker.db")
ENDPOINTS = os.environ.get("ENDPOINTS", "endpoints.yml")  # endpoints.prod.yml for the scaled setup
SCALED_ENDPOINTS = os.environ.get("ENDPOINTS", "endpoints.prod.yml")  # `make run-scaled`
# `make run-scaled`: one Rasa replica per port, all sharing PostgreSQL, Redis and the action server.
RASA_REPLICA_PORTS = tuple(int(p) for p in os.environ.get("RASA_REPLICA_PORTS", "5005,5015").split(",") if p.strip())
START_TIMEOUT = _int("START_TIMEOUT", 180)  # seconds to wait for a server to answer at start

# The launcher (`make run`): each part's output goes to LOG_DIR/<part>.log, the terminal gets a few French
# lines; LOG_LEVEL=DEBUG (Rasa's own variable) or `-v` puts every part's output on the terminal instead.
LOG_DIR = _path("LOG_DIR", ".cache/logs")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "").strip().upper()
# Which parts run, since when, how often restarted: written by the launcher, read by `make status`.
STATUS_FILE = _path("STATUS_FILE", ".cache/status.json")
# A part that stops is started again after 1 s, 2 s, 4 s… (at most RESTART_DELAY_MAX s); after
# RESTART_LIMIT restarts in a row each followed by a stop within RESTART_WINDOW s of answering (or
# before answering), the launcher stops everything: a crash loop needs a human.
RESTART_LIMIT = _int("RESTART_LIMIT", 5)
RESTART_WINDOW = _int("RESTART_WINDOW", 60)
RESTART_DELAY_MAX = _int("RESTART_DELAY_MAX", 30)


def parse_origins(value: str) -> tuple[str, ...]:
    """"http://a:1, http://b:2/" -> ("http://a:1", "http://b:2"); a `*` is refused (the chat
    widget's socket.io endpoint must only answer pages it knows)."""
    origins = tuple(dict.fromkeys(o.strip().rstrip("/").lower() for o in value.split(",") if o.strip()))
    for origin in origins:
        if "*" in origin or not origin.startswith(("http://", "https://")):
            raise ValueError(f"WIDGET_ORIGINS : origine invalide « {origin} » (http(s)://hôte[:port], sans *)")
    return origins


def default_widget_origins(web_port: int) -> str:
    return f"http://localhost:{web_port},http://127.0.0.1:{web_port}"


# Web page with the chat widget (bot/web_server.py) and who may talk to Rasa's socket.io from a
# browser: the page's own origins only. Rasa's HTTP CORS (`rasa run --cors`) gets the same list.
WIDGET_ORIGINS = parse_origins(os.environ.get("WIDGET_ORIGINS") or default_widget_origins(WEB_PORT))
# Where the page finds Rasa's socket.io server; empty: the page's own host name, port RASA_PORT.
WIDGET_SOCKET_URL = os.environ.get("WIDGET_SOCKET_URL", "").rstrip("/")

# Rasa's HTTP API (/status, /conversations, PUT /model, /model/train…) is off unless RASA_ENABLE_API
# is 1; then it needs RASA_API_TOKEN (?token=…) or RASA_JWT_SECRET (Authorization: Bearer …, method
# RASA_JWT_METHOD, default HS256). The channel webhooks never need them. These and EVENT_BROKER
# ("rabbitmq": keep the event_broker section of the endpoints file) are read from the environment
# the launcher gives Rasa (a Stack's env included), hence functions.
def api_enabled(env: Mapping[str, str]) -> bool:
    return (env.get("RASA_ENABLE_API") or "").strip().lower() in ("1", "true", "yes", "on")


def event_broker(env: Mapping[str, str]) -> str:
    return (env.get("EVENT_BROKER") or "").strip().lower()


MAX_MESSAGE_CHARS = _int("MAX_MESSAGE_CHARS", 1000)  # longer messages get a polite "too long" reply

# The REST channel (/webhooks/rest/webhook) is for trusted integrations: with REST_TOKEN set, a
# request needs `Authorization: Bearer <REST_TOKEN>`; without it, REST answers only when Rasa listens
# on a loopback address (BIND_HOST 127.0.0.1, ::1 or localhost), otherwise every REST request is refused.
REST_TOKEN = os.environ.get("REST_TOKEN", "")


def listens_on_loopback_only(host: str | None = None) -> bool:
    """True when BIND_HOST (or `host`) is a loopback address: only this machine can reach Rasa."""
    host = (BIND_HOST if host is None else host).strip().strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def rest_headers() -> dict[str, str]:
    """Headers of a request to our REST channel (shell, make ask, dialogue runner, bench, tests)."""
    headers = {"Content-Type": "application/json"}
    if REST_TOKEN:
        headers["Authorization"] = f"Bearer {REST_TOKEN}"
    return headers


# Size limits of both channels: a REST body (or a socket.io packet) over MAX_REQUEST_BYTES is refused
# (REST: HTTP 413; socket.io: Engine.IO closes the connection, the widget checks before sending);
# metadata over MAX_METADATA_BYTES (as JSON) is dropped, the message still answered. The request
# limit leaves room for a message with 100 KB of metadata, which is then answered without it.
MAX_REQUEST_BYTES = _int("MAX_REQUEST_BYTES", 128 * 1024)
MAX_METADATA_BYTES = _int("MAX_METADATA_BYTES", 4 * 1024)
# Seconds Rasa waits for the action server on one action call (Rasa's own default: 300 s).
ACTION_TIMEOUT = _int("ACTION_TIMEOUT", 30)
# Lifetime of a conversation's lock ticket (Redis lock store, bot/lock_store.py): it must cover a whole
# turn, so it is never shorter than ACTION_TIMEOUT + LOCK_MARGIN (a shorter setting is raised, with a
# warning). A waiting message gives up (the candidate gets the apology) after one lifetime + LOCK_MARGIN.
TICKET_LOCK_LIFETIME = _int("TICKET_LOCK_LIFETIME", 90)
LOCK_MARGIN = 10


def ticket_lock_lifetime(configured: float | None = None, action_timeout: float | None = None) -> float:
    """The lifetime the lock store uses: the setting, raised to ACTION_TIMEOUT + LOCK_MARGIN if shorter."""
    configured = TICKET_LOCK_LIFETIME if configured is None else configured
    action_timeout = ACTION_TIMEOUT if action_timeout is None else action_timeout
    return max(float(configured), float(action_timeout) + LOCK_MARGIN)
