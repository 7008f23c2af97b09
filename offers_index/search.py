"""Fuzzy search over offers: a token candidate index, then rapidfuzz on the candidates only.

Query words are matched (with typos) against the vocabulary of the indexed fields, not against
every offer; each vocabulary word has a postings array of the offers that contain it. The few
best candidates by weighted word overlap are then scored field by field with rapidfuzz.
"""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from . import lexicon, organisations
from .fulltext import FullText
from .model import Offer
from .normalize import find_communes, fold, province_of, provinces, words

# Fields searched, with the weight of a match in each.
FIELD_WEIGHTS = {
    "title": 1.0, "reference_number": 1.0, "corps": 0.9, "location": 0.9, "service": 0.9,
    "service_acronym": 0.95, "respnc_job": 0.85, "employer": 0.8, "employer_acronym": 0.95, "direction": 0.8,
    "direction_acronym": 0.95, "province": 0.8, "domain": 0.7,
}
# Search filter -> the fields it looks in.
FILTER_FIELDS = {
    "corps": ("corps",), "location": ("location", "province"),
    "service": ("service", "service_acronym", "direction", "direction_acronym"),
    "employer": ("employer", "employer_acronym"), "respnc_job": ("respnc_job",),
}
STOPWORDS = set(words(
    "a au aux avec c ce ces cet cette d de des du e en et il je j l la le les leur lui ma me mes mon "
    "n ne nous on ou par pas pour qu que quel quelle quels quelles qui s sa se ses son sur t ta te tes "
    "ton tu un une vos votre vous y est sont y a-t-il etait etaient ete etre sera serait fait faut peut peux dois "
    "doit quand comment combien pourquoi mais donc car ni alors aussi aucun aucune"))  # « mais » names no « Maison »
CANDIDATES = 64  # offers re-scored with rapidfuzz after the candidate step
_REFERENCE_NUMBER = re.compile(r"\d{2,4}(?:\s*-\s*\d{2,6})+|\b\d{4,6}\b")


@dataclass
class Hit:
    offer: Offer
    score: float
    matched: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {**self.offer.to_json(), "score": round(self.score, 1), "matched": self.matched}


@dataclass
class Mentions:
    """What a free sentence names: offers (best first), and criteria values."""
    offers: list[Hit] = field(default_factory=list)
    corps: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    services: list[str] = field(default_factory=list)
    employers: list[str] = field(default_factory=list)
    respnc_jobs: list[str] = field(default_factory=list)
    reference_numbers: list[str] = field(default_factory=list)


def _field_values(offer: Offer) -> dict[str, str]:
    values = {name: getattr(offer, name, None) for name in FIELD_WEIGHTS if name != "province"}
    provinces_named = {province_of(c) for c in offer.location.split(", ")} if offer.location else set()
    values["province"] = " ".join(sorted(filter(None, provinces_named | {offer.province})))
    return {name: value for name, value in values.items() if value}


