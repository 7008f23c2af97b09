"""The sourced knowledge base (`data/knowledge/*.yml`): what the New Caledonia public service's
words mean (corps, détachement, RESPNC…), read and checked whole, and the entry a candidate's
question asks about. Each entry has a topic, the ways candidates ask it, our own short answer and
its sources (URL, title, date checked); the format is in data/knowledge/README.md."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from . import lexicon
from .config import PROJECT_ROOT
from .normalize import fold, words

KNOWLEDGE_DIR = PROJECT_ROOT / "data" / "knowledge"
ENTRY_KEYS = {"id", "topic", "questions", "answer", "sources"}
SOURCE_KEYS = {"url", "title", "checked"}
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A word of the topic or id counts twice one of a way of asking, and four times one of the answer.
TOPIC_WEIGHT, QUESTION_WEIGHT, ANSWER_WEIGHT = 2.0, 1.0, 0.5
TIE_SHARE = 0.95  # entries scoring this close to the best are told apart by how much of their topic the text says
HEAD_SHARE = 0.75  # a term's entry may score this much less than the best when its topic holds the term's first word
MIN_SCORE = 4.0  # below this, the question is about no entry (the idf of one rare word is ~3.6)
# An entry matched this well (several rare words of it) is what a question is about, even while an
# offer is under discussion (« si je me mets en dispo, je suis toujours payé ? »).
CLEAR_SCORE, CLEAR_WORDS = 9.0, 3


class KnowledgeError(ValueError):
    """A knowledge file that cannot be used; the French message names the file and the line."""


@dataclass(frozen=True)
class Source:
    url: str
    title: str
    checked: date


@dataclass(frozen=True)
class Entry:
    id: str
    topic: str
    questions: tuple[str, ...]
    answer: str
    sources: tuple[Source, ...]
    file: str
    line: int


class _Loader(yaml.SafeLoader):
    """YAML mappings that remember their line (for error messages)."""


def _mapping_with_line(loader: _Loader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def _checked_date(value, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise KnowledgeError(f"{where} : date de vérification « {value} » illisible (AAAA-MM-JJ attendu)") from None


def _source(raw, where: str) -> Source:
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{where} : une source doit avoir url, title et checked")
    where = f"{where.rsplit(', ligne', 1)[0]}, ligne {raw.get('__line__')}"
    missing = SOURCE_KEYS - {key for key, value in raw.items() if value}
    if missing:
        raise KnowledgeError(f"{where} : source sans {', '.join(sorted(missing))}")
    if not re.match(r"^https?://\S+$", str(raw["url"])):
        raise KnowledgeError(f"{where} : l'adresse de la source « {raw['url']} » n'est pas une URL http(s)")
    return Source(str(raw["url"]), str(raw["title"]), _checked_date(raw["checked"], where))


def _entry(raw, path: Path) -> Entry:
    line = raw.get("__line__") if isinstance(raw, dict) else "?"
    where = f"{path.name}, ligne {line}"
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{where} : une entrée doit être une fiche (id, topic, questions, answer, sources)")
    unknown = set(raw) - ENTRY_KEYS - {"__line__"}
    if unknown:
        raise KnowledgeError(f"{where} : clé inconnue {', '.join(sorted(unknown))}")
    missing = ENTRY_KEYS - {key for key, value in raw.items() if value}
    if missing:
        what = "sans source" if missing == {"sources"} else f"sans {', '.join(sorted(missing))}"
        raise KnowledgeError(f"{where} : fiche « {raw.get('id', '?')} » {what}")
    if not _ID.match(str(raw["id"])):
        raise KnowledgeError(f"{where} : identifiant « {raw['id']} » invalide (minuscules et tirets)")
    if not isinstance(raw["questions"], list) or not all(isinstance(q, str) for q in raw["questions"]):
        raise KnowledgeError(f"{where} : `questions` doit être une liste de phrases")
    if not isinstance(raw["sources"], list):
        raise KnowledgeError(f"{where} : `sources` doit être une liste")
    return Entry(str(raw["id"]), str(raw["topic"]), tuple(raw["questions"]), " ".join(str(raw["answer"]).split()),
                 tuple(_source(source, where) for source in raw["sources"]), path.name, int(line))


def load(folder: Path = KNOWLEDGE_DIR) -> list[Entry]:
    """Every entry of the folder's YAML files, or KnowledgeError for the first problem: never a
    half-loaded knowledge base."""
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.yml")):
        try:
            spec = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line = mark.line + 1 if mark else "?"
            raise KnowledgeError(f"{path.name}, ligne {line} : YAML illisible ({error.problem})") from None
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            raise KnowledgeError(f"{path.name} : fichier illisible ({error})") from None
        if not isinstance(spec, dict) or not isinstance(spec.get("entries"), list):
            raise KnowledgeError(f"{path.name}, ligne 1 : il faut une liste `entries:`")
        for raw in spec["entries"]:
            entry = _entry(raw, path)
            if entry.id in seen:
                raise KnowledgeError(f"{path.name}, ligne {entry.line} : identifiant « {entry.id} » déjà pris "
                                     f"dans {seen[entry.id]}")
            seen[entry.id] = f"{path.name}, ligne {entry.line}"
            entries.append(entry)
    return entries


def stale(entries: list[Entry], today: date, months: int = 12) -> list[Entry]:
    """Entries whose newest source check is older than `months` months."""
    limit = date(today.year - (months // 12), today.month, min(today.day, 28)) if months % 12 == 0 else None
    if limit is None:
        raise ValueError("months must be a multiple of 12")
    return [entry for entry in entries if max(source.checked for source in entry.sources) < limit]


def _content_words(text: str) -> list[str]:
    folded = re.sub(r"\b([a-z])/([a-z])\b", r"\1\2", re.sub(lexicon.WHAT_IS, " ", fold(text)))  # « H/F » is one word
    return [w for w in words(folded) if len(w) > 1 and w not in lexicon.KNOWLEDGE_STOPWORDS]


class Knowledge:
    """The entries and the one a question is about: idf-weighted words shared with its topic, id
    and ways of asking, close spellings (« detachemnt ») and prefixes (« contractuels ») included."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self._bags: list[dict[str, float]] = []
        for entry in entries:
            bag: dict[str, float] = {}
            for word in _content_words(entry.topic) + _content_words(entry.id.replace("-", " ")):
                bag[word] = TOPIC_WEIGHT
            for question in entry.questions:
                for word in _content_words(question):
                    bag.setdefault(word, QUESTION_WEIGHT)
            for word in _content_words(entry.answer):
                bag.setdefault(word, ANSWER_WEIGHT)
            self._bags.append(bag)
        frequency: dict[str, int] = {}
        for bag in self._bags:
            for word in bag:
                frequency[word] = frequency.get(word, 0) + 1
        total = max(len(entries), 1)
        self._idf = {word: math.log(1 + total / count) for word, count in frequency.items()}
        self._vocabulary = sorted(self._idf)
        self._public_service = lexicon.PUBLIC_SERVICE_WORDS & set(self._idf)

    def _terms(self, word: str) -> list[str]:
        """Entry words standing for a query word: itself, a shared stem of 6+ letters, close spellings
        (a word of the public service at large only as another such word: « fonction » is no « fonctionnel »)."""
        found = [word] if word in self._idf else []
        if word in lexicon.PUBLIC_SERVICE_WORDS:
            return found + [w for w in self._public_service if w != word and w[:6] == word[:6]]
        if len(word) >= 6:
            found += [w for w in self._vocabulary if w != word and len(w) >= 6 and w[:6] == word[:6]
                      and (w.startswith(word) or word.startswith(w) or fuzz.ratio(w, word) >= 80)]
        if not found and len(word) >= 5:
            found = [match for match, _, _ in process.extract(word, self._vocabulary, scorer=fuzz.ratio,
                                                               score_cutoff=85, limit=2)]
        return found

    def scores(self, text: str) -> list[tuple[Entry, float, int]]:
        """Entries sharing at least one word of their topic, id or ways of asking with `text` (words
        only of an answer, « existe depuis », are about nothing), best first, with the number of the
        text's words they share. Words of the public service at large weigh as words of an answer,
        unless the text says nothing else (« la fonction publique calédonienne, c'est quoi ? »)."""
        totals = [0.0] * len(self.entries)
        shared = [0] * len(self.entries)
        on_topic = [False] * len(self.entries)
        content = list(dict.fromkeys(_content_words(text)))
        only_general = all(word in lexicon.PUBLIC_SERVICE_WORDS for word in content)
        for word in content:
            terms = self._terms(word)
            general = word in lexicon.PUBLIC_SERVICE_WORDS and not only_general
            for position, bag in enumerate(self._bags):
                weights = {t: min(bag[t], ANSWER_WEIGHT) if general else bag[t] for t in terms if t in bag}
                if weights:
                    totals[position] += max(self._idf[t] * weight for t, weight in weights.items())
                    shared[position] += not general
                    on_topic[position] |= max(weights.values()) >= QUESTION_WEIGHT
        return sorted(((self.entries[p], s, shared[p]) for p, s in enumerate(totals) if s > 0 and on_topic[p]),
                      key=lambda row: -row[1])

    def is_topic(self, entry: Entry, text: str) -> bool:
        """Every word of `text` is a word of `entry`'s topic or id (« recrutement sur titre »)."""
        bag = self._bags[self.entries.index(entry)]
        content = _content_words(text)
        return bool(content) and all(any(bag.get(t) == TOPIC_WEIGHT for t in self._terms(w)) for w in content)

    def shares_words(self, entry: Entry, text: str) -> bool:
        """Some word of `text` is a word of `entry`'s topic, id or ways of asking."""
        bag = self._bags[self.entries.index(entry)]
        return any(bag.get(t, 0.0) >= QUESTION_WEIGHT for w in _content_words(text) for t in self._terms(w))

    def names_topic(self, entry: Entry, text: str) -> bool:
        """`text` says the entry's topic itself, not only words of its questions: two of its words
        that are no offer words (« la rupture conventionnelle », « susceptible d'être vacant »), or
        its only one, or its acronym (« ACDP »). « le supérieur hiérarchique » does not say « voie hiérarchique »."""
        topic = {w for w in _content_words(entry.topic) if not re.search(lexicon.NOT_A_TERM, w)}
        said = topic & {t for w in _content_words(text) for t in self._terms(w)}
        acronyms = {fold(a) for a in re.findall(r"\b[A-Z]{2,}\b", entry.topic)}  # « ACDP » says the whole topic
        return len(said) >= 2 or (len(topic) == 1 and bool(said)) or bool(said & acronyms)

    def get(self, entry_id: str) -> Entry | None:
        return next((entry for entry in self.entries if entry.id == entry_id), None)

    def find(self, text: str, min_words: int = 1, *, term: bool = False) -> Entry | None:
        """The entry `text` asks about, or None when no entry fits well enough (sharing fewer than
        `min_words` of its words: one word, « premier », is enough only for a question of meaning).
        A `term` (« corps dans la fonction publique ») is about its first word: an entry whose
        topic holds it wins over one scoring a little more on the others (« emploi fonctionnel »)."""
        ranked = self.scores(text)
        if not ranked or ranked[0][1] < MIN_SCORE or ranked[0][2] < min_words:
            return None
        tied = [entry for entry, score, _ in ranked if score >= TIE_SHARE * ranked[0][1]]
        best = max(tied, key=lambda entry: self._topic_share(entry, text))  # « recrutement sur titre »
        head = next(iter(_content_words(text)), None) if term else None
        if head and not self._holds(best, head):
            on_head = [entry for entry, score, _ in ranked if score >= HEAD_SHARE * ranked[0][1] and self._holds(entry, head)]
            return on_head[0] if on_head else best
        return best

    def on_head(self, entry: Entry, term: str) -> bool:
        """The entry's topic or id holds the first word of `term` (« corps » of « corps de la fonction publique »)."""
        head = next(iter(_content_words(term)), None)
        return bool(head) and self._holds(entry, head)

    @staticmethod
    def _holds(entry: Entry, word: str) -> bool:
        """`word` is a word of the entry's topic or id."""
        return word in _content_words(f"{entry.topic} {entry.id.replace('-', ' ')}")

    def clearly_about(self, entry: Entry, text: str) -> bool:
        """`text` shares CLEAR_WORDS words of `entry` or more, scoring CLEAR_SCORE or more."""
        return any(e is entry and score >= CLEAR_SCORE and count >= CLEAR_WORDS for e, score, count in self.scores(text))

    def titled(self, term: str, *, most: bool = False) -> Entry | None:
        """The one entry whose topic or id holds every word of `term` (« DRHFPNC », a word too common
        in the answers to score), or None. With `most`, of several such entries the one whose topic
        says most of it (« un corps »: « Corps et cadre d'emplois », not « Demande de changement de
        corps… »), None on a tie."""
        named = sorted((entry for entry in self.entries if self.is_topic(entry, term)),
                       key=lambda entry: -self._topic_share(entry, term))
        if len(named) > 1 and (not most or self._topic_share(named[0], term) == self._topic_share(named[1], term)):
            return None
        return named[0] if named else None

    def _topic_share(self, entry: Entry, text: str) -> float:
        """How much of the entry's topic the text says (ties: « Recrutement sur titre » before « Voies
        de recrutement (concours, titre…) »)."""
        topic = set(_content_words(entry.topic))
        said = {t for w in _content_words(text) for t in self._terms(w)}
        return len(topic & said) / len(topic) if topic else 0.0
