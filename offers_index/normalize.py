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


class _FoldChar(dict):
    """str.translate table: each character -> fold_char(character), computed once per character."""

    def __missing__(self, code: int) -> str:
        value = self[code] = fold_char(chr(code))
        return value


class _DropCombining(dict):
    """str.translate table: combining marks -> removed, other characters -> kept."""

    def __missing__(self, code: int) -> str | None:
        value = self[code] = None if unicodedata.combining(chr(code)) else chr(code)
        return value


_FOLD_CHAR, _DROP_COMBINING = _FoldChar(), _DropCombining()
_SPACES = re.compile(r"\s+")


def fold_same_length(text: str) -> str:
    """Lower-case, accent-free copy of `text` with the same length (for index mapping)."""
    text = text.replace("’", "'")
    return (text if text.isascii() else text.translate(_FOLD_CHAR)).lower()


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced text for matching ("NOUMÉA" -> "noumea")."""
    return _fold_short(text) if len(text) <= SHORT else _fold(text)


SHORT = 100  # characters: labels, values and headings repeat from notice to notice (a build folds each 8 times)


@lru_cache(maxsize=16384)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFD", text.translate(_LIGATURES)).translate(_DROP_COMBINING)
    return _SPACES.sub(" ", text.lower()).strip()


def words(text: str) -> list[str]:
    """Folded word tokens ("Chargé(e) de mission" -> ["charge", "e", "de", "mission"])."""
    return re.findall(r"[a-z0-9]+", fold(text))


@lru_cache(maxsize=1)
def communes() -> dict[str, tuple[str, str]]:
    """Folded commune name, other spelling or quartier -> (display name, province), from
    data/communes.csv."""
    table: dict[str, tuple[str, str]] = {}
    with _COMMUNES_FILE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for name in [row["commune"], *filter(None, (row["aliases"] + "|" + row["quartiers"]).split("|"))]:
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


_NON_WORD = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1)
def _commune_needles() -> list[tuple[str, str]]:
    """(" key words ", display name) for every commune name and alias, in communes() order."""
    return [(" " + _NON_WORD.sub(" ", key) + " ", display) for key, (display, _province) in communes().items()]


def find_communes(text: str) -> list[str]:
    """Display names of the communes named in `text`, in order of appearance."""
    return list(_communes_in_short(text)) if len(text) <= 300 else _communes_in(text)


@lru_cache(maxsize=4096)  # places of work repeat from notice to notice
def _communes_in_short(text: str) -> tuple[str, ...]:
    return tuple(_communes_in(text))


def _communes_in(text: str) -> list[str]:
    folded = " " + _NON_WORD.sub(" ", fold(text)) + " "
    found: list[tuple[int, str]] = []
    for needle, display in _commune_needles():
        position = folded.find(needle)
        if position >= 0 and display not in (name for _, name in found):
            found.append((position, display))
    return [name for _, name in sorted(found)]


@lru_cache(maxsize=1)
def quartiers() -> dict[str, tuple[str, str]]:
    """Folded quartier -> (quartier as written in data/communes.csv, its commune)."""
    table: dict[str, tuple[str, str]] = {}
    with _COMMUNES_FILE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for name in filter(None, row["quartiers"].split("|")):
                table[fold(name)] = (name, row["commune"])
    return table


def find_quartier(text: str) -> tuple[str, str] | None:
    """The first quartier `text` names (« Ducos » -> ("Ducos", "Nouméa")), or None."""
    folded = " " + _NON_WORD.sub(" ", fold(text)) + " "
    found = [(folded.find(f" {key} "), value) for key, value in quartiers().items() if f" {key} " in folded]
    return min(found)[1] if found else None


def province_of(commune: str) -> str | None:
    entry = communes().get(fold(commune))
    return entry[1] if entry else None
