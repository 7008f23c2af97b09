"""Searching, listing, counting and comparing offers."""
from __future__ import annotations

import re

from rapidfuzz import fuzz
from rasa_sdk.events import SlotSet

from offers_index import Offer, lexicon, organisations
from offers_index.normalize import find_communes, find_quartier, fold, provinces, words
from offers_index.passages import offer_text, topic_of
from offers_index.questions import questions_in

from . import templates
from .answers import PRECHECKS, answer, answer_all, answer_asked, answer_or_ask, follow_up, similar_answer
from .base import OfferAction, Turn
from .context import Resolution, entity_values, first_entity, named_offers, offers_by_ids, resolve, text_of

_OPEN_WORDS = re.compile(r"ouvert|en cours|en ce moment|actuel|toujours|pas encore clotur|dispo|valable|"
                         r"aujourd.?hui|maintenant|du moment|actives?\b|non clotur|possible de postuler")
_CRITERIA = ("corps", "location", "service", "employer", "respnc_job")


def _known_place(value: str) -> bool:
    folded = fold(value).replace("province ", "").replace("des ", "")
    return bool(find_communes(value)) or folded in provinces()


def criteria_of(turn: Turn) -> tuple[dict[str, str], bool]:
    """Search criteria from the NLU entities, completed by what the index recognises in the words.
    An entity the catalogue cannot hold is dropped: a « place » that is no commune, quartier or
    province (« DITTT »), a « service » of generic words only, an « employer » that is no organisation; one value found as two criteria
    (« psychologue », corps and emploi RESPNC) counts once."""
    criteria = {name: value for name in _CRITERIA if (value := first_entity(turn.tracker, name))
                and len(re.findall(r"[a-z]", fold(value))) >= 2}  # not a stray « d' » read as a corps
    communes = [place for place in entity_values(turn.tracker, "location") if find_communes(place)]
    if criteria.get("location") and communes:  # « dans le Nord, vers Koohne »: the commune, narrower than its province
        criteria["location"] = communes[0]
    quartier = find_quartier(criteria.get("location") or "")
    if quartier:  # « Ducos » read as the place: its commune, the quartier narrows the search (search_answer)
        criteria["location"] = quartier[1]
    if criteria.get("location") and not _known_place(criteria["location"]):
        del criteria["location"]
    if criteria.get("service") and not set(words(criteria["service"])) - set(words(lexicon.GENERIC_UNIT_WORDS)):
        del criteria["service"]  # « service » alone, read by the NLU in « au service des immatriculations »
    if criteria.get("employer") and not (organisations.by_name(criteria["employer"])
                                         or turn.index.search(employer=criteria["employer"], limit=1)):
        del criteria["employer"]
    mentioned = turn.index.mentions(text_of(turn.tracker))
    for name in ("corps", "respnc_job"):  # « projet » read by the NLU inside « chef de projet maîtrise d'ouvrage… »
        if criteria.get(name) and any(set(words(criteria[name])) < set(words(longer))
                                      for longer in mentioned.corps + mentioned.respnc_jobs):
            del criteria[name]
    for name, values in (("corps", mentioned.corps), ("location", mentioned.locations),
                         ("service", mentioned.services), ("employer", mentioned.employers),
                         ("respnc_job", mentioned.respnc_jobs)):
        if values and name not in criteria:
            criteria[name] = values[0]
    seen: set[str] = set()
    for name in list(criteria):
        if fold(criteria[name]) in seen:
            del criteria[name]
        seen.add(fold(criteria[name]) if name in criteria else "")
    open_only = "open" in entity_values(turn.tracker, "status") or bool(_OPEN_WORDS.search(fold(text_of(turn.tracker))))
    return criteria, open_only


