"""Text normalisation shared by parsing and searching: accents, case, places."""
from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

_COMMUNES_FILE = Path(__file__).with_name("data") / "communes.csv"
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "’": "'", "‘": "'", "ʼ": "'"})


def fold_char(char: str) -> str:
    """One character without its accent (é -> e), keeping string lengths equal."""
    decomposed = unicodedata.normalize("NFD", char)
    return decomposed[0] if decomposed else char


def fold_same_length(text: str) -> str:
    """Lower-case, accent-free copy of `text` with the same length (for index mapping)."""
    return "".join(fold_char(c) for c in text.replace("’", "'")).lower()


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced text for matching ("NOUMÉA" -> "noumea")."""
    text = unicodedata.normalize("NFD", text.translate(_LIGATURES))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"\s+", " ", text).strip()


def words(text: str) -> list[str]:
    """Folded word tokens ("Chargé(e) de mission" -> ["charge", "e", "de", "mission"])."""
    return re.findall(r"[a-z0-9]+", fold(text))


@lru_cache(maxsize=1)
def communes() -> dict[str, tuple[str, str]]:
    """Folded commune name -> (display name, province), from data/communes.csv."""
    table: dict[str, tuple[str, str]] = {}
    with _COMMUNES_FILE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for name in [row["commune"], *filter(None, row["aliases"].split("|"))]:
                table[fold(name)] = (row["commune"], row["province"])
    return table


@lru_cache(maxsize=1)
def provinces() -> dict[str, str]:
    """Folded province name or alias -> display name ("nord" -> "province Nord")."""
    names = {row[1] for row in communes().values()}
    table = {fold(name): name for name in names}
    for name in names:
        short = fold(name).replace("province ", "").replace("des ", "")
        table[short] = name
    return table


def find_communes(text: str) -> list[str]:
    """Display names of the communes named in `text`, in order of appearance."""
    folded = " " + re.sub(r"[^a-z0-9]+", " ", fold(text)) + " "
    found: list[tuple[int, str]] = []
    for key, (display, _province) in communes().items():
        position = folded.find(" " + re.sub(r"[^a-z0-9]+", " ", key) + " ")
        if position >= 0 and display not in (name for _, name in found):
            found.append((position, display))
    return [name for _, name in sorted(found)]


def province_of(commune: str) -> str | None:
    entry = communes().get(fold(commune))
    return entry[1] if entry else None


def display_location(value: str) -> str:
    """"NOUMEA" -> "Nouméa"; an address -> the communes it names; else the value tidied."""
    named = find_communes(value)
    if named:
        return ", ".join(named)
    value = re.sub(r"\s+", " ", value).strip(" -–,")
    return value.title() if value.isupper() else value
