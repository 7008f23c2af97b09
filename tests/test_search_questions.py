"""Searches and questions over the real shared notices (« today » 20 May 2026) with the real actions:
a trade beside a place, a title beside its place, an employer that narrows a profession, one offer
found answers the question asked, deadlines that are all past, a general question of pay, a term
read by its first word. Sentences written for these tests, not taken from the candidate sets."""
import re

import pytest


REFERENCE = re.compile(r"\b(?:\d{4}-)?\d{2}-\d{3,6}\b")


@pytest.fixture
def conversation(all_notices):
    return all_notices


@pytest.mark.parametrize("message", ["menuisier à Koné ?", "y a des annonces de boulanger à Lifou ?",
                                     "any plumber jobs in Noumea?"])
def test_a_trade_no_offer_has_beside_a_place_is_said_so(conversation, message):
    reply = conversation.turn("action_search_offers", message)
    assert "aucune offre pour" in reply and not REFERENCE.search(reply), reply


def test_a_title_beside_its_place_is_that_offer(conversation):
    reply = conversation.turn("action_search_offers", "le poste de responsable à Maré ?")
    assert "26-1459" in reply and "Je n'ai trouvé aucune" not in reply, reply
    reply = conversation.turn("action_search_offers", "un poste de conseiller financier à Koumac ?")
    assert "3134-26-0751" in reply and "3134-26-0754" not in reply, reply


def test_an_employer_narrows_a_profession(conversation):
    reply = conversation.turn("action_search_offers", "un psychologue à l'OPT ?")
    assert "3134-26-0746" in reply and "26-1423" not in reply, reply


def test_one_offer_found_answers_the_question_asked(conversation):
    reply = conversation.turn("action_search_offers", "je suis psychologue scolaire, pour le poste de Canala "
                                                      "c'est jusqu'à quelle date ?")
    assert "26-1423" in reply and "La date limite" in reply, reply


def test_an_offer_whose_deadlines_are_all_past_is_closed(conversation):
    reply = conversation.turn("action_still_open", "l'aide maternelle de Pouembout, on peut encore postuler ?")
    assert reply.startswith("Non") and "3134-26-0540" in reply and "toutes les dates limites" in reply, reply
    reply = conversation.turn("action_answer_field", "et sa date limite c'était quand ?")
    assert "vendredi 1er mai 2026" in reply and "l'offre est clôturée" in reply, reply
    reply = conversation.turn("action_answer_field", "bon, c'est fermé ?")
    assert reply.startswith("Non") and "3134-26-0540" in reply, reply


def test_a_deadline_asked_after_a_residence_question_is_the_deadline(conversation):
    conversation.turn("action_answer_field", "je vis en NC depuis 2012, pour l'enquêteur épidémiologiste "
                                             "je peux postuler ?")
    reply = conversation.turn("action_answer_field", "et jusqu'à quand je peux envoyer mon dossier ?")
    assert "vendredi 16 octobre 2026" in reply and "26-61974" in reply and "De votre côté" not in reply, reply


def test_a_general_question_of_pay_gets_the_sourced_rule(conversation):
    reply = conversation.turn("action_answer_field", "un remplaçant contractuel en catégorie C, il touche combien ?")
    assert "215 000" in reply and "drhfpnc.gouv.nc" in reply and "Pour quelle offre" not in reply, reply


def test_a_term_is_read_by_its_first_word(conversation):
    reply = conversation.turn("action_fallback", "c'est quoi au juste un corps de la fonction publique ?")
    assert "même statut particulier" in reply, reply


@pytest.mark.parametrize("text", ["c'est quoi un corps ?", "c'est quoi au juste un corps ?"])
def test_a_word_of_two_topics_is_the_entry_it_is_most_of(conversation, text):
    """« corps » is in « Corps et cadre d'emplois » and « Demande de changement de corps… »: a
    question of meaning gets the first, never a list of offers."""
    reply = conversation.turn("action_fallback", text)
    assert reply.startswith("Corps et cadre d'emplois : ") and "Pour quelle offre" not in reply, reply


def test_a_field_of_this_offer_is_its_value_not_the_glossary(conversation):
    conversation.turn("action_answer_field", "date limite du psychologue scolaire de Canala ?")
    reply = conversation.turn("action_answer_detail", "c'est quoi l'emploi RESPNC pour cette offre ?")
    assert "26-1423" in reply and "base de données" not in reply, reply