def _ordered(offers: list[Offer], turn: Turn) -> list[Offer]:
    """Open offers first, closing soonest first; then closed ones, most recently closed first."""
    open_offers = sorted((o for o in offers if o.is_open_on(turn.today)), key=lambda o: (o.deadline, o.title))
    closed = sorted((o for o in offers if not o.is_open_on(turn.today)), key=lambda o: o.deadline, reverse=True)
    return open_offers + closed


def matching_offers(turn: Turn, criteria: dict[str, str], open_only: bool) -> list[Offer]:
    hits = turn.index.search(limit=None, open_on=turn.today if open_only else None, **criteria)
    return [hit.offer for hit in hits]


def _alternatives(turn: Turn, criteria: dict[str, str], open_only: bool) -> list[str]:
    """What does exist when nothing matches: drop one criterion and name the values found instead."""
    found = []
    for name in criteria:
        others = {key: value for key, value in criteria.items() if key != name}
        offers = matching_offers(turn, others, open_only)
        values = sorted({getattr(o, name) for o in offers if getattr(o, name)})
        if name == "service":
            values = sorted({o.service_acronym or o.service for o in offers if o.service})
        if values:
            found.append(templates.alternative(name, values))
    return found


def _explained(word: str, criteria: dict[str, str]) -> bool:
    """A query word already said by a criterion's value (« attaché » for corps attaché)."""
    return any(fuzz.ratio(word, said) >= 85 for value in criteria.values() for said in words(value))


def topic_search(turn: Turn, criteria: dict[str, str], open_only: bool, *, say_none: bool = True) -> list[dict] | None:
    """Search by what the message says the candidate is or looks for (a profession, a domain, a
    topic), over everything the notices say, within the place, employer or service and « open »
    the message gives (« un psy à l'OPT »: the OPT's);
    None when no word of it says what is searched beyond the criteria (or, with say_none=False,
    when nothing is found)."""
    text = text_of(turn.tracker)
    full_text = turn.index.full_text
    said = full_text.query_words(text)
    job = {name: value for name, value in criteria.items() if name in ("corps", "respnc_job")}
    found_by_criteria = bool(job) and bool(matching_offers(turn, criteria, open_only))
    if found_by_criteria and any(_explained(w, job) for w in said):
        return None  # « je suis sage-femme … dans le Nord »: the criteria say the job and find it; the rest is no topic
    # A job no offer of the other criteria has (« secrétaire à la DBAF »): its words are searched in the text.
    others = {name: value for name, value in criteria.items() if name not in job}
    explaining = others if job and others and not found_by_criteria else criteria
    wanted = [w for w in said if not _explained(w, explaining)]
    place = {"location": criteria["location"]} if criteria.get("location") else {}
    if not wanted or criteria and not re.search(lexicon.DESCRIBES_A_JOB, fold(text)) \
            and not any(w in lexicon.PROFESSION_SYNONYMS or re.search(lexicon.TRADE_WORD, w) for w in wanted) \
            and not _title_words(wanted, matching_offers(turn, place, open_only)):
        return None  # « les offres de la province des îles encore ouvertes »: the criteria say it all; not « facteur à
        # l'OPT » nor « un truc à l'accueil à Païta » (a title word of an offer there)
    scoped = {name: criteria[name] for name in ("location", "employer", "service") if criteria.get(name)}
    answered = _about_the_one_offer(turn, matching_offers(turn, scoped, False) if scoped else [])
    if answered is not None:
        return answered
    positions = {offer.id: position for position, offer in enumerate(turn.index.offers)}
    for scope in (scoped, place):
        within = matching_offers(turn, scope, open_only) if scope or open_only else turn.index.offers
        ranking = full_text.rank(" ".join(wanted), {positions[o.id] for o in within})
        if ranking.offers:  # else the place alone: an employer or service read in the words may be wrong
            break
    if not ranking.offers:
        if not say_none:
            return None
        if not any(re.search(r"[aeiouy]", w) for w in ranking.unmatched or wanted):  # « xqzt wlkp »: no words at all
            turn.say(templates.FALLBACK)
            return []
        where = f" {templates.describe_criteria(scope)}" if scope else ""
        turn.say(templates.no_topic(ranking.unmatched or wanted, where + (" encore ouverte" if open_only else "")))
        return []
    shown = [offer for offer, _ in ranking.offers][:templates.MAX_LISTED]
    titled = [offer for offer in shown if set(wanted) <= set(words(offer.title))]
    if len(wanted) >= 2 and len(titled) == 1:  # « conseiller financier » is one offer's title, not a topic of several
        shown = titled
    said = " ".join(words(text))
    phrases = [f"{a} {b}" for a, b in zip(wanted, wanted[1:]) if f"{a} {b}" in said]
    with_phrase = [o for o in shown if any(p in " ".join(words(offer_text(o))) for p in phrases)]
    if with_phrase and len(with_phrase) < len(shown):  # « petite enfance » said as such: the offers saying it
        shown = with_phrase
    turn.say(templates.topic_results(shown, wanted, ranking.unmatched, turn.today), shown)
    events = [SlotSet("listed_offers", [o.id for o in shown]), SlotSet("pending_choices", None),
              SlotSet("pending_question", None)]
    return events + _focus_after_list(turn, shown)


