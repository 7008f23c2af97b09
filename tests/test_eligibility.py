"""Eligibility from the notice: the durée de résidence exigée of real notices put beside what the
candidate says of their residence or status, with real action code over real index files; never
a verdict."""
import re
from datetime import date

import pytest

from offers_index.eligibility import stated


VERDICTS = re.compile(r"vous [eê]tes (?:bien )?[ée]ligible|vous n'[eê]tes pas [ée]ligible|oui,? vous pouvez|"
                      r"vous pouvez postuler|vous ne pouvez pas postuler|votre candidature (?:est|sera) (?:recevable|retenue)",
                      re.IGNORECASE)


@pytest.fixture
def catalogue(shared_notices):
    return shared_notices


@pytest.mark.parametrize("reference, requirement", [
    ("26-61974", "« au moins égale à 5 ans »"),  # 5 years
    ("26-1410", "« au moins égale à 10 ans »"),  # 10 years
    ("26-1433", "« inférieure à 3 ans »"),  # read as written
    ("26-64414", "par grade : « Ingénieur 2ème grade domaine de l'équipement : au moins égale à 5 ans » ; "
                 "« Ingénieur 2ème grade domaine de l'économie rurale : au moins égale à 5 ans »"),  # several grades
    ("26-1297", "n'indique aucune durée de résidence exigée"),  # « / »
    ("3134-26-0778", "n'indique aucune durée de résidence exigée"),  # none stated
])
def test_residence_beside_the_notice(catalogue, reference, requirement):
    reply = catalogue.turn("action_fallback", f"j'habite ici depuis 2019, je peux postuler au {reference} ?")
    assert reference in reply and requirement in reply
    assert "« depuis 2019 », soit 7 ans de résidence environ" in reply
    assert "notice explicative" in reply and "mutation" in reply
    assert not VERDICTS.search(reply)


def test_remembered_for_the_next_offer_and_the_offer_stays(catalogue):
    catalogue.turn("action_fallback", "26-1410")
    reply = catalogue.turn("action_fallback", "ça fait 6 ans que je vis en Nouvelle-Calédonie, ça suffit ?")
    assert "26-1410" in reply and "« au moins égale à 10 ans »" in reply and "soit 6 ans" in reply
    reply = catalogue.turn("action_fallback", "et pour le 26-61974 ?")
    assert "26-61974" in reply and "« au moins égale à 5 ans »" in reply and "soit 6 ans" in reply
    assert not VERDICTS.search(reply)
    reply = catalogue.turn("action_answer_field", "et la date limite ?", "ask_field")
    assert "26-61974" in reply and "date limite" in reply


def test_status_without_years(catalogue):
    reply = catalogue.turn("action_fallback", "je suis déjà fonctionnaire, je peux candidater au 26-1410 ?")
    assert "déjà fonctionnaire" in reply and "mutation ou par détachement" in reply and not VERDICTS.search(reply)
    reply = catalogue.turn("action_fallback", "je suis citoyen calédonien, suis-je eligible au 26-1433 ?")
    assert "citoyen(ne) de la Nouvelle-Calédonie" in reply and "26-1433" in reply and not VERDICTS.search(reply)


@pytest.mark.parametrize("text, said", [("j'habite en NC depuis 2030, je peux postuler ?", "« depuis 2030 » est une date à venir"),
                                        ("je vis ici depuis 300 ans lol, c'est bon pour moi ?", "Je n'arrive pas à lire « depuis 300 ans »")])
def test_an_impossible_residence_is_asked_again(catalogue, text, said):
    catalogue.turn("action_fallback", "26-1410")
    reply = catalogue.turn("action_fallback", text)
    assert reply.startswith(said) and "depuis combien d'années" in reply


def test_no_offer_yet_asks_which_then_answers(catalogue):
    reply = catalogue.turn("action_fallback", "j'habite ici depuis 2019, je peux postuler ?")
    assert reply.startswith("Pour quelle offre (la durée de résidence exigée) ?")
    reply = catalogue.turn("action_choose", "le 1", "choose")
    assert "« depuis 2019 », soit 7 ans" in reply and not VERDICTS.search(reply)


@pytest.mark.parametrize("text, years", [
    ("arrivée en 2015 en Nouvelle-Calédonie", 11), ("I have lived here for 4 years", 4),
    ("je travaille depuis 5 ans comme infirmier", None), ("date limite ?", None),
])
def test_stated_years(text, years):
    found = stated(text, date(2026, 12, 4))
    assert (found.years if found else None) == years