class OfferIndex:
    def __init__(self, offers: list[Offer]):
        self.offers = list(offers)
        self._fields = [{name: fold(value) for name, value in _field_values(offer).items()} for offer in self.offers]
        self._title_words = [set(words(offer.title)) - STOPWORDS for offer in self.offers]
        # Candidate tie-break: among offers with the same word overlap, shorter titles first (a query
        # "chef de bureau" must keep the offer titled exactly so among thousands of "Chef de bureau du …").
        self._title_sizes = np.array([len(title_words) for title_words in self._title_words], dtype=np.float64)
        postings: dict[str, list[int]] = {}
        for position, values in enumerate(self._fields):
            for token in {t for value in values.values() for t in words(value)} - STOPWORDS:
                postings.setdefault(token, []).append(position)
        self.vocabulary = sorted(postings)
        self._postings = [np.array(postings[token], dtype=np.int32) for token in self.vocabulary]
        # Words a letters-only token is compared with: not the digit-only ones (one reference number per offer).
        self._fuzzy_positions = [i for i, token in enumerate(self.vocabulary) if not token.isdigit()]
        self._fuzzy_vocabulary = [self.vocabulary[i] for i in self._fuzzy_positions]
        count = max(len(self.offers), 1)
        self._idf = np.array([math.log(1 + count / len(p)) for p in self._postings])
        self._by_reference = {}
        for position, offer in enumerate(self.offers):
            if offer.reference_number:
                self._by_reference.setdefault(re.sub(r"\D", "", offer.reference_number), []).append(position)
        # last 4+ digits -> reference keys ending with them, in _by_reference order (replaces a scan of every key)
        self._reference_keys: dict[str, list[str]] = {}
        for key in self._by_reference:
            for size in range(4, len(key) + 1):
                self._reference_keys.setdefault(key[-size:], []).append(key)
        self._reference_digits = [re.sub(r"\D", "", offer.reference_number or "") for offer in self.offers]
        self._distinct: dict[str, dict[str, list[int]]] = {}
        for position, values in enumerate(self._fields):
            for name, value in values.items():
                self._distinct.setdefault(name, {}).setdefault(value, []).append(position)
        # Offers whose title holds a vocabulary word, per word (mentions() adds up their scores with numpy).
        title_postings: dict[str, list[int]] = {}
        for position, title_words in enumerate(self._title_words):
            for word in title_words:
                title_postings.setdefault(word, []).append(position)
        self._title_postings = [np.array(title_postings.get(word, ()), dtype=np.int64) for word in self.vocabulary]
        # The distinct values a message may name, split into words once (not at every message).
        self._named_values = [
            (name, _Phrase(distinct), positions[0])
            for name in ("corps", "service", "service_acronym", "direction", "direction_acronym", "employer",
                         "employer_acronym", "respnc_job")
            for distinct, positions in self._distinct.get(name, {}).items()]
        self._employer_heads = self._employer_head_words()
        # The distinct values search() filters on, split into words once (not at every search).
        self._value_windows = {value: _Windows(words(value))
                               for fields in FILTER_FIELDS.values() for name in fields
                               for value in self._distinct.get(name, {})}
        self._match_word = lru_cache(maxsize=20000)(self._match_word_uncached)
        self._last_mentions: tuple[str, Mentions] | None = None
        self._full_text: FullText | None = None
        self._folded_titles = " " + "  ".join(" ".join(words(offer.title)) for offer in self.offers) + " "

    # -- candidate step -------------------------------------------------------------------
    def _match_word_uncached(self, token: str) -> tuple[tuple[int, float], ...]:
        """Vocabulary words close to `token`: ((vocabulary position, similarity 0-1), ...)."""
        if token.isdigit() or len(token) <= 3:  # « one » is no typo of « Koné »
            position = self._vocab_position(token)
            return ((position, 1.0),) if position is not None else ()
        cutoff = 75 if len(token) >= 5 else 85
        if any(c.isdigit() for c in token):  # "3134a": may be close to a number, search every word
            matches = process.extract(token, self.vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, limit=8)
            found = [(position, score / 100) for _, score, position in matches]
        else:  # letters only: a digit-only word shares no character with it, leave those out (fast)
            matches = process.extract(token, self._fuzzy_vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, limit=8)
            found = [(self._fuzzy_positions[position], score / 100) for _, score, position in matches]
        if len(token) >= 4:  # a prefix typed by the user ("multilat", "admin")
            start = bisect.bisect_left(self.vocabulary, token)
            while start < len(self.vocabulary) and self.vocabulary[start].startswith(token) and len(found) < 16:
                found.append((int(start), 0.9))
                start += 1
        return tuple(found)

    def _vocab_position(self, token: str) -> int | None:
        position = bisect.bisect_left(self.vocabulary, token)
        return position if position < len(self.vocabulary) and self.vocabulary[position] == token else None

    def _candidates(self, tokens: list[str]) -> tuple[np.ndarray, np.ndarray]:
        scores = np.zeros(len(self.offers), dtype=np.float64)
        for token in tokens:
            best: dict[int, float] = {}
            for position, similarity in self._match_word(token):
                best[position] = max(best.get(position, 0.0), similarity)
            token_scores = np.zeros(len(self.offers), dtype=np.float64)
            for position, similarity in best.items():
                postings = self._postings[position]  # each offer once: fancy indexing is exact, ufunc.at is slow
                weight = similarity * self._idf[position]
                if len(best) > 1:
                    token_scores[postings] = np.maximum(token_scores[postings], weight)
                else:
                    token_scores[postings] += weight
            scores += token_scores
        nonzero = np.flatnonzero(scores)
        if len(nonzero) > CANDIDATES:
            top = np.argpartition(-(scores[nonzero] - 0.001 * self._title_sizes[nonzero]), CANDIDATES)[:CANDIDATES]
            nonzero = nonzero[top]
        return nonzero, scores[nonzero]

    # -- scoring ----------------------------------------------------------------------------
    def _score(self, position: int, query: str, query_digits: str) -> tuple[float, list[str]]:
        best, matched = 0.0, []
        for name, value in self._fields[position].items():
            if name == "reference_number":
                similarity = 100.0 if query_digits and query_digits in self._reference_digits[position] else 0.0
            elif len(query) <= 6 or len(value) <= 6:
                similarity = fuzz.ratio(query, value)
            else:
                similarity = fuzz.WRatio(query, value)
            if similarity >= 80:
                matched.append(name)
            if name == "title":  # a title typed whole beats one that merely contains the words
                similarity = (similarity + fuzz.ratio(query, value)) / 2
            weighted = similarity * FIELD_WEIGHTS[name]
            best = max(best, weighted)
        return best, matched

    def _text_hits(self, text: str) -> list[tuple[int, float, list[str]]]:
        query = fold(text)
        tokens = [t for t in words(query) if t not in STOPWORDS]
        positions: list[int] = []
        for number in _REFERENCE_NUMBER.findall(query):
            digits = re.sub(r"\D", "", number)
            positions += [p for key in self._reference_keys.get(digits, ()) for p in self._by_reference[key]]
        if positions:
            return [(p, 100.0, ["reference_number"]) for p in dict.fromkeys(positions)]
        if not tokens:
            return []
        candidates, overlap = self._candidates(tokens)
        if len(candidates) == 0:
            return []
        top_overlap = float(overlap.max())
        hits = []
        query_digits = re.sub(r"\D", "", query)
        for position, weight in zip(candidates.tolist(), overlap.tolist()):
            score, matched = self._score(position, query, query_digits)
            coverage = weight / top_overlap
            hits.append((position, 0.7 * score + 30 * coverage, matched))
        return hits

    def _filter(self, name: str, value: str, fields: tuple[str, ...]) -> set[int]:
        """Offers whose `fields` match `value`: an organisation's acronym or variant stands for its
        canonical name, a quartier or local spelling for its commune; else a fuzzy match."""
        if name in ("service", "employer"):
            organisation = organisations.by_name(value)
            if organisation:
                keys = {fold(organisation.name), fold(organisation.acronym or "")} - {""}
                return {position for field_name in fields
                        for distinct, positions in self._distinct.get(field_name, {}).items()
                        if distinct in keys or fold(getattr(organisations.by_name(distinct), "name", "")) in keys
                        for position in positions}
        if name == "location" and find_communes(value) and not provinces().get(
                fold(value).replace("province ", "").replace("des ", "")):
            value = find_communes(value)[0]
        wanted = fold(value)
        wanted_phrase = _Phrase(wanted)
        allowed: set[int] = set()
        province = provinces().get(wanted.replace("province ", "").replace("des ", "")) if name == "location" else None
        for field_name in fields:
            for distinct, positions in self._distinct.get(field_name, {}).items():
                if _field_matches(wanted, wanted_phrase, distinct, self._value_windows[distinct],
                                  province is not None and field_name == "province"):
                    allowed.update(positions)
        return allowed

    def search(self, text: str | None = None, *, corps: str | None = None, location: str | None = None,
               service: str | None = None, employer: str | None = None, respnc_job: str | None = None,
               open_on: date | None = None, limit: int | None = 10) -> list[Hit]:
        """Ranked hits for free text and/or fuzzy filters; `open_on` keeps offers still open that day."""
        filters = [(name, value, FILTER_FIELDS[name]) for name, value in
                   (("corps", corps), ("location", location), ("service", service), ("employer", employer),
                    ("respnc_job", respnc_job))]
        allowed: set[int] | None = None
        matched_filters: list[str] = []
        for name, value, fields in filters:
            if value:
                positions = self._filter(name, value, fields)
                allowed = positions if allowed is None else allowed & positions
                matched_filters.append(name)
        if text and text.strip():
            hits = self._text_hits(text)
            if allowed is not None:
                hits = [hit for hit in hits if hit[0] in allowed]
        else:
            positions = range(len(self.offers)) if allowed is None else sorted(allowed)
            hits = [(position, 100.0, []) for position in positions]
        if open_on is not None:
            hits = [hit for hit in hits if self.offers[hit[0]].is_open_on(open_on)]
        hits.sort(key=lambda hit: (-hit[1], self.offers[hit[0]].deadline, self.offers[hit[0]].id))
        return [Hit(self.offers[position], score, list(dict.fromkeys(matched + matched_filters)))
                for position, score, matched in hits[:limit]]

    @property
    def full_text(self) -> FullText:
        """The BM25 ranking over every notice's text, built at its first use."""
        if self._full_text is None:
            self._full_text = FullText(self.offers, STOPWORDS | FIELD_WORDS)
        return self._full_text

    def get(self, offer_id: str) -> Offer | None:
        return next((offer for offer in self.offers if offer.id == offer_id), None)

    # -- mentions ---------------------------------------------------------------------------
    def titles_say(self, phrase: str) -> bool:
        """Does some offer's title hold these words, in this order (« etudes et projets »)?"""
        return f" {' '.join(words(phrase))} " in self._folded_titles

    def mentions(self, message: str) -> Mentions:
        """Offers and criteria named anywhere in a free sentence (typos allowed). One turn asks
        for the same message's mentions more than once (criteria, then offers): the last answer
        is kept."""
        if self._last_mentions is not None and self._last_mentions[0] == message:
            return self._last_mentions[1]
        found = self._mentions(message)
        self._last_mentions = (message, found)
        return found

    def _mentions(self, message: str) -> Mentions:
        folded = fold(message)
        found = Mentions()
        for number in _REFERENCE_NUMBER.findall(folded):
            digits = re.sub(r"\D", "", number)
            for key in self._reference_keys.get(digits, ()) if len(digits) >= 4 else ():
                positions = self._by_reference[key]
                found.reference_numbers.append(self.offers[positions[0]].reference_number)
                found.offers += [Hit(self.offers[p], 100.0, ["reference_number"]) for p in positions]
        message_words = words(folded)
        tokens = [lexicon.CLIPPED_JOB_WORDS.get(t, t) for t in message_words if t not in STOPWORDS and t not in _QUESTION_WORDS]
        if not found.offers and tokens:
            found.offers = self._title_mentions(tokens)
        windows = _Windows(message_words)
        targets = {"corps": found.corps, "service": found.services, "service_acronym": found.services,
                   "direction": found.services, "direction_acronym": found.services, "employer": found.employers,
                   "employer_acronym": found.employers, "respnc_job": found.respnc_jobs}
        for name, phrase, first in self._named_values:
            if windows.contain(phrase) or (name in ("service", "direction") and phrase.named_by_part_in(windows)):
                value = getattr(self.offers[first], name)
                if value not in targets[name]:
                    targets[name].append(value)
        for head, employer in self._employer_heads:  # « et celui du conservatoire ? »
            if employer not in found.employers and windows.contain(head):
                found.employers.append(employer)
        for _, organisation in organisations.find(message):  # a variant no offer writes ("Office des postes")
            target = found.employers if organisation.kind == "employer" else found.services
            if not {organisation.name, organisation.acronym} & set(target) and self._names(organisation):
                target.append(organisation.acronym or organisation.name)
        for commune in find_communes(message):
            found.locations.append(commune)
        for key, display in provinces().items():
            if " " in key and windows.contain(_Phrase(key)) and display not in found.locations:
                found.locations.append(display)
        return found

    def _employer_head_words(self) -> list[tuple[_Phrase, str]]:
        """Employers a candidate may name by their first word alone (« le conservatoire »): a long
        word no other employer, direction or service name holds and no title holds."""
        organisation_words: dict[str, int] = {}
        for name, phrase, _ in self._named_values:
            if name in ("employer", "direction", "service"):
                for word in set(phrase.words):
                    organisation_words[word] = organisation_words.get(word, 0) + 1
        title_words = {word for title in self._title_words for word in title}
        heads = []
        for name, phrase, first in self._named_values:
            distinctive = [w for w in phrase.words if w not in STOPWORDS and w not in _GENERIC_UNIT_WORDS]
            if name != "employer" or not distinctive:
                continue
            head = distinctive[0]
            if (len(head) >= lexicon.EMPLOYER_HEAD_MIN_LETTERS and organisation_words[head] == 1
                    and head not in title_words and head not in FIELD_WORDS):
                heads.append((_Phrase(head), self.offers[first].employer))
        return heads

    def _names(self, organisation: organisations.Organisation) -> bool:
        """Some offer is of this organisation (its employer, direction or service)."""
        return any(fold(organisation.name) in self._distinct.get(name, {}) for name in ("employer", "direction", "service"))

    def _title_mentions(self, tokens: list[str]) -> list[Hit]:
        scores = np.zeros(len(self.offers))
        strong = np.zeros(len(self.offers), dtype=bool)  # matched by at least one word that is not a field word
        strict_tokens = [t for t in tokens if len(t) >= 3]
        for token in strict_tokens:
            for position, similarity in self._match_word(token):
                offers = self._title_postings[position]
                if similarity < 0.85 or not len(offers):
                    continue
                scores[offers] += similarity * float(self._idf[position])
                if token not in FIELD_WORDS and self.vocabulary[position] not in FIELD_WORDS:
                    strong[offers] = True
        scores[~strong] = 0.0
        if not scores.any():
            return []
        best = float(scores.max())
        # Only offers within 75 % of the best are kept: filter before sorting and before the coverage
        # computation (a title word's coverage is the same for every offer: computed once per call).
        kept = [(int(position), float(scores[position])) for position in np.flatnonzero(scores >= 0.75 * best)]
        ranked = sorted(kept, key=lambda item: (-item[1], self.offers[item[0]].id))
        covered: dict[str, bool] = {}
        hits = []
        for position, score in ranked:
            title_words = self._title_words[position]
            for w in title_words:
                if w not in covered:
                    covered[w] = any(fuzz.ratio(w, t) >= 85 for t in strict_tokens)
            coverage = sum(1 for w in title_words if covered[w]) / max(len(title_words), 1)
            hits.append(Hit(self.offers[position], 100 * score / best * (0.5 + 0.5 * coverage), ["title"]))
        hits.sort(key=lambda hit: -hit.score)
        return hits


