"""Each action with real rasa_sdk Tracker and CollectingDispatcher objects over real index files."""
import asyncio
import shutil

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.index

from .actions_harness import ACTIONS, Conversation, entity, use_offers
from .conftest import CHEF_DE_SERVICE, OPT_NC_DIR, ROOT, SEEDS_DIR


@pytest.fixture
def seeds(tmp_path, monkeypatch):
    monkeypatch.setenv("BOT_TODAY", "2025-08-05")
    use_offers(SEEDS_DIR, tmp_path, monkeypatch)
    return Conversation()


@pytest.fixture
def everything(tmp_path, monkeypatch):
    folder = tmp_path / "offers"
    folder.mkdir()
    for source in list(SEEDS_DIR.iterdir()) + list(OPT_NC_DIR.iterdir()):
        shutil.copy(source, folder / source.name)
    monkeypatch.setenv("BOT_TODAY", "2026-05-20")
    use_offers(folder, tmp_path, monkeypatch)
    return Conversation()


def test_field_then_follow_ups_and_switching_offer(seeds):
    reply = seeds.turn("action_answer_field", "date limite pour le chef de service ?", "ask_field",
                       [entity("field", "deadline"), entity("offer", "chef de service")])
    assert reply == ("La date limite de candidature pour « Chef de service » (réf. 25-58915) est le "
                     "vendredi 8 août 2025 (encore 3 jours).")
    assert seeds.slots["current_offer"] == "chef-de-service-25-58915"
    assert "25-58915/MPRH du 18 juillet 2025" in seeds.turn("action_answer_field", "et sa référence ?", "ask_field",
                                                             [entity("field", "reference")])
    reply = seeds.turn("action_inform_offer", "et pour le chargé de mission ?", "inform_offer",
                       [entity("offer", "chargé de mission")])
    assert "25-57038/MPRH du 04 avril 2025" in reply  # the previous question, about the other offer
    assert "est basé à Nouméa" in seeds.turn("action_answer_field", "où est-ce ?", "ask_field", [])


@pytest.mark.parametrize("field, expected", [
    ("published_on", "a été déposée le vendredi 18 juillet 2025"),
    ("service", "Service de la coopération régionale et des relations extérieures (SCRRE)"),
    ("corps", "corps ou cadre d'emploi : attaché"),
    ("employer", "L'employeur pour « Chef de service » (réf. 25-58915) est : Gouvernement de la Nouvelle-Calédonie."),
    ("start", "est à pourvoir : immédiatement"),
    ("residence", "n'indique aucune durée de résidence exigée"),
    ("respnc_job", "L'emploi RESPNC du poste « Chef de service » (réf. 25-58915) est : Responsable administratif."),
    ("missions", "Il dirige une équipe de 16 personnes"),
    ("details", "a été créé en 2011"),
])
def test_every_field(seeds, field, expected):
    reply = seeds.turn("action_answer_field", "chef de service ?", "ask_field", [entity("field", field)])
    assert expected in reply


def test_field_keywords_without_entity(seeds):
    seeds.slots["current_offer"] = "chef-de-service-25-58915"
    assert "vendredi 8 août 2025" in seeds.turn("action_answer_field", "c quand la cloture", "ask_field", [])
    assert "déposée le" in seeds.turn("action_answer_field", "publiée quand ?", "ask_field", [])


def test_question_without_offer_asks_which_then_completes(seeds):
    reply = seeds.turn("action_answer_field", "c'est quoi la date limite ?", "ask_field", [entity("field", "deadline")])
    assert reply.startswith("Pour quelle offre (la date limite) ?")
    assert [b["payload"] for b in seeds.buttons] == ['/choose{"ordinal": "1"}', '/choose{"ordinal": "2"}']
    reply = seeds.turn("action_choose", "le 2", "choose", [entity("ordinal", "2")])
    assert "La date limite de candidature pour « Chef de service »" in reply
    assert seeds.slots["pending_question"] is None


@pytest.mark.parametrize("text, entities, title", [
    ("la deuxième", [entity("ordinal", "2")], "Chef de service"),
    ("le dernier", [entity("ordinal", "last")], "Chef de service"),
    ("la première", [], "Chargé(e) de mission"),
    ("celle du chef", [], "Chef de service"),
])
def test_picking_from_a_list(seeds, text, entities, title):
    seeds.turn("action_answer_detail", "combien de personnes dans l'équipe ?", "ask_detail", [])
    reply = seeds.turn("action_choose", text, "choose", entities)
    assert title in reply and "D'après l'offre" in reply or "ne précise pas" in reply


