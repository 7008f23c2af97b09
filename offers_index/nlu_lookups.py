"""The NLU lookup tables (data/nlu/lookups.yml), written from the index's own tables so that Rasa
and the index know the same places and organisations: communes, their other spellings, quartiers
and provinces (data/communes.csv) as `location`; employers, and directions with their acronyms
(data/organisations.csv) as `employer` and `service`. Each value also without accents, as
candidates type it. RegexFeaturizer gives DIET a feature for the words they match.

    python -m offers_index.nlu_lookups      # rewrite data/nlu/lookups.yml (a test checks it is current)
"""
from __future__ import annotations

import sys
from pathlib import Path

from . import organisations
from .normalize import communes, fold, provinces

LOOKUPS_FILE = Path(__file__).resolve().parent.parent / "data" / "nlu" / "lookups.yml"
HEADER = "# Written by `python -m offers_index.nlu_lookups` from offers_index/data/*.csv: do not edit.\n"


def tables() -> dict[str, list[str]]:
    """Entity name -> its values, each as written and without accents."""
    locations = [display for display, _province in communes().values()] + list(communes()) \
        + list(provinces().values()) + list(provinces())
    by_kind: dict[str, list[str]] = {"employer": [], "service": []}
    for organisation in organisations.all_organisations():
        entity = "employer" if organisation.kind == "employer" else "service"
        by_kind[entity] += organisations.spellings()[organisation.name]
    values = {"location": locations, **by_kind}
    return {entity: sorted(dict.fromkeys(v for value in names for v in (value, fold(value))), key=fold)
            for entity, names in values.items()}


def render() -> str:
    blocks = [f"  - lookup: {entity}\n    examples: |\n" + "".join(f"      - {value}\n" for value in values)
              for entity, values in tables().items()]
    return HEADER + 'version: "3.1"\n\nnlu:\n' + "".join(blocks)


def main() -> int:
    LOOKUPS_FILE.write_text(render(), encoding="utf-8")
    print(f"{LOOKUPS_FILE.relative_to(LOOKUPS_FILE.parent.parent.parent)} écrit : "
          + ", ".join(f"{len(v)} valeurs {entity}" for entity, v in tables().items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
