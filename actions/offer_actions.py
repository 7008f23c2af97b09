"""Questions about one offer: a field, still open?, how to apply, a detail of its text;
and the turns that name or pick the offer a question waits for."""
from __future__ import annotations

import re

from rasa_sdk.events import SlotSet

from offers_index import lexicon
from offers_index.normalize import fold
from offers_index.passages import best_passages, topic_of
from offers_index.questions import about, questions_in

from . import templates
from .answers import PRECHECKS, answer, answer_all, answer_asked, answer_each_clause, answer_or_ask, complete_pending, follow_up
from .base import OfferAction, Turn
from .context import (asked_field, described_among, field_in, named_hits, named_offers, names_outright, offer_choice,
                      offers_by_ids, ordinal, pending, read_pending, resolve, text_of)
from .search_actions import criteria_of, matching_offers, names_a_profession, names_a_trade, search_answer, topic_search


def leading_pick(turn: Turn) -> list[dict] | None:
    """« la première, elle ferme quand ? » taken for a question: the offer picked from the list
    just shown, and the question answered about it. None otherwise."""
    if not re.search(lexicon.LEADING_ORDINAL, fold(text_of(turn.tracker))) or not _choices(turn):
        return None
    return pick_from_list(turn)


class ActionAnswerField(OfferAction):
    action_name = "action_answer_field"
    prechecks = PRECHECKS + (leading_pick,)

    def act(self, turn: Turn) -> list[dict]:
        described = describes_a_job(turn)
        if described is not None:
            return described
        asked = questions_in(text_of(turn.tracker))
        resolution = resolve(turn.tracker, turn.index)
        if resolution.offer and len(about(asked, resolution.offer.title)) > 1:
            return answer_all(turn, resolution.offer, asked)
        each = answer_each_clause(turn, resolution.offer) if resolution.offer else None
        if each is not None:  # « qui contacter pour des renseignements, puis où se trouve le lieu de travail »
            return each
        corrected = re.search(lexicon.CORRECTION, fold(text_of(turn.tracker))) and asked and asked[0].field
        field = corrected or asked_field(turn.tracker)
        if field is None and asked and asked[0].kind != "field":  # « what is the salary? », « c'est fermé ? »
            return answer_or_ask(turn, resolution, asked[0].as_question(), templates.QUESTION_LABELS[asked[0].kind])
        text = text_of(turn.tracker)
        if field is None and not resolution.named and not turn.tracker.get_slot("current_offer") and not topic_of(text):
            turn.dispatcher.utter_message(response="utter_out_of_scope")  # « quel temps fera-t-il ? »: no question here
            return []
        if field is None and (topic_of(text) or resolution.offer and best_passages(resolution.offer, text, limit=1)):
            # « c'est une mission jusqu'à quand ? », « c'était dans quelle école ? »: the notice's text says it
            return answer_or_ask(turn, resolution, {"kind": "detail", "text": text})
        field = field or "details"
        return answer_or_ask(turn, resolution, {"kind": "field", "field": field}, templates.FIELD_LABELS.get(field))


class ActionStillOpen(OfferAction):
    action_name = "action_still_open"
    prechecks = PRECHECKS + (leading_pick,)

    def act(self, turn: Turn) -> list[dict]:
        described = describes_a_job(turn)  # « et pr un poste de kiné ? »
        if described is not None:
            return described
        folded = fold(text_of(turn.tracker))
        if re.search(lexicon.OPEN_ONE, folded) or re.search(lexicon.CLOSED_ONE, folded):
            answered = follow_up(turn)  # « le num pr celui qui est encore ouvert »: « ouvert » says which offer
            if answered is not None:
                return answered
        criteria, _ = criteria_of(turn)
        if criteria and re.search(lexicon.SEVERAL_OFFERS, folded):
            return search_answer(turn, criteria, True)  # « opt offres encore ouvertes ? »
        return answer_or_ask(turn, resolve(turn.tracker, turn.index), {"kind": "still_open"},
                             templates.QUESTION_LABELS["still_open"])


