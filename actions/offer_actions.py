"""Questions about one offer: a field, still open?, how to apply, a detail of its text;
and the turns that name or pick the offer a question waits for."""
from __future__ import annotations

from . import templates
from offers_index.normalize import find_communes, words
from offers_index.questions import about, questions_in
from offers_index.search import STOPWORDS

from .answers import answer, answer_all, answer_or_ask, complete_pending, follow_up
from .base import OfferAction, Turn
from .context import (asked_field, field_in, named_offers, offer_choice, offers_by_ids, ordinal, pending,
                      read_pending, resolve, text_of)
from .search_actions import criteria_of, search_answer


class ActionAnswerField(OfferAction):
    action_name = "action_answer_field"

    def act(self, turn: Turn) -> list[dict]:
        asked = questions_in(text_of(turn.tracker))
        resolution = resolve(turn.tracker, turn.index)
        if resolution.offer and len(about(asked, resolution.offer.title)) > 1:
            return answer_all(turn, resolution.offer, asked)
        field = asked_field(turn.tracker) or "details"
        return answer_or_ask(turn, resolution, {"kind": "field", "field": field}, templates.FIELD_LABELS.get(field))


class ActionStillOpen(OfferAction):
    action_name = "action_still_open"

    def act(self, turn: Turn) -> list[dict]:
        return answer_or_ask(turn, resolve(turn.tracker, turn.index), {"kind": "still_open"}, "encore ouverte ?")


class ActionHowToApply(OfferAction):
    action_name = "action_how_to_apply"

    def act(self, turn: Turn) -> list[dict]:
        return answer_or_ask(turn, resolve(turn.tracker, turn.index), {"kind": "how_to_apply"}, "comment postuler")


class ActionAnswerDetail(OfferAction):
    action_name = "action_answer_detail"

    def act(self, turn: Turn) -> list[dict]:
        question = {"kind": "detail", "text": text_of(turn.tracker)}
        return answer_or_ask(turn, resolve(turn.tracker, turn.index), question)


def _choices(turn: Turn):
    return offers_by_ids(turn.index, turn.tracker.get_slot("pending_choices")) or \
        offers_by_ids(turn.index, turn.tracker.get_slot("listed_offers"))


def pick_from_list(turn: Turn) -> list[dict] | None:
    """Handle "le 2", "la deuxième", "le dernier" or part of a title against the current list;
    None when the message picks nothing from it."""
    choices = _choices(turn)
    if not choices:
        return None
    named = named_offers(turn.tracker, turn.index, restrict_to=choices)
    if len(named) == 1:
        return complete_pending(turn, named[0])
    described = described_among(text_of(turn.tracker), choices)
    if described is not None:
        return complete_pending(turn, described)
    position = ordinal(turn.tracker, len(choices))
    if position is None:
        return None
    if not 1 <= position <= len(choices):
        turn.say(templates.BAD_CHOICE.format(count=len(choices)), choices)
        return []
    return complete_pending(turn, choices[position - 1])


def described_among(text: str, choices: list) -> object | None:
    """The one listed offer a message describes by its place, employer or direction rather than
    its title (« celle de Koné », « celui de l'enseignement »), or None."""
    communes = find_communes(text)
    if communes:
        placed = [o for o in choices if any(c in (o.location or "").split(", ") for c in communes)]
        if len(placed) == 1:
            return placed[0]
    wanted = {w for w in words(text) if len(w) >= 5} - STOPWORDS
    if not wanted:
        return None
    described = [o for o in choices
                 if wanted & set(words(" ".join(filter(None, [o.employer, o.direction, o.service, o.employer_acronym,
                                                               o.direction_acronym, o.service_acronym]))))]
    return described[0] if len(described) == 1 else None


class ActionChoose(OfferAction):
    action_name = "action_choose"

    def act(self, turn: Turn) -> list[dict]:
        picked = pick_from_list(turn)
        if picked is not None:
            return picked
        if not _choices(turn):
            turn.say(templates.NO_LIST)
            return []
        return ActionInformOffer().act(turn)


class ActionInformOffer(OfferAction):
    """The candidate names an offer: alone, to answer "pour quelle offre ?", or to switch offers."""
    action_name = "action_inform_offer"

    def act(self, turn: Turn) -> list[dict]:
        pending_question = read_pending(turn.tracker)
        if pending_question:
            picked = pick_from_list(turn)
            if picked is not None:
                return picked
        named = named_offers(turn.tracker, turn.index)
        question = pending_question or _question_of_previous_turn(turn) or {"kind": "summary"}
        if len(named) == 1:
            return answer(turn, named[0], question)
        if named:
            return answer_or_ask(turn, resolve(turn.tracker, turn.index), question)
        listing = templates.numbered(turn.index.offers[:templates.MAX_LISTED], turn.today)
        turn.say(templates.UNKNOWN_OFFER.format(text=text_of(turn.tracker).strip()[:80], listing=listing),
                 turn.index.offers[:templates.MAX_LISTED])
        return offer_choice(turn.index.offers[:templates.MAX_LISTED], pending(**question))


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
    """Not understood by the NLU: still answer when the words name an offer, a list choice or criteria."""
    action_name = "action_fallback"

    def act(self, turn: Turn) -> list[dict]:
        picked = pick_from_list(turn) if read_pending(turn.tracker) else None
        if picked is not None:
            return picked
        answered = follow_up(turn)
        if answered is not None:
            return answered
        named = named_offers(turn.tracker, turn.index)
        if named:
            field = asked_field(turn.tracker)
            question = {"kind": "field", "field": field} if field else {"kind": "summary"}
            if len(named) == 1:
                return answer(turn, named[0], question)
            return answer_or_ask(turn, resolve(turn.tracker, turn.index), question)
        criteria, open_only = criteria_of(turn)
        if criteria:
            return search_answer(turn, criteria, open_only)
        turn.say(templates.FALLBACK)
        return []
