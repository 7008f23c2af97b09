"""`make preview FILE=path/to/notice.md`: how the bot reads one notice, in French, before it goes
into OFFERS_DIR: each field under its label (offers_index/fields.py), each warning, and the answer
the bot would give to « date limite ? » (actions/templates.py, the same sentence as in the chat).

    python -m bot.preview FILE

Exit 0: the notice is read; 1: it is refused (every problem is named); 2: no file given, or the
file is missing or unreadable. The notice is read alone: a repost of another offer of OFFERS_DIR is
not linked here as it is in the index.
"""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from actions import templates
from offers_index import OfferError, format_date, parse_file, today
from offers_index.fields import FIELDS, label_of
from offers_index.model import Offer
from offers_index.report import refusal_lines

USAGE = "usage : make preview FILE=chemin/vers/avis.md   (ou : python -m bot.preview FICHIER)"
LONG_VALUE = 160  # characters shown of a long value (missions, details); the rest is « … »
# The section the field « détails » is read from (the parser's section name); « missions » is Offer.missions.
SECTION_OF = {"details": "Détails de l'offre"}
DEADLINE_QUESTION = "date limite ?"


def _value(offer: Offer, name: str, attribute: str) -> str | None:
    if name == "missions":
        value = offer.missions
    elif name in SECTION_OF:
        value = offer.sections.get(SECTION_OF[name])
    else:
        value = getattr(offer, attribute, None)
    if value and name in ("deadline", "published_on"):
        return format_date(date.fromisoformat(value))
    if not value:
        return None
    text = " ".join(str(value).split())
    return text if len(text) <= LONG_VALUE else text[:LONG_VALUE].rsplit(" ", 1)[0] + " …"


def describe(offer: Offer, day: date) -> list[str]:
    """The lines of the preview of a notice the parser read."""
    lines = [f"Avis : {offer.source}", f"Intitulé : {offer.title}"]
    width = max(len(field.short_label) for field in FIELDS)
    for field in FIELDS:
        value = _value(offer, field.name, field.offer_attribute)
        label = field.short_label[0].upper() + field.short_label[1:]
        lines.append(f"  {label.ljust(width)} : {value if value else '(non indiqué)'}")
    if offer.warnings:
        lines.append(f"Avertissements ({len(offer.warnings)}) :")
        lines += [f"  - {label_of(warning.field)} : {warning.message}" for warning in offer.warnings]
    else:
        lines.append("Avertissements : aucun")
    lines.append(f"Réponse du bot à « {DEADLINE_QUESTION} » (aujourd'hui : {format_date(day)}) :")
    lines += [f"  {line}" for line in templates.field_answer("deadline", offer, day).splitlines()]
    return lines


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not args[0].strip():
        print(USAGE, file=sys.stderr)
        return 2
    path = Path(args[0])
    if not path.exists():
        print(f"erreur : fichier introuvable : {path}", file=sys.stderr)
        return 2
    if not path.is_file():
        print(f"erreur : {path} n'est pas un fichier (un avis est un fichier .md ou .txt)", file=sys.stderr)
        return 2
    try:
        day = today()
    except ValueError as error:  # a BOT_TODAY that is no date
        print(f"erreur : {error}", file=sys.stderr)
        return 2
    try:
        offer = parse_file(path)
    except OfferError as error:
        if error.field_name in ("fichier", "encodage") and len(error.problems) == 1:
            print(f"erreur : {path} : {error.problem}", file=sys.stderr)  # unreadable: nothing to show
            return 2
        print("\n".join(refusal_lines(error, prefix="refusé : ")))
        print("Le bot ne servirait pas cet avis : corrigez ces points puis relancez make preview.")
        return 1
    print("\n".join(describe(offer, day)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