def test_bad_ordinal(seeds):
    seeds.turn("action_list_offers", "toutes les offres", "list_offers", [])
    assert seeds.turn("action_choose", "le 5", "choose", [entity("ordinal", "5")]) == \
        "Je n'ai pas ce numéro dans la liste : choisissez entre 1 et 2."


def test_search_combinations_and_no_match(seeds):
    reply = seeds.turn("action_search_offers", "quels postes d'attaché à Nouméa ?", "search_offers",
                       [entity("corps", "attaché"), entity("location", "Nouméa")])
    assert reply.startswith("J'ai trouvé 2 offres d'attaché à Nouméa :\n1. Chef de service")
    assert len(seeds.buttons) == 2
    assert seeds.turn("action_search_offers", "des postes à Koné ?", "search_offers", [entity("location", "Koné")]) == \
        "Je n'ai trouvé aucune offre à Koné. En revanche, il y a des offres à Nouméa."
    reply = seeds.turn("action_search_offers", "des postes de rédacteur ?", "search_offers", [entity("corps", "rédacteur")])
    assert reply == "Je n'ai trouvé aucune offre de rédacteur. En revanche, il y a des offres pour les corps : attaché."
    reply = seeds.turn("action_search_offers", "offres au SCRRE", "search_offers", [])  # words only, no entity
    assert "J'ai trouvé 2 offres au service SCRRE" in reply
    reply = seeds.turn("action_search_offers", "poste de responsable administratif", "search_offers",
                       [entity("respnc_job", "responsable administratif")])
    assert "2 offres d'emploi RESPNC « responsable administratif »" in reply


def test_open_offers_and_none_open(seeds, monkeypatch):
    reply = seeds.turn("action_search_offers", "les offres encore ouvertes", "search_offers", [entity("status", "open")])
    assert reply.startswith("J'ai trouvé une offre encore ouverte :\n1. Chef de service")
    assert seeds.slots["current_offer"] == "chef-de-service-25-58915"
    monkeypatch.setenv("BOT_TODAY", "2025-09-01")
    reply = seeds.turn("action_search_offers", "des offres en ce moment ?", "search_offers", [])
    assert reply.startswith("Aucune offre n'est ouverte aujourd'hui (1er septembre 2025). Les plus récemment clôturées :")
    assert "1. Chef de service" in reply and "2. Chargé(e) de mission" in reply


def test_still_open_in_noumea_days(seeds, monkeypatch):
    seeds.slots["current_offer"] = "chef-de-service-25-58915"
    assert "sont ouvertes jusqu'au vendredi 8 août 2025 (encore 3 jours)" in \
        seeds.turn("action_still_open", "encore ouvert ?", "ask_still_open", [])
    monkeypatch.setenv("BOT_TODAY", "2025-08-08")
    assert "(dernier jour)" in seeds.turn("action_still_open", "encore ouvert ?", "ask_still_open", [])
    monkeypatch.setenv("BOT_TODAY", "2025-08-09")
    assert "Non : l'offre « Chef de service » (réf. 25-58915) est clôturée depuis le vendredi 8 août 2025." == \
        seeds.turn("action_still_open", "encore ouvert ?", "ask_still_open", [])


def test_list_and_count(seeds):
    assert seeds.turn("action_count_offers", "combien d'offres ?", "count_offers", []) == \
        "Il y a 2 offres au total, dont 1 encore ouverte aujourd'hui (5 août 2025)."
    reply = seeds.turn("action_list_offers", "toutes les offres", "list_offers", [])
    assert reply.startswith("J'ai trouvé 2 offres :")
    assert seeds.slots["listed_offers"] == ["chef-de-service-25-58915",
                                            "charge-e-de-mission-pour-les-relations-multilaterales-25-57038"]


def test_how_to_apply_never_invents_a_contact(seeds):
    reply = seeds.turn("action_how_to_apply", "comment postuler au chef de service ?", "how_to_apply", [])
    assert "ne précise pas les modalités de candidature" in reply and "25-58915/MPRH du 18 juillet 2025" in reply
    assert "@" not in reply and "rue" not in reply


