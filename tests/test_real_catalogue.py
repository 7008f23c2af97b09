"""The 68 shared real notices (../shared: seeds, offers-opt-nc, offers-drhfpnc) parse to the values of
tests/data/real_notices.csv, agree with the aggregator's record except where the table says why, and
give clean values: communes, one spelling per employer, acronyms and variants that find the same offers."""
from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from offers_index import OfferIndex
from offers_index.parser import parse_file

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TABLE = Path(__file__).with_name("data") / "real_notices.csv"


def _rows() -> list[dict]:
    with TABLE.open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


ROWS = _rows()
RECORDS = {record["file"]: record for batch in sorted((SHARED / "offers-drhfpnc").glob("metadata-*.json"))
           for record in json.loads(batch.read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def offers() -> dict[str, object]:
    assert SHARED.is_dir(), f"{SHARED} is missing: the shared notices must sit beside the checkout"
    return {row["file"]: parse_file(SHARED / row["folder"] / row["file"]) for row in ROWS}


def test_the_table_covers_every_shared_notice():
    on_disk = {p.name for folder in ("seeds", "offers-opt-nc", "offers-drhfpnc") for p in (SHARED / folder).iterdir()
               if p.suffix in (".md", ".txt")}
    assert {row["file"] for row in ROWS} == on_disk
    assert len(on_disk) == 68


@pytest.mark.parametrize("row", ROWS, ids=[row["file"] for row in ROWS])
def test_notice(offers, row):
    offer = offers[row["file"]]
    assert offer.title == row["title"]
    assert (offer.reference_number or "") == row["reference_number"]
    assert offer.deadline == row["deadline"]
    assert (offer.published_on or "") == row["published_on"]
    assert (offer.location or "") == row["location"]
    assert (offer.employer or "") == row["employer"]
    record = RECORDS.get(row["file"])
    if record and not row["record_note"]:
        shift = date.fromisoformat(offer.deadline) - date.fromisoformat(record["date_cloture"])
        assert shift in (timedelta(0), timedelta(days=1)), "deadline differs from the record with no reason given"
        assert offer.location and record["ville"].replace("Mont-Dore", "Le Mont-Dore") in offer.location


def test_catalogue_quality(offers):
    every = list(offers.values())
    assert sum(1 for o in every if o.location) >= 0.95 * len(every)
    assert all("Nouvelle-Calédonie" not in (o.location or "") and not any(c.isdigit() for c in o.location or "")
               for o in every)
    assert sum(1 for o in every if o.employer) >= 0.95 * len(every)
    assert all(len(o.service or "") <= 150 and len(o.direction or "") <= 150 for o in every)
    opt = [o for name, o in offers.items() if name.startswith("3134-26-") and name.endswith("_SR.md")]
    assert len(opt) == 16 and {(o.employer, o.employer_acronym) for o in opt} == {
        ("Office des postes et télécommunications", "OPT")}
    agreeing = [name for name, o in offers.items() if name in RECORDS and
                date.fromisoformat(o.deadline) - date.fromisoformat(RECORDS[name]["date_cloture"]) in
                (timedelta(0), timedelta(days=1))]
    assert len(agreeing) >= 0.9 * len(RECORDS)


@pytest.fixture(scope="module")
def index(offers) -> OfferIndex:
    return OfferIndex(list(offers.values()))


def _found(hits) -> set[str]:
    return {hit.offer.reference_number for hit in hits}


@pytest.mark.parametrize("criterion, variants, count", [
    ("employer", ["OPT", "Office des postes et télécommunications", "office des postes et des telecommunications",
                  "OPT-NC"], 16),
    ("employer", ["GIEP", "GIEP-NC", "Groupement pour l'insertion et l'évolution professionnelles"], 1),
    ("employer", ["SMTU", "Syndicat mixte des transports urbains du Grand Nouméa"], 1),
    ("employer", ["CHT", "Centre hospitalier territorial"], 1),
    ("service", ["DIMENC", "Direction de l'industrie, des mines et de l'énergie"], 1),
    ("service", ["DASS", "direction des affaires sanitaires et sociales"], 2),
    ("service", ["DITTT", "Direction des infrastructures, de la topographie et des transports terrestres"], 2),
    ("service", ["DINUM", "direction du numérique et de la modernisation"], 2),
    ("service", ["CESE", "Conseil économique, social et environnemental"], 1),
    ("location", ["province Nord", "Province nord", "province NORD"], None),
    ("location", ["Boulari", "Le Mont-Dore", "Mont-Dore"], 1),
    ("location", ["Ducos", "Nouméa", "NOUMEA"], None),
    ("location", ["Koutio", "Dumbéa"], 2),
    ("location", ["Koôhné", "Koné", "kone"], None),
    ("location", ["Tontouta", "Païta"], 2),
])
def test_acronyms_and_variants_find_the_same_offers(index, criterion, variants, count):
    found = [_found(index.search(**{criterion: variant}, limit=None)) for variant in variants]
    assert found[0], variants[0]
    assert all(f == found[0] for f in found), dict(zip(variants, found))
    if count is not None:
        assert len(found[0]) == count


def test_province_nord_holds_its_communes(index):
    north = index.search(location="province Nord", limit=None)
    assert {hit.offer.location.split(", ")[0] for hit in north} >= {"Koné", "Canala", "Koumac", "Pouembout", "Poya"}
    assert all(hit.offer.province == "province Nord" for hit in north)


def test_free_sentences_name_directions_and_employers(index):
    assert index.mentions("des postes à la DINUM ?").services == ["DINUM"]
    assert "OPT" in index.mentions("y a des offres à l'Office des postes ?").employers
    assert index.search("DIMENC")[0].offer.reference_number == "26-64414"
