"""French dates as the portal writes them, and as answers should show them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .normalize import fold

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre"]
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_MONTH_NUMBER = {fold(name): number for number, name in enumerate(MONTHS, start=1)}
_MONTH_NUMBER.update({"fevrier": 2, "aout": 8, "decembre": 12, "sept": 9, "janv": 1, "fevr": 2, "juil": 7,
                      "oct": 10, "nov": 11, "dec": 12, "avr": 4})
_WEEKDAY_NUMBER = {fold(name): number for number, name in enumerate(WEEKDAYS)}

_WEEKDAY = r"(?P<weekday>" + "|".join(_WEEKDAY_NUMBER) + r")?\s*,?\s*"
_TEXT_DATE = re.compile(_WEEKDAY + r"(?<!\d)(?P<day>\d{1,2})\s*(?:er|e)?\s+(?P<month>[a-z]+)\.?\s+(?P<year>\d{4})")
_NUMERIC_DATE = re.compile(_WEEKDAY + r"(?<!\d)(?P<day>\d{1,2})\s*[/.-]\s*(?P<month>\d{1,2})\s*[/.-]\s*(?P<year>\d{4})")
_ISO_DATE = re.compile(_WEEKDAY + r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")


@dataclass(frozen=True)
class ParsedDate:
    value: date
    text: str
    weekday_mismatch: str | None = None  # the weekday written, when it contradicts the date


def find_date(text: str) -> ParsedDate | None:
    """The first French date in `text` ("Vendredi 8 août 2025", "1er août 2025", "8/08/2025",
    "Vendredi 2026-03-13"), or None. A wrong weekday is reported, not fatal."""
    if not any(char.isdigit() for char in text):  # « immédiatement », « / »: no date
        return None
    folded = fold(text)
    # PDF conversion sometimes splits a word: "v**endredi" -> "v endredi"; glue single letters.
    folded = re.sub(r"\b([a-z]) (?=[a-z]{3,})", r"\1", folded)
    candidates = []
    for pattern in (_TEXT_DATE, _NUMERIC_DATE, _ISO_DATE):
        for match in pattern.finditer(folded):
            month = match.group("month")
            month_number = int(month) if month.isdigit() else _MONTH_NUMBER.get(month)
            if month_number is None:
                continue
            try:
                value = date(int(match.group("year")), month_number, int(match.group("day")))
            except ValueError:
                continue
            candidates.append((match.start(), match, value))
            break
    if not candidates:
        return None
    _, match, value = min(candidates, key=lambda item: item[0])
    weekday = match.group("weekday")
    mismatch = weekday if weekday and _WEEKDAY_NUMBER[weekday] != value.weekday() else None
    return ParsedDate(value=value, text=match.group(0).strip(), weekday_mismatch=mismatch)


def format_date(value: date, *, weekday: bool = True) -> str:
    """date(2025, 8, 8) -> "vendredi 8 août 2025" (lower case, for use inside a sentence)."""
    day = "1er" if value.day == 1 else str(value.day)
    text = f"{day} {MONTHS[value.month - 1]} {value.year}"
    return f"{WEEKDAYS[value.weekday()]} {text}" if weekday else text


def iso_dates_in_words(text: str) -> str:
    """The ISO dates of a converted notice's value written as candidates read them
    ("3134-26-1423/SR du 2026-09-18" -> "3134-26-1423/SR du 18 septembre 2026")."""
    def in_words(match: re.Match) -> str:
        try:
            return format_date(date(int(match["year"]), int(match["month"]), int(match["day"])), weekday=False)
        except ValueError:
            return match.group(0)
    return re.sub(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)", in_words, text)