def test_how_to_apply_quotes_the_offer(everything):
    reply = everything.turn("action_how_to_apply", "comment postuler pour l'acheteur ?", "how_to_apply", [])
    assert reply.startswith("Pour postuler à « Acheteur - CENTAL » en rappelant sa référence (3134-26-0778/SR du 22 mai 2026)")
    assert "Mail : DRH-candidature@opt.nc" in reply
    assert "à télécharger (https://drhfpnc.gouv.nc/sites/default/files/atoms/files/notice_explicative_emploi_local.pdf)" in reply


@pytest.mark.parametrize("question, expected", [
    ("combien de personnes dans l'équipe ?", "une équipe de 16 personnes"),
    ("à qui est rattaché le poste ?", "sous l'autorité directe du Secrétaire Général"),
    ("le SCRRE existe depuis quand ?", "créé en 2011"),
])
def test_details_from_the_text(seeds, question, expected):
    seeds.slots["current_offer"] = "chef-de-service-25-58915"
    reply = seeds.turn("action_answer_detail", question, "ask_detail", [])
    assert reply.startswith("D'après l'offre « Chef de service » (réf. 25-58915) :") and expected in reply


def test_partners_in_the_other_offer(seeds):
    reply = seeds.turn("action_answer_detail", "c'est quoi la CPS pour le chargé de mission ?", "ask_detail", [])
    assert "la Communauté de Pacifique (CPS)" in reply


@pytest.mark.parametrize("question, topic", [("quel diplôme faut-il ?", "le diplôme exigé"),
                                             ("télétravail possible ?", "le télétravail"),
                                             ("qui contacter ?", "un contact")])
def test_facts_the_offer_does_not_state(seeds, question, topic):
    seeds.slots["current_offer"] = "chef-de-service-25-58915"
    reply = seeds.turn("action_answer_detail", question, "ask_detail", [])
    assert reply.startswith(f"L'offre « Chef de service » (réf. 25-58915) ne précise pas {topic}.")
    assert "Elle indique notamment : le corps (attaché), le lieu (Nouméa)" in reply


def test_comparisons(seeds):
    seeds.turn("action_list_offers", "toutes les offres", "list_offers", [])
    assert "Une seule offre est encore ouverte : « Chef de service »" in \
        seeds.turn("action_closing_first", "laquelle ferme en premier ?", "ask_closing_first", [])
    assert "la plus récente est « Chef de service » (réf. 25-58915), déposée le vendredi 18 juillet 2025" in \
        seeds.turn("action_most_recent", "la plus récente ?", "ask_most_recent", [])
    reply = seeds.turn("action_all_deadlines", "les dates limites de toutes ces offres", "ask_all_deadlines", [])
    assert "vendredi 8 août 2025" in reply and "vendredi 25 avril 2025" in reply
    reply = seeds.turn("action_similar_offers", "d'autres offres du même corps ?", "ask_similar", [])
    assert reply.startswith("Autres offres du corps « attaché » :\n1. Chargé(e) de mission")


def test_reference_number_alone(seeds):
    assert seeds.turn("action_inform_offer", "25-58915", "inform_offer", [entity("reference_number", "25-58915")]) \
        .startswith("« Chef de service » — réf. 25-58915")
    assert seeds.turn("action_fallback", "n° 57038", "nlu_fallback", []).startswith("« Chargé(e) de mission")


def test_fallback_is_never_silent(seeds):
    assert seeds.turn("action_fallback", "blorp zzz", "nlu_fallback", []).startswith("Désolé, je n'ai pas compris.")
    assert "J'ai trouvé 2 offres" in seeds.turn("action_fallback", "noumea", "nlu_fallback", [])


def test_unknown_offer_lists_what_exists(seeds):
    reply = seeds.turn("action_inform_offer", "le poste de plombier", "inform_offer", [entity("offer", "plombier")])
    assert reply.startswith("Je ne trouve pas d'offre qui corresponde à « le poste de plombier ».")
    assert len(seeds.buttons) == 2


def test_opt_nc_notices_search_and_warnings(everything):
    reply = everything.turn("action_search_offers", "des postes en province nord ?", "search_offers",
                            [entity("location", "province Nord")])
    assert reply.startswith("J'ai trouvé 3 offres en province Nord :")
    reply = everything.turn("action_answer_field", "date limite du chargé de relation client et vente", "ask_field",
                            [entity("field", "deadline")])
    assert "« Chargé(e) de relation client et vente - section relation clientèle » (réf. 3134-26-0686)" in reply
    assert "mardi 29 mai 2029" in reply and "Attention : cette date semble erronée" in reply
    assert "Vérifiez-la auprès de l'employeur" in reply and "jours" not in reply
    reply = everything.turn("action_answer_field", "date limite pour le chef de service ?", "ask_field",
                            [entity("field", "deadline")])
    assert "« Chef de service » (réf. 25-58915)" in reply


