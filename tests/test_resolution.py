"""Which offer a message is about, over the real shared notices with the real actions: a posting
told by its year, an organisation the offer under discussion is not of, a quartier, a list
choice by place, a topic of the notice's text, a knowledge question beside an offer; never
another offer than the one meant."""
import re

import pytest


REFERENCE = re.compile(r"\b(?:\d{4}-)?\d{2}-\d{3,6}\b")


@pytest.fixture
def conversation(all_notices):
    return all_notices


def only_offer(reply: str, reference: str) -> bool:
    """The reply's answer quotes `reference` and no other offer's reference (a last line « republié
    sous la réf. … » points to the other posting on purpose)."""
    answer = "\n".join(line for line in reply.splitlines() if not line.startswith(("Ce poste a été", "Ce poste avait déjà")))
    quoted = {r for r in REFERENCE.findall(answer)}
    return bool(quoted) and all(reference in r or r in reference for r in quoted)


def test_a_posting_told_by_its_year(conversation):
    reply = conversation.turn("action_answer_field", "le chargé de mission pour les relations multilatérales publié en "
                                                     "2025, il fermait quand ?")
    assert "vendredi 25 avril 2025" in reply and only_offer(reply, "25-57038"), reply
    reply = conversation.turn("action_answer_field", "et la nouvelle annonce, elle ferme quand ?")
    assert only_offer(reply, "26-65312"), reply


def test_an_organisation_the_offer_under_discussion_is_not_of(conversation):
    conversation.turn("action_fallback", "26-64326")
    reply = conversation.turn("action_answer_field", "cese juriste c ou")
    assert "26-64326" not in reply and "26-64264" in reply, reply


def test_a_quartier_keeps_the_offers_that_work_there(conversation):
    reply = conversation.turn("action_search_offers", "des postes à Ducos ?")
    assert "Ducos (Nouméa)" in reply and "3134-26-1456" in reply and "3134-26-0778" in reply, reply
    assert "3134-26-1463" not in reply and "26-1374" not in reply, reply  # Ducos only in the text; Nouméa elsewhere


def test_the_number_of_posts_of_the_offer_under_discussion(conversation):
    conversation.turn("action_fallback", "3134-26-1456")
    reply = conversation.turn("action_count_offers", "il y a combien de postes ?")
    assert "3 postes" in reply and only_offer(reply, "3134-26-1456"), reply


def test_a_list_choice_by_place_beats_a_title_with_that_place(conversation):
    conversation.turn("action_search_offers", "les offres de la DITTT")
    reply = conversation.turn("action_fallback", "celle de Koné, c'est quoi le poste exactement ?")
    assert only_offer(reply, "26-62781"), reply  # not « Comptable à Koné »


def test_a_topic_of_the_text_stays_on_the_offer_under_discussion(conversation):
    conversation.turn("action_all_deadlines", "geologue dimenc deadline")
    reply = conversation.turn("action_fallback", "ki contacter pr + d info")
    assert "MONGE" in reply and only_offer(reply, "26-64414"), reply


def test_a_knowledge_question_beside_an_offer_keeps_the_offer(conversation):
    conversation.turn("action_fallback", "26-64414")
    reply = conversation.turn("action_still_open", "si je me mets en dispo pour convenances perso, je suis toujours payé ?")
    assert reply.startswith("Disponibilité") and "drhfpnc.gouv.nc" in reply, reply
    reply = conversation.turn("action_how_to_apply", "j'envoie mon dossier a quelle adresse mail ?")
    assert "drhfpnc.recrutement@gouv.nc" in reply and only_offer(reply, "26-64414"), reply


def test_a_profession_lists_its_offers_not_a_title_sharing_a_word(conversation):
    reply = conversation.turn("action_fallback", "je suis psychologue du travail")
    assert "3134-26-0746" in reply and "26-63338" not in reply, reply
    reply = conversation.turn("action_search_offers", "je suis dans la com, journaliste de formation")
    assert "26-65412" in reply and "26-64326" not in reply, reply