def names_a_trade(turn: Turn) -> bool:
    """A trade beside a place and nothing asked (« plombier à Nouméa ? », « jardinier a dumbea »): a search."""
    text = text_of(turn.tracker)
    if questions_in(text) or not turn.index.mentions(text).locations:
        return False
    return names_a_profession(turn)


def names_a_profession(turn: Turn) -> bool:
    """A word of the message is a trade or a profession (« plombier », « kiné »)."""
    return any(w in lexicon.PROFESSION_SYNONYMS or re.search(lexicon.TRADE_WORD, w)
               for w in turn.index.full_text.query_words(text_of(turn.tracker)))


def _about_the_one_offer(turn: Turn, offers: list[Offer]) -> list[dict] | None:
    """The criteria find one offer and the message asks something of it (« … jusqu'à quelle date pour
    la sage-femme du Nord ? », « le poste de Ouvéa c un contrat ? »): the answer. None otherwise."""
    if len(offers) != 1:
        return None
    text = text_of(turn.tracker)
    asked = [a for a in questions_in(text) if a.kind in ("pay", "how_to_apply")
             or a.kind == "field" and a.field not in _CRITERIA]  # « encore ouvertes » and « à Koné » are criteria
    if asked:
        return answer_all(turn, offers[0], asked)
    return answer(turn, offers[0], {"kind": "detail", "text": text}) if topic_of(text) else None


def _title_words(wanted: list[str], offers: list[Offer]) -> bool:
    """Some wanted word is a word of one of these offers' titles."""
    return any(set(wanted) & set(words(offer.title)) for offer in offers)


def _the_job_sought(turn: Turn, criteria: dict[str, str]) -> dict[str, str]:
    """« je suis infirmière … évoluer vers un poste de cadre de santé »: two jobs that no offer has
    together; the one the candidate does not say they have (else the one said last) is the one
    sought. The criteria as they are otherwise."""
    if not (criteria.get("corps") and criteria.get("respnc_job")) or matching_offers(turn, criteria, False):
        return criteria
    folded = fold(text_of(turn.tracker))
    said_at = {name: folded.rfind(words(criteria[name])[0][:5]) if words(criteria[name]) else -1
               for name in ("corps", "respnc_job")}
    held = [name for name, at in said_at.items() if at > 0 and re.search(lexicon.HAS_THE_JOB, folded[:at])]
    dropped = held[0] if len(held) == 1 else min(said_at, key=said_at.get)
    return {name: value for name, value in criteria.items() if name != dropped}