def test_an_offer_added_while_running_is_answered(tmp_path, monkeypatch):
    folder = tmp_path / "offers"
    shutil.copytree(SEEDS_DIR, folder)
    monkeypatch.setenv("BOT_TODAY", "2025-08-05")
    use_offers(folder, tmp_path, monkeypatch)
    conversation = Conversation()
    text = CHEF_DE_SERVICE.read_text(encoding="utf-8").replace("# Chef de service", "# Juriste en droit maritime") \
        .replace("25-58915", "25-61234").replace("Vendredi 8 août 2025", "Vendredi 22 août 2025")
    (folder / "juriste.txt").write_text(text, encoding="utf-8")
    reply = conversation.turn("action_answer_field", "date limite pour le juriste ?", "ask_field", [])
    assert reply == "La date limite de candidature pour « Juriste en droit maritime » (réf. 25-61234) est le " \
                    "vendredi 22 août 2025 (encore 17 jours)."


def test_an_action_error_becomes_an_apology(seeds, monkeypatch):
    def broken():
        raise RuntimeError("index cassé")
    monkeypatch.setattr(actions.index, "current_index", broken)
    monkeypatch.setattr("actions.base.current_index", broken)
    assert seeds.turn("action_list_offers", "les offres", "list_offers", []).startswith("Désolé, un problème technique")


@pytest.mark.parametrize("message", ["bonjour", "date limite du chef de service ?"])
def test_every_custom_action_of_the_domain_ends_the_turn(seeds, message):
    """FollowupAction(action_listen) last, whatever the action did (actions/base.py says why)."""
    assert sorted(yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["actions"]) == sorted(ACTIONS)
    tracker = Tracker("x", {}, {"text": message, "intent": {"name": "greet"}, "entities": []}, [], False, None, {},
                      "action_listen")
    for name, action in ACTIONS.items():
        dispatcher = CollectingDispatcher()
        events = asyncio.run(action().run(dispatcher, tracker, {}))
        assert events[-1] == {"event": "followup", "timestamp": None, "name": "action_listen"}, name
        assert dispatcher.messages, name


@pytest.fixture
def catalogue(tmp_path, monkeypatch):
    """All 68 shared real notices, on 20 April 2026 (26-0540 open, its two deadlines in the future)."""
    folder = tmp_path / "offers"
    folder.mkdir()
    for source in [*SEEDS_DIR.iterdir(), *OPT_NC_DIR.iterdir(), *sorted((OPT_NC_DIR.parent / "offers-drhfpnc").glob("*.md"))]:
        shutil.copy(source, folder / source.name)
    monkeypatch.setenv("BOT_TODAY", "2026-04-20")
    use_offers(folder, tmp_path, monkeypatch)
    return Conversation()


def test_a_doubtful_deadline_is_hedged_in_every_answer_that_uses_it(catalogue):
    """26-0540 gives two deadlines (1er mai in its label, 15 mai in its text): never a day count."""
    reply = catalogue.turn("action_answer_field", "date limite pour l'aide maternelle et surveillant de cantine ?",
                           "ask_field", [entity("field", "deadline")])
    assert "« Aide maternelle et surveillant(e) de cantine » (réf. 3134-26-0540)" in reply
    assert "vendredi 1er mai 2026" in reply and "vendredi 15 mai 2026" in reply
    assert "semble erronée" in reply and "Vérifiez-la auprès de l'employeur (Commune de Pouembout)" in reply
    assert "jours" not in reply and "encore" not in reply
    reply = catalogue.turn("action_still_open", "et c'est encore ouvert ?", "ask_still_open", [])
    assert reply.startswith("Je ne peux pas l'affirmer.") and "3134-26-0540" in reply and "jours" not in reply
    reply = catalogue.turn("action_search_offers", "des postes à Pouembout ?", "search_offers",
                           [entity("location", "Pouembout")])
    line = next(text for text in reply.splitlines() if "3134-26-0540" in text)
    assert "à vérifier" in line and "encore" not in line


