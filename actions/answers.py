"""Answers about one offer, shared by the actions that ask and those that complete a question."""
from __future__ import annotations

import re

from rasa_sdk.events import SlotSet

from offers_index import Offer, lexicon
from offers_index.eligibility import stated
from offers_index.fields import ALWAYS_A_VALUE, GLOSSARY_TERMS, PAY_RULE
from offers_index.normalize import fold
from offers_index.passages import best_passages, is_a_topic, sentences, speaks_of, topic_of
from offers_index.questions import Asked, about, clauses, normalised, outside_title, questions_in, words_outside_title
from offers_index.unanswered import asked_term, record, scrubbed

from . import templates
from .base import Turn
from .context import (Resolution, focus, named_hits, named_in_each_part, names_outright, offer_choice, offers_by_ids, pending,
                      read_pending, resolve, text_of, titled_at)
from .index import knowledge

_APPLY_SECTIONS = ("repondre", "candidature", "postuler")


def what_it_says(offer: Offer, turn: Turn) -> list[str]:
    said = []
    if offer.corps:
        said.append(f"le corps ({offer.corps})")
    if offer.location:
        said.append(f"le lieu ({offer.location})")
    said.append(f"la date limite ({templates.status(offer, turn.today)})")
    if offer.missions:
        said.append("les missions")
    return said


def apply_passage(offer: Offer) -> str | None:
    """The notice's section on how to apply, else its sentences that say where to send the file."""
    for section, text in offer.sections.items():
        if any(word in fold(section) for word in _APPLY_SECTIONS):
            return text
    lines = [line for _, line in sentences(offer) if re.search(lexicon.APPLY_SENTENCE, fold(line))]
    return "\n".join(dict.fromkeys(lines)) or None


def pay_passage(offer: Offer) -> str | None:
    """What the notice says of pay: the link of its « Informations salaire » (a section, or a label
    inside another one), that section's text, or a sentence on the remuneration (« L'agent recruté
    est rémunéré par… »); None when it says nothing."""
    for section, text in offer.sections.items():
        titled = any(word in fold(section) for word in lexicon.PAY_SECTIONS)
        label = re.search(lexicon.PAY_LABEL, text, re.IGNORECASE)
        if not titled and not label:
            continue
        after = text[label.end():] if label and not titled else text
        links = re.findall(lexicon.URL, after[:600])
        if links:
            return next((link for link in links if link.lower().endswith(".pdf")), links[0])
        if titled and text.strip():
            return text.strip()
    return next((sentence for _, sentence in sentences(offer) if re.search(lexicon.PAY_IN_NOTICE, fold(sentence))), None)


def pay_answer(offer: Offer) -> str:
    passage = pay_passage(offer)
    if passage and re.fullmatch(lexicon.URL, passage):
        return templates.pay_link(offer, passage)
    if passage:
        return templates.pay_sentence(offer, passage)
    contract = "contractuel" if re.search(lexicon.CONTRACTUAL, fold(" ".join(offer.contract))) else None
    return templates.pay_not_stated(offer, knowledge().get(PAY_RULE[contract]))


def answer(turn: Turn, offer: Offer, question: dict, whole: bool = True) -> list[dict]:
    """Say the answer to `question` ({"kind": ..., ...}) about `offer`; events focus on it. With
    `whole` (the question is the whole message's), a message of several questions gets each
    answered (answer_each_clause); its parts are answered with `whole` False."""
    kind = question.get("kind")
    if kind in ("field", "still_open", "how_to_apply", "pay", "detail") and whole:
        each = answer_each_clause(turn, offer)
        if each is not None:
            return each
    if kind == "field":
        turn.say(templates.field_answer(question.get("field") or "details", offer, turn.today))
    elif kind == "still_open":
        turn.say(templates.still_open(offer, turn.today))
    elif kind == "how_to_apply":
        turn.say(templates.how_to_apply(offer, apply_passage(offer)))
    elif kind == "pay":
        turn.say(pay_answer(offer))
    elif kind == "detail":
        fields = [asked for asked in questions_in(question.get("text", "")) if asked.kind in ("field", "pay")]
        if fields and (not topic_of(question.get("text", "")) or any(a.kind == "pay" for a in fields)):
            return answer_all(turn, offer, fields, whole=False)  # clauses were tried above; « il faut combien d'années de résidence ? », « le salaire ? »
        turn.say(detail_answer(turn, offer, question.get("text", "")))
    elif kind == "similar":
        return similar_answer(turn, offer)
    elif kind == "eligibility":
        said = question.get("said", "")  # judged about residence when asked (« oups, depuis 2020 »)
        turn.say(templates.eligibility(offer, stated(said, turn.today) or stated(said, turn.today, about_residence=True)))
    else:
        turn.say(templates.summary(offer, turn.today))
    return focus(offer)