def test_a_job_no_offer_of_that_direction_has_by_name_is_searched_in_its_notices(conversation):
    reply = conversation.turn("action_inform_offer", "un emploi de secrétaire à la DBAF ?")
    assert "26-65092" in reply and "3134-26-1372" not in reply and "26-65540" not in reply, reply


def test_a_residence_said_at_the_place_of_the_list_just_shown_leaves_the_offer_discussed_before(conversation):
    conversation.turn("action_search_offers", "un poste dans le développement économique à la mairie du Mont-Dore ?")
    listed = conversation.turn("action_search_offers", "et à Païta, vous avez quoi ?")
    assert "26-1446" in listed and "26-1412" not in listed, listed
    reply = conversation.turn("action_answer_field", "j'habite à Païta depuis 12 ans, ça suffit pour la résidence ?")
    assert "26-1412" not in reply and "26-1446" in reply, reply


@pytest.mark.parametrize("message", ["plombier à Païta ?", "jardinier a Bourail"])
def test_a_trade_beside_a_place_is_a_search_whatever_the_action(conversation, message):
    for action in ("action_answer_field", "action_inform_offer"):
        reply = conversation.turn(action, message)
        assert "aucune offre pour" in reply and not REFERENCE.search(reply), (action, reply)


def test_a_field_asked_with_combien_is_the_offer_s_value(conversation):
    conversation.turn("action_answer_field", "date limite des gardes champêtres ?")
    reply = conversation.turn("action_count_offers", "et la résidence exigée c'est combien ?")
    assert "3134-26-1456" in reply and "résidence" in reply and "offres au total" not in reply, reply


def test_an_offer_at_another_commune_named_by_a_title_word_is_that_offer(conversation):
    reply = conversation.turn("action_answer_field", "date limite du responsable de Maré ?")
    assert "3134-26-1459" in reply and "26-1442" not in reply, reply
    reply = conversation.turn("action_answer_field", "et à Bourail, la directrice, elle ferme quand ?")
    assert "3134-26-1457" in reply and "3134-26-1459" not in reply, reply
    reply = conversation.turn("action_answer_field", "j'habite à Païta depuis 2015, la résidence c'est bon ?")
    assert "3134-26-1457" in reply, reply  # where the candidate lives is no other offer


@pytest.mark.parametrize("offer, asked, expected", [
    ("des gardes champêtres", "is there a physical test?", "natation"),
    ("des gardes champêtres", "faut-il parler une langue kanak ?", "ne précise pas les langues demandées"),
    ("du responsable de Maré", "faut parler nengone pour celui-là ?", "Nengone"),
])
def test_topics_asked_in_english_or_about_languages(conversation, offer, asked, expected):
    first = conversation.turn("action_answer_field", f"date limite {offer} ?")
    reference = REFERENCE.search(first).group(0)
    reply = conversation.turn("action_answer_detail", asked)
    assert reference in reply and expected in reply, reply


def test_an_e_mail_asked_is_the_notice_s_e_mail(conversation):
    conversation.turn("action_answer_field", "date limite du chargé d'accueil de Païta ?")
    reply = conversation.turn("action_answer_detail", "et par courriel, c'est quelle adresse ?")
    assert "26-1446" in reply and "recrutement@ville-paita.nc" in reply, reply


def test_a_direction_is_given_with_its_acronym_and_a_corps_with_its_domain(conversation):
    reply = conversation.turn("action_answer_field", "le secrétaire au greffe, il dépend de quelle direction ?")
    assert "26-65540" in reply and "(DGRAC)" in reply, reply
    reply = conversation.turn("action_answer_field", "quel corps pour le vétérinaire de Lifou ?")
    assert "26-1450" in reply and "Ingénieur 2 ème grade, domaine Economie rurale" in reply, reply


def test_the_contract_asked_is_what_the_notice_states(conversation):
    reply = conversation.turn("action_search_offers", "le poste à Ouvéa, c'est un contrat ou il faut être titulaire ?")
    assert "3134-26-1444" in reply and "agent contractuel de droit public" in reply, reply
    conversation.turn("action_answer_field", "date limite de l'aide maternelle de Pouembout ?")
    reply = conversation.turn("action_answer_detail", "c'est un CDI ?")
    assert "3134-26-0540" in reply and "contrat à durée déterminée (CDD)" in reply and "1er juillet 2026" in reply, reply