_QUESTION_WORDS = set(words(
    "quand quelle quel quoi comment combien ou date limite reference ref lieu poste postes offre offres "
    "candidature candidater postuler encore ouvert ouverte est-ce c'est sa son ses et alors bonjour merci "
    "stp svp peux pouvez dire donner donne moi savoir voudrais aimerais"))


# Words that name a field of an offer: alone they do not name an offer ("quelles sont les missions ?"),
# though they may be part of a title ("chargé de mission", "chef de service").
FIELD_WORDS = set(words(
    "mission missions service services detail details reference lieu corps employeur emploi direction "
    "date dates limite depot publication pourvoir residence respnc contact profil")) | set(lexicon.QUESTION_ONLY_WORDS)


_GENERIC_UNIT_WORDS = set(words(lexicon.GENERIC_UNIT_WORDS))


class _Phrase:
    """A folded value (a corps, a service…) split into words once."""

    def __init__(self, text: str):
        self.words = tuple(words(text))
        self.joined = " ".join(self.words)
        self.distinctive = frozenset(self.words) - STOPWORDS - _GENERIC_UNIT_WORDS

    def named_by_part_in(self, windows: "_Windows") -> bool:
        """A service or direction named by part of its name ("la coopération régionale")."""
        return len(self.distinctive) >= 2 and len(self.distinctive & windows.word_set) >= 2