def email_lines(offer: Offer) -> list[str]:
    """The notice's lines that give an e-mail address, those of how to apply first."""
    texts = [apply_passage(offer) or "", *offer.sections.values()]
    lines = [line for text in texts for line in text.splitlines() if re.search(lexicon.EMAIL, line)]
    return list(dict.fromkeys(lines))[:3]


def detail_answer(turn: Turn, offer: Offer, text: str) -> str:
    emails = email_lines(offer) if re.search(lexicon.ASKS_EMAIL, normalised(text)) else []
    if emails:  # « par mail c'est quelle adresse ? »
        return templates.emails(offer, emails)
    topic = topic_of(text)
    if topic and topic.name == "contract" and offer.contract:  # what the index read of the contract, as stated
        return templates.contract(offer)
    if topic and not speaks_of(offer, topic):
        return templates.not_stated(offer, topic.label, what_it_says(offer, turn))
    passages = best_passages(offer, text, topic=topic)
    if passages:
        return templates.detail_passages(offer, [p.text for p in passages])
    return templates.nothing_found_in_offer(offer)


def answer_each_clause(turn: Turn, offer: Offer) -> list[dict] | None:
    """A message of several questions where one asks something of the notice's text (« est-elle
    encore ouverte, et qui je peux contacter ? », « quel corps ? et quel diplôme ? »): each answered
    in order about `offer`. None when no part asks a topic beside another question."""
    parts = []
    for part in clauses(text_of(turn.tracker)):
        asked = outside_title(questions_in(part), offer.title)
        topic = topic_of(words_outside_title(part, offer.title))
        if topic:  # « qui appeler pour en savoir plus » is the contact, so is « des renseignements sur les missions, qui… »
            asked = [a for a in asked if a.field != "details"
                     and not (topic.name == "contact" and re.search(lexicon.ABOUT_SUBJECT, normalised(part)))]
        if re.search(lexicon.ASKS_EMAIL, normalised(part)) or (not asked and topic):
            parts.append({"kind": "detail", "text": part})
        parts += [a.as_question() for a in asked]
    if len(parts) < 2 or not any(p["kind"] == "detail" for p in parts):
        return None
    for question in parts:
        events = answer(turn, offer, question, whole=False)
    return events


def answer_all(turn: Turn, offer: Offer, asked: list[Asked], whole: bool = True) -> list[dict]:
    """Answer each question of a message about `offer`, in the order asked (`whole`: `asked` is
    what the whole message asks, so a part asking a topic of the text is answered too)."""
    each = answer_each_clause(turn, offer) if whole else None
    if each is not None:
        return each
    events: list[dict] = []
    for question in about(asked, offer.title):
        events = answer(turn, offer, question.as_question(), whole=False)
    return events


def follow_up(turn: Turn) -> list[dict] | None:
    """A question about the offer under discussion, one of those waiting for a choice or one the message
    points to in the list shown, that the NLU took for something else (« where is it exactly? », « c koi
    la dl »): answered about that offer, unless the message names another offer or search criteria.
    None when it is not such a question."""
    current = turn.index.get(turn.tracker.get_slot("current_offer") or "")
    waiting = offers_by_ids(turn.index, turn.tracker.get_slot("pending_choices"))
    text = text_of(turn.tracker)
    asked = questions_in(text)
    folded = fold(text)
    listed = offers_by_ids(turn.index, turn.tracker.get_slot("listed_offers")) \
        if re.search(lexicon.LIST_REFERENCE, folded) else []  # « and for the Canala one, the email ? »
    if (current is None and not waiting and not listed) or not (asked or topic_of(text)) \
            or re.search(lexicon.COMPARISON, folded) or re.search(lexicon.SEVERAL_OFFERS, folded) \
            or re.search(lexicon.DESCRIBES_A_JOB, folded):
        return None
    offer = resolve(turn.tracker, turn.index).offer
    if offer is None or offer != current and offer not in waiting and offer not in listed:
        return None  # « et le contact pour la nouvelle offre ? »
    if not asked:  # « ki contacter pr + d info »: a topic of the notice's text
        return answer(turn, offer, {"kind": "detail", "text": text})
    return answer_all(turn, offer, asked)