def test_a_postponed_deadline_and_a_reposted_job_are_said(catalogue):
    reply = catalogue.turn("action_answer_field", "date limite pour les 3 infirmiers en soins généraux ?", "ask_field",
                           [entity("field", "deadline")])
    assert "(réf. 3134-26-0218)" in reply and "vendredi 22 mai 2026" in reply
    assert "initialement prévue le vendredi 27 février 2026, a été reportée" in reply
    reply = catalogue.turn("action_answer_field", "la référence de l'offre 25-57038 ?", "ask_field",
                           [entity("field", "reference")])
    assert "25-57038/MPRH du 04 avril 2025" in reply
    assert "Ce poste a été republié le vendredi 28 août 2026 sous la réf. 26-65312/MPRH du 28 août 2026." in reply


def test_a_follow_up_stays_on_the_offer_under_discussion(catalogue):
    """A word that is also in another title (« contact », « permis ») never switches offers."""
    catalogue.turn("action_answer_field", "date limite pour le géologue ressources minérales ?", "ask_field",
                   [entity("field", "deadline")])
    assert catalogue.slots["current_offer"].endswith("26-64414")
    reply = catalogue.turn("action_answer_detail", "et qui faut-il contacter pour en savoir plus ?", "ask_detail", [])
    assert "26-64414" in reply and "3134-26-0437" not in reply
    reply = catalogue.turn("action_answer_detail", "faut-il avoir le permis de conduire ?", "ask_detail", [])
    assert "26-64414" in reply and "26-62685" not in reply
    reply = catalogue.turn("action_fallback", "where is the job located?", "nlu_fallback", [])
    assert reply.startswith("Le poste « Géologue ressources minérales et énergétiques » (réf. 26-64414) est basé à Nouméa")
    reply = catalogue.turn("action_answer_field", "et pour la sage-femme, la date limite ?", "ask_field",
                           [entity("field", "deadline")])
    assert "(réf. 3134-26-1433)" in reply and "vendredi 16 octobre 2026" in reply


def test_several_questions_and_a_correction_in_one_message(catalogue):
    reply = catalogue.turn("action_answer_field", "pour l'enquêteur épidémiologiste : la réf, le lieu et la date limite svp",
                           "ask_field", [entity("field", "reference")])
    lines = reply.splitlines()
    assert "26-61974/MPRH du 25 septembre 2026" in lines[0] and "est basé à Nouméa" in lines[1] \
        and "vendredi 16 octobre 2026" in lines[2]
    reply = catalogue.turn("action_answer_field", "sa date de publication, euh non pardon, son lieu", "ask_field",
                           [entity("field", "published_on")])
    assert "(réf. 26-61974) est basé à Nouméa" in reply and "déposée" not in reply


def test_what_candidates_say_about_themselves_finds_offers_by_their_text(catalogue):
    reply = catalogue.turn("action_search_offers", "je suis sage femme diplomée, il y a quelque chose ?", "search_offers", [])
    assert "Sage-femme (réf. 3134-26-1433" in reply.splitlines()[1]
    reply = catalogue.turn("action_search_offers", "des offres qui parlent de fourrière ?", "search_offers", [])
    assert "3 Gardes champêtres (réf. 3134-26-1456" in reply
    reply = catalogue.turn("action_search_offers", "je cherche un emploi de charpentier", "search_offers", [])
    assert reply.startswith("Je n'ai trouvé aucune offre pour « charpentier »")


def test_what_the_bot_cannot_do_and_unknown_references(catalogue):
    reply = catalogue.turn("action_search_offers", "pouvez-vous m'alerter dès qu'un poste de rédacteur sort ?",
                           "search_offers", [entity("corps", "rédacteur")])
    assert reply.startswith("Je ne peux pas encore vous prévenir des nouvelles offres")
    reply = catalogue.turn("action_inform_offer", "26-99999", "inform_offer", [entity("reference_number", "26-99999")])
    assert reply.startswith("Aucune offre n'a la référence 26-99999")


def test_a_reposted_job_and_a_pick_by_place_in_the_list(catalogue):
    catalogue.turn("action_answer_field", "date limite pour le chargé de mission relations multilatérales 26-65312",
                   "ask_field", [entity("field", "deadline")])
    reply = catalogue.turn("action_answer_field", "et la référence de l'ancienne annonce ?", "ask_field",
                           [entity("field", "reference")])
    assert "25-57038/MPRH du 04 avril 2025" in reply
    catalogue.turn("action_search_offers", "les postes de la DITTT ?", "search_offers", [entity("service", "DITTT")])
    reply = catalogue.turn("action_answer_field", "celui de Koné, il ferme quand ?", "ask_field", [entity("field", "deadline")])
    assert "(réf. 26-62781)" in reply and "3134-26-1462" not in reply
