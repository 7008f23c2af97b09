""""Today" for the whole project: Nouméa time, or the `BOT_TODAY` ISO date when set."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from . import config


def now() -> datetime:
    """The clock in Nouméa time (`BOT_TIMEZONE`)."""
    return datetime.now(ZoneInfo(config.TIMEZONE))


def today() -> date:
    forced = config.bot_today()
    if forced:
        try:
            return date.fromisoformat(forced.strip())
        except ValueError as error:
            raise ValueError(f"BOT_TODAY={forced!r} n'est pas une date ISO (AAAA-MM-JJ)") from error
    return now().date()
