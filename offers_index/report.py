"""French lines for HR about what the index made of the notices: a refused notice with every
problem at once, and the one line logged at each reload of the offers."""
from __future__ import annotations

from pathlib import Path

from .fields import label_of
from .model import Offer, OfferError

TITLE_CHARS = 40  # a title in the reload line is cut after this many characters (« Psychologue - service… »)


def refusal_lines(error: OfferError, *, prefix: str = "ignoré : ") -> list[str]:
    """« ignoré : <file>: <field>: <problem> » when there is one problem and nothing else, else the
    file then each problem and each other warning on its own indented line."""
    if len(error.problems) == 1 and not error.warnings:
        return [f"{prefix}{error}"]
    lines = [f"{prefix}{error.source} : {len(error.problems)} problème(s) qui empêchent de l'indexer"
             if len(error.problems) > 1 else f"{prefix}{error.source} : l'avis ne peut pas être indexé"]
    lines += [f"  {field} : {problem}" for field, problem, _ in error.problems]
    lines += [f"  à vérifier aussi — {label_of(warning.field)} : {warning.message}" for warning in error.warnings]
    return lines


def short_title(title: str) -> str:
    if len(title) <= TITLE_CHARS:
        return title
    return title[:TITLE_CHARS].rsplit(" ", 1)[0].rstrip(" -–,") + "…"


def _names(offers: list[Offer]) -> str:
    return ", ".join(short_title(offer.title) for offer in offers)


def reload_line(offers: list[Offer], refused: list[dict], previous: list[Offer] | None) -> str:
    """« 37 offres chargées (+1 : Psychologue…, 1 ignorée : fichier.md — intitulé absent) »: added,
    removed and changed offers (by file) since `previous` (None: the first load), and the refused
    files ({"source", "summary"}) by name."""
    count = len(offers)
    head = f"{count} offre{'s' if count != 1 else ''} chargée{'s' if count != 1 else ''}"
    parts = []
    if previous is not None:
        before = {offer.source: offer for offer in previous}
        now = {offer.source: offer for offer in offers}
        added = [offer for source, offer in now.items() if source not in before]
        removed = [offer for source, offer in before.items() if source not in now]
        changed = [offer for source, offer in now.items() if source in before and offer.to_json() != before[source].to_json()]
        if added:
            parts.append(f"+{len(added)} : {_names(added)}")
        if removed:
            parts.append(f"−{len(removed)} : {_names(removed)}")
        if changed:
            parts.append(f"{len(changed)} modifiée{'s' if len(changed) > 1 else ''} : {_names(changed)}")
    if refused:
        files = ", ".join(f"{Path(item['source']).name} — {item['summary']}" for item in refused)
        parts.append(f"{len(refused)} ignorée{'s' if len(refused) > 1 else ''} : {files}")
    if not parts and previous is not None:
        parts.append("aucun changement")
    return head + (f" ({', '.join(parts)})" if parts else "")
