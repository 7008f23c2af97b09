"""Messages that ask several things, guess a place, pick and ask at once, or glue an elision, over
the real shared notices (« today » 20 May 2026) with the real actions. Sentences written for these
tests, not taken from the dialogue or candidate sets."""

import pytest


@pytest.fixture
def conversation(all_notices):
    return all_notices


@pytest.fixture
def midwife(conversation):
    reply = conversation.turn("action_inform_offer", "la sage-femme de Koné")
    assert "3134-26-1433" in reply and "Lieu : Koné" in reply and "âge" not in reply, reply  # no « s'age » in « sage »
    return conversation


def test_a_second_question_about_the_text_is_answered_too(midwife):
    reply = midwife.turn("action_still_open", "c'est encore ouvert, et qui je peux appeler pour en savoir plus ?")
    assert "ouvertes jusqu'au vendredi 16 octobre 2026" in reply and "42.65.09" in reply, reply
    assert reply.index("16 octobre") < reply.index("42.65.09")  # in the order asked


def test_a_place_guessed_for_the_offer_under_discussion_gets_its_place(midwife):
    reply = midwife.turn("action_search_offers", "where is it? in Noumea?")
    assert "3134-26-1433" in reply and "basé à Koné" in reply and "J'ai trouvé" not in reply, reply


def test_a_topic_of_the_notice_is_no_glossary_question(midwife):
    reply = midwife.turn("action_answer_detail", "c koi les horaires ?")
    assert "3134-26-1433" in reply and "Rythme jour et nuit" in reply and "base de connaissances" not in reply, reply


def test_a_glued_elision_is_read(midwife):
    reply = midwife.turn("action_how_to_apply", "cetait quoi ladresse mail deja ?")
    assert "3134-26-1433" in reply and "recrutement@chn.nc" in reply and "DRHFPNC et sa section" not in reply, reply


def test_a_prose_notice_says_where_to_apply(conversation):
    conversation.turn("action_inform_offer", "l'éducateur spécialisé en hébergement diversifié")
    reply = conversation.turn("action_how_to_apply", "je postule comment ?")
    assert "26-66112" in reply and "drhfpnc.recrutement@gouv.nc" in reply and "ne précise pas" not in reply, reply


def test_the_end_of_a_mission_is_the_contract_not_the_deadline(conversation):
    conversation.turn("action_inform_offer", "l'éducateur spécialisé en hébergement diversifié")
    reply = conversation.turn("action_answer_field", "la mission ponctuelle dure jusqu'a quand ?",
                              "ask_field", [{"entity": "field", "value": "deadline"}])
    assert "26-66112" in reply and "18 juin 2027" in reply and "23 octobre 2026" not in reply, reply


def test_a_direction_picks_among_the_offers_just_listed(conversation):
    listed = conversation.turn("action_search_offers", "je suis infirmier mais je vise un poste de cadre de santé en ce moment")
    assert "26-64632" in listed, listed
    reply = conversation.turn("action_answer_field", "à la DASS c'est quel service exactement ?")
    assert "26-64632" in reply and "qualité de soin" in reply and "Pour quelle offre" not in reply, reply


def test_words_said_together_narrow_a_topic_search(conversation):
    reply = conversation.turn("action_search_offers", "jai travaillé en creche, un poste dans la petite enfance ?")
    assert "3134-26-0540" in reply and "26-66112" not in reply and "25-2037" not in reply, reply


def test_what_the_bot_cannot_do_keeps_the_offer_it_spoke_of(conversation):
    reply = conversation.turn("action_how_to_apply", "je peux vous transmettre mon CV pour le chargé d'accueil polyvalent de Païta ?")
    assert "26-1446" in reply and "recrutement@ville-paita.nc" in reply, reply
    reply = conversation.turn("action_answer_field", "et il ferme quand ?")
    assert "26-1446" in reply and "vendredi 16 octobre 2026" in reply, reply


def test_a_grade_beside_a_pay_question_is_no_corps_question(conversation):
    conversation.turn("action_inform_offer", "le directeur des services techniques d'Ouvéa")
    reply = conversation.turn("action_fallback", "en categorie A ca donne combien par mois ?")
    assert "3134-26-1444" in reply and "ne précise pas la rémunération" in reply and "est ouvert au corps" not in reply, reply


def test_an_email_beside_another_question_is_answered_without_failing(midwife):
    reply = midwife.turn("action_answer_field", "le mail et la date limite ?")
    assert "recrutement@chn.nc" in reply and "vendredi 16 octobre 2026" in reply and "problème technique" not in reply, reply


def test_places_joined_by_ou_are_a_search_not_the_place_of_the_offer(midwife):
    reply = midwife.turn("action_search_offers", "et à Lifou ou à Maré ?")
    assert "J'ai trouvé" in reply and "basé à Koné" not in reply, reply


def test_sending_the_file_until_when_is_the_deadline_not_the_contract(conversation):
    conversation.turn("action_inform_offer", "l'éducateur spécialisé en hébergement diversifié")
    reply = conversation.turn("action_answer_field", "c'est un remplacement, pour le dossier je l'envoie jusqu'à quand ?",
                              "ask_field", [{"entity": "field", "value": "deadline"}])
    assert "vendredi 23 octobre 2026" in reply and "18 juin 2027" not in reply, reply


def test_a_pick_at_the_start_of_a_question_picks_from_the_list(conversation):
    listed = conversation.turn("action_search_offers", "des postes à Ducos ?", "search_offers",
                               [{"entity": "location", "value": "Ducos"}])
    assert listed.index("3134-26-0746") < listed.index("3134-26-1456"), listed
    reply = conversation.turn("action_answer_field", "la premiere, c quoi sa date limite ?")
    assert "3134-26-0746" in reply and "vendredi 5 juin 2026" in reply and "Pour quelle offre" not in reply, reply


