"""Passage retrieval in one offer's text: the sentences that best answer a question.

Questions are matched against topics (data/topics.json): a topic tells which words to look for
in the offer and whether the offer speaks of it at all, so that "what is the salary?" gets
"the offer does not say" rather than a loosely related sentence.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from . import lexicon
from .model import Offer
from .normalize import fold, words
from .questions import normalised
from .search import STOPWORDS

_TOPICS_FILE = Path(__file__).with_name("data") / "topics.json"
_QUESTION_NOISE = set(words(
    "quel quelle quels quelles combien comment pourquoi quand qui quoi est-ce c'est y a-t-il il y a "
    "dans pour le poste l'offre offre cette ce sur peux pouvez tu vous dire savoir connaitre aimerais "
    "voudrais faut-il faut dois je on nous avoir avez ont est sont"))


@dataclass(frozen=True)
class Topic:
    name: str
    label: str
    question: tuple[str, ...]
    evidence: tuple[str, ...]
    expand: tuple[str, ...]


@dataclass(frozen=True)
class Passage:
    section: str
    text: str
    score: float


@lru_cache(maxsize=1)
def topics() -> tuple[Topic, ...]:
    data = json.loads(_TOPICS_FILE.read_text(encoding="utf-8"))
    return tuple(Topic(name, spec["label"], tuple(map(fold, spec["question"])), tuple(map(fold, spec["evidence"])),
                       tuple(map(fold, spec["expand"])))
                 for name, spec in data.items() if not name.startswith("_"))


def _contains(folded_text: str, phrase: str) -> bool:
    return re.search(r"(?<![a-z0-9])" + re.escape(phrase) + r"(?![a-z0-9])", folded_text) is not None


def topic_of(question: str) -> Topic | None:
    """The topic a question is about, by its words ("c'est payé combien ?" -> salary), else by
    its words with SMS spellings and typos mended (« cb de perssonnes ds le service »)."""
    for folded in (fold(question), normalised(question)):
        best, best_length = None, 0
        for topic in topics():
            for phrase in topic.question:
                if _contains(folded, phrase) and len(phrase) > best_length:
                    best, best_length = topic, len(phrase)
        if best:
            return best
    return None


def is_a_topic(term: str) -> bool:
    """Is a term asked a topic of the notices (« les horaires », « le contact pr des renseignements »),
    rather than a term of its own made on a topic's word (« l'indemnité d'éloignement »)?"""
    folded = fold(term)
    topic = topic_of(term)
    if topic is None:
        return False
    for phrase in topic.question:
        found = re.search(r"(?<![a-z0-9])" + re.escape(phrase) + r"(?![a-z0-9])", folded)
        complement = found and re.match(lexicon.NOUN_COMPLEMENT, folded[found.end():])
        if complement and complement.group(1) not in STOPWORDS:
            return False
    return True


def offer_text(offer: Offer) -> str:
    return "\n".join(offer.sections.values())


def speaks_of(offer: Offer, topic: Topic) -> bool:
    folded = fold(offer_text(offer))
    return any(_contains(folded, phrase) for phrase in topic.evidence)


def sentences(offer: Offer) -> list[tuple[str, str]]:
    """(section, sentence or bullet line) for every section of the offer; a lead-in goes with the
    sentence after it: a line that ends with a colon, or a section's short first line without a
    full stop (« Savoir / Connaissance / Diplôme exigé »)."""
    found: list[tuple[str, str]] = []
    for section, text in offer.sections.items():
        lead_in = False
        for number, line in enumerate(text.splitlines()):
            bullet = line.lstrip().startswith(("-", "•", "●"))  # a list's first item leads nothing in
            line = line.strip(" -•●")
            for sentence in re.split(r"(?<=[.!?;])\s+(?=[A-ZÉÈÀÂÎ])", line):
                sentence = sentence.strip()
                if len(sentence) < 3:
                    continue
                if lead_in:
                    found[-1] = (section, f"{found[-1][1]} {sentence}")
                else:
                    found.append((section, sentence))
                lead_in = sentence.endswith(":") or (
                    number == 0 and not bullet and len(sentence.split()) <= 8 and not re.search(r"[.!?;]$", sentence)
                    and not lead_in)
    return found


def best_passages(offer: Offer, question: str, *, limit: int = 2, topic: Topic | None = None) -> list[Passage]:
    """The sentences of `offer` most relevant to `question`, best first (empty when none is)."""
    topic = topic or topic_of(question)
    query_words = [w for w in words(question) if w not in STOPWORDS and w not in _QUESTION_NOISE]
    if topic:
        query_words += [w for phrase in topic.expand for w in words(phrase)]
    if not query_words:
        return []
    query_set = set(query_words)
    scored = []
    for section, sentence in sentences(offer):
        sentence_words = set(words(sentence)) | set(words(section))
        exact = len(query_set & sentence_words)
        fuzzy = sum(1 for q in query_set - sentence_words if len(q) >= 5
                    and any(fuzz.ratio(q, w) >= 85 for w in sentence_words if len(w) >= 5))
        if not exact and not fuzzy:
            continue
        score = exact + 0.7 * fuzzy + 0.01 * fuzz.token_set_ratio(" ".join(query_words), fold(sentence))
        scored.append(Passage(section, sentence, score))
    scored.sort(key=lambda passage: -passage.score)
    if not scored:
        return []
    threshold = max(1.0, scored[0].score * 0.6)
    return [passage for passage in scored[:limit] if passage.score >= threshold]
