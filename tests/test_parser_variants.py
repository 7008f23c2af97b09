"""Hand-written variants of the portal format, French date forms, and bad input."""
from datetime import date

import pytest

from offers_index import OfferError, parse_file, parse_text
from offers_index.dates import find_date, format_date

INLINE = """# Rédacteur comptable

**Référence :** 25-60001/MPRH du 1er août 2025

**Employeur :** Nouvelle-Calédonie

**Corps ou Cadre d'emploi /Domaine :** rédacteur Direction du budget et des affaires financières (DBAF)

**Durée de résidence exigée pour le recrutement sur titre (1) :** **Lieu de travail :** KONE

**Poste à pourvoir :** 1er septembre 2025

**Date de dépôt de l'offre :** 1er août 2025

**Date limite de candidature :** 22/08/2025

## Profil

Titulaire d'un BTS comptabilité.

## Conditions
Temps plein.

## Contact
Mme X, bureau du recrutement.

## Avantages

Tickets restaurant.

# Missions :

Tenir la comptabilité.
"""

HEADINGS_NO_ACCENTS = """# Ingenieur informatique

# Ingenieur informatique

# REFERENCE

25-60002/MPRH du 04 avril 2025

# employeur :

Nouvelle-Caledonie

# CORPS OU CADRE D'EMPLOI / DOMAINE

ingenieur

# Duree de residence exigee (1)

# Lieu de travail

Noumea

# Date de depot de l'offre

Vendredi 4 avril 2025

# Date limite de candidature

Vendredi 25 avril 2025

# Emploi RESPNC

Chef de projet
"""


def test_inline_bold_labels_corps_with_direction_and_extra_sections():
    offer = parse_text(INLINE, source="variant.md")
    assert offer.title == "Rédacteur comptable"
    assert offer.reference_number == "25-60001"
    assert offer.corps == "rédacteur"
    assert (offer.direction, offer.direction_acronym) == ("Direction du budget et des affaires financières", "DBAF")
    assert offer.residence_requirement is None  # "Label A :** **Label B :** value": A is empty
    assert offer.location == "Koné"
    assert offer.start == "1er septembre 2025"
    assert offer.published_on == "2025-08-01"
    assert offer.deadline == "2025-08-22"
    assert offer.sections["Profil"] == "Titulaire d'un BTS comptabilité."
    assert offer.sections["Conditions"] == "Temps plein."
    assert offer.sections["Contact"] == "Mme X, bureau du recrutement."
    assert offer.sections["Avantages"] == "Tickets restaurant."
    assert offer.sections["Missions"] == "Tenir la comptabilité."


def test_heading_labels_capitals_no_accents_repeated_title():
    offer = parse_text(HEADINGS_NO_ACCENTS, source="variant.md")
    assert offer.title == "Ingenieur informatique"
    assert offer.reference == "25-60002/MPRH du 04 avril 2025"
    assert offer.employer == "Gouvernement de la Nouvelle-Calédonie"
    assert offer.corps == "ingenieur"
    assert offer.residence_requirement is None
    assert offer.location == "Nouméa"
    assert offer.published_on == "2025-04-04"
    assert offer.deadline == "2025-04-25"
    assert offer.respnc_job == "Chef de projet"
    assert offer.warnings == []


def test_residence_value_and_service_acronym():
    text = INLINE.replace("**Durée de résidence exigée pour le recrutement sur titre (1) :** **Lieu de travail :** KONE",
                          "Durée de résidence exigée (1) : 10 ans\n\nLieu de travail : Nouméa")
    text = text.replace("**Employeur :** Nouvelle-Calédonie",
                        "**Employeur :** Nouvelle-Calédonie\n\nService de l'informatique (SI)")
    offer = parse_text(text)
    assert offer.residence_requirement == "10 ans"
    assert (offer.service, offer.service_acronym) == ("Service de l'informatique", "SI")


