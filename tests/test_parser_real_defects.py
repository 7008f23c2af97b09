"""What real notices do (../shared/offers-drhfpnc): prose-only notices, postponed and conflicting
deadlines, impossible dates, residence requirements per route and grade, contract terms, several
posts, a job posted again; and hostile input parsed in linear time."""
from __future__ import annotations

import signal
from datetime import date
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from offers_index import build
from offers_index.layout import MAX_FILE_BYTES
from offers_index.model import OfferError
from offers_index.parser import parse_file, parse_text

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
DRHFPNC = SHARED / "offers-drhfpnc"


def notice(name: str):
    return parse_file(DRHFPNC / name)


def codes(offer, field: str) -> set[str]:
    return {w.code for w in offer.warnings_about(field)}


@pytest.mark.parametrize("name, first_section", [("26-62113_MPRH.md", "Contexte et mission"),
                                                  ("26-66112_MPRH.md", "Contexte et mission")])
def test_a_prose_notice_keeps_its_sections(name, first_section):
    """No labelled field before « ## Contexte et mission »: the heading opens the body (it is no
    repeated title), so missions and the sentence saying where to apply are there to answer."""
    offer = notice(name)
    assert list(offer.sections)[0] == first_section and len(offer.sections) >= 3
    assert "drhfpnc.recrutement@gouv.nc" in "\n".join(offer.sections.values()) or name.startswith("26-62113")


def test_prose_notice_gives_its_deadline_in_a_sentence():
    offer = notice("26-62113_MPRH.md")
    assert offer.title.startswith("Technicien de laboratoire Unité support Décontamination")
    assert offer.deadline == "2026-07-10" and codes(offer, "deadline") == {"from_text"}
    assert offer.reference is None and offer.reference_number == "26-62113" and codes(offer, "reference") == {"missing"}
    assert offer.published_on is None
    assert offer.employer == "Gouvernement de la Nouvelle-Calédonie" and offer.direction_acronym == "DAVAR"
    assert offer.contract == ["mission ponctuelle"] and "jusqu'au 2027-05-31" in offer.contract_text
    assert offer.location is None  # Nouméa appears only in the address to apply to


def test_postponed_deadline_keeps_the_earlier_date():
    offer = notice("26-0218.md")
    assert (offer.deadline, offer.initial_deadline) == ("2026-05-22", "2026-02-27")
    assert offer.posts == 3 and offer.location == "Canala" and offer.employer == "Province Nord"


def test_several_deadlines_keep_the_labelled_one_and_warn():
    offer = notice("26-0540.md")
    assert offer.deadline == "2026-05-01"
    assert codes(offer, "deadline") == {"several_deadlines"} and offer.deadline_doubts
    assert "vendredi 15 mai 2026" in offer.warnings_about("deadline")[0].message
    assert offer.other_deadlines == ["2026-05-15"]
    assert not offer.surely_closed_on(date(2026, 5, 10)) and offer.surely_closed_on(date(2026, 5, 16))
    assert offer.contract[:3] == ["agent contractuel de droit public", "contrat à durée déterminée (CDD)", "d'un an"]


def test_impossible_reference_date_is_a_warning():
    offer = notice("26-1342.md")
    assert offer.reference_number == "3134-26-1342" and codes(offer, "reference") == {"impossible_date"}
    assert offer.deadline == "2026-10-02" and offer.start == "1er avril 2027" and offer.start_on == "2027-04-01"


@pytest.mark.parametrize("name, start, start_on", [
    ("26-1433.md", "1er janvier 2027", "2027-01-01"), ("26-1369.md", "Janvier 2027", None),
    ("26-1372.md", "vacant au 1er octobre 2026", "2026-10-01"),
])
def test_start_dates_in_words(name, start, start_on):
    offer = notice(name)
    assert (offer.start, offer.start_on) == (start, start_on)


@pytest.mark.parametrize("name, expected", [
    ("26-1433.md", [("recrutement sur titre", None, "less_than", 3)]),
    ("26-1342.md", [("recrutement sur titre", None, "at_least", 10)]),
    ("26-1446.md", [("recrutement sans concours des adjoints administratifs", None, "at_least", 10)]),
    ("26-62781_MPRH.md", [("recrutement direct d'un adjoint administratif", None, "at_least", 10)]),
    ("26-63336_MPRH.md", [("recrutement sur titre", "Ingénieur 1er et 2ème grade domaine informatique", "at_least", 5)]),
    ("26-64414_MPRH.md", [("recrutement sur titre", "Ingénieur 2ème grade domaine de l'équipement", "at_least", 5),
                          ("recrutement sur titre", "Ingénieur 2ème grade domaine de l'économie rurale", "at_least", 5)]),
    ("26-64264_MPRH.md", [("recrutement sur titre", None, "at_least", 10)]),
    ("26-1372.md", []),  # « : / »
    ("26-61855_MPRH.md", []),  # label with no value
    ("26-1456.md", []),  # « / » then « 1 poste à pourvoir »
])
def test_residence_requirement_is_structured(name, expected):
    offer = notice(name)
    assert [(r["route"], r["grade"], r["relation"], r["years"]) for r in offer.residence] == expected
    assert (offer.residence_requirement is None) == (expected == [])