# Fields a message about applying may ask instead of the way to apply (its date, who may apply).
CONDITIONS_TO_APPLY = ("deadline", "residence", "start", "corps", "published_on")


class ActionHowToApply(OfferAction):
    action_name = "action_how_to_apply"
    prechecks = PRECHECKS + (leading_pick,)

    def act(self, turn: Turn) -> list[dict]:
        text = text_of(turn.tracker)
        asked = questions_in(text)
        if re.search(lexicon.WHAT_IS, fold(text)) and not any(a.kind == "how_to_apply" for a in asked):
            # « c quoi la CPS pour le poste de … » taken for « comment postuler »: a question on the text
            return answer_or_ask(turn, resolve(turn.tracker, turn.index), {"kind": "detail", "text": text})
        conditions = [a for a in asked if a.field in CONDITIONS_TO_APPLY]
        if conditions and not any(a.kind == "how_to_apply" for a in asked):
            # « jusqu'à quel jour pour envoyer le dossier ? », « faut combien d'années de résidence pr postuler »;
            # not « je l'envoie où ? », which is how to apply
            return answer_asked(turn, resolve(turn.tracker, turn.index), conditions)
        return answer_or_ask(turn, resolve(turn.tracker, turn.index), {"kind": "how_to_apply"},
                             templates.QUESTION_LABELS["how_to_apply"])


class ActionAnswerDetail(OfferAction):
    action_name = "action_answer_detail"
    prechecks = PRECHECKS + (leading_pick,)

    def act(self, turn: Turn) -> list[dict]:
        described = describes_a_job(turn)
        if described is not None:
            return described
        question = {"kind": "detail", "text": text_of(turn.tracker)}
        return answer_or_ask(turn, resolve(turn.tracker, turn.index), question)


def describes_a_job(turn: Turn, say_none: bool = True) -> list[dict] | None:
    """« je suis psychologue du travail », « plombier à Nouméa ? »: the candidate describes themself
    or the job they look for; offers that fit are listed, whatever the NLU took it for. A trade no
    offer has is said so (`say_none`; else only beside a place)."""
    folded = fold(text_of(turn.tracker))
    trade = names_a_trade(turn)
    if not (trade or re.search(lexicon.DESCRIBES_A_JOB, folded)) or re.search(lexicon.WHAT_IS, folded) \
            or turn.index.mentions(text_of(turn.tracker)).reference_numbers:  # « le poste du 26-1457 »
        return None
    current = turn.index.get(turn.tracker.get_slot("current_offer") or "")
    if current and (questions_in(text_of(turn.tracker)) or topic_of(text_of(turn.tracker))) \
            and any(hit.offer.id == current.id for hit in named_hits(turn.tracker, turn.index)):
        return None  # « et le poste de géologue, c'est payé combien ? » asks the géologue under discussion
    criteria, open_only = criteria_of(turn)
    # « plombier à Nouméa ? », « et pr un poste de kiné ? »: none, said so
    say_none = trade or (say_none and re.search(lexicon.DESCRIBES_A_JOB, folded) is not None and names_a_profession(turn))
    found = topic_search(turn, criteria, open_only, say_none=say_none)
    if found is None and criteria and (say_none or matching_offers(turn, criteria, open_only)):
        return search_answer(turn, criteria, open_only)  # « je suis psychologue du travail »: the psychologists
    return found


def _choices(turn: Turn):
    return offers_by_ids(turn.index, turn.tracker.get_slot("pending_choices")) or \
        offers_by_ids(turn.index, turn.tracker.get_slot("listed_offers"))


