"""Kinds of message found in the first run of the blind set candidates_blind_dec7e.yml (the set
itself stays unedited); each case here uses other sentences of the same kind. Real actions over the
68 real notices, « today » 20 May 2026."""
from .actions_harness import entity


def test_or_between_two_domains_asks_no_place_and_another_post_is_a_search(all_notices):
    all_notices.turn("action_still_open", "Le pompier d'aérodrome de Tontouta, c'est encore possible ?")
    reply = all_notices.turn("action_fallback", "Dommage. Existe-t-il un autre poste en lien avec l'aviation civile ou "
                                                "la navigation aérienne ?")
    assert "26-62912" in reply and "26-62894" not in reply, reply


def test_based_in_asks_the_place(all_notices):
    all_notices.turn("action_fallback", "26-62912")
    reply = all_notices.turn("action_answer_field", "Ce poste est-il basé en brousse ?")
    assert "26-62912" in reply and "Nouméa" in reply, reply


def test_whom_may_i_turn_to_is_the_contact(all_notices):
    all_notices.turn("action_fallback", "26-62912")
    reply = all_notices.turn("action_answer_detail", "À qui dois-je m'adresser pour un renseignement ?")
    assert "26-62912" in reply and "DURIGNEUX" in reply, reply


def test_papers_to_send_about_the_offer_are_the_notice_list(all_notices):
    all_notices.turn("action_fallback", "26-1342")
    reply = all_notices.turn("action_how_to_apply", "Et quels documents dois-je envoyer ?", intent="how_to_apply")
    assert "3134-26-1342" in reply and "fiche de renseignements" in reply and "Sources :" not in reply, reply


def test_a_residence_question_taken_for_how_to_apply_gets_the_duration(all_notices):
    all_notices.turn("action_fallback", "26-1410")
    reply = all_notices.turn("action_how_to_apply", "cb d'annees de residence pr candidater ?", intent="how_to_apply",
                             entities=[entity("field", "residence")])
    assert "26-1410" in reply and "10 ans" in reply and "Les candidatures" not in reply, reply


def test_the_number_of_a_named_person_is_a_phone_not_the_reference(all_notices):
    all_notices.turn("action_fallback", "26-1342")
    reply = all_notices.turn("action_answer_field", "le numéro de Mme Lallemand ?", intent="ask_field")
    assert "27 89 51" in reply and "La référence" not in reply, reply
    reply = all_notices.turn("action_answer_field", "et le numéro de l'offre ?", intent="ask_field")
    assert "La référence de l'offre" in reply and "3134-26-1342" in reply, reply


def test_a_diploma_the_notice_states_as_titulaire_is_found(all_notices):
    all_notices.turn("action_fallback", "26-1463")
    reply = all_notices.turn("action_answer_detail", "faut quel diplome ?", intent="ask_detail")
    assert "BPJEPS" in reply and "ne précise pas" not in reply, reply


def test_hesitating_between_two_offers_lists_both_in_the_order_named(all_notices):
    reply = all_notices.turn("action_inform_offer", "j'hésite entre le géologue des ressources minérales et le chargé de QS du SNA")
    assert "1. Géologue" in reply and "2. Chargé de QS" in reply, reply
    reply = all_notices.turn("action_answer_field", "et pour le 2nd la date limite ?", intent="ask_field")
    assert "26-62912" in reply and "26-64414" not in reply, reply


def test_a_choice_naming_other_offers_leaves_the_previous_one(all_notices):
    all_notices.turn("action_answer_field", "date limite du géologue ?", intent="ask_field")
    reply = all_notices.turn("action_still_open", "non plutôt le chargé de mission pour les relations multilatérales, "
                                                  "toujours ouvert ?")
    assert "26-65312" in reply and "25-57038" in reply, reply
    reply = all_notices.turn("action_how_to_apply", "how do I apply ?", intent="how_to_apply")
    assert "26-64414" not in reply and "Géologue" not in reply, reply


def test_the_place_one_in_english_picks_in_the_list_shown(all_notices):
    all_notices.turn("action_search_offers", "a psychologist job ?", entities=[entity("corps", "psychologist")])
    reply = all_notices.turn("action_search_offers", "and the Canala one, what's its email ?",
                             entities=[entity("location", "Canala")])
    assert "c.taana@province-nord.nc" in reply and "INFIRMIERS" not in reply, reply


def test_job_in_sms_names_no_title_with_work(all_notices):
    reply = all_notices.turn("action_search_offers", "ya du taf pr un pâtissier ?")
    assert "Inspecteur du travail" not in reply and "aucune offre" in reply, reply


def test_a_refusal_naming_a_place_is_a_correction_and_a_bare_refusal_is_small_talk(all_notices):
    all_notices.turn("action_search_offers", "des offres a bourail ?", entities=[entity("location", "Bourail")])
    reply = all_notices.turn("action_fallback", "non, plutôt à Koumac", "deny", [entity("location", "Koumac")])
    assert "Koumac" in reply and "3134-26-1457" not in reply, reply
    all_notices.turn("action_fallback", "non", "deny")
    assert all_notices.messages[-1]["response"] == "utter_deny", all_notices.messages[-1]


def test_a_trade_asked_after_in_small_talk_is_searched_not_an_offer_sharing_a_word(all_notices):
    reply = all_notices.turn("action_fallback", "et conducteur de bus sur le réseau ?", "out_of_scope")
    assert not reply.startswith("« Responsable Cybersécurité") and "conducteur" in reply, reply  # a search, no summary