@pytest.mark.parametrize("text, expected", [
    ("Vendredi 8 août 2025", date(2025, 8, 8)),
    ("04 avril 2025", date(2025, 4, 4)),
    ("1er août 2025", date(2025, 8, 1)),
    ("8/08/2025", date(2025, 8, 8)),
    ("vendredi 8 aout 2025", date(2025, 8, 8)),
    ("Lundi 3 fevrier 2025", date(2025, 2, 3)),
    ("Mardi 2 décembre 2025", date(2025, 12, 2)),
    ("Vendredi 2026-03-13", date(2026, 3, 13)),
])
def test_french_dates(text, expected):
    parsed = find_date(text)
    assert parsed.value == expected
    assert parsed.weekday_mismatch is None


def test_iso_dates_in_a_notice():
    offer = parse_text(INLINE.replace("22/08/2025", "Vendredi 2026-03-13").replace("1er août 2025\n\n**Date limite", "Lundi 2026-03-02\n\n**Date limite"))
    assert (offer.published_on, offer.deadline) == ("2026-03-02", "2026-03-13")


def test_weekday_mismatch_is_a_warning_not_a_crash():
    offer = parse_text(INLINE.replace("22/08/2025", "Lundi 22 août 2025"))
    assert offer.deadline == "2025-08-22"
    assert [(w.field, w.code, w.message) for w in offer.warnings] == [
        ("deadline", "weekday_mismatch", "« lundi » ne correspond pas au 22 août 2025, qui est un vendredi")]


def test_deadline_before_publication_is_flagged():
    offer = parse_text(INLINE.replace("22/08/2025", "20/07/2025"))
    assert offer.deadline == "2025-07-20"
    assert [(w.field, w.code, w.message) for w in offer.warnings] == [
        ("deadline", "before_publication", "date limite (dimanche 20 juillet 2025) antérieure à la date de dépôt (vendredi 1er août 2025)")]


def test_format_date_for_answers():
    assert format_date(date(2025, 8, 8)) == "vendredi 8 août 2025"
    assert format_date(date(2025, 8, 1)) == "vendredi 1er août 2025"
    assert format_date(date(2025, 4, 25), weekday=False) == "25 avril 2025"


# -- bad input: an error that names the file and the field --------------------------------------

def _write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_no_title(tmp_path):
    path = _write(tmp_path, "sans-titre.md", "Référence : 25-1/MPRH\n\nDate limite de candidature : 8 août 2025\n")
    with pytest.raises(OfferError) as error:
        parse_file(path)
    assert str(path) in str(error.value) and error.value.field_name == "titre"


def test_no_deadline(tmp_path):
    path = _write(tmp_path, "sans-date.md", INLINE.replace("**Date limite de candidature :** 22/08/2025", ""))
    with pytest.raises(OfferError) as error:
        parse_file(path)
    assert str(error.value) == (f"{path}: date limite de candidature: absente ou vide (ni rubrique « Date limite de "
                                "candidature », ni « au plus tard le … »)")


def test_unreadable_deadline(tmp_path):
    path = _write(tmp_path, "date.md", INLINE.replace("22/08/2025", "bientôt"))
    with pytest.raises(OfferError, match=r"date\.md: date limite de candidature: date illisible : « bientôt »"):
        parse_file(path)


def test_empty_file(tmp_path):
    path = _write(tmp_path, "vide.txt", "  \n\n")
    with pytest.raises(OfferError, match=r"vide\.txt: fichier: fichier vide"):
        parse_file(path)


def test_unreadable_encoding(tmp_path):
    path = _write(tmp_path, "utf16.txt", INLINE.encode("utf-16"))
    with pytest.raises(OfferError) as error:
        parse_file(path)
    assert error.value.field_name == "encodage" and "utf16.txt" in str(error.value)


def test_windows_1252_is_read_with_a_warning(tmp_path):
    path = _write(tmp_path, "cp1252.txt", INLINE.encode("cp1252"))
    offer = parse_file(path)
    assert offer.title == "Rédacteur comptable"
    assert [(w.field, w.message) for w in offer.warnings] == [("fichier", "encodage Windows-1252 détecté (attendu : UTF-8), texte converti")]
