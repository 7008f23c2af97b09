"""Search ranking with typos and partial names, filters, mentions, and "open on" in Nouméa time."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from offers_index import OfferIndex, build, today
from offers_index.store import offer_files

from .conftest import SEEDS_DIR

CHEF = "chef-de-service-25-58915"
CHARGE = "charge-e-de-mission-pour-les-relations-multilaterales-25-57038"


@pytest.fixture(scope="module")
def seeds():
    return OfferIndex(build(SEEDS_DIR).offers)


@pytest.fixture(scope="module")
def everything(opt_nc_dir_module):
    return OfferIndex(build(SEEDS_DIR).offers + build(opt_nc_dir_module).offers)


@pytest.fixture(scope="module")
def opt_nc_dir_module():
    from .conftest import OPT_NC_DIR
    assert OPT_NC_DIR.is_dir()
    return OPT_NC_DIR


@pytest.mark.parametrize("query, expected", [
    ("chef de servise", CHEF), ("Chef de service", CHEF), ("charge de mision multilateral", CHARGE),
    ("multilat", CHARGE), ("25-58915", CHEF), ("58915", CHEF), ("25-57038", CHARGE),
])
def test_typos_and_partial_names_find_the_right_offer_first(seeds, everything, query, expected):
    assert seeds.search(query)[0].offer.id == expected
    assert everything.search(query)[0].offer.id == expected


@pytest.mark.parametrize("query, expected_number", [
    ("acheteur", "3134-26-0778"), ("psycologue", "3134-26-0746"), ("technicien energie", "3134-26-0713"),
    ("agent comptabel", "3134-26-0768"), ("chef d'agence kone", "3134-26-0754"), ("cybersecurite", "3134-26-0705"),
    ("3134-26-0420", "3134-26-0420"), ("0677", "3134-26-0677"),
])
def test_ranking_over_the_opt_nc_notices(everything, query, expected_number):
    assert everything.search(query)[0].offer.reference_number == expected_number


@pytest.mark.parametrize("query, field", [("noumea", "location"), ("NOUMEA", "location"), ("SCRRE", "service_acronym"),
                                          ("scre", "service_acronym")])
def test_criteria_words_find_both_seeds(seeds, query, field):
    hits = seeds.search(query)
    assert {hit.offer.id for hit in hits} == {CHEF, CHARGE}
    assert all(field in hit.matched for hit in hits)


def test_fuzzy_filters(everything):
    assert {h.offer.id for h in everything.search(corps="attache", location="noumea")} == {CHEF, CHARGE}
    assert {h.offer.id for h in everything.search(service="scrre")} == {CHEF, CHARGE}
    assert {h.offer.id for h in everything.search(service="cooperation regionale")} == {CHEF, CHARGE}
    assert {h.offer.id for h in everything.search(respnc_job="responsable administratif")} == {CHEF, CHARGE}
    assert len(everything.search(employer="office des postes", limit=None)) == 16
    north = everything.search(location="province Nord", limit=None)
    assert {h.offer.reference_number for h in north} == {"3134-26-0437", "3134-26-0751", "3134-26-0754"}
    assert everything.search(location="Koné")[0].offer.reference_number in {"3134-26-0751", "3134-26-0754"}
    assert everything.search(corps="attaché", location="Koné") == []
    assert everything.search("chef", corps="attache")[0].offer.id == CHEF


def test_open_on_keeps_the_deadline_day_open(seeds):
    assert {h.offer.id for h in seeds.search(open_on=date(2025, 4, 25))} == {CHEF, CHARGE}
    assert [h.offer.id for h in seeds.search(open_on=date(2025, 4, 26))] == [CHEF]
    assert [h.offer.id for h in seeds.search(open_on=date(2025, 8, 8))] == [CHEF]
    assert seeds.search(open_on=date(2025, 8, 9)) == []


def test_today_comes_from_bot_today_or_noumea_clock(monkeypatch):
    monkeypatch.setenv("BOT_TODAY", "2025-08-05")
    assert today() == date(2025, 8, 5)
    monkeypatch.delenv("BOT_TODAY")
    assert today() == datetime.now(ZoneInfo("Pacific/Noumea")).date()
    monkeypatch.setenv("BOT_TODAY", "demain")
    with pytest.raises(ValueError, match="BOT_TODAY"):
        today()


def test_mentions_in_free_sentences(seeds, everything):
    found = seeds.mentions("et pour le chargé de mission, c'est quand la date limite ?")
    assert [h.offer.id for h in found.offers] == [CHARGE]
    found = everything.mentions("date limite pour le chef de service ?")
    assert found.offers[0].offer.id == CHEF
    assert found.offers[0].score > 1.2 * found.offers[1].score
    found = seeds.mentions("quels postes d'attaché à NOUMEA ?")
    assert found.offers == [] and found.corps == ["attaché"] and found.locations == ["Nouméa"]
    assert seeds.mentions("des offres au SCRRE ?").services == ["SCRRE"]
    assert seeds.mentions("et le service de la cooperation regionale ?").services[0].startswith("Service de la coopération")
    assert [h.offer.id for h in seeds.mentions("n° 58915").offers] == [CHEF]
    assert seeds.mentions("25-57038").reference_numbers == ["25-57038"]
    assert everything.mentions("y a des postes en province nord").locations == ["province Nord"]
    assert everything.mentions("quel est le salaire ?").offers == []
    assert seeds.mentions("bonjour").offers == []


def test_offer_files_reads_md_and_txt(tmp_path):
    for name in ["a.md", "b.txt", "c.pdf", "d.MD"]:
        (tmp_path / name).write_text("x")
    assert [p.name for p in offer_files(tmp_path)] == ["a.md", "b.txt", "d.MD"]