def test_letters_that_make_no_word_are_not_understood(conversation):
    reply = conversation.turn("action_search_offers", "qsdf hjkl")
    assert "pas compris" in reply and "aucune offre" not in reply, reply


@pytest.mark.parametrize("message, read", [("ladresse mail ?", "l'adresse mail ?"), ("je saurai quand ?", "je saurai quand ?"),
                                           ("le coffre de la voiture", "le coffre de la voiture")])
def test_a_glued_elision_is_split_only_where_french_elides(message, read):
    from offers_index.questions import normalised
    assert normalised(message) == read


def test_the_end_of_a_contract_is_not_the_deadline():
    from offers_index.questions import questions_in
    assert not [a for a in questions_in("le contrat peut-il être prolongé après la date de fin ?") if a.field == "deadline"]
    assert [a.field for a in questions_in("la date a été repoussée ?")] == ["deadline"]


def test_a_question_about_two_offers_named_is_answered_about_each(conversation):
    reply = conversation.turn("action_answer_field", "la sage femme de kone et le geologue ressources minerales, ils ferment quand ?")
    assert reply.index("26-1433") < reply.index("26-64414") and "vendredi 10 juillet 2026" in reply, reply
    reply = conversation.turn("action_answer_field", "et qui contacter ?")
    assert "Pour quelle offre" in reply and "26-1433" in reply and "26-64414" in reply, reply  # never one at random
    reply = conversation.turn("action_answer_field", "le deuxieme")
    assert "26-64414" in reply and "26-1433" not in reply, reply


def test_a_word_shared_with_a_title_names_no_second_offer(conversation):
    reply = conversation.turn("action_answer_field", "je suis hôtesse d'accueil, y a un poste d'accueil à Païta ? "
                                                     "et c'est jusqu'à quand ?")
    assert "26-1446" in reply and "25-2037" not in reply, reply


def test_a_title_with_and_in_it_is_one_offer(conversation):
    reply = conversation.turn("action_answer_field", "date limite du géologue ressources minérales et énergétiques ?")
    assert reply.count("réf.") == 1 and "26-64414" in reply, reply


def test_a_residence_said_beside_a_question_of_the_duration_is_put_beside_the_notice(conversation):
    reply = conversation.turn("action_answer_field", "jhabite en caledonie depuis 12 ans, je suis aide soignante. pour le "
                                                     "poste en medecine polyvalente au CHT la residence demandee c combien ?",
                              entities=[{"entity": "field", "value": "residence"}])
    assert "26-1410" in reply and "égale à 10 ans" in reply and "12 ans" in reply and "vous êtes éligible" not in reply, reply
    reply = conversation.turn("action_how_to_apply", "je peux envoyer ma candidature par mail ? quelle adresse ?")
    assert "26-1410" in reply and "@" in reply and "De votre côté" not in reply, reply


def test_a_follow_up_naming_a_direction_keeps_the_residence_question(conversation):
    conversation.turn("action_answer_field", "chui a Noumea depuis 2019. pour le 26-63874 faut combien d'annees de residence ?")
    reply = conversation.turn("action_answer_field", "et pour celui d'ingenieur AMOA aux services fiscaux ?")
    assert "26-63336" in reply and "7 ans" in reply and "relève de" not in reply, reply


def test_the_offer_under_discussion_named_again_is_asked_not_searched(conversation):
    conversation.turn("action_inform_offer", "le poste de géologue ressources minérales et énergétiques de la DIMENC")
    reply = conversation.turn("action_answer_detail", "merci. et le poste de geologue c payé combien ?")
    assert "26-64414" in reply and "techniquenc.pdf" in reply and "Offres qui parlent" not in reply, reply


def test_a_conjunction_names_no_offer(conversation):
    conversation.turn("action_search_offers", "ya un poste a kone au service des immatriculations ?",
                      entities=[{"entity": "location", "value": "Koné"}, {"entity": "service", "value": "service"}])
    reply = conversation.turn("action_answer_field", "jsuis ne en france mais en NC depuis 2020, ca passe pr la residence ?")
    assert "26-62781" in reply and "25-2037" not in reply and "égale à 10 ans" in reply, reply


def test_a_topic_then_a_field_joined_by_puis(all_notices):
    all_notices.turn("action_fallback", "26-1446")
    reply = all_notices.turn("action_answer_field", "j'aimerais savoir qui appeler pour en savoir plus, puis quelle est la "
                                                    "date limite", intent="ask_field")
    assert "Mirenda" in reply and "vendredi 16 octobre 2026" in reply, reply
    assert reply.index("Mirenda") < reply.index("vendredi 16 octobre 2026"), reply


def test_a_deadline_for_sending_the_file_is_the_deadline_only(all_notices):
    all_notices.turn("action_fallback", "26-1462")
    reply = all_notices.turn("action_how_to_apply", "avant quelle date pour déposer ma candidature ?", intent="how_to_apply")
    assert "3134-26-1462" in reply and "vendredi 23 octobre 2026" in reply and "BP 41" not in reply, reply


def test_what_an_examination_consists_of_is_the_notice_passage_not_the_missions(all_notices):
    all_notices.turn("action_fallback", "26-1456")
    reply = all_notices.turn("action_fallback", "en quoi consiste l'examen professionnel des candidats retenus ?")
    assert "3134-26-1456" in reply and "natation" in reply and "Missions du poste" not in reply, reply
    reply = all_notices.turn("action_fallback", "et en quoi consiste le poste ?")
    assert "Missions du poste « 3 Gardes champêtres » (réf. 3134-26-1456)" in reply, reply