def test_the_one_still_open_of_the_choice_shown_is_picked_after_another_was(all_notices):
    reply = all_notices.turn("action_answer_field", "date limite du chargé de mission pour les relations multilatérales ?",
                             intent="ask_field")
    assert "26-65312" in reply and "25-57038" in reply, reply
    all_notices.turn("action_still_open", "l'ancienne de 2025 est fermée ?")
    reply = all_notices.turn("action_still_open", "et le contact pour celle qui est toujours ouverte ?", intent="ask_still_open")
    assert "26-65312" in reply and "25-57038" not in reply and "clôturée" not in reply, reply


def test_the_deadline_to_apply_in_english_is_the_deadline_not_the_way_to_apply(all_notices):
    all_notices.turn("action_fallback", "26-63874")
    reply = all_notices.turn("action_how_to_apply", "so what is the last day to apply ?", intent="how_to_apply")
    assert "vendredi 10 juillet 2026" in reply and "Les candidatures" not in reply, reply


def test_an_nlu_offer_word_in_no_title_keeps_the_offer_under_discussion(all_notices):
    all_notices.turn("action_fallback", "26-1456")
    reply = all_notices.turn("action_fallback", "l'examen professionnel comporte quelles épreuves ?",
                             entities=[entity("offer", "professionnel")])
    assert "3134-26-1456" in reply and "natation" in reply and "Inspecteur" not in reply, reply


# Review of the changes above: each case fails on the code before the fix that follows it.

def test_refusing_every_offer_of_the_list_picks_none_and_discusses_none(all_notices):
    all_notices.turn("action_search_offers", "des postes de chef de service ?", intent="search_offers")
    all_notices.turn("action_choose", "le 2", intent="choose")
    all_notices.turn("action_fallback", "finalement ni l'une ni l'autre", intent="deny")
    assert [m.get("response") for m in all_notices.messages] == ["utter_deny"], all_notices.messages
    assert all_notices.slots["current_offer"] is None and all_notices.slots["pending_choices"] is None
    reply = all_notices.turn("action_fallback", "aucune des deux ne me va")
    assert "Une offre parle" not in reply and [m.get("response") for m in all_notices.messages] == ["utter_deny"], reply


def test_a_refused_position_picks_nothing_and_the_other_one_named_is_picked(all_notices):
    all_notices.turn("action_search_offers", "des postes de chef de service ?", intent="search_offers")
    all_notices.turn("action_choose", "non pas le premier", intent="choose", entities=[entity("ordinal", "premier")])
    assert [m.get("response") for m in all_notices.messages] == ["utter_deny"] and all_notices.slots["current_offer"] is None
    reply = all_notices.turn("action_choose", "pas le 1, le second", intent="choose", entities=[entity("ordinal", "1")])
    assert "3134-26-0677" in reply and "3134-26-0685" not in reply, reply


def test_the_open_one_of_a_list_is_told_apart_by_its_place_too(all_notices):
    all_notices.turn("action_search_offers", "des postes d'infirmier ?", intent="search_offers")
    reply = all_notices.turn("action_fallback", "celle encore ouverte sur Nouméa ça se termine quand ?")
    assert "26-1374" in reply and "9 octobre 2026" in reply and "26-0218" not in reply and "26-62913" not in reply, reply


def test_two_offers_of_which_one_is_refused_are_not_both_answered(all_notices):
    reply = all_notices.turn("action_answer_field", "pas le géologue des ressources minérales mais le chargé de QS du "
                                                    "SNA, il ferme quand ?", intent="ask_field")
    assert "26-62912" in reply and "26-64414" not in reply, reply


def test_an_offer_corrected_in_the_same_message_is_the_second_one(all_notices):
    reply = all_notices.turn("action_answer_field", "la date limite de la sage-femme de Koné, oups non je voulais dire "
                                                    "le comptable à Koné", intent="ask_field")
    assert "26-1462" in reply and "26-1433" not in reply, reply
    reply = all_notices.turn("action_answer_field", "le comptable à Koné, ah non plutôt son lieu de travail", intent="ask_field")
    assert "26-1462" in reply and "Koné" in reply and "date limite" not in reply, reply


def test_how_much_time_before_a_question_is_no_pick_from_the_list():
    import re
    from offers_index import lexicon
    from offers_index.normalize import fold
    for text in ("3 années d'expérience, ça suffit ?", "2 semaines de délai c'est court non ?", "2 fois que je postule"):
        assert not re.search(lexicon.LEADING_ORDINAL, fold(text)), text
    assert re.search(lexicon.LEADING_ORDINAL, fold("la 2, elle ferme quand ?"))


def test_where_is_read_at_the_start_and_beside_an_or():
    from offers_index.questions import questions_in
    assert [a.field for a in questions_in("Ou pour le géologue, s'il vous plaît ? Merci, c'est très gentil.")] == ["location"]
    asked = questions_in("J'envoie par courrier ou par mail ? et le bureau, il est situé où ?")
    assert "location" in [a.field for a in asked], asked
    assert "location" not in [a.field for a in questions_in("je suis basée à Koné, la date limite ?")]


def test_the_number_of_a_monsieur_is_no_reference_and_the_number_of_the_file_is(all_notices):
    all_notices.turn("action_fallback", "26-1399")
    reply = all_notices.turn("action_answer_field", "le numéro de M. Baldacci svp", intent="ask_field")
    assert "20 32 98" in reply and "La référence" not in reply, reply
    reply = all_notices.turn("action_answer_field", "et le numéro de la fiche de poste ?", intent="ask_field")
    assert "n'indique pas de référence" in reply and "26-1399" in reply and "20 32 98" not in reply, reply


def test_which_papers_in_the_feminine_plural_is_how_to_apply():
    from offers_index.questions import questions_in
    assert [a.kind for a in questions_in("quelles pièces faut-il envoyer ?")] == ["how_to_apply"]