def cannot_do(turn: Turn) -> list[dict] | None:
    """An alert, sending a CV, talking to a person: said plainly, with what the notice under
    discussion gives to apply; None when the message asks none of these."""
    folded = fold(text_of(turn.tracker))
    kind = next((kind for kind, pattern in lexicon.CANNOT_DO.items() if re.search(pattern, folded)), None)
    if kind is None:
        return None
    current = turn.index.get(turn.tracker.get_slot("current_offer") or "")
    offer = resolve(turn.tracker, turn.index).offer
    named = names_outright(turn.tracker, named_hits(turn.tracker, turn.index)) or \
        bool(offer) and [o.id for o in titled_at(text_of(turn.tracker), turn.index)] == [offer.id]  # « the vet job in Lifou »
    if current and offer and offer.id != current.id and not named:
        offer = None  # a word another notice also has (« quelqu'un de la mairie ») names neither offer for sure
    turn.say(templates.cannot_do(kind, offer, apply_passage(offer) if offer else None))
    return focus(offer) if offer else []  # the offer spoken of is the one under discussion


def unknown_reference(turn: Turn) -> list[dict] | None:
    """A reference no offer has (« 25-11111 »): said so, never another offer; None otherwise."""
    text = text_of(turn.tracker)
    numbers = re.findall(lexicon.REFERENCE_LIKE, text)
    if not numbers or any(turn.index.mentions(number).offers for number in numbers):
        return None
    turn.say(templates.unknown_reference(numbers[0]))
    return []


