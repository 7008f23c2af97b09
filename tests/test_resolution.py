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


def test_an_employer_named_by_its_first_word_switches_to_its_offer(conversation):
    conversation.turn("action_answer_field", "le poste de directeur à Bourail, c'est jusqu'à quand ?", intent="ask_field")
    for action in ("action_inform_offer", "action_answer_field"):
        reply = conversation.turn(action, "et celui du conservatoire ?", intent="inform_offer")
        assert only_offer(reply, "26-1418"), reply
    reply = conversation.turn("action_answer_field", "il démarre quand ?", intent="ask_field")
    assert only_offer(reply, "26-1418") and "28 décembre 2026" in reply, reply


def test_a_short_or_shared_first_word_names_no_employer(conversation):
    """« office » is too short to name the OPT alone; « chambre » begins two organisations' names."""
    from actions.index import current_index
    for text in ("un office près de chez moi ?", "la chambre recrute ?"):
        assert not current_index().mentions(text).employers, text
    assert current_index().mentions("et celui du conservatoire ?").employers


def test_a_clipped_job_word_picks_its_offer_from_the_list_shown(conversation):
    conversation.turn("action_search_offers", "des offres a canala ?", intent="search_offers",
                      entities=[{"entity": "location", "value": "Canala"}])
    conversation.turn("action_choose", "le 1", intent="choose")
    reply = conversation.turn("action_answer_field", "et le psy, il ferme quand ?", intent="ask_field")
    assert only_offer(reply, "26-1423") and "vendredi 9 octobre 2026" in reply, reply


def test_a_role_the_notice_under_discussion_names_stays_on_it(conversation):
    """« le chef de projet » of the OPT notice is a person in its contacts, not the « Chef(fe) de
    projet MOA » offer; without the notice saying so, the bot asks which."""
    conversation.turn("action_fallback", "3134-26-0686")
    reply = conversation.turn("action_answer_detail", "le numéro du chef de projet pour cette offre ?", intent="ask_detail")
    assert only_offer(reply, "26-0686") and "26.79.28" in reply, reply
    conversation.turn("action_fallback", "26-62113")
    reply = conversation.turn("action_answer_detail", "le numéro du chef de projet pour cette offre ?", intent="ask_detail")
    assert "laquelle" in reply and "26-62113" in reply and "26-56076" in reply, reply


def test_the_new_posting_among_the_two_waiting(conversation):
    conversation.turn("action_fallback", "26-1418")
    conversation.turn("action_inform_offer", "et le chargé de mission pour les relations multilatérales ?", intent="inform_offer")
    reply = conversation.turn("action_answer_detail", "qui contacter pour la nouvelle annonce ?", intent="ask_detail")
    assert only_offer(reply, "26-65312") and "wadrawane" in reply.lower(), reply


@pytest.mark.parametrize("reference, question, fact", [
    ("26-64414", "qui est le chef de service et comment le joindre ?", "olivier.monge@gouv.nc"),
    ("3134-26-1457", "je voudrais le téléphone de la secrétaire générale", "44.11.16"),
])
def test_a_role_the_notice_names_is_its_contact_not_an_offer_of_that_title(conversation, reference, question, fact):
    conversation.turn("action_fallback", reference)
    reply = conversation.turn("action_answer_field", question, intent="ask_field")
    assert only_offer(reply, reference.split("-", 1)[1] if reference.startswith("3134") else reference) and fact in reply, reply


def test_a_workplace_picks_among_the_offers_listed(conversation):
    conversation.turn("action_search_offers", "des postes a mare ?", intent="search_offers",
                      entities=[{"entity": "location", "value": "Maré"}])
    reply = conversation.turn("action_answer_field", "et celui de tadine, c'est quoi le corps ?", intent="ask_field")
    assert only_offer(reply, "26-1459"), reply
