"""What a candidate says of their residence or status, read from their words, to put beside a
notice's durée de résidence exigée. It never decides: the employer checks residence with the
notice explicative."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from . import lexicon
from .normalize import fold_same_length

MAX_YEARS = 100  # more years of residence than that is a typo, asked again


@dataclass(frozen=True)
class Stated:
    said: str  # the candidate's words (« depuis 2019 »)
    years: int | None = None  # whole years of residence they amount to, today
    citizen: bool = False
    civil_servant: bool = False
    problem: str | None = None  # "future" or "impossible": asked again

    @property
    def anything(self) -> bool:
        return self.years is not None or self.citizen or self.civil_servant or self.problem is not None


def stated(text: str, today: date, *, about_residence: bool = False) -> Stated | None:
    """The residence or status a message states, or None. Years count only with a word of residence
    (« je travaille depuis 5 ans » is experience, not residence) or when the conversation is already
    about residence (`about_residence`: « oups, je voulais dire depuis 2020 »)."""
    folded = fold_same_length(text)  # same length: the candidate's own words are quoted
    citizen = bool(re.search(lexicon.CITIZEN, folded))
    civil_servant = bool(re.search(lexicon.CIVIL_SERVANT, folded))
    said, years, problem = [], None, None
    if about_residence or re.search(lexicon.RESIDENCE_CONTEXT, folded):
        counted = re.search(lexicon.RESIDENCE_YEARS, folded)
        since = re.search(lexicon.RESIDENCE_SINCE, folded)
        if counted:
            years = int(counted.group(1) or counted.group(2))
            said.append(text[counted.start():counted.end()].strip())
            problem = "impossible" if years > MAX_YEARS else None
        elif since:
            year = int(since.group(1))
            said.append(text[since.start():since.end()].strip())
            if year > today.year:
                problem, years = "future", None
            elif today.year - year > MAX_YEARS:
                problem = "impossible"
            else:
                years = today.year - year
    if citizen:
        said.append("citoyen(ne) de la Nouvelle-Calédonie")
    if civil_servant:
        said.append("déjà fonctionnaire")
    result = Stated(" ; ".join(said), None if problem else years, citizen, civil_servant, problem)
    return result if result.anything else None