def glossary(turn: Turn) -> list[dict] | None:
    """« c'est quoi un détachement ? », « RESPNC ça veut dire quoi », « quels documents dans le
    dossier ? » with no offer in the conversation: the knowledge base's sourced answer. Never when
    the message names an offer or looks for offers; with an offer under discussion, only when no
    field is asked and the notice says nothing of it (« qui est le supérieur hiérarchique ? » is the
    notice's), or what is asked is the meaning of a term (« c'est quoi le RESPNC ? »); a date or a
    reference is always an offer's (« c'est quoi la date limite ? »). The offer under discussion
    stays so. A term it does not cover: unknown_term."""
    text = text_of(turn.tracker)
    folded = fold(text)
    defines = bool(re.search(lexicon.WHAT_IS, folded) or re.search(lexicon.ASKS_A_MEANING, folded))
    term = asked_term(text) if defines or re.search(lexicon.GENERAL_RULE, folded) else None
    generic = bool(term) and bool(re.search(lexicon.INDEFINITE + re.escape(fold(term)), folded))  # « un corps », not « le corps »
    entry = (knowledge().find(term, term=True) or knowledge().titled(term, most=generic)) if term else None
    if not (entry and (knowledge().is_topic(entry, term) or knowledge().on_head(entry, term))):
        # the term is an entry's topic or its head word, or read the whole message
        entry = knowledge().find(text, min_words=1 if defines else 2)  # one word only for a meaning: « laquelle ferme en premier ? »
        if entry and term and not re.search(lexicon.NOT_A_TERM, fold(term)) and not knowledge().shares_words(entry, term):
            entry = None  # found on the message's other words: « j'habite depuis 2017… c'est quoi le congé bonifié ? »
    says_topic = bool(entry) and (knowledge().names_topic(entry, text)  # « … adjoint administratif du CAG, le CAG kesako ? »
                                  or bool(term) and knowledge().on_head(entry, term))  # « c'est quoi un corps de … ? »
    clearly = bool(entry) and knowledge().clearly_about(entry, text) and not re.search(lexicon.THIS_OFFER, folded) \
        and not any(asked.kind == "field" for asked in questions_in(text)) \
        and not re.search(lexicon.ASKS_WHERE_TO_SEND, folded)  # a notice's label or its address asks the notice
    if turn.tracker.get_slot("current_offer") and ((is_a_topic(term) if term else topic_of(text))
                                                   or re.search(lexicon.ASKS_EMAIL, normalised(text))) \
            and not says_topic and not clearly \
            and not (entry and term and knowledge().is_topic(entry, term)):
        return None  # « c koi les horaires ? », « c koi le contact pr des renseignements ? »: the notice's
    hits = named_hits(turn.tracker, turn.index)
    general = bool(term) and re.search(lexicon.GENERAL_RULE, folded) and not names_outright(turn.tracker, hits)
    if hits and not general and not (term and not turn.index.mentions(term).offers) \
            and not (defines and says_topic):
        return None  # « c'est quoi le poste d'acheteur ? »; not « j'habite à Dumbéa… c'est quoi le congé bonifié ? »
    if entry is None:
        return unknown_term(turn, text, term, general=bool(general)) if term else None
    if not defines and re.search(lexicon.SEARCHES_OFFERS, folded):
        return None
    named = turn.index.mentions(text)
    if not defines and (named.services or named.employers or named.locations):  # « le SCRRE existe depuis quand ? »
        return None
    fields = {asked.field or asked.kind for asked in questions_in(text)}
    if fields & ALWAYS_A_VALUE and not re.search(lexicon.ASKS_A_MEANING, folded):
        return None
    if turn.tracker.get_slot("current_offer") and not defines and not says_topic and not clearly:
        offer = resolve(turn.tracker, turn.index).offer
        if offer and best_passages(offer, text, limit=1):  # « qui est le supérieur hiérarchique ? »
            return None
    if fields and turn.tracker.get_slot("current_offer") and re.search(lexicon.OF_THIS_OFFER, folded):
        return None  # « c quoi l'emploi RESPNC de ce poste ? » asks the offer's value
    if fields and turn.tracker.get_slot("current_offer") and not (
            re.search(lexicon.ASKS_A_MEANING, folded) or (defines and fields <= GLOSSARY_TERMS)
            or (term and knowledge().is_topic(entry, term)) or clearly):  # « c quoi le recrutement sur titre ? »
        return None
    turn.say(templates.knowledge(entry))
    return []


def pay_rule_question(turn: Turn) -> list[dict] | None:
    """« un contractuel en catégorie B, ça gagne combien ? » with no offer under discussion (or said
    to be general, « et en général… ») nor named: the sourced general rule of pay for that status
    (never a figure of one offer). None otherwise (« c'est payé combien ? » alone asks which offer)."""
    text = text_of(turn.tracker)
    folded = fold(text)
    if turn.tracker.get_slot("current_offer") and not re.search(lexicon.GENERAL_QUESTION, folded) \
            or not re.search(lexicon.EMPLOYMENT_STATUS, folded) \
            or not any(asked.kind == "pay" for asked in questions_in(text)) \
            or names_outright(turn.tracker, named_hits(turn.tracker, turn.index)):
        return None
    turn.say(templates.knowledge(knowledge().get(PAY_RULE["contractuel" if re.search(lexicon.CONTRACTUAL, folded) else None])))
    return []


def unknown_term(turn: Turn, text: str, term: str, general: bool = False) -> list[dict] | None:
    """A question of meaning the knowledge base does not cover (« c'est quoi le FIPHFP ? »), or on
    the public service's rules in general (`general`: « le cumul d'activités c autorisé pour un
    fonctionnaire ? »): said so, with where to ask, and kept for HR without personal data. None
    when the message asks something of the offers (a field, a search, a place, the offer under
    discussion); a general question's words may be a field's or a title's (« activités »)."""
    folded = fold(text)
    if re.search(lexicon.NOT_A_TERM, fold(term)) or (questions_in(text) and not general) \
            or re.search(lexicon.SEARCHES_OFFERS, folded) or re.search(lexicon.REFERENCE_LIKE, text):
        return None
    named = turn.index.mentions(term)
    if (named.offers and not general) or named.services or named.employers or named.locations:
        return None
    record(term, text)
    turn.say(templates.unknown_term(scrubbed(term)))
    return []


