"""Full-text ranking (BM25) over everything a notice says: title, corps, domain, emploi RESPNC,
organisation names and the text of its sections, on accent-folded words; typos, prefixes
(« compta » -> comptable) and the lexicon's profession synonyms widen a query word. Answers « what
is there for a sage-femme, in the santé, with a BTS compta? » and says which words match nothing.
"""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from . import lexicon
from .fields import QUESTION_PATTERNS
from .model import Offer
from .normalize import find_communes, fold, provinces, words
from .questions import normalised

# Where a word is found, and how much it counts there.
FIELD_WEIGHTS = (("title", 3.0), ("corps", 2.0), ("domain", 2.0), ("respnc_job", 2.0), ("employer", 1.0),
                 ("direction", 1.0), ("service", 1.0), ("employer_acronym", 1.0), ("direction_acronym", 1.0),
                 ("service_acronym", 1.0))
K1, B = 1.2, 0.5
MIN_SHARE = 0.35  # offers scoring under this share of the best are left out


@dataclass
class Ranking:
    offers: list[tuple[Offer, float]]  # best first
    unmatched: list[str]  # query words that no notice contains (« boulanger »)
    searched: list[str]  # the query words that were looked for


class FullText:
    def __init__(self, offers: list[Offer], stopwords: set[str]):
        self.offers = offers
        self._stopwords = stopwords
        counts: dict[str, dict[int, float]] = {}
        lengths = np.zeros(len(offers))
        for position, offer in enumerate(offers):
            bag: dict[str, float] = {}
            texts = [(getattr(offer, name) or "", weight) for name, weight in FIELD_WEIGHTS]
            texts += [(body, 1.0) for body in offer.sections.values()]
            for text, weight in texts:
                for word in words(text):
                    if len(word) > 1 and word not in stopwords:
                        bag[word] = bag.get(word, 0.0) + weight
            lengths[position] = sum(bag.values())
            for word, weight in bag.items():
                counts.setdefault(word, {})[position] = weight
        self.vocabulary = sorted(counts)
        self._docs = [np.fromiter(counts[w].keys(), dtype=np.int32) for w in self.vocabulary]
        self._tf = [np.fromiter(counts[w].values(), dtype=np.float64) for w in self.vocabulary]
        total = max(len(offers), 1)
        self._idf = np.array([math.log(1 + (total - len(d) + 0.5) / (len(d) + 0.5)) for d in self._docs])
        self._norm = K1 * (1 - B + B * lengths / max(lengths.mean(), 1.0)) if len(offers) else lengths
        self._letters = [w for w in self.vocabulary if not w.isdigit()]

    def query_words(self, text: str) -> list[str]:
        """The words of a message that say what is searched: not small words, question words,
        search fillers (« poste », « je cherche »), places or numbers."""
        folded = normalised(text)
        for pattern in [pattern for _, pattern in QUESTION_PATTERNS] + [lexicon.STILL_OPEN, lexicon.HOW_TO_APPLY,
                                                                       lexicon.SEARCH_FILLER_PHRASES]:
            folded = re.sub(pattern, " ", folded)
        places = {w for name in find_communes(text) for w in words(name)}
        places |= {w for key in provinces() if key in folded for w in key.split()}
        return [w for w in dict.fromkeys(words(folded))
                if len(w) > 2 and not w.isdigit() and w not in places
                and not ({w, w.rstrip("sx")} & (self._stopwords | lexicon.SEARCH_FILLER_WORDS))]

    def _position(self, word: str) -> int | None:
        position = bisect.bisect_left(self.vocabulary, word)
        return position if position < len(self.vocabulary) and self.vocabulary[position] == word else None

    def expand(self, word: str) -> list[str]:
        """Notice words standing for a query word: itself, its synonyms, words it begins (« compta »)
        or that begin it (« infirmiere » -> infirmier), and close spellings."""
        wanted = [word, *lexicon.PROFESSION_SYNONYMS.get(word, ())]
        found = []
        for term in wanted:
            for candidate in words(term):
                if self._position(candidate) is not None:
                    found.append(candidate)
                if len(candidate) >= 4:
                    start = bisect.bisect_left(self.vocabulary, candidate)
                    while start < len(self.vocabulary) and self.vocabulary[start].startswith(candidate):
                        found.append(self.vocabulary[start])
                        start += 1
                for size in range(len(candidate) - 1, 4, -1):  # « infirmiere » -> « infirmier »
                    if self._position(candidate[:size]) is not None:
                        found.append(candidate[:size])
                        break
                if len(candidate) >= 5:
                    found += [match for match, _, _ in process.extract(candidate, self._letters, scorer=fuzz.ratio,
                                                                       score_cutoff=88, limit=4)]
        return list(dict.fromkeys(found))

    def rank(self, text: str, allowed: set[int] | None = None) -> Ranking:
        searched = self.query_words(text)
        scores = np.zeros(len(self.offers))
        unmatched = []
        for word in searched:
            terms = self.expand(word)
            if not terms:
                unmatched.append(word)
                continue
            best = np.zeros(len(self.offers))
            for term in terms:
                position = self._position(term)
                docs, tf = self._docs[position], self._tf[position]
                contribution = self._idf[position] * tf * (K1 + 1) / (tf + self._norm[docs])
                best[docs] = np.maximum(best[docs], contribution)
            scores += best
        if allowed is not None:
            mask = np.zeros(len(self.offers), dtype=bool)
            mask[list(allowed)] = True
            scores[~mask] = 0.0
        if not scores.any():
            return Ranking([], unmatched, searched)
        top = float(scores.max())
        ranked = sorted((int(p) for p in np.flatnonzero(scores >= MIN_SHARE * top)), key=lambda p: -scores[p])
        return Ranking([(self.offers[p], float(scores[p])) for p in ranked], unmatched, searched)
