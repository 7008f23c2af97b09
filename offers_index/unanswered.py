"""Questions the knowledge base does not cover, kept for HR in one SQLite table (`unanswered`):
when, which term, and the question's words with nothing personal left (numbers, e-mail
addresses, phone numbers and every clause but the one that asks are removed). What a candidate
says of their residence, citizenship or contact stays in their conversation only."""
from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from . import lexicon
from .clock import now
from .config import unanswered_db
from .normalize import fold_same_length

_SCHEMA = "CREATE TABLE IF NOT EXISTS unanswered (asked_at TEXT NOT NULL, term TEXT NOT NULL, question TEXT NOT NULL)"


def _term(found: re.Match | None) -> str:
    if not found:
        return ""
    term = found.group("term").strip()
    folded = fold_same_length(term)
    start, end = re.match(lexicon.TERM_BEFORE, folded).end(), re.search(lexicon.TERM_AFTER, folded).start()
    acronym = re.search(r"\b[A-Z]{2,}\b", term)
    if acronym and acronym.start() < start:  # « le CET »: an acronym, not the determiner « cet »
        start = acronym.start()
    if re.search(lexicon.NOT_A_TERM_START, folded[start:]):  # « dans l'annonce, c'est quoi … »; not « au fait, la DRHFPNC »
        return ""
    words = re.findall(r"[a-z0-9/]+", folded[start:end])
    if all(w in lexicon.GENERIC_TERM_WORDS or w in lexicon.KNOWLEDGE_STOPWORDS for w in words) and not acronym:
        return ""
    return term[start:end].strip()


def _meaning(text: str) -> re.Match | None:
    for pattern in (lexicon.MEANING_OF, lexicon.TERM_THEN_MEANING):  # « la fiche c quoi exactement ? »
        found = re.search(pattern, text, re.IGNORECASE)
        if _term(found):
            return found
    return None


def asked_term(text: str) -> str | None:
    """The term a question of meaning asks about (« c'est quoi le FIPHFP ? » -> « FIPHFP »), without
    the words around it (« exactement »)."""
    return _term(_meaning(text)) or None


def scrubbed(text: str) -> str:
    """Only the words that ask (« c'est quoi le X »), without e-mail addresses, numbers or phones."""
    text = re.sub(lexicon.EMAIL, " ", text)
    found = _meaning(text)
    asking = found.group(0) if found else text
    asking = re.sub(r"\+?\d[\d\s./-]*", " ", asking)
    return re.sub(r"\s+", " ", asking).strip(" ,;:.")


def record(term: str, question: str, path: Path | None = None) -> None:
    path = path or unanswered_db()
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as db:
        db.execute(_SCHEMA)
        db.execute("INSERT INTO unanswered VALUES (?, ?, ?)",
                   (now().isoformat(timespec="seconds"), scrubbed(term), scrubbed(question)))


def report(path: Path | None = None) -> list[tuple[str, int, str]]:
    """(term, how many times, last asked), most asked first."""
    path = path or unanswered_db()
    if not path.exists():
        return []
    with sqlite3.connect(path) as db:
        db.execute(_SCHEMA)
        return db.execute("SELECT lower(term), count(*), max(asked_at) FROM unanswered GROUP BY lower(term) "
                          "ORDER BY count(*) DESC, max(asked_at) DESC").fetchall()