def search_answer(turn: Turn, criteria: dict[str, str], open_only: bool) -> list[dict]:
    criteria = _the_job_sought(turn, criteria)
    about = templates.describe_criteria(criteria)
    offers = matching_offers(turn, criteria, open_only)
    quartier = find_quartier(text_of(turn.tracker))
    if quartier and criteria.get("location") == quartier[1]:  # « des postes à Ducos ? »: those that say Ducos
        there = [o for o in offers if _says_place(o, quartier[0], [o.workplace, o.address])] or \
            [o for o in offers if _says_place(o, quartier[0], [o.title, *o.sections.values()])]
        if there:
            offers, about = there, templates.describe_criteria({**criteria, "location": f"{quartier[0]} ({quartier[1]})"})
    if not offers and open_only:
        recent = sorted(matching_offers(turn, criteria, False), key=lambda o: o.deadline, reverse=True)[:3]
        turn.say(templates.none_open(turn.today, recent, about), recent)
        return [SlotSet("listed_offers", [o.id for o in recent])] if recent else []
    answered = _about_the_one_offer(turn, offers)
    if answered is not None:
        return answered
    if not offers:
        titled, titled_about = _titled_instead(turn, criteria, open_only)
        if titled:
            return show_list(turn, _ordered(titled, turn), titled_about, open_only)
        turn.say(templates.no_match(about, _alternatives(turn, criteria, open_only)))
        return []
    return show_list(turn, _ordered(offers, turn), about, open_only)


def _titled_instead(turn: Turn, criteria: dict[str, str], open_only: bool) -> tuple[list[Offer], str]:
    """Nothing has every criterion, but a corps, emploi RESPNC or service value is the title of
    offers that meet the others (« le poste de responsable à Maré »: an offer titled « Responsable »
    whose emploi RESPNC is another): those offers, and how to describe them."""
    for name in ("respnc_job", "corps", "service"):
        wanted = [w for w in words(criteria.get(name) or "") if len(w) > 2]
        if not wanted:
            continue
        others = {key: value for key, value in criteria.items() if key != name}
        titled = [o for o in matching_offers(turn, others, open_only) if set(wanted) <= set(words(o.title))]
        if titled:
            return titled, " ".join(filter(None, [f"« {criteria[name]} »", templates.describe_criteria(others)]))
    return [], ""


def _says_place(offer: Offer, place: str, texts: list[str | None]) -> bool:
    """One of the offer's `texts` (its workplace and address first, else its title and text) names `place`."""
    return f" {fold(place)} " in f" {' '.join(words(' '.join(filter(None, texts))))} "


def show_list(turn: Turn, offers: list[Offer], about: str, open_only: bool = False) -> list[dict]:
    shown = offers[:templates.MAX_LISTED]
    turn.say(templates.search_results(shown, len(offers), about, open_only, turn.today), shown)
    events = [SlotSet("listed_offers", [o.id for o in shown]), SlotSet("pending_choices", None),
              SlotSet("pending_question", None)]
    return events + _focus_after_list(turn, offers)


def _focus_after_list(turn: Turn, offers: list[Offer]) -> list[dict]:
    """One offer found is the one under discussion; a list after « et celui du conservatoire ? »
    ends the focus on the previous one (the candidate moved on); any other list keeps it."""
    if len(offers) == 1:
        return [SlotSet("current_offer", offers[0].id)]
    if re.search(lexicon.SWITCH_TO_ANOTHER_OFFER, fold(text_of(turn.tracker))):
        return [SlotSet("current_offer", None)]
    return []


def place_of_the_offer(turn: Turn, criteria: dict[str, str]) -> list[dict] | None:
    """« where is the job? a Lifou ? » about the offer under discussion: its place of work (which
    says whether the guess is right), not a search at the place guessed. None otherwise."""
    current = turn.index.get(turn.tracker.get_slot("current_offer") or "")
    text = text_of(turn.tracker)
    folded = fold(text)
    if current is None or set(criteria) - {"location"} or re.search(lexicon.SEVERAL_OFFERS, folded) \
            or re.search(lexicon.SEARCHES_OFFERS, folded) or len(find_communes(text)) > 1 \
            or not any(a.field == "location" and a.words.strip() != "ou" for a in questions_in(text)):
        return None  # « et à Lifou ou à Maré ? » is a search: its « ou » is « or »
    return answer(turn, current, {"kind": "field", "field": "location"})


