"""`Offer`: the one shape that crosses the project's boundaries (index, actions, CLI)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date

from .lexicon import MISSION_SECTION_WORDS
from .normalize import fold

SCHEMA_VERSION = 3

# Warning codes that make a deadline doubtful: every answer that uses it says so and never counts days.
DOUBTFUL_DEADLINE = frozenset({"improbable_year", "weekday_mismatch", "before_publication", "several_deadlines"})


@dataclass
class OfferWarning:
    """Something that looks wrong in a notice: the field it concerns (an Offer attribute or
    "fichier"), a stable code, and a French message for HR and candidates."""
    field: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.field} : {self.message}"


@dataclass
class Offer:
    id: str
    title: str
    reference: str | None
    reference_number: str | None
    employer: str | None
    corps: str | None
    service: str | None
    service_acronym: str | None
    location: str | None
    residence_requirement: str | None
    start: str | None
    published_on: str | None  # ISO date
    deadline: str  # ISO date
    respnc_job: str | None
    direction: str | None
    sections: dict[str, str] = field(default_factory=dict)
    warnings: list[OfferWarning] = field(default_factory=list)
    source: str = ""
    workplace: str | None = None  # the whole "Lieu de travail" value (an address, several sites...)
    province: str | None = None  # of the (first) commune, or as the notice states it
    address: str | None = None  # a street address given as the place of work
    employer_acronym: str | None = None
    direction_acronym: str | None = None
    domain: str | None = None  # the DRHFPNC "domaine" written after the corps ("Informatique")
    contract: list[str] = field(default_factory=list)  # terms the notice states: CDD, renouvelable…
    contract_text: str | None = None  # the notice's sentence about the contract, quoted
    residence: list[dict] = field(default_factory=list)  # {route, grade, relation, years, text}
    posts: int | None = None  # number of posts when the notice offers several
    start_on: str | None = None  # ISO date when "poste à pourvoir" gives one
    initial_deadline: str | None = None  # ISO: the deadline before it was postponed
    other_deadlines: list[str] = field(default_factory=list)  # ISO: other deadlines its text gives (several_deadlines)
    earlier_postings: list[dict] = field(default_factory=list)  # same job posted before: {reference, published_on}
    later_postings: list[dict] = field(default_factory=list)  # same job posted again later

    @property
    def deadline_date(self) -> date:
        return date.fromisoformat(self.deadline)

    @property
    def published_date(self) -> date | None:
        return date.fromisoformat(self.published_on) if self.published_on else None

    def is_open_on(self, day: date) -> bool:
        """Open until the end of the deadline day (days are Nouméa days, see clock.today)."""
        return day <= self.deadline_date

    def surely_closed_on(self, day: date) -> bool:
        """Closed whatever the right one of its doubtful deadlines: every date the notice gives
        as a deadline has passed (a weekday that does not fit the day may be a day off, so a week
        of margin then)."""
        margin = 7 if any(w.code == "weekday_mismatch" for w in self.deadline_doubts) else 0
        codes = {w.code for w in self.deadline_doubts}
        if codes - {"several_deadlines", "weekday_mismatch"}:
            return False  # an improbable year or a deadline before publication: the right date may be later
        return all((day - date.fromisoformat(d)).days > margin for d in [self.deadline, *self.other_deadlines])

    @property
    def missions(self) -> str | None:
        """What the notice says the job does: its « Missions » section, else its sections of
        missions or activities (« Activités principales », « Contexte et mission »), in order."""
        if self.sections.get("Missions"):
            return self.sections["Missions"]
        parts = [f"{name} :\n{text}" for name, text in self.sections.items()
                 if text and any(re.search(rf"\b{word}", fold(name)) for word in MISSION_SECTION_WORDS)]  # not « commission »
        return "\n".join(parts) or None

    def warnings_about(self, field_name: str) -> list[OfferWarning]:
        return [warning for warning in self.warnings if warning.field == field_name]

    @property
    def deadline_doubts(self) -> list[OfferWarning]:
        """The warnings that make the deadline doubtful (see DOUBTFUL_DEADLINE)."""
        return [w for w in self.warnings_about("deadline") if w.code in DOUBTFUL_DEADLINE]

    def to_json(self) -> dict:
        """A JSON-ready dict (shallow: its lists and dicts are the offer's own, not copies)."""
        data = dict(self.__dict__)
        data["warnings"] = [dict(warning.__dict__) for warning in self.warnings]
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Offer":
        names = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in names}
        values["warnings"] = [OfferWarning(**w) for w in values.get("warnings", [])]
        return cls(**values)


class OfferError(ValueError):
    """An offer file that cannot be indexed; the message names the file and every problem found
    (`problems`: (field, problem, short) each, the first also as field_name and problem), and
    `warnings` what else looks wrong in it, so HR can mend the notice in one go."""

    def __init__(self, source: str, field_name: str, problem: str, *, short: str = "",
                 more: list[tuple[str, str, str]] | None = None, warnings: list[OfferWarning] | None = None):
        self.source, self.field_name, self.problem = source, field_name, problem
        self.problems = [(field_name, problem, short or problem), *(more or [])]
        self.warnings = list(warnings or [])
        super().__init__(f"{source}: " + " ; ".join(f"{name}: {text}" for name, text, _ in self.problems))

    @property
    def summary(self) -> str:
        """The problems in a few words: « intitulé absent, date limite absente »."""
        return ", ".join(short for _, _, short in self.problems)
