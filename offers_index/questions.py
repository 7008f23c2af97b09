"""What a candidate's message asks about an offer, read from its words (any register, SMS or
English), whatever intent the NLU gave it: the fields asked, in the order asked, whether the offer
is still open, how to apply, what it pays. The words live in fields.py and lexicon.py."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from . import lexicon
from .fields import NOTICE_LABELS, QUESTION_PATTERNS
from .normalize import fold


@dataclass(frozen=True)
class Asked:
    kind: str  # "field", "still_open", "how_to_apply" or "pay"
    field: str | None = None
    position: int = 0
    words: str = ""  # the words that ask it

    def as_question(self) -> dict:
        return {"kind": "field", "field": self.field} if self.kind == "field" else {"kind": self.kind}


@lru_cache(maxsize=256)  # every precheck of a message reads it again
def normalised(text: str) -> str:
    """Folded text with SMS spellings written out and question words' typos corrected."""
    words = []
    for word in re.findall(r"[a-z0-9']+|[^a-z0-9'\s]", fold(text)):
        word = lexicon.SMS_WORDS.get(word, word)
        glued = re.fullmatch(lexicon.ELISION + r"([aeiouyh][a-z]+)", word)
        if glued and word[:glued.start(1)] in lexicon.ELIDED_WORDS.get(glued.group(1), ()):  # « ladresse » -> « l'adresse »
            word = f"{word[:glued.start(1)]}'{glued.group(1)}"
        if len(word) >= 5 and word not in lexicon.QUESTION_KEYWORDS:
            close = process.extractOne(word, lexicon.QUESTION_KEYWORDS, scorer=fuzz.ratio, score_cutoff=88)
            inflected = close and (word.startswith(close[0]) or close[0].startswith(word))  # « diplômée », « mission »
            word = close[0] if close and not inflected else word
        words.append(word)
    return " ".join(words)


def after_correction(text: str) -> str:
    """The part of a message that counts: after « ah non, plutôt … » when the candidate corrects
    themself in the same message."""
    folded = normalised(text)
    corrections = list(re.finditer(lexicon.CORRECTION, folded))
    return folded[corrections[-1].end():] if corrections else folded


def without_questions(text: str) -> str:
    """The message without the words that ask a field (« lieu de travail », « date limite »): what
    is left may name an offer (« travail » there names no « Inspecteur du travail »)."""
    folded = after_correction(text)
    for pattern in [label for label in NOTICE_LABELS.values()] + [pattern for _, pattern in QUESTION_PATTERNS]:
        folded = re.sub(pattern, " ", folded)
    return folded


def questions_in(text: str) -> list[Asked]:
    """The questions of a message in the order asked (« la date limite et le lieu ? » -> deadline,
    location); a field is asked once. « où » alone counts only when it is the message's only field."""
    folded = after_correction(text)
    found: list[Asked] = []
    for name, pattern in QUESTION_PATTERNS:
        matches = list(re.finditer(pattern, folded))  # « ou » alone is the weakest sign of a place: another beats it
        match = next((m for m in matches if m.group(0) != "ou"), matches[0]) if matches else None
        if match:  # its words whole (« services », not « service »), for outside_title
            found.append(Asked("field", name, match.start(), _whole_words(folded, match)))
    for kind, pattern in (("still_open", lexicon.STILL_OPEN), ("how_to_apply", lexicon.HOW_TO_APPLY),
                          ("pay", lexicon.PAY_QUESTION)):
        match = re.search(pattern, folded)
        if match:
            found.append(Asked(kind, None, match.start(), match.group(0)))
    # « par courrier ou par mail » is not « où ? », « c'est où exactement » is; nor is « ou » where the
    # writer puts accents but none on it (« lié aux aérodromes ou à la navigation aérienne ? »)
    if len(found) > 1 or (re.search(lexicon.ACCENTED, text) and not re.search(lexicon.WHERE_ACCENTED, text)):
        found = [a for a in found if not (a.field == "location" and re.fullmatch(r"ou", folded[a.position:a.position + 2])
                                          and not re.search(lexicon.WHERE_AFTER, folded[a.position:a.position + 12])
                                          and not re.search(lexicon.WHERE_BEFORE, folded[:a.position]))]
    found = [a for a in found if not (a.field == "published_on"  # « celui publié en 2025 » names a posting
                                      and re.match(lexicon.POSTING_DATE_AFTER, folded[a.position + len(a.words):]))]
    if re.search(lexicon.WHERE_TO_GET, folded):  # « où télécharger la fiche ? »
        found = [a for a in found if a.field != "location"]
    if re.search(lexicon.CONTRACT_END, folded):  # the contract's end, a topic of the text
        found = [a for a in found if a.field not in ("deadline", "missions")]
    if any(a.kind == "pay" for a in found):  # « grille 3 catégorie B, ça fait combien ? »: the grade says whose pay
        found = [a for a in found if not (a.field == "corps" and re.match(r"categorie|grade", a.words)
                                          and not re.search(r"\bquel(?:le)?s? (?:est )?(?:la |le )?$", folded[:a.position]))]
    described = re.search(lexicon.OPEN_ONE, folded) or re.search(lexicon.CLOSED_ONE, folded)
    if described:  # « le num pr celui qui est encore ouvert »: « ouvert » says which offer, it asks nothing
        found = [a for a in found if not (a.kind == "still_open" and described.start() <= a.position < described.end())]
    if any(a.kind == "still_open" for a in found):
        found = [a for a in found if a.field != "deadline"]  # « encore ouverte jusqu'à quand ? » is one question
    if any(a.field == "deadline" for a in found) and re.search(lexicon.DEADLINE_TO_APPLY, folded):
        found = [a for a in found if a.kind != "how_to_apply"]  # « jusqu'à quel jour pour envoyer le dossier ? »
    return sorted(found, key=lambda a: a.position)


def clauses(text: str) -> list[str]:
    """The message cut where a new question begins (folded parts, empty ones dropped)."""
    return [part.strip() for part in re.split(lexicon.NEXT_QUESTION, after_correction(text)) if part.strip(" ,.!")]


def _whole_words(text: str, match: re.Match) -> str:
    end = match.end()
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[match.start():end]


def outside_title(asked: list[Asked], title: str) -> list[Asked]:
    """Without the « questions » that are words of the offer's own title (« date limite pour le
    chef de service ? » asks the deadline, not the service)."""
    title_words = f" {' '.join(re.findall(r'[a-z0-9]+', fold(title)))} "
    return [a for a in asked if not (a.words.strip() and f" {a.words.strip()} " in title_words)]


def words_outside_title(text: str, title: str) -> str:
    """The message's folded words that are not words of the title (« qui contacter pour le chargé
    de contact clientèle ? » keeps « contacter », not « contact »)."""
    title_words = set(re.findall(r"[a-z0-9]+", fold(title)))
    return " ".join(w for w in re.findall(r"[a-z0-9']+", fold(text)) if w not in title_words)


def about(asked: list[Asked], title: str) -> list[Asked]:
    """`outside_title`, keeping at least the first question."""
    return outside_title(asked, title) or asked[:1]
