"""Every setting of the project, read from environment variables with defaults.

Documented in the README ("Configuration"); nothing else in the code reads os.environ
for these.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _path(name: str, default: str) -> Path:
    value = Path(os.environ.get(name) or default)
    return value if value.is_absolute() else PROJECT_ROOT / value


def offers_dir() -> Path:
    """Folder of offer documents (`OFFERS_DIR`, default data/offers)."""
    return _path("OFFERS_DIR", "data/offers")


def index_path(folder: Path | None = None) -> Path:
    """Built index cache: `OFFERS_INDEX` when set, else .cache/offers_index.json for the default
    offer folder and .cache/offers_index-<hash>.json for any other folder."""
    if os.environ.get("OFFERS_INDEX"):
        return _path("OFFERS_INDEX", "")
    folder = (folder or offers_dir()).resolve()
    if folder == (PROJECT_ROOT / "data/offers").resolve():
        return PROJECT_ROOT / ".cache/offers_index.json"
    return PROJECT_ROOT / f".cache/offers_index-{hashlib.sha256(str(folder).encode()).hexdigest()[:10]}.json"


def bot_today() -> str | None:
    """ISO date that replaces today's date everywhere (`BOT_TODAY`), or None."""
    return os.environ.get("BOT_TODAY") or None


def reload_seconds() -> float:
    """How often the running bot looks for changed offer files (`OFFERS_RELOAD_SECONDS`, default 2)."""
    return float(os.environ.get("OFFERS_RELOAD_SECONDS", "2"))


TIMEZONE = os.environ.get("BOT_TIMEZONE", "Pacific/Noumea")


def unanswered_db() -> Path:
    """SQLite file where questions the knowledge base does not cover are kept for HR, scrubbed of
    personal data (`UNANSWERED_DB`, default .cache/unanswered.db)."""
    return _path("UNANSWERED_DB", ".cache/unanswered.db")
