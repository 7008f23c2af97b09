"""Real PDF-converted notices from ../shared/offers-opt-nc, read where they are."""
import pytest

from offers_index import parse_file

EXPECTED = {
    # file: (title, reference_number, corps, location, published_on, deadline)
    "3134-26-0420_SR.md": ("DT - Chargé d'affaires Télécom grands comptes stratégiques - AE", "3134-26-0420",
                           "cadre d'exploitation", "Nouméa", "2026-03-27", "2026-04-17"),
    "3134-26-0437_SR.md": ("DDI - CHARGÉ DE CONTACT CLIENTÈLE EN SOUTIEN – ZN OUÉGOA-POUÉBO", "3134-26-0437",
                           "Agent d'exploitation", "Ouégoa, Pouébo", "2026-03-27", "2026-04-17"),
    "3134-26-0624_SR.md": ("Chargé d'affaires Télécom Grand Comptes - AE", "3134-26-0624",
                           "Cadre d'exploitation ou Contrôleur", "Nouméa", "2026-05-15", "2026-06-05"),
    "3134-26-0677_SR.md": ("Chef(fe) de service expérience client - service expérience client", "3134-26-0677",
                           "Cadre d'exploitation", "Nouméa", "2026-05-08", "2026-05-29"),
    "3134-26-0686_SR.md": ("Chargé(e) de relation client et vente - section relation clientèle", "3134-26-0686",
                           "Agent d'exploitation", "Nouméa", "2026-05-08", "2029-05-29"),
    "3134-26-0713_SR.md": ("Technicien Section Energie - CERT", "3134-26-0713", "Technicien", "Nouméa",
                           "2026-05-08", "2026-05-29"),
    "3134-26-0751_SR.md": ("Conseiller financier multi canal - Service relations clients", "3134-26-0751",
                           "Contrôleur", "Koné, Koumac", "2026-05-15", "2026-06-05"),
    "3134-26-0754_SR.md": ("Chef d'agence de Koné - Pouembout", "3134-26-0754", "Contrôleur", "Koné",
                           "2026-05-15", "2026-06-05"),
    "3134-26-0768_SR.md": ("Agent comptable", "3134-26-0768", "Emploi fonctionnel", "Nouméa",
                           "2026-05-22", "2026-06-12"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_key_fields_exact(opt_nc_dir, name):
    offer = parse_file(opt_nc_dir / name)
    title, number, corps, location, published_on, deadline = EXPECTED[name]
    assert (offer.title, offer.reference_number, offer.corps, offer.location) == (title, number, corps, location)
    assert (offer.published_on, offer.deadline) == (published_on, deadline)


def test_every_notice_parses(opt_nc_dir):
    offers = [parse_file(path) for path in sorted(opt_nc_dir.glob("*.md"))]
    assert len(offers) == 16
    assert {(offer.employer, offer.employer_acronym) for offer in offers} == {("Office des postes et télécommunications", "OPT")}
    assert all(offer.sections.get("Missions") for offer in offers)


@pytest.mark.parametrize("name", ["3134-26-0420_SR.md", "3134-26-0624_SR.md"])
def test_swapped_dates_are_flagged_and_restored(opt_nc_dir, name):
    offer = parse_file(opt_nc_dir / name)
    assert offer.published_date < offer.deadline_date
    assert len(offer.warnings) == 1
    assert (offer.warnings[0].field, offer.warnings[0].code) == ("deadline", "swapped_dates")
    assert "dates inversées" in offer.warnings[0].message


def test_improbable_year_is_flagged(opt_nc_dir):
    offer = parse_file(opt_nc_dir / "3134-26-0686_SR.md")
    assert offer.deadline == "2029-05-29"  # kept as written: the bot never guesses a date
    assert any((w.field, w.code) == ("deadline", "improbable_year") for w in offer.warnings)
    assert offer.deadline_doubts
    assert any(w.field == "deadline" and "« vendredi » ne correspond pas au 29 mai 2029, qui est un mardi" in w.message
               for w in offer.warnings)


def test_missing_slash_in_reference_is_flagged(opt_nc_dir):
    offer = parse_file(opt_nc_dir / "3134-26-0677_SR.md")
    assert offer.reference == "3134-26-0677 SR du 8 mai 2026"
    assert [(w.field, w.code, w.message) for w in offer.warnings] == [("reference", "no_slash", "référence sans barre oblique : « 3134-26-0677 SR du 8 mai 2026 » "
                              "(attendu « 3134-26-0677/… »)")]


def test_clean_notices_have_no_warning(opt_nc_dir):
    for name in ["3134-26-0437_SR.md", "3134-26-0713_SR.md", "3134-26-0754_SR.md", "3134-26-0768_SR.md"]:
        assert parse_file(opt_nc_dir / name).warnings == [], name


def test_direction_residence_and_sections(opt_nc_dir):
    cyber = parse_file(opt_nc_dir / "3134-26-0705_SR.md")
    assert cyber.direction == "Direction des télécommunications"
    assert cyber.residence_requirement == "au moins égale à 10 ans"
    assert cyber.respnc_job == "responsable de la sécurité des systèmes d'information"
    buyer = parse_file(opt_nc_dir / "3134-26-0778_SR.md")
    assert buyer.direction == "Direction des Moyens et de l'Immobilier"
    assert buyer.service == "Section achats, douane et facturation"
    assert buyer.workplace == "CENTAL - 1 rue Eiffel ZI Ducos - Nouméa"
    assert buyer.sections["Fonction du supérieur hiérarchique direct"] == "Chef de Section achats, douane et facturation"