class ActionSearchOffers(OfferAction):
    action_name = "action_search_offers"
    prechecks = PRECHECKS

    def act(self, turn: Turn) -> list[dict]:
        if re.search(lexicon.LIST_REFERENCE, fold(text_of(turn.tracker))):
            answered = follow_up(turn)  # « and for the Canala one, the email ? »: a place picks in the list shown
            if answered is not None:
                return answered
        criteria, open_only = criteria_of(turn)
        placed = place_of_the_offer(turn, criteria) if criteria else None
        if placed is not None:
            return placed
        if not criteria:
            answered = follow_up(turn)
            if answered is not None:
                return answered
            if re.search(lexicon.DESCRIBES_A_JOB, fold(text_of(turn.tracker))):  # « journaliste de formation »: not
                answered = topic_search(turn, criteria, open_only, say_none=False)  # the « centre de formation »
                if answered is not None:
                    return answered
            named = named_offers(turn.tracker, turn.index)
            if named:
                return show_list(turn, _ordered(named, turn), "")
        by_topic = topic_search(turn, criteria, open_only)
        return by_topic if by_topic is not None else search_answer(turn, criteria, open_only)


class ActionListOffers(OfferAction):
    action_name = "action_list_offers"
    prechecks = PRECHECKS

    def act(self, turn: Turn) -> list[dict]:
        criteria, open_only = criteria_of(turn)
        answered = place_of_the_offer(turn, criteria) if criteria else follow_up(turn)
        if answered is None:
            answered = topic_search(turn, criteria, open_only)
        return answered if answered is not None else search_answer(turn, criteria, open_only)


class ActionCountOffers(OfferAction):
    action_name = "action_count_offers"
    prechecks = PRECHECKS

    def act(self, turn: Turn) -> list[dict]:
        current = turn.index.get(turn.tracker.get_slot("current_offer") or "")
        if current and topic_of(text_of(turn.tracker)):  # « c'est payé combien ? » is no count of offers
            return answer(turn, current, {"kind": "detail", "text": text_of(turn.tracker)})
        asked = [a for a in questions_in(text_of(turn.tracker)) if a.kind == "field"]
        folded = fold(text_of(turn.tracker))
        if asked and not criteria_of(turn)[0] and (current or not (
                re.search(lexicon.POSTS_OF_OFFER, folded) or re.search(lexicon.WHOLE_CATALOGUE, folded))):
            # « la résidence c combien ? », « faut combien dannees de residence » after a list: an offer's value
            return answer_asked(turn, resolve(turn.tracker, turn.index), asked)
        criteria, _ = criteria_of(turn)
        if names_a_profession(turn) and not re.search(lexicon.ASKS_A_NUMBER, folded):
            found = topic_search(turn, criteria, False)  # « et plombier ? » taken for a count: the plumbers, or none
            if found is not None:
                return found
        if names_a_trade(turn) and not (criteria.get("corps") or criteria.get("respnc_job")):
            found = topic_search(turn, criteria, False)  # « any job for a plombier in Noumea? »: the plumbers, or none
            if found is not None:
                return found
        if current and not criteria and re.search(lexicon.POSTS_OF_OFFER, fold(text_of(turn.tracker))) \
                and not re.search(lexicon.WHOLE_CATALOGUE, fold(text_of(turn.tracker))):
            turn.say(templates.posts(current))  # « il y a combien de postes ? » after « 3 Gardes champêtres »
            return []
        offers = matching_offers(turn, criteria, False)
        open_count = sum(1 for o in offers if o.is_open_on(turn.today))
        text = templates.count(len(offers), open_count, turn.today)
        if criteria:
            text = text.replace(" au total", f" {templates.describe_criteria(criteria)}", 1)
        if criteria and 0 < len(offers) <= templates.MAX_LISTED:  # « les offres de la DITTT » counted: shown too
            shown = _ordered(offers, turn)
            turn.say(f"{text}\n{templates.numbered(shown, turn.today)}", shown)
            return [SlotSet("listed_offers", [o.id for o in shown]), SlotSet("pending_choices", None),
                    SlotSet("pending_question", None)] + _focus_after_list(turn, shown)
        turn.say(text)
        return []


