"""`Offer`: the one shape that crosses the project's boundaries (index, actions, CLI)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date

SCHEMA_VERSION = 1


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
    warnings: list[str] = field(default_factory=list)
    source: str = ""
    workplace: str | None = None  # the whole "Lieu de travail" value (an address, several sites...)

    @property
    def deadline_date(self) -> date:
        return date.fromisoformat(self.deadline)

    @property
    def published_date(self) -> date | None:
        return date.fromisoformat(self.published_on) if self.published_on else None

    def is_open_on(self, day: date) -> bool:
        """Open until the end of the deadline day (days are Nouméa days, see clock.today)."""
        return day <= self.deadline_date

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Offer":
        names = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in names})


class OfferError(ValueError):
    """An offer file that cannot be indexed; the message names the file and the field."""

    def __init__(self, source: str, field_name: str, problem: str):
        self.source, self.field_name, self.problem = source, field_name, problem
        super().__init__(f"{source}: {field_name}: {problem}")
