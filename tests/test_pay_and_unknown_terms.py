"""Pay questions answered from the notice (its « Informations salaire » link) or, when it says
nothing, with the sourced general rule and no figure of its own; terms the knowledge base does not
cover said so and kept for HR without personal data. Real action code over real notices."""
import re
import sqlite3

import pytest

from offers_index.unanswered import report


FIGURE = re.compile(r"\d{3}\s?\d{3}\s?(?:F|XPF|CFP|francs)")


@pytest.fixture
def catalogue(shared_notices):
    return shared_notices


@pytest.mark.parametrize("reference, link", [
    ("26-63338", "https://drhfpnc.gouv.nc/sites/default/files/atoms/files/cag.pdf"),  # its own section
    ("26-62913", "https://drhfpnc.gouv.nc/sites/default/files/atoms/files/sante_0.pdf"),  # a markdown link
    ("26-65836", "https://drhfpnc.gouv.nc/sites/default/files/atoms/files/filiere_enseignement.pdf"),  # inside « Contact »
])
def test_the_notice_salary_link(catalogue, reference, link):
    catalogue.turn("action_fallback", reference)
    reply = catalogue.turn("action_answer_detail", "c combien le salaire ?", "ask_detail")
    assert reference in reply and link + "\n" in reply and not FIGURE.search(reply)


def test_a_notice_without_pay_gets_the_rule_and_no_figure(catalogue):
    catalogue.turn("action_fallback", "3134-26-0778")
    reply = catalogue.turn("action_answer_detail", "ça paye combien ce poste ?", "ask_detail")
    assert reply.startswith("L'offre « Acheteur - CENTAL » (réf. 3134-26-0778")
    assert "ne précise pas la rémunération" in reply and "traitement indiciaire" in reply
    assert "Source" in reply and "https://drhfpnc.gouv.nc/agents-de-la-nc/remuneration" in reply


def test_a_contractual_notice_gets_the_contractual_rule(catalogue):
    catalogue.turn("action_fallback", "26-62113")
    reply = catalogue.turn("action_answer_field", "what is the salary?", "ask_field")
    assert "26-62113" in reply and "ne précise pas la rémunération" in reply and "contractuel" in reply


def test_pay_follows_another_question_in_the_same_message(catalogue):
    reply = catalogue.turn("action_answer_field", "pour l'inspecteur du travail, la date limite et le salaire ?", "ask_field")
    deadline, pay = reply.index("12 juin 2026"), reply.index("cag.pdf")
    assert deadline < pay and reply.count("26-63338") >= 2


def test_an_unknown_term_is_said_and_kept_without_personal_data(catalogue):
    reply = catalogue.turn("action_fallback", "Bonjour, j'habite à Dumbéa depuis 2017, mon mail est marie.k@mail.nc. "
                                              "C'est quoi le congé bonifié ?")
    assert reply.startswith("Ma base de connaissances ne couvre pas « congé bonifié »")
    assert "https://drhfpnc.gouv.nc" in reply
    assert report() == [("congé bonifié", 1, report()[0][2])]
    rows = sqlite3.connect(catalogue_db(catalogue)).execute("SELECT term, question FROM unanswered").fetchall()
    assert rows == [("congé bonifié", "C'est quoi le congé bonifié ?")]


def catalogue_db(_conversation):
    from offers_index.config import unanswered_db
    return unanswered_db()


@pytest.mark.parametrize("text", ["c'est quoi la date limite du 26-63338 ?", "c'est quoi ce poste ?",
                                  "c'est quoi les offres à Koné ?", "c'est quoi un détachement ?"])
def test_what_is_not_an_unknown_term(catalogue, text):
    reply = catalogue.turn("action_fallback", text)
    assert "ne couvre pas" not in reply
    assert report() == []


def test_the_hr_report_lists_unknown_terms(catalogue, capsys):
    from offers_index.__main__ import main
    assert main(["sans-reponse"]) == 0 and "Aucune question sans réponse" in capsys.readouterr().out
    catalogue.turn("action_fallback", "c'est quoi le FIPHFP ?")
    catalogue.turn("action_fallback", "FIPHFP ça veut dire quoi")
    assert main(["sans-reponse"]) == 0
    assert "« fiphfp » : 2 fois" in capsys.readouterr().out


@pytest.mark.parametrize("text, term, kept", [
    ("c'est quoi le FIPHFP ?", "FIPHFP", "c'est quoi le FIPHFP ?"),
    ("la fiche de renseignement c quoi exactement", "fiche de renseignement", "la fiche de renseignement c quoi"),
    ("H/F ça veut dire quoi dans les annonces", "H/F", "H/F ça veut dire quoi"),
    ("Mon tél 77 12 34 56, mail a.b@mail.nc : qu'est-ce que la NBI 2025 ?", "NBI 2025", "qu'est-ce que la NBI ?"),
])
def test_the_term_and_what_is_kept_of_the_question(text, term, kept):
    from offers_index.unanswered import asked_term, scrubbed
    assert asked_term(text) == term and scrubbed(text) == kept


def test_a_term_built_on_a_word_of_pay_is_a_term_not_the_offers_pay(all_notices):
    all_notices.turn("action_inform_offer", "chef de service")
    reply = all_notices.turn("action_fallback", "c quoi l'indemnite d'eloignement ?")
    assert "ne couvre pas « indemnite d'eloignement »" in reply and "drhfpnc.gouv.nc" in reply, reply
    reply = all_notices.turn("action_fallback", "c'est quoi le salaire du poste ?")
    assert "25-58915" in reply and "ne précise pas la rémunération" in reply, reply


@pytest.mark.parametrize("text, term", [
    ("le compte personnel de formation ça marche comment pour un agent public ?", "compte personnel de formation"),
    ("le RIFSEEP ça marche comment pour les fonctionnaires ?", "RIFSEEP"),
    ("c'est quoi le temps partiel dans la fonction publique ?", "temps partiel"),  # no « emploi fonctionnel »
])
def test_a_general_rule_the_knowledge_base_does_not_cover_is_said_so(catalogue, text, term):
    """Words of a general question (« formation », an acronym after « le ») that also name a field
    or sit in a title do not turn it into a question about an offer or another entry."""
    reply = catalogue.turn("action_fallback", text)
    assert f"ne couvre pas « {term} »" in reply and "drhfpnc.gouv.nc" in reply and "vérifiée le" not in reply, reply