class _Windows:
    """A message's runs of n consecutive words, joined, for each n asked (made once per message)."""

    def __init__(self, message_words: list[str]):
        self.words = message_words
        self.word_set = frozenset(message_words)
        self._by_size: dict[int, list[str]] = {}

    def contain(self, phrase: _Phrase) -> bool:
        """True when the phrase appears in the message as whole words, allowing a typo or two."""
        if not phrase.words or not self.words:
            return False
        size = len(phrase.words)
        runs = self._by_size.get(size)
        if runs is None:
            runs = self._by_size[size] = [" ".join(self.words[start:start + size])
                                          for start in range(0, max(len(self.words) - size + 1, 1))]
        if phrase.joined in runs:
            return True
        return len(phrase.joined) >= 6 and process.extractOne(phrase.joined, runs, scorer=fuzz.ratio,
                                                               score_cutoff=88) is not None


def _field_matches(wanted: str, wanted_phrase: _Phrase, value: str, value_windows: _Windows, exact: bool) -> bool:
    if exact:
        return wanted.replace("province ", "").replace("des ", "") in value.replace("province ", "").replace("des ", "")
    if wanted == value or value_windows.contain(wanted_phrase):
        return True
    if len(wanted) <= 6 or len(value) <= 6:
        return fuzz.ratio(wanted, value) >= 85
    return fuzz.token_set_ratio(wanted, value) >= 85 or fuzz.partial_ratio(wanted, value) >= 90