def pick_from_list(turn: Turn) -> list[dict] | None:
    """Handle "le 2", "la deuxième", "le dernier" or part of a title against the current list;
    None when the message picks nothing from it."""
    choices = _choices(turn)
    if not choices:
        return None
    folded = fold(text_of(turn.tracker))
    if re.search(lexicon.REFUSES_A_CHOICE, folded):  # « ni l'une ni l'autre »
        return refuse_choices(turn, choices)
    named = named_offers(turn.tracker, turn.index, restrict_to=choices)
    if len(named) == 1:
        return complete_pending(turn, named[0])
    described = described_among(text_of(turn.tracker), choices, turn.index)
    if described is not None:
        return complete_pending(turn, described)
    position = ordinal(turn.tracker, len(choices))
    if position is None:
        return refuse_choices(turn, choices) if re.search(lexicon.NEGATED_ORDINAL, folded) else None  # « non pas la première »
    if not 1 <= position <= len(choices):
        turn.say(templates.BAD_CHOICE.format(count=len(choices)), choices)
        return []
    return complete_pending(turn, choices[position - 1])


def refuse_choices(turn: Turn, choices: list) -> list[dict]:
    """None of the offers shown is wanted: say so, wait for no choice and discuss none of them any more."""
    turn.dispatcher.utter_message(response="utter_deny")
    refused_current = turn.tracker.get_slot("current_offer") in {offer.id for offer in choices}
    return [SlotSet("pending_choices", None), SlotSet("pending_question", None)] + \
        ([SlotSet("current_offer", None)] if refused_current else [])


class ActionChoose(OfferAction):
    action_name = "action_choose"

    def act(self, turn: Turn) -> list[dict]:
        picked = pick_from_list(turn)
        if picked is not None:
            return picked
        if not _choices(turn) and not named_offers(turn.tracker, turn.index):
            turn.say(templates.NO_LIST)
            return []
        return ActionInformOffer().act(turn)


class ActionInformOffer(OfferAction):
    """The candidate names an offer: alone, to answer "pour quelle offre ?", or to switch offers."""
    action_name = "action_inform_offer"
    prechecks = PRECHECKS

    def act(self, turn: Turn) -> list[dict]:
        pending_question = read_pending(turn.tracker)
        if pending_question or re.search(lexicon.LIST_REFERENCE, fold(text_of(turn.tracker))):
            picked = pick_from_list(turn)
            if picked is not None:
                return picked
        described = None if pending_question else describes_a_job(turn, say_none=False)  # none: what exists, below
        if described is not None:
            return described
        named = named_offers(turn.tracker, turn.index)
        question = pending_question or _own_question(turn) or _question_of_previous_turn(turn) or {"kind": "summary"}
        if len(named) == 1:
            return answer(turn, named[0], question)
        resolution = resolve(turn.tracker, turn.index)
        if named or resolution.named:  # no title named, but an employer or a place (« et celui du conservatoire ? »)
            return answer_or_ask(turn, resolution, question)
        listing = templates.numbered(turn.index.offers[:templates.MAX_LISTED], turn.today)
        turn.say(templates.UNKNOWN_OFFER.format(text=text_of(turn.tracker).strip()[:80], listing=listing),
                 turn.index.offers[:templates.MAX_LISTED])
        return offer_choice(turn.index.offers[:templates.MAX_LISTED], pending(**question))


def _own_question(turn: Turn) -> dict | None:
    """What the message asks beside naming the offer (« c quoi la CPS pour le chargé de mission »)."""
    text = text_of(turn.tracker)
    if re.search(lexicon.WHAT_IS, fold(text)) or topic_of(text):
        return {"kind": "detail", "text": text}
    return None


def _question_of_previous_turn(turn: Turn) -> dict | None:
    """"et pour le chargé de mission ?" repeats the previous question about another offer."""
    user_turns = [e for e in turn.tracker.events if e.get("event") == "user"]
    if len(user_turns) < 2:
        return None
    previous = user_turns[-2].get("parse_data") or {}
    intent = (previous.get("intent") or {}).get("name")
    text = user_turns[-2].get("text") or ""
    if intent == "ask_field":
        field = next((e["value"] for e in previous.get("entities", []) if e.get("entity") == "field"), None)
        return {"kind": "field", "field": field or field_in(text) or "details"}
    if intent == "ask_still_open":
        return {"kind": "still_open"}
    if intent == "how_to_apply":
        return {"kind": "how_to_apply"}
    if intent == "ask_detail":
        return {"kind": "detail", "text": text}
    return None