def test_organisation_values_are_names_not_paragraphs():
    offer = notice("26-64264_MPRH.md")  # « attaché Conseil économique, social et environnemental (CESE) »
    assert (offer.corps, offer.direction_acronym, offer.location) == ("attaché", "CESE", "Nouméa")
    offer = notice("26-63336_MPRH.md")  # « ingénieur Direction des services fiscaux (DSF) /Informatique »
    assert (offer.corps, offer.direction_acronym) == ("ingénieur", "DSF")
    offer = notice("26-65092_MPRH.md")
    assert offer.service is None and codes(offer, "service") == set()
    assert offer.address == "17 avenue Paul Doumer - Nouméa" and offer.location == "Nouméa"
    offer = notice("26-1399.md")
    assert (offer.corps, offer.domain, offer.employer) == ("Ingénieur 2ème grade", "Informatique", "Province Sud")


def test_a_job_posted_again_is_linked_to_its_earlier_posting(tmp_path):
    for source in [SHARED / "seeds" / "001_41ee0236bdda0d16.txt", DRHFPNC / "26-65312_MPRH.md"]:
        (tmp_path / source.name).write_bytes(source.read_bytes())
    offers = {o.reference_number: o for o in build(tmp_path).offers}
    assert [p["reference"] for p in offers["25-57038"].later_postings] == ["26-65312/MPRH du 2026-08-28"]
    assert [p["published_on"] for p in offers["26-65312"].earlier_postings] == ["2025-04-04"]


@contextmanager
def time_limit(seconds: int):
    """Fail instead of hanging (a quadratic pattern on a long line took minutes)."""
    def expired(*_):
        raise TimeoutError(f"parsing took more than {seconds} s")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


HOSTILE = {"crochets": "[" * 50_000, "liens": "[a](" * 12_000, "service": "Service : " * 5_000,
           "direction": "Direction " * 5_000, "residence": "Durée de résidence exigée " * 2_000, "lignes": "x\n" * 50_000,
           "candidature": "candidature " * 5_000, "au-plus-tard": "au plus tard le " * 3_000}


@pytest.mark.parametrize("hostile", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_lines_parse_in_linear_time(hostile):
    text = f"# Juriste\n\nDate limite de candidature : 8 août 2025\nCorps : attaché\n{hostile}\n"
    def fastest_of_three(document: str) -> float:  # the best of three: a pause of this busy machine is no quadratic parse
        durations = []
        for _ in range(3):
            started = time.perf_counter()
            parse_text(document)
            durations.append(time.perf_counter() - started)
        return min(durations)

    with time_limit(20):
        small = fastest_of_three(text)
        tenth = fastest_of_three(text.replace(hostile, hostile[: len(hostile) // 10]))
    assert small < 40 * max(tenth, 0.005), (small, tenth)  # linear: ~10x; quadratic: ~100x


def test_a_file_over_the_size_limit_is_refused_with_its_name(tmp_path):
    path = tmp_path / "enorme.md"
    path.write_text("# Juriste\n" + "x" * (MAX_FILE_BYTES + 1), encoding="utf-8")
    with pytest.raises(OfferError) as error:
        parse_file(path)
    assert str(error.value).startswith(f"{path}: fichier: trop volumineux")


def test_a_label_split_over_two_bold_lines_after_a_heading():
    """« ## Employeur » opens the body before « **Durée de résidence exigée** » / « **pour le
    recrutement sur titre (1) :** Au moins égale à 10 ans. », and the service runs over two lines."""
    offer = notice("26-63338_MPRH.md")
    assert offer.residence_requirement == "Au moins égale à 10 ans"
    assert offer.service == "SERVICE DE L'INSPECTION, DES RELATIONS ET CONDITIONS DE TRAVAIL"
    assert "pour le recrutement sur titre (1)" not in offer.sections


def test_a_heading_that_is_a_link_stays_in_its_section_and_lost_emoji_leave_section_names():
    offer = notice("26-1410.md")
    assert set(offer.sections) == {"À propos du poste", "Missions", "Activités principales", "Profil du candidat",
                                   "Conditions de travail et avantages", "POUR RÉPONDRE À CETTE OFFRE"}
    assert "recrutement@cht.nc" in offer.sections["POUR RÉPONDRE À CETTE OFFRE"]


@pytest.mark.parametrize("name, section", [("26-66112_MPRH.md", "Activités principales"),
                                           ("26-62894_MPRH.md", "Activités principales"),
                                           ("26-1442.md", "Activités principales")])
def test_missions_come_from_the_sections_of_activities_when_no_missions_section(name, section):
    offer = notice(name)
    assert not offer.sections.get("Missions") and f"{section} :\n" in offer.missions


def test_a_missions_section_is_the_missions():
    offer = notice("25-2037.md")
    assert offer.sections["Missions"] and offer.missions == offer.sections["Missions"]
