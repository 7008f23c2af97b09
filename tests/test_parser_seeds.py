"""The two real seed offers: every field's exact value."""
from offers_index import parse_file

from .conftest import CHARGE_DE_MISSION, CHEF_DE_SERVICE


def test_chef_de_service_every_field():
    offer = parse_file(CHEF_DE_SERVICE)
    assert offer.id == "chef-de-service-25-58915"
    assert offer.title == "Chef de service"
    assert offer.reference == "25-58915/MPRH du 18 juillet 2025"
    assert offer.reference_number == "25-58915"
    assert offer.employer == "Gouvernement de la Nouvelle-Calédonie"  # « Nouvelle-Calédonie » in the notice
    assert offer.corps == "attaché"
    assert offer.service == "Service de la coopération régionale et des relations extérieures"
    assert offer.service_acronym == "SCRRE"
    assert offer.location == "Nouméa"
    assert offer.workplace == "NOUMEA"
    assert offer.residence_requirement is None
    assert offer.start == "immédiatement"
    assert offer.published_on == "2025-07-18"
    assert offer.deadline == "2025-08-08"
    assert offer.respnc_job == "Responsable administratif"
    assert offer.direction is None
    assert list(offer.sections) == ["Détails de l'offre", "Missions"]
    assert offer.sections["Détails de l'offre"].startswith("Le service de la Coopération Régionale")
    assert "une équipe de 16 personnes" in offer.sections["Détails de l'offre"]
    assert offer.sections["Détails de l'offre"].endswith("au regard de l'accroissement de ses missions.")
    assert offer.sections["Missions"].startswith("Le chef de service de la coopération régionale est placé")
    assert offer.sections["Missions"].endswith("représentation extérieure à la Nouvelle-Calédonie.")
    assert offer.warnings == []
    assert offer.source == str(CHEF_DE_SERVICE)


def test_charge_de_mission_every_field():
    offer = parse_file(CHARGE_DE_MISSION)
    assert offer.id == "charge-e-de-mission-pour-les-relations-multilaterales-25-57038"
    assert offer.title == "Chargé(e) de mission pour les relations multilatérales"
    assert offer.reference == "25-57038/MPRH du 04 avril 2025"
    assert offer.reference_number == "25-57038"
    assert offer.employer == "Gouvernement de la Nouvelle-Calédonie"  # « Nouvelle-Calédonie » in the notice
    assert offer.corps == "attaché"
    assert offer.service == "Service de la coopération régionale et des relations extérieures"
    assert offer.service_acronym == "SCRRE"
    assert offer.location == "Nouméa"
    assert offer.residence_requirement is None
    assert offer.start == "immédiatement"
    assert offer.published_on == "2025-04-04"
    assert offer.deadline == "2025-04-25"
    assert offer.respnc_job == "Responsable administratif"
    assert offer.direction is None
    assert list(offer.sections) == ["Détails de l'offre", "Missions"]
    assert "(CPS, FIP, PROE...)" in offer.sections["Détails de l'offre"]
    missions = offer.sections["Missions"]
    assert missions.startswith("Sous l'autorité du chef de service")
    assert "- les relations de l'ensemble des collectivités" in missions
    assert missions.endswith("les agences du CORP et de l'ONU qui œuvrent dans ce domaine.")
    assert offer.warnings == []


def test_json_has_the_fixed_field_names():
    data = parse_file(CHEF_DE_SERVICE).to_json()
    for name in ["id", "title", "reference", "reference_number", "employer", "corps", "service",
                 "service_acronym", "location", "residence_requirement", "start", "published_on",
                 "deadline", "respnc_job", "direction", "sections", "warnings", "source"]:
        assert name in data