class ActionFallback(OfferAction):
    """Not understood, or taken for small talk (a greeting, a refusal, help, « t'es un robot ? », out of scope): still
    answer when the words ask about the offer under discussion, name an offer, a list choice, or
    look for offers; else the small talk's own reply."""
    action_name = "action_fallback"
    prechecks = PRECHECKS
    SMALL_TALK = {"greet": "utter_greet", "deny": "utter_deny", "out_of_scope": "utter_out_of_scope", "help": "utter_help",
                  "bot_challenge": "utter_iamabot", "thank": "utter_thank", "goodbye": "utter_goodbye"}

    @staticmethod
    def _about_offers(turn: Turn) -> bool:
        """Small talk that also speaks of offers (« ok merci, et au SMTU ? »): words that look for
        offers, search criteria, an offer named outright, or a trade asked after (« et chauffeur de bus ? »)."""
        text = text_of(turn.tracker)
        return bool(re.search(lexicon.LOOKS_FOR_OFFERS, fold(text)) or criteria_of(turn)[0]
                    or names_outright(turn.tracker, named_hits(turn.tracker, turn.index))
                    or re.search(lexicon.ASKS_AFTER, fold(text)) and names_a_profession(turn))

    def act(self, turn: Turn) -> list[dict]:
        folded = fold(text_of(turn.tracker))
        points_into_list = re.search(lexicon.LIST_REFERENCE, folded) or re.search(lexicon.REFUSES_A_CHOICE, folded)
        new_search = re.search(lexicon.DESCRIBES_A_JOB, folded) or re.search(lexicon.SEARCHES_OFFERS, folded)
        picked = pick_from_list(turn) if (read_pending(turn.tracker) and not new_search) or points_into_list else None
        if picked is not None:
            return picked
        answered = follow_up(turn)
        if answered is not None:
            return answered
        asked = questions_in(text_of(turn.tracker))
        if asked and "?" in text_of(turn.tracker) and not re.search(lexicon.SEVERAL_OFFERS, fold(text_of(turn.tracker))):
            # « et sa référence ? » with no offer in the conversation: which offer?
            return answer_or_ask(turn, resolve(turn.tracker, turn.index), asked[0].as_question())
        small_talk = self.SMALL_TALK.get((turn.tracker.latest_message.get("intent") or {}).get("name"))
        if small_talk and not self._about_offers(turn):
            turn.dispatcher.utter_message(response=small_talk)
            return []
        criteria, open_only = criteria_of(turn)
        if criteria and re.search(lexicon.SEARCHES_OFFERS, fold(text_of(turn.tracker))):
            return search_answer(turn, criteria, open_only)  # « y a-t-il des postes d'infirmier ouverts à Nouméa ? »
        described = describes_a_job(turn)  # « je suis psychologue du travail »
        if described is not None:
            return described
        hits = named_hits(turn.tracker, turn.index)
        named = [hit.offer for hit in hits]
        if named and not names_outright(turn.tracker, hits) and names_a_profession(turn):
            named = []  # « et chauffeur de bus sur le réseau ? » is a trade looked for, not the « … Réseau » offer
        if named:
            field = asked_field(turn.tracker)
            question = {"kind": "field", "field": field} if field else {"kind": "summary"}
            if len(named) == 1:
                return answer(turn, named[0], question)
            return answer_or_ask(turn, resolve(turn.tracker, turn.index), question)
        looks_for_offers = bool(re.search(lexicon.LOOKS_FOR_OFFERS, fold(text_of(turn.tracker))))
        by_topic = topic_search(turn, criteria, open_only, say_none=looks_for_offers)
        if by_topic is not None:
            return by_topic
        if criteria:
            return search_answer(turn, criteria, open_only)
        if small_talk:
            turn.dispatcher.utter_message(response=small_talk)
        else:
            turn.say(templates.FALLBACK)
        return []