def test_a_general_question_beside_an_offer_stays_general_and_an_excluded_place_names_no_offer(conversation):
    conversation.turn("action_answer_field", "date limite du directeur des services techniques d'Ouvéa ?")
    reply = conversation.turn("action_answer_field", "et en général un contractuel de catégorie B hors Nouméa, il touche "
                                                     "combien au minimum ?")
    assert "268 000" in reply and not REFERENCE.search(reply), reply
    reply = conversation.turn("action_answer_field", "et il ferme quand, hors de Nouméa c'est mieux pour moi ?")
    assert "3134-26-1444" in reply, reply


def test_a_count_of_a_few_offers_shows_them(conversation):
    reply = conversation.turn("action_count_offers", "combien d'annonces pour la DITTT ?", "count_offers",
                              [{"entity": "service", "value": "DITTT"}])
    assert "2 offres" in reply and "1. " in reply and "26-62781" in reply and "26-62685" in reply, reply
    reply = conversation.turn("action_fallback", "celle de Nouméa elle ferme quand ?")
    assert "26-62685" in reply and "26-62781" not in reply, reply


def test_a_quartier_read_as_the_place_narrows_to_it(conversation):
    reply = conversation.turn("action_search_offers", "y a quoi a ducos", "search_offers",
                              [{"entity": "location", "value": "Ducos"}])
    assert "à Ducos (Nouméa)" in reply and "3134-26-1456" in reply and "26-1374" not in reply, reply


def test_a_new_search_is_no_answer_to_the_waiting_question(conversation):
    conversation.turn("action_search_offers", "je cherche dans l'électrotechnique")
    asked = conversation.turn("action_answer_field", "c'était quand la date limite ?")
    assert "Pour quelle offre" in asked, asked
    reply = conversation.turn("action_fallback", "sinon des postes dans l'informatique ?", "bot_challenge")
    assert "informatique" in reply and "La date limite de candidature pour" not in reply, reply


def test_the_job_a_candidate_has_is_not_the_job_sought(conversation):
    reply = conversation.turn("action_search_offers", "je vise un poste de cadre de santé, je suis infirmier",
                              entities=[{"entity": "corps", "value": "infirmier"},
                                        {"entity": "respnc_job", "value": "cadre de santé"}])
    assert "26-64632" in reply and "infirmier" not in reply.lower(), reply


def test_a_trade_no_offer_has_taken_for_a_count_is_said_so(conversation):
    reply = conversation.turn("action_count_offers", "any job for a plombier in Noumea ?",
                              entities=[{"entity": "location", "value": "Nouméa"}])
    assert "aucune offre pour « plombier » à Nouméa" in reply and not REFERENCE.search(reply), reply
    reply = conversation.turn("action_count_offers", "combien d'offres a Noumea ?", entities=[{"entity": "location", "value": "Nouméa"}])
    assert re.match(r"Il y a \d+ offres à Nouméa", reply), reply


@pytest.mark.parametrize("action, message, entities", [
    ("action_count_offers", "et menuisier ?", []),  # taken for a count, asks none
    ("action_still_open", "et pour un poste d'ébéniste ?", [{"entity": "corps", "value": "ébéniste"}]),
])
def test_a_trade_no_offer_has_taken_for_another_question_is_said_so(conversation, action, message, entities):
    conversation.turn("action_search_offers", "y a des postes de boulanger ?", "search_offers")
    reply = conversation.turn(action, message, entities=entities)
    assert "Je n'ai trouvé aucune offre" in reply and not REFERENCE.search(reply), reply


def test_a_field_asked_after_a_list_taken_for_a_count_asks_which_offer(conversation):
    conversation.turn("action_search_offers", "offres à Païta", "search_offers", [{"entity": "location", "value": "Païta"}])
    reply = conversation.turn("action_count_offers", "il faut combien d'années de résidence ?")
    assert "Pour quelle offre (la durée de résidence exigée)" in reply and "26-1446" in reply and "26-62894" in reply, reply
    assert "offres au total" not in reply, reply


def test_a_greeting_with_a_search_in_it_searches(conversation):
    reply = conversation.turn("action_fallback", "bonsoir, je suis sage-femme, vous avez un poste pour moi ?", "greet")
    assert "26-1433" in reply, reply
    conversation.turn("action_fallback", "bonjour", "greet")
    assert conversation.messages == [{"response": "utter_greet"}] or conversation.messages[0].get("response") == "utter_greet", \
        conversation.messages
