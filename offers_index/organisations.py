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
def _table() -> tuple[dict[str, Organisation], re.Pattern, dict[str, Organisation]]:
    """(folded name, variant or acronym -> organisation, a pattern of the names and variants to
    find in a text (longest first), acronym -> organisation)."""
    exact: dict[str, Organisation] = {}
    in_text: list[str] = []
    acronyms: dict[str, Organisation] = {}
    with _FILE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            organisation = Organisation(row["name"], row["acronym"] or None, row["kind"], row["employer"] or None)
            for alias in [row["name"], *filter(None, row["aliases"].split("|"))]:
                value_only = alias.startswith("=")  # too common to be looked for in a text
                exact[_key(alias.lstrip("="))] = organisation
                if not value_only:
                    in_text.append(_key(alias))
            if organisation.acronym:
                acronyms[organisation.acronym] = organisation
                exact[_key(organisation.acronym)] = organisation
    alternatives = sorted(set(in_text), key=len, reverse=True)
    pattern = re.compile(r"(?<![a-z0-9])(?:" + "|".join("[^a-z0-9]+".join(map(re.escape, key.split()))
                                                        for key in alternatives) + r")(?![a-z0-9])")
    return exact, pattern, acronyms


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


def find(text: str) -> list[tuple[int, Organisation]]:
    """(position in `text`, organisation) for every organisation named in it: full names and
    variants as whole words (any case, accents or punctuation), acronyms in capitals."""
    exact, pattern, acronyms = _table()
    folded = fold_same_length(text)
    found = [(match.start(), exact[_key(match.group(0))]) for match in pattern.finditer(folded)]
    for match in re.finditer(r"\b[A-Z][A-Z0-9]+(?:-[A-Z]+)?\b", text):
        organisation = acronyms.get(match.group(0))
        if organisation:
            found.append((match.start(), organisation))
    return sorted(found, key=lambda item: item[0])


def all_organisations() -> list[Organisation]:
    exact, _, _ = _table()
    return list({organisation.name: organisation for organisation in exact.values()}.values())
