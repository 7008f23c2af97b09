"""Employers and directions of New Caledonia's public sector: canonical names, acronyms, variants
(data/organisations.csv). One spelling per organisation in the index; its acronym and variants
find the same offers.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .normalize import fold, fold_same_length

_FILE = Path(__file__).with_name("data") / "organisations.csv"
_NON_WORD = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Organisation:
    name: str
    acronym: str | None
    kind: str  # "employer" or "direction" (a direction or a service of an employer)
    employer: str | None  # for a direction: the employer it belongs to, when the table knows it

    @property
    def display(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


def _key(text: str) -> str:
    return " " + _NON_WORD.sub(" ", fold(text)).strip() + " "


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, Organisation], dict[str, list[tuple[tuple[str, ...], Organisation]]], dict[str, Organisation]]:
    """(folded name, variant or acronym -> organisation; first word -> [(words of a name or variant
    to find in a text, organisation)], longest first; acronym -> organisation)."""
    exact: dict[str, Organisation] = {}
    by_first_word: dict[str, list[tuple[tuple[str, ...], Organisation]]] = {}
    acronyms: dict[str, Organisation] = {}
    with _FILE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            organisation = Organisation(row["name"], row["acronym"] or None, row["kind"], row["employer"] or None)
            for alias in [row["name"], *filter(None, row["aliases"].split("|"))]:
                value_only = alias.startswith("=")  # too common to be looked for in a text
                key = _key(alias.lstrip("="))
                exact[key] = organisation
                if not value_only:
                    words = tuple(key.split())
                    by_first_word.setdefault(words[0], []).append((words, organisation))
            if organisation.acronym:
                acronyms[organisation.acronym] = organisation
                exact[_key(organisation.acronym)] = organisation
    for candidates in by_first_word.values():
        candidates.sort(key=lambda item: -len(item[0]))
    return exact, by_first_word, acronyms


@lru_cache(maxsize=4096)  # field values repeat from notice to notice
def by_name(value: str) -> Organisation | None:
    """The organisation a field value names exactly ("Office des Postes et des Télécommunications",
    "OPT", "Nouvelle-Calédonie"), ignoring case, accents, punctuation and a trailing "(ACRONYM)"."""
    exact, _, acronyms = _table()
    key = _key(value)
    if key in exact:
        return exact[key]
    acronym = re.search(r"\(([A-Z][A-Z0-9-]{1,10})\)\s*$", value)
    if acronym:
        return acronyms.get(acronym.group(1)) or exact.get(_key(value[:acronym.start()]))
    return None


_WORD = re.compile(r"[a-z0-9]+")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]+(?:-[A-Z]+)?\b")


def find(text: str) -> list[tuple[int, Organisation]]:
    """(position in `text`, organisation) for every organisation named in it: full names and
    variants as whole words (any case, accents or punctuation), the longest at each place, and
    acronyms in capitals."""
    return list(_find_cached(text)) if len(text) <= 300 else _find(text)


@lru_cache(maxsize=4096)  # short field values repeat from notice to notice
def _find_cached(text: str) -> tuple[tuple[int, Organisation], ...]:
    return tuple(_find(text))


def _find(text: str) -> list[tuple[int, Organisation]]:
    _, by_first_word, acronyms = _table()
    tokens = list(_WORD.finditer(fold_same_length(text)))  # same length: positions are the text's
    words = [token.group(0) for token in tokens]
    found: list[tuple[int, Organisation]] = []
    index = 0
    while index < len(words):
        for alias, organisation in by_first_word.get(words[index], ()):
            if tuple(words[index:index + len(alias)]) == alias:
                found.append((tokens[index].start(), organisation))
                index += len(alias) - 1
                break
        index += 1
    for match in _ACRONYM.finditer(text):
        organisation = acronyms.get(match.group(0))
        if organisation:
            found.append((match.start(), organisation))
    return sorted(found, key=lambda item: item[0])


def all_organisations() -> list[Organisation]:
    exact, _, _ = _table()
    return list({organisation.name: organisation for organisation in exact.values()}.values())


def spellings() -> dict[str, list[str]]:
    """Organisation name -> every spelling the table gives it (name, acronym, variants), as written."""
    table: dict[str, list[str]] = {}
    with _FILE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names = [row["name"], row["acronym"], *(alias.lstrip("=") for alias in row["aliases"].split("|"))]
            table[row["name"]] = list(dict.fromkeys(filter(None, names)))
    return table