def _previous_user_text(turn: Turn) -> str:
    user_turns = [e for e in turn.tracker.events if e.get("event") == "user"]
    return user_turns[-2].get("text") or "" if len(user_turns) >= 2 else ""


def eligibility_question(turn: Turn) -> list[dict] | None:
    """« j'habite ici depuis 2019, je peux postuler au poste de Koné ? »: the notice's durée de
    résidence beside what the candidate said, which the conversation remembers (« et pour celui de
    Bourail ? »). None when the message states nothing of the kind and asks nothing of it, or
    states it while looking for offers."""
    text = text_of(turn.tracker)
    folded = fold(text)
    asks = bool(re.search(lexicon.ELIGIBILITY_QUESTION, folded)) or any(a.field == "residence" for a in questions_in(text))
    said = stated(text, turn.today)
    previous = _previous_user_text(turn)
    if said is None and re.search(lexicon.CORRECTION, folded) and stated(previous, turn.today):
        said = stated(text, turn.today, about_residence=True)  # « oups, je voulais dire depuis 2020 »
        asks = True
    if said is None:
        remembered = turn.tracker.get_slot("stated_residence")
        again = re.search(lexicon.SWITCH_TO_ANOTHER_OFFER, folded) and not re.search(lexicon.ASKS_A_MEANING, folded) \
            and not re.search(lexicon.WHAT_IS, folded) and not questions_in(text) \
            and not re.search(lexicon.SEARCHES_OFFERS, folded) and not re.search(lexicon.DESCRIBES_A_JOB, folded) and (
                stated(previous, turn.today) or re.search(lexicon.ELIGIBILITY_QUESTION, fold(previous)))
        if not remembered or not (asks or again):
            return None
        if any(a.kind == "field" and a.field != "residence" for a in questions_in(text)) \
                or re.search(lexicon.ASKS_WHERE_TO_SEND, folded):
            return None  # « jusqu'à quand je peux envoyer ? », « je peux l'envoyer par mail ? » after a residence question
        said_text = remembered
    else:
        if said.problem:  # asked again; an offer the message names becomes the one under discussion
            turn.say(templates.eligibility(None, said))
            offer = resolve(turn.tracker, turn.index).offer
            return focus(offer) if offer else []
        if not asks and (said.years is None or re.search(lexicon.LOOKS_FOR_OFFERS, folded)
                         or re.search(lexicon.ASKS_A_MEANING, folded) or re.search(lexicon.WHAT_IS, folded)):
            return None
        said_text = text
    remember = [SlotSet("stated_residence", said_text)]
    return answer_or_ask(turn, resolve(turn.tracker, turn.index), {"kind": "eligibility", "said": said_text},
                         "la durée de résidence exigée") + remember


def reference_question(turn: Turn) -> list[dict] | None:
    """A message that names one offer by its reference and asks something of it (« je suis
    sage-femme… jusqu'à quand pour l'offre 26-1433 ? »): answered about that offer, whatever else
    the message says of the candidate. None otherwise."""
    text = text_of(turn.tracker)
    asked = questions_in(text)
    if not asked or re.search(lexicon.COMPARISON, fold(text)):
        return None
    offers = {hit.offer.id: hit.offer for number in re.findall(lexicon.REFERENCE_LIKE, text)
              for hit in turn.index.mentions(number).offers if "reference_number" in hit.matched}
    if len(offers) != 1:
        return None
    asked = [a for a in asked if a.field != "reference"] or asked  # « ref 25-58915, il se terminait quand ? » gives it
    return answer_all(turn, next(iter(offers.values())), asked)


