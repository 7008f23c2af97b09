"""What the conversation is about: the entities of the last message, the offer under discussion,
the list the candidate may pick from, and a question waiting for its offer."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from offers_index import Offer, OfferIndex, today
from offers_index.fields import ANSWERED, QUESTION_PATTERNS
from offers_index.lexicon import (ASKS_A_REQUIREMENT, CLIPPED_JOB_WORDS, CLOSED_ONE, CONTRACT_END, EARLIER_POSTING, EXCLUDED_PLACE, FEMININE_ENDINGS,
                                  GENERAL_QUESTION, LATER_POSTING, LIST_REFERENCE, NEGATED_ORDINAL, OF_THIS_OFFER, OFFERS_JOINED, OPEN_ONE, PERSON_TOPICS, POSTING_YEAR, RESIDENCE_CONTEXT, RESIDENCE_SINCE, SEARCH_FILLER_WORDS,
                                  SWITCH_COVERAGE_SCORE, SWITCH_TITLE_WORDS, SWITCH_TO_ANOTHER_OFFER)
from offers_index.normalize import find_communes, fold, words
from offers_index.passages import topic_of
from offers_index.questions import after_correction, normalised, questions_in, without_questions
from offers_index.search import FIELD_WORDS, STOPWORDS

CLOSE_SCORE = 0.9  # hits scoring within 10 % of the best one are ambiguous with it
MAX_CHOICES = 8

_ORDINALS = {"premier": 1, "premiere": 1, "1er": 1, "1ere": 1, "un": 1, "une": 1, "deuxieme": 2, "second": 2,
             "seconde": 2, "2e": 2, "2eme": 2, "2nd": 2, "2nde": 2, "deux": 2, "troisieme": 3, "3e": 3, "3eme": 3, "trois": 3,
             "quatrieme": 4, "4e": 4, "quatre": 4, "cinquieme": 5, "5e": 5, "cinq": 5, "sixieme": 6, "six": 6,
             "septieme": 7, "sept": 7, "huitieme": 8, "huit": 8, "neuvieme": 9, "neuf": 9, "dixieme": 10, "dix": 10}
_LAST = re.compile(r"\bderni(?:er|ere)\b(?! (?:delai|jour|limite|minute|moment))")  # « dernier délai » is a deadline


def text_of(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def entity_values(tracker: Tracker, name: str) -> list[str]:
    return [str(e["value"]) for e in tracker.latest_message.get("entities", []) if e.get("entity") == name and e.get("value")]


def first_entity(tracker: Tracker, name: str) -> str | None:
    values = entity_values(tracker, name)
    return values[0] if values else None


def asked_field(tracker: Tracker) -> str | None:
    """The field the last message asks about, from the `field` entity or the message's words; not
    the deadline the NLU may read in « c'est une mission jusqu'à quand ? » (the contract's end)."""
    text = text_of(tracker)
    if not re.search(CONTRACT_END, after_correction(text)):
        for value in entity_values(tracker, "field"):
            if value in ANSWERED:
                return value
    return field_in(text)


def field_in(text: str) -> str | None:
    """The field a sentence's words ask about ("c'est quand la clôture ?", "date limte ?" -> "deadline")."""
    asked = {question.field for question in questions_in(text) if question.kind == "field"}
    return next((name for name, _ in QUESTION_PATTERNS if name in asked), None)  # the field table's order


def ordinal(tracker: Tracker, count: int) -> int | None:
    """1-based position picked by "le 2", "la deuxième", "le dernier"…; None when not found."""
    text = fold(text_of(tracker))
    kept = re.sub(NEGATED_ORDINAL, " ", text)  # « non pas la première, la deuxième » picks the second
    values = ([] if kept != text else entity_values(tracker, "ordinal")) + [kept]
    for value in values:
        folded = fold(value)
        if folded in ("last",) or _LAST.search(folded):
            return count
        digits = re.search(r"\b(\d{1,2})\b", folded)
        if digits and len(re.sub(r"\D", "", folded)) <= 2:
            return int(digits.group(1))
        for word in re.findall(r"[a-z0-9]+", folded):
            if word in _ORDINALS:
                return _ORDINALS[word]
    return None


@dataclass
class Resolution:
    offer: Offer | None = None
    choices: list[Offer] = field(default_factory=list)
    named: bool = False  # the message itself named the offer(s)


def offers_by_ids(index: OfferIndex, ids: list[str] | None) -> list[Offer]:
    found = (index.get(offer_id) for offer_id in ids or [])
    return [offer for offer in found if offer is not None]


def naming_text(tracker: Tracker, index: OfferIndex) -> str:
    """The part of the message that names the offer: after « X… ah non, plutôt Y » (or « pas X mais Y »)
    when that part names one, else the whole message (« le géologue, ah non plutôt sa date limite »)."""
    text = text_of(tracker)
    corrected = after_correction(text)
    return corrected if corrected != normalised(text) and index.mentions(corrected).offers else text


def named_hits(tracker: Tracker, index: OfferIndex, restrict_to: list[Offer] | None = None) -> list:
    text = naming_text(tracker, index)
    hits = index.mentions(text).offers
    if not any("reference_number" in hit.matched or hit.score >= SWITCH_COVERAGE_SCORE for hit in hits[:1]):
        hits = index.mentions(without_questions(text)).offers  # « lieu de travail » names no « Inspecteur du travail »
        # nor does « du taf pr un boulanger » (« taf » read « travail »): a title named by no word of its own
        hits = [hit for hit in hits if hit.matched != ["title"] or set(title_words_said(text, hit.offer)) - SEARCH_FILLER_WORDS]
    references = entity_values(tracker, "reference_number")
    for value in references + entity_values(tracker, "offer"):
        if not hits:  # an NLU « offer » names a title only by a word of it (« l'examen professionnel » names none)
            hits = [hit for hit in index.search(value, limit=5) if hit.score >= 75 and (
                value in references or set(title_words_said(value, hit.offer)) - SEARCH_FILLER_WORDS)]
    if restrict_to is not None:
        allowed = {offer.id for offer in restrict_to}
        hits = [hit for hit in hits if hit.offer.id in allowed]
    if not hits:
        return []
    best = hits[0].score
    return [hit for hit in hits if hit.score >= CLOSE_SCORE * best][:MAX_CHOICES]


def named_offers(tracker: Tracker, index: OfferIndex, restrict_to: list[Offer] | None = None) -> list[Offer]:
    """Offers the last message names (words of a title, a reference number), best first; ties kept."""
    return [hit.offer for hit in named_hits(tracker, index, restrict_to)]


def names_outright(tracker: Tracker, hits: list) -> bool:
    """The message names an offer by its reference, most of its title or two of its own words."""
    return bool(hits) and (any("reference_number" in hit.matched for hit in hits) or hits[0].score >= SWITCH_COVERAGE_SCORE
                           or title_words_named(text_of(tracker), hits[0].offer) >= SWITCH_TITLE_WORDS)


def named_in_each_part(text: str, index: OfferIndex) -> list[Offer]:
    """The offers a message names one per part (« la date limite de la sage-femme et du cadre de
    santé », « 26-1433 et 26-1423 »), in the order said; none unless every part that names an offer
    names exactly one outright (by its reference, most of its title or two of its title's words, no
    other offer nearly as well). A joiner inside a title (« études et projets ») splits nothing."""
    folded = fold(text)
    parts, start = [], 0
    for joiner in re.finditer(OFFERS_JOINED, folded):
        before, after = words(folded[start:joiner.start()])[-1:], words(folded[joiner.end():])[:1]
        if before and after and not index.titles_say(" ".join([*before, *words(joiner.group()), *after])):
            parts.append(folded[start:joiner.start()])
            start = joiner.end()
    named: list[Offer] = []
    for part in [*parts, folded[start:]] if parts else []:
        hits = index.mentions(part).offers
        if not hits:
            continue
        by_reference = "reference_number" in hits[0].matched and len({hit.offer.id for hit in hits}) == 1
        alone = len(hits) == 1 or hits[1].score < CLOSE_SCORE * hits[0].score
        outright = hits[0].score >= SWITCH_COVERAGE_SCORE or title_words_named(part, hits[0].offer) >= SWITCH_TITLE_WORDS
        if not (by_reference or (alone and outright)):
            return []
        if hits[0].offer not in named:
            named.append(hits[0].offer)
    return named if len(named) >= 2 else []


def moves_away(tracker: Tracker, hits: list, current: Offer) -> bool:
    """Does a follow-up about `current` name another offer? Only by a reference, by most of a
    title's words, or with a word of moving on (« et pour le juriste ? »): a word that merely also
    occurs in another title (« qui contacter ? ») keeps the offer under discussion."""
    if not hits or any(hit.offer.id == current.id for hit in hits):
        return False
    text = fold(text_of(tracker))
    if re.search(SWITCH_TO_ANOTHER_OFFER, text):
        return True
    if re.search(ASKS_A_REQUIREMENT, text) and not any("reference_number" in hit.matched for hit in hits) \
            and title_words_named(text_of(tracker), hits[0].offer) < SWITCH_TITLE_WORDS:
        return False  # « faut-il le permis ? » keeps the offer; « et le chargé de communication, il faut… » moves
    return names_outright(tracker, hits)


def narrowed_by_organisation(text: str, index: OfferIndex, offers: list[Offer]) -> list[Offer]:
    """Several offers named (« le psychologue ») and an employer or direction too (« de l'OPT »): those of it."""
    if len(offers) < 2:
        return offers
    names = organisations_named(text, index)
    if not names:
        return offers
    kept = [o for o in offers if of_organisation(o, names)]
    return kept or offers


def organisations_named(text: str, index: OfferIndex) -> set[str]:
    """The employers and directions or services a message names, folded (« l'OPT », « au CESE »)."""
    mentioned = index.mentions(text)
    return {fold(value) for value in mentioned.employers + mentioned.services}


def of_organisation(offer: Offer, names: set[str]) -> bool:
    return bool(names & {fold(v) for v in (offer.employer, offer.employer_acronym, offer.direction, offer.direction_acronym,
                                           offer.service, offer.service_acronym) if v})


def _elsewhere(text: str, offer: Offer) -> bool:
    """The message names only communes where `offer` is not."""
    communes = find_communes(text)
    return bool(communes) and not any(c in (offer.location or "").split(", ") for c in communes)


def _placed(text: str, offers: list[Offer]) -> list[Offer]:
    """The offers at a commune the message names."""
    communes = find_communes(text)
    return [o for o in offers if any(c in (o.location or "").split(", ") for c in communes)]


def titled_elsewhere(text: str, index: OfferIndex, current: Offer) -> list[Offer]:
    """titled_at a commune where the offer under discussion is not (« date limite du responsable
    de Maré ? » while the Nouméa garde champêtre is discussed); none when the commune is where the
    candidate lives."""
    text = re.sub(EXCLUDED_PLACE, " ", fold(text))
    if not _elsewhere(text, current) or re.search(RESIDENCE_CONTEXT, text):
        return []
    return titled_at(text, index)


def titled_at(text: str, index: OfferIndex) -> list[Offer]:
    """Offers at a commune the message names whose title it names a word of besides the commune
    (« le responsable de Maré »: « Responsable », not « Chirurgien-dentiste … - Maré »); none for a
    question said to be general, and not at a place the message excludes (« hors Nouméa »)."""
    text = re.sub(EXCLUDED_PLACE, " ", fold(text))
    if re.search(GENERAL_QUESTION, text):
        return []
    place_words = {w for commune in find_communes(text) for w in words(commune)}
    said = [w for w in words(text) if len(w) >= 4 and w not in place_words]
    said = [w for w in said if w not in STOPWORDS and w not in FIELD_WORDS]
    return [o for o in _placed(text, index.offers)
            if any(_same_word(w, s) for s in said for w in set(words(o.title)) - place_words if len(w) >= 4)]


def _masculine(word: str) -> str:
    return next((word[:-len(f)] + m for f, m in FEMININE_ENDINGS if word.endswith(f) and len(word) > len(f) + 2), word)


def _same_word(title_word: str, said: str) -> bool:
    """A typo or the other gender (« directrice » for « directeur »): not a word that merely starts
    alike (« pilote » is no « pilotage »)."""
    return fuzz.ratio(title_word, said) >= 90 or fuzz.ratio(_masculine(title_word), _masculine(said)) >= 90


def narrowed_by_place(text: str, offers: list[Offer]) -> list[Offer]:
    """Several offers named (« le poste de directeur ») and a commune too (« à Bourail »): those there."""
    return (_placed(text, offers) if len(offers) > 1 else []) or offers


def narrowed_by_posting(text: str, offers: list[Offer]) -> list[Offer]:
    """Several postings named (the same job posted in 2025 and in 2026) and a year or « l'ancienne
    / la nouvelle » in the message: the one posting it points to (a year of residence does not count)."""
    if len(offers) < 2:
        return offers
    folded = re.sub(RESIDENCE_SINCE, " ", fold(text))
    years = set(re.findall(POSTING_YEAR, folded))
    if years:
        dated = [o for o in offers if o.published_on and o.published_on[:4] in years]
        if len(dated) == 1:
            return dated
    ordered = sorted((o for o in offers if o.published_on), key=lambda o: o.published_on)
    if len(ordered) == len(offers) and re.search(EARLIER_POSTING, folded):
        return ordered[:1]
    if len(ordered) == len(offers) and re.search(LATER_POSTING, folded):
        return ordered[-1:]
    return offers


def _only(offers: list[Offer]) -> Offer | None:
    return offers[0] if len(offers) == 1 else None


def described_among(text: str, choices: list[Offer], index: OfferIndex | None = None) -> Offer | None:
    """The one listed offer a message describes by its place, workplace, employer or direction
    rather than its title (« celle de Koné », « celui de Tadine », « celui de l'enseignement »), or by
    being the only one still open or closed (« celui qui est encore ouvert »), or None."""
    for pattern, wanted_open in ((OPEN_ONE, True), (CLOSED_ONE, False)):
        if re.search(pattern, fold(text)):  # « celui qui est encore ouvert à Koné »: the place may still tell them apart
            choices = [o for o in choices if o.is_open_on(today()) == wanted_open]
            if len(choices) <= 1:
                return _only(choices)
    communes = find_communes(text)
    if communes:
        placed = [o for o in choices if any(c in (o.location or "").split(", ") for c in communes)]
        if len(placed) == 1:
            return placed[0]
    names = organisations_named(text, index) if index is not None else set()
    theirs = [o for o in choices if of_organisation(o, names)]
    if len(theirs) == 1:  # « celui de l'OPT »
        return theirs[0]
    wanted = {w for w in words(text) if len(w) >= 5} - STOPWORDS - FIELD_WORDS
    if not wanted:
        return None
    return _only([o for o in choices if wanted & set(words(" ".join(filter(None, [  # « celui de tadine »: its workplace
        o.employer, o.direction, o.service, o.employer_acronym, o.direction_acronym, o.service_acronym, o.workplace]))))])


def other_posting(tracker: Tracker, index: OfferIndex, current: Offer) -> Offer | None:
    """« l'ancienne annonce » / « la nouvelle » about a job posted again: that other posting."""
    text = fold(text_of(tracker))
    for pattern, postings in ((EARLIER_POSTING, current.earlier_postings), (LATER_POSTING, current.later_postings)):
        if postings and re.search(pattern, text):
            return index.get(postings[-1]["id"] if pattern is EARLIER_POSTING else postings[0]["id"])
    return None


def title_words_said(text: str, offer: Offer) -> list[str]:
    """The offer's own title words (not field or small words) the message writes, typos allowed."""
    said = [CLIPPED_JOB_WORDS.get(w, w) for w in words(text) if len(w) >= 3]
    title = dict.fromkeys(w for w in words(offer.title) if len(w) >= 3 and w not in STOPWORDS and w not in FIELD_WORDS)
    return [w for w in title if any(fuzz.ratio(w, s) >= 85 for s in said)]  # in the title's order


def title_words_named(text: str, offer: Offer) -> int:
    """How many of the offer's own title words the message writes, typos allowed."""
    return len(title_words_said(text, offer))


def asks_a_contact(text: str) -> bool:
    """« qui contacter ? », « le mail de … », « qui est le chef de service ? »: a person of the notice."""
    topic = topic_of(text)
    return bool(topic) and topic.name in PERSON_TOPICS


def _text_names(offer: Offer, title_words: list[str]) -> bool:
    """The notice's text holds these words side by side, a typo or an ending apart (« chef de
    projet », « secrétaire générale » in its contacts)."""
    if not title_words:
        return False
    text = " ".join(w for w in words(" ".join(offer.sections.values())) if w not in STOPWORDS)
    if len(title_words) == 1:
        return title_words[0] in text.split()
    return fuzz.partial_ratio(" ".join(title_words), text) >= 90


def resolve(tracker: Tracker, index: OfferIndex) -> Resolution:
    """The offer a question is about: named in the message, else the one under discussion."""
    hits = named_hits(tracker, index)
    current = index.get(tracker.get_slot("current_offer") or "")
    posting = current and other_posting(tracker, index, current)
    if posting:
        return Resolution(offer=posting, named=True)
    waiting = offers_by_ids(index, tracker.get_slot("pending_choices"))
    dated = narrowed_by_posting(text_of(tracker), waiting) if len(waiting) > 1 else []
    if len(dated) == 1:  # « et le contact pour la nouvelle offre ? » while two postings of one job wait
        return Resolution(offer=dated[0], named=True)
    listed = offers_by_ids(index, tracker.get_slot("listed_offers"))
    away = bool(current) and moves_away(tracker, hits, current)
    points_into_list = bool(re.search(LIST_REFERENCE, fold(text_of(tracker))))
    if listed and not names_outright(tracker, hits) and (current is None or current not in listed or points_into_list):
        in_list = _only([hit.offer for hit in hits if hit.offer in listed]) or (
            described_among(text_of(tracker), listed, index) if points_into_list or current is None else None)
        if in_list:  # « celle de Koné » among the offers just listed
            return Resolution(offer=in_list, named=True)
    if listed and current in listed and hits and current not in (hit.offer for hit in hits):
        titled = _only([hit.offer for hit in hits if hit.offer in listed])
        if titled and title_words_named(text_of(tracker), titled):  # « le psy c ouvert jusqua quand » after the list
            return Resolution(offer=titled, named=True)
    if away and not any("reference_number" in hit.matched for hit in hits) \
            and not re.search(SWITCH_TO_ANOTHER_OFFER, fold(text_of(tracker))):
        # « qui est le chef de service à contacter ? », « le téléphone du chef de projet pour cette offre ? »:
        # a role the notice under discussion names is its contact, not the offer of that title
        role = _text_names(current, title_words_said(text_of(tracker), hits[0].offer))
        this_offer = bool(re.search(OF_THIS_OFFER, fold(text_of(tracker))))
        if role and (this_offer or asks_a_contact(text_of(tracker))):
            return Resolution(offer=current)
        if this_offer:  # « … pour cette offre ? » naming another title: this offer, or that one? Ask.
            return Resolution(choices=[current, hits[0].offer], named=True)
    by_organisation = narrowed_by_organisation(text_of(tracker), index, [hit.offer for hit in hits])
    if current and current not in by_organisation and len(by_organisation) < len(hits):
        hits = [hit for hit in hits if hit.offer in by_organisation]  # « et le psychologue de l'OPT ? »
    elif current and not hits and organisations_named(text_of(tracker), index) \
            and not of_organisation(current, organisations_named(text_of(tracker), index)):
        # « cese juriste c ou » while another employer's offer is under discussion: that one is not meant
        names = organisations_named(text_of(tracker), index)
        theirs = [o for o in index.offers if of_organisation(o, names)]
        titled = [o for o in theirs if title_words_named(text_of(tracker), o)]
        theirs = titled or theirs
        if theirs:
            return Resolution(offer=_only(theirs), choices=theirs[:MAX_CHOICES], named=True)
    elif current and not hits and listed and current not in listed and _elsewhere(text_of(tracker), current) \
            and _placed(text_of(tracker), listed):
        # « j'habite à Païta, c ok pr la résidence ? » after a list of Païta offers while the Mont-Dore one was discussed
        there = _placed(text_of(tracker), listed)
        return Resolution(offer=_only(there), choices=there[:MAX_CHOICES], named=True)
    elif current and (elsewhere := titled_elsewhere(text_of(tracker), index, current)) and current not in elsewhere:
        return Resolution(offer=_only(elsewhere), choices=elsewhere[:MAX_CHOICES], named=True)
    elif current and not away:
        return Resolution(offer=current)
    named = narrowed_by_organisation(text_of(tracker), index, [hit.offer for hit in hits])
    named = narrowed_by_posting(text_of(tracker), narrowed_by_place(text_of(tracker), named))
    there = titled_at(text_of(tracker), index) if not names_outright(tracker, hits) else []
    if there and not {o.id for o in named} & {o.id for o in there}:
        named = there  # « date limite du responsable de Maré » is no « Chirurgien-dentiste … - Maré »
    if len(named) == 1:
        return Resolution(offer=named[0], named=True)
    if named:
        return Resolution(choices=named, named=True)
    if len(index.offers) == 1:
        return Resolution(offer=index.offers[0])
    return Resolution(choices=(waiting or listed or index.offers)[:MAX_CHOICES])  # « jpeux postuler ? » after « laquelle ? »


def pending(kind: str, **details) -> str:
    return json.dumps({"kind": kind, **details}, ensure_ascii=False)


def read_pending(tracker: Tracker) -> dict | None:
    raw = tracker.get_slot("pending_question")
    try:
        return json.loads(raw) if raw else None
    except (TypeError, ValueError):
        return None


def focus(offer: Offer) -> list[SlotSet]:
    """Events that make `offer` the one under discussion and close any pending choice."""
    return [SlotSet("current_offer", offer.id), SlotSet("pending_choices", None), SlotSet("pending_question", None)]


def offer_choice(choices: list[Offer], question: str) -> list[SlotSet]:
    """Events of a choice shown: it waits with its question, and it is the last list shown (« le 2 »,
    « celui qui est encore ouvert » refer to it after the pick too)."""
    ids = [offer.id for offer in choices]
    return [SlotSet("pending_choices", ids), SlotSet("pending_question", question), SlotSet("listed_offers", ids)]