def _scope(turn: Turn) -> list[Offer]:
    """The offers a comparison is about: those the message names by place or organisation (« des
    deux offres de Maré, laquelle… »), else those just listed, else all of them."""
    criteria, _ = criteria_of(turn)
    return (matching_offers(turn, criteria, False) if criteria else []) or \
        offers_by_ids(turn.index, turn.tracker.get_slot("listed_offers")) or list(turn.index.offers)


class ActionClosingFirst(OfferAction):
    action_name = "action_closing_first"
    prechecks = PRECHECKS

    def act(self, turn: Turn) -> list[dict]:
        answered = follow_up(turn)  # « ferme quand ? » about the offer under discussion
        if answered is not None:
            return answered
        scope = _scope(turn)
        still_open = [o for o in scope if o.is_open_on(turn.today)]
        if not still_open:
            recent = sorted(scope, key=lambda o: o.deadline, reverse=True)[:3]
            turn.say(templates.none_open(turn.today, recent, ""), recent)
            return [SlotSet("listed_offers", [o.id for o in recent])]
        first = min(still_open, key=lambda o: o.deadline)
        turn.say(templates.closing_first(first, turn.today, len(still_open)))
        return [SlotSet("current_offer", first.id)]


class ActionMostRecent(OfferAction):
    action_name = "action_most_recent"
    prechecks = PRECHECKS

    def act(self, turn: Turn) -> list[dict]:
        answered = follow_up(turn)  # « dernier délai ? » about the offer under discussion
        if answered is not None:
            return answered
        scope = [o for o in _scope(turn) if o.published_on]
        latest = max(scope, key=lambda o: (o.published_on, o.deadline))
        turn.say(templates.most_recent(latest, len(scope)))
        return [SlotSet("current_offer", latest.id)]


class ActionAllDeadlines(OfferAction):
    action_name = "action_all_deadlines"
    prechecks = PRECHECKS

    def act(self, turn: Turn) -> list[dict]:
        answered = follow_up(turn)
        if answered is not None:
            return answered
        resolution = resolve(turn.tracker, turn.index)
        if resolution.named and resolution.offer:  # « geologue dimenc deadline »
            return answer(turn, resolution.offer, {"kind": "field", "field": "deadline"})
        scope = _ordered(_scope(turn), turn)[:templates.MAX_LISTED]
        turn.say(templates.all_deadlines(scope, turn.today), scope)
        return [SlotSet("listed_offers", [o.id for o in scope])]


class ActionSimilarOffers(OfferAction):
    action_name = "action_similar_offers"
    prechecks = PRECHECKS

    def act(self, turn: Turn) -> list[dict]:
        resolution: Resolution = resolve(turn.tracker, turn.index)
        current = turn.tracker.get_slot("current_offer")
        if resolution.named and resolution.offer and resolution.offer.id != current \
                and not re.search(lexicon.SIMILAR_OFFERS, fold(text_of(turn.tracker))):
            return answer(turn, resolution.offer, {"kind": "summary"})  # « et celui de Canala ? » names another offer
        if resolution.offer:
            return similar_answer(turn, resolution.offer)
        return answer_or_ask(turn, resolution, {"kind": "similar"}, "offres semblables")