def several_offers_question(turn: Turn) -> list[dict] | None:
    """A message that names two offers or more, one per part, and asks something of them (« la date
    limite du géologue et du cadre de santé ? »): answered about each, in the order named; asking
    nothing (« j'hésite entre le comptable de Koné et l'agent polyvalent »), listed in that order.
    They become the list shown, so a follow-up says which. None otherwise."""
    text = text_of(turn.tracker)
    folded = fold(text)
    asked = questions_in(text)
    searches = re.search(lexicon.SEARCHES_OFFERS, folded) or re.search(lexicon.DESCRIBES_ONESELF, folded)
    if searches and not re.search(lexicon.REFERENCE_LIKE, text) or any(
            re.search(pattern, folded) for pattern in (lexicon.COMPARISON, lexicon.WHAT_IS, lexicon.ASKS_A_MEANING,
                                                       lexicon.CORRECTION, lexicon.REFUSES_AN_OFFER)):
        return None  # « je suis hôtesse d'accueil… », « laquelle ferme en premier ? », « c quoi un corps ? », « pas le X, le Y »
    offers = named_in_each_part(text, turn.index)
    if not offers:
        return None
    if not asked:
        turn.say(templates.named_offers(offers, turn.today), offers)
    for offer in offers if asked else []:
        answer_all(turn, offer, asked, whole=False)
    return [SlotSet("current_offer", None), SlotSet("listed_offers", [offer.id for offer in offers]),
            SlotSet("pending_choices", None), SlotSet("pending_question", None)]


def named_offer_question(turn: Turn) -> list[dict] | None:
    """A message that names one offer outright and asks something of it (« où se trouve le poste
    d'assistant administratif de la DBAF ? », « qui puis-je joindre pour le chargé de communication
    ? »): answered about that offer whatever intent the NLU gave it. None otherwise."""
    text = text_of(turn.tracker)
    if re.search(lexicon.COMPARISON, fold(text)) or re.search(lexicon.SEVERAL_OFFERS, fold(text)):
        return None
    hits = named_hits(turn.tracker, turn.index)
    resolution = resolve(turn.tracker, turn.index)
    if not (resolution.offer and names_outright(turn.tracker, hits) and hits[0].offer.id == resolution.offer.id):
        return None
    asked = outside_title(questions_in(text), resolution.offer.title)
    if asked:
        return answer_all(turn, resolution.offer, asked)
    if topic_of(words_outside_title(text, resolution.offer.title)):
        return answer(turn, resolution.offer, {"kind": "detail", "text": text})
    return None


PRECHECKS = (cannot_do, unknown_reference, eligibility_question, several_offers_question, reference_question,
             pay_rule_question, glossary, named_offer_question)


def answer_asked(turn: Turn, resolution: Resolution, asked: list[Asked]) -> list[dict]:
    """Every field asked of the resolved offer; else which offer, keeping the first question."""
    if resolution.offer:
        return answer_all(turn, resolution.offer, asked)
    return answer_or_ask(turn, resolution, asked[0].as_question(), templates.FIELD_LABELS.get(asked[0].field))


def answer_or_ask(turn: Turn, resolution: Resolution, question: dict, label: str | None = None) -> list[dict]:
    """Answer when the offer is known; otherwise list the choices and keep the question pending."""
    if resolution.offer:
        return answer(turn, resolution.offer, question)
    choices = resolution.choices
    text = templates.ambiguous(choices, turn.today) if resolution.named else \
        templates.ask_which(label, choices, turn.today)
    turn.say(text, choices)
    if resolution.named:  # the message named other offers: the one discussed before is no longer meant
        return offer_choice(choices, pending(**question)) + [SlotSet("current_offer", None)]
    return offer_choice(choices, pending(**question))


def complete_pending(turn: Turn, offer: Offer) -> list[dict]:
    """The candidate picked an offer: answer the question that waited for it, else what the same
    message asks of it (« la première : les jeunes ont quel âge ? »), else summarise the offer."""
    waiting = read_pending(turn.tracker)
    if waiting:
        return answer(turn, offer, waiting)
    text = text_of(turn.tracker)
    asked = outside_title(questions_in(text), offer.title)
    if asked:
        return answer_all(turn, offer, asked)
    if topic_of(words_outside_title(text, offer.title)):
        return answer(turn, offer, {"kind": "detail", "text": text})
    return answer(turn, offer, {"kind": "summary"})


def similar_answer(turn: Turn, offer: Offer) -> list[dict]:
    if not offer.corps:
        turn.say(templates.NO_CORPS)
        return focus(offer)
    others = [hit.offer for hit in turn.index.search(corps=offer.corps, limit=None) if hit.offer.id != offer.id]
    others = sorted(others, key=lambda o: (not o.is_open_on(turn.today), o.deadline))[:templates.MAX_LISTED]
    turn.say(templates.similar(offer, others, turn.today), others)
    return focus(offer) + ([SlotSet("listed_offers", [o.id for o in others])] if others else [])
